"""Reading printed annexes back from scans and phone photos (see ``parse_scan``).

Pages printed with our marks (``generate -f pdf --marks``): the QR code names the form and
page, the corner markers register the page, the shared geometry says where each field is.
Pages without them (the annex printed from Word, WPS or elsewhere, or our Word form whose
layout the word processor decides): the table is found by its ruling lines and each cell by
its printed label (``_unmarked``). How pages join into forms: ``_pages``.
"""

from __future__ import annotations

from ._images import IMAGE_SUFFIXES, load_pages
from ._pages import parse_scan
from ._read import REVIEW_THRESHOLD
from ._register import Registered, register, to_px

# load_pages, register and to_px: the review page crops what the reader read
__all__ = ["IMAGE_SUFFIXES", "REVIEW_THRESHOLD", "Registered", "load_pages", "parse_scan",
           "register", "to_px"]
