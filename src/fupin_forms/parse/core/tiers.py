"""Confidence tiers, the same for every format, and the one review threshold.

* ``EXACT``: the annex's own printed label found the value, nothing disagrees.
* ``VARIANT``: a listed variant of the label (``姓名`` for ``申报人姓名``). Still above the
  threshold: the variants are a closed list written down per field, each naming that field
  only, so a variant match is as specific as the printed label; what it cannot tell is
  whether a clerk meant something else, which is why it ranks below ``EXACT`` in review.
* ``POSITION``: found by where it sits alone (no label), below the threshold.
* ``CONFLICT``: two readings disagree (two category boxes ticked, one label twice with two
  values): below the threshold and named by an issue.
"""

from __future__ import annotations

__all__ = ["CONFLICT", "EXACT", "INFERRED", "POSITION", "REVIEW_THRESHOLD", "VARIANT"]

REVIEW_THRESHOLD = 0.8  # below it a person looks at the value (review page, scan reader)
EXACT = 0.97
VARIANT = 0.88
INFERRED = 0.7  # completed by a rule (a ledger date's year), flagged by an issue
POSITION = 0.6
CONFLICT = 0.5
