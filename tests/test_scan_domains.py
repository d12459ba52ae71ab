"""An e-mail read from a scan must end in a real public suffix (``scan/_domains``): a
misread top-level domain (``sina.con``) passes the e-mail grammar and the recogniser is sure
of it, so the suffix list is the evidence that doubts it."""

from __future__ import annotations

import pytest

from fupin_forms.scan._domains import real_domain
from fupin_forms.scan._evidence import DOUBT, grammar_cap


@pytest.mark.parametrize("domain", ["sina.com", "163.com", "qq.com", "126.com", "mail.sdu.edu.cn",
                                    "sina.com.cn", "SINA.COM", "foxmail.com"])  # fmt: skip
def test_real_domains(domain: str) -> None:
    assert real_domain(domain)


@pytest.mark.parametrize("domain", ["sina.con", "qq.corn", "163.c0m", "163com", "com", "com.cn",
                                    "", "sina..com", "126.cmo"])  # fmt: skip
def test_domains_no_registry_runs(domain: str) -> None:
    assert not real_domain(domain)


def test_an_email_with_a_misread_suffix_is_doubted() -> None:
    assert grammar_cap("email", "gaohx58@sina.com") == 1.0
    assert grammar_cap("email", "gaohx58@sina.con") == DOUBT
    assert grammar_cap("expert.email", "wangjg79@163.corn") == DOUBT
    # other fields do not care what a domain-like text ends in
    assert grammar_cap("address", "sina.con") == 1.0
