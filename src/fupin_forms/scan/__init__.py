"""Reading printed annexes back from scans and phone photos (see ``parse_scan``).

Pages printed with our marks (``generate -f pdf --marks``): the QR code names the form and
page, the corner markers register the page, the shared geometry says where each field is.
Pages without them (the annex printed from Word, WPS or elsewhere, or our Word form whose
layout the word processor decides): the table is found by its ruling lines and each cell by
its printed label (``_unmarked``). How pages join into forms: ``_pages``.
"""

from __future__ import annotations

from ._images import IMAGE_SUFFIXES
from ._pages import parse_scan
from ._read import REVIEW_THRESHOLD

__all__ = ["IMAGE_SUFFIXES", "REVIEW_THRESHOLD", "parse_scan"]
