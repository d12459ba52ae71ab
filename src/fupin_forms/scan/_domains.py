"""Is an e-mail's domain one that can exist? Checked against the Public Suffix List.

A misread top-level domain is a silent error the other evidence misses: ``gaohx58@sina.con``
for ``sina.com`` read at 0.99, every character in the e-mail charset, the grammar satisfied.
What the hand wrote is always a real domain, so a domain whose suffix is on no list
(``.con``, ``.corn``, ``.c0m``) is a misreading. The list is the ICANN part of the Public
Suffix List as the ``publicsuffixlist`` package ships it (offline, no download at run time),
loaded on first use (~60 ms), never at import: the command line starts without it.
"""

from __future__ import annotations

from functools import cache
from typing import Any

__all__ = ["real_domain"]


@cache
def _psl() -> Any:
    from publicsuffixlist import PublicSuffixList

    # unknown suffixes are not accepted; private suffixes (blogspot.com) are not mail hosts
    return PublicSuffixList(accept_unknown=False, only_icann=True)


def real_domain(domain: str) -> bool:
    """A name registered under a public suffix (``sina.com``, ``mail.sdu.edu.cn``), never
    a bare suffix (``com``) or a name under a suffix no registry runs (``sina.con``)."""
    name = domain.strip().lower().rstrip(".")
    if not name or ".." in name:
        return False
    return _psl().privatesuffix(name) is not None
