"""WSGI entry point (waitress, or any WSGI server) for the configured data folder."""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fupin_forms.web.settings")
application = get_wsgi_application()
