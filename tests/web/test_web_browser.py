"""A real browser (the system Chromium, driven by Playwright) against ``fupin-forms serve``:
log in, upload the samples folder and a scan, wait for reading, correct a doubtful field,
record a county approval, see the board and the quota view change, download the summary; an
account of another county sees none of it, in pages or API. Skipped without Chromium.

With FUPIN_SCREENSHOTS=DIR set it also writes the screenshots used in docs/.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ._proc import cli, env, free_port, start, stop, wait_for
from .conftest import SAMPLES

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
SCAN = SAMPLES / "scans" / "annex4_hand_midway_rot180.jpg"
USERS = {
    "clerk": ("沂水县科协", "county", "临沂市沂水县", "clerk"),
    "approver": ("沂水县科协", "county", "临沂市沂水县", "approver"),
    "other": ("临沂市兰山区科协", "county", "临沂市兰山区", "clerk"),
}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed")
    import playwright.sync_api  # noqa: F401  (in the test extra: missing is a failure)
    data = tmp_path_factory.mktemp("browser") / "data"
    for name, (office, level, region, role) in USERS.items():
        subprocess.run(
            [
                *cli(),
                "user",
                "add",
                name,
                "--office",
                office,
                "--level",
                level,
                "--region",
                region,
                "--role",
                role,
                "--data",
                str(data),
            ],
            input=f"pw-{name}\n",
            text=True,
            check=True,
            env=env(),
            capture_output=True,
            timeout=120,
        )
    port = free_port()
    proc = start([*cli(), "serve", "--data", str(data), "--port", str(port)])
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: _ok(f"{base}/healthz"), 120, "the server")
        yield base, data
    finally:
        stop(proc)


def _ok(url: str) -> bool:
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return bool(r.status == 200)
    except OSError:
        return False


def _login(browser: Any, base: str, name: str) -> Any:
    page = browser.new_page(viewport={"width": 1366, "height": 768}, accept_downloads=True)
    page.goto(f"{base}/login/")
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", f"pw-{name}")
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")
    return page


def _shot(page: Any, name: str) -> None:
    folder = os.environ.get("FUPIN_SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / name))


def _linyi_total(page: Any, base: str) -> int:
    page.goto(f"{base}/stats/")
    row = page.locator('tr[data-city="临沂"] td.total')
    return int(row.inner_text())


def test_office_day_in_the_browser(server: tuple[str, Path], tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    base, _ = server
    folder = tmp_path / "samples"
    folder.mkdir()
    for p in SAMPLES.glob("*.json"):
        shutil.copy(p, folder / p.name)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            clerk = _login(browser, base, "clerk")
            assert _linyi_total(clerk, base) == 0
            clerk.goto(f"{base}/upload/")
            clerk.set_input_files("#pick-folder", str(folder))
            clerk.set_input_files("#pick-files", str(SCAN))
            clerk.click("#upload button[type=submit]")
            clerk.wait_for_function(
                "document.querySelectorAll('#files tr').length === 7"
                " && document.getElementById('progress').dataset.pending === '0'",
                timeout=300_000,
            )
            _shot(clerk, "workbench-upload.png")
            assert clerk.locator("#files tr").count() == 7
            assert clerk.locator("#files td.st-done").count() == 7

            clerk.goto(f"{base}/")
            _shot(clerk, "workbench-board.png")
            assert clerk.locator("table.board tr[data-form]").count() == 7
            clerk.click("table.board tr:has-text('需核对') a")
            clerk.wait_for_function(
                "document.activeElement && document.activeElement.closest('table.verify tr')"
            )
            url = clerk.url
            focused = clerk.evaluate("document.activeElement.closest('tr').dataset.path")
            assert clerk.locator("tr.doubt").first.get_attribute("data-path") == focused
            _shot(clerk, "workbench-verify.png")
            field = clerk.locator('tr[data-path="villages[2].name"] input[name=value]')
            field.fill("蒙阴县岱崮镇笊篱坪村")
            field.press("Enter")
            clerk.wait_for_load_state()
            assert "已核对" in clerk.locator('tr[data-path="villages[2].name"]').inner_text()
            assert "更正：villages[2].name" in clerk.locator("ol.history").inner_text()
            assert _linyi_total(clerk, base) >= 2

            approver = _login(browser, base, "approver")
            approver.goto(url)
            assert "待县级科协审核" in approver.locator("#stage").inner_text()
            approver.fill("textarea[name=opinion]", "同意推荐。")
            approver.click("#approve")
            approver.wait_for_load_state()
            assert "待市级科协审核" in approver.locator("#stage").inner_text()
            _shot(approver, "workbench-approved.png")
            approver.goto(f"{base}/?stage=city-cast")
            assert approver.locator("table.board tr[data-form]").count() == 1
            approver.goto(f"{base}/stats/")
            _shot(approver, "workbench-stats.png")

            approver.goto(f"{base}/exports/")
            with approver.expect_download() as info:
                approver.click("#dl-summary")
            summary = tmp_path / "汇总.xlsx"
            info.value.save_as(summary)
            from openpyxl import load_workbook

            text = " ".join(
                str(c.value)
                for ws in load_workbook(summary).worksheets
                for row in ws.iter_rows()
                for c in row
            )
            assert "临沂" in text and "孟庆华" in text

            other = _login(browser, base, "other")
            assert other.locator("table.board tr[data-form]").count() == 0
            assert "孟庆华" not in other.content()
            assert other.goto(url).status == 404
            assert _linyi_total(other, base) == 0
            feed = other.request.get(f"{base}/exports/feed.jsonl")
            assert feed.ok and feed.text() == ""
        finally:
            browser.close()
    token = subprocess.run(
        [*cli(), "user", "token", "other", "--data", str(server[1])],
        capture_output=True,
        text=True,
        env=env(),
        timeout=60,
    ).stdout.strip()
    import urllib.request

    request = urllib.request.Request(
        f"{base}/api/forms", headers={"Authorization": f"Token {token}"}
    )
    with urllib.request.urlopen(request, timeout=10) as r:
        assert json.loads(r.read()) == {"forms": []}
