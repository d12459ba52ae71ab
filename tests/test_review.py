"""The review page: one self-contained HTML file, crops beside values, doubtful fields first."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from fupin_forms.api import parse_paths
from fupin_forms.feed import feed_line
from fupin_forms.review import write_review

ROOT = Path(__file__).resolve().parents[1]
SCAN = ROOT / "samples" / "scans" / "annex4_photo_rot90.jpg"  # has doubtful fields
JSON = ROOT / "samples" / "annex4_dezhou_zhao.json"


@pytest.fixture(scope="module")
def feed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("review")
    shutil.copy(SCAN, folder / SCAN.name)
    records = list(parse_paths([folder / SCAN.name, JSON]))
    records[0]["issues"].append(  # as validation reports a value it cannot accept
        {
            "code": "invalid",
            "path": "postcode",
            "severity": "error",
            "message": "邮政编码应为6位数字",
        }
    )
    path = folder / "feed.jsonl"
    path.write_text("".join(feed_line(r) for r in records), "utf-8")
    return path


@pytest.fixture(scope="module")
def page(feed: Path) -> str:
    out = feed.parent / "review.html"
    assert write_review([feed], out) == 2
    return out.read_text("utf-8")


def _rows(section: str) -> list[tuple[str, bool]]:
    return [
        (m.group(2), bool(m.group(1)))
        for m in re.finditer(r'<tr( class=doubt)? data-path="([^"]+)"', section)
    ]


def test_one_section_per_form_with_values_labels_and_confidence(page: str) -> None:
    assert page.count("<section>") == 2
    assert "刘海燕" in page and "菏泽市立医院" in page  # the scan
    assert "赵" in page  # the JSON record's applicant
    assert "申报人姓名" in page and "贫困村名称（第1行）" in page and "项目类别：科普教育类" in page


def test_self_contained_crops_inline_and_nothing_fetched(page: str) -> None:
    scan_section = page.split("<section>")[1]
    crops = re.findall(r'src="data:image/jpeg;base64,[A-Za-z0-9+/=]+"', scan_section)
    assert len(crops) >= 25  # every field of the scan, cut again from the image
    assert not re.search(r'(src|href)="(?!data:)', page)
    assert "<script" not in page and "<link" not in page
    json_section = page.split("<section>")[2]
    assert "data:image" not in json_section and "（无图像）" in json_section


def test_doubtful_fields_first_and_highlighted(page: str, feed: Path) -> None:
    strict = feed.parent / "strict.html"  # a high bar, so some rows are doubtful whatever
    write_review([feed], strict, threshold=0.999)  # the reader's accuracy is today
    section = strict.read_text("utf-8").split("<section>")[1]
    flags = [doubt for _, doubt in _rows(section)]
    assert any(flags) and not all(flags)
    assert flags == sorted(flags, reverse=True)  # all doubtful rows before the rest
    confidences = [float(c) for c in re.findall(r'<td class="conf">([\d.]+)</td>', section)]
    doubtful = [c for c, d in zip(confidences, flags, strict=True) if d]
    assert doubtful == sorted(doubtful)  # the least sure first
    assert "需核对" in section and 'class="tag"' in section
    assert re.search(
        r'data-path="postcode">(?:(?!</tr>).)*⚠ 邮政编码应为6位数字', page, re.S
    )  # issues beside values


def test_bad_feed_line_is_reported_and_the_rest_is_written(tmp_path: Path) -> None:
    """Issue 13: one bad line never stops the page; its section says which line and why."""
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        '{"form": "annex4"}\nnot json\n{"form": "annex4", "fields": {"x": {"bbox": [NaN, 1, 2, 3]}}}\n',
        "utf-8",
    )
    out = tmp_path / "review.html"
    assert write_review([feed], out) == 3
    page = out.read_text("utf-8")
    assert "第2行：不是 JSON" in page and "第3行：fields.x.bbox" in page


def test_a_changed_source_shows_no_crops(feed: Path, tmp_path: Path) -> None:
    moved = tmp_path / "feed.jsonl"
    text = feed.read_text("utf-8").replace(str(feed.parent / SCAN.name), SCAN.name)
    moved.write_text(text, "utf-8")  # the source, relative to the feed, now another file
    (tmp_path / SCAN.name).write_bytes(
        (ROOT / "samples" / "scans" / "annex4_print_200.jpg").read_bytes()
    )
    out = tmp_path / "review.html"
    assert write_review([str(moved)], str(out)) == 2
    page = out.read_text("utf-8")
    assert "data:image" not in page and "SHA-256 不符" in page and "刘海燕" in page


def test_opens_in_headless_chromium(page: str, feed: Path) -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("chromium is not on PATH")
    out = feed.parent / "review.html"
    dom = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", out.as_uri()],
        capture_output=True, text=True, timeout=120, check=True,
    ).stdout  # fmt: skip
    assert "刘海燕" in dom and dom.count("<section>") == 2
