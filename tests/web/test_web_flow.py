"""The workbench end to end with the Django test client: intake, board, verify, approvals,
exports, API, login throttling and CSRF."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from .conftest import PASSWORD, SAMPLES

pytestmark = pytest.mark.django_db

MENG = SAMPLES / "annex4_linyi_meng.json"
HALF = SAMPLES / "invalid" / "annex4_half_stamped_for_city.json"
BAD = SAMPLES / "invalid" / "annex4_bad_values.json"
ZHAO = SAMPLES / "annex4_dezhou_zhao.json"
SCAN = SAMPLES / "scans" / "annex4_hand_midway_rot180.jpg"


def _form(name: str) -> Any:
    from fupin_forms.web.intake.models import Form

    return Form.objects.get(file__name=name)


def test_upload_files_and_zip_stored_once_and_parsed(client_for: Any, settings: Any) -> None:
    client = client_for("yishui_clerk")
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.write(ZHAO, "收件/annex4_dezhou_zhao.json")
        z.writestr("说明.txt", "not a form")
    archive.seek(0)
    archive.name = "batch.zip"
    with open(MENG, "rb") as a, open(MENG, "rb") as again:
        response = client.post(
            "/upload/send", {"file": [a, again, archive]}, HTTP_ACCEPT="application/json"
        )
    assert response.status_code == 202
    ids = response.json()["ids"]
    assert len(ids) == 3 and len(set(ids)) == 2  # the same file twice: stored once
    from fupin_forms.feed import file_sha256
    from fupin_forms.web.intake.models import StoredFile
    from fupin_forms.web.intake.store import stored_path

    meng = StoredFile.objects.get(sha256=file_sha256(MENG))
    assert stored_path(meng.sha256, ".json").read_bytes() == MENG.read_bytes()
    assert meng.state == "done" and meng.forms.count() == 1
    status = client.get("/upload/status").json()
    assert {f["name"] for f in status["files"]} == {MENG.name, "收件/annex4_dezhou_zhao.json"}
    assert status["pending"] == 0


def test_broken_file_is_kept_with_its_reason(client_for: Any, tmp_path: Path) -> None:
    bad = tmp_path / "坏文件.docx"
    bad.write_bytes(b"PK\x03\x04 not really a docx")
    with open(bad, "rb") as handle:
        client_for("yishui_clerk").post("/upload/send", {"file": handle})
    from fupin_forms.web.intake.models import StoredFile

    stored = StoredFile.objects.get(name="坏文件.docx")
    assert stored.state == "error" and stored.error and "\n" not in stored.error


def test_board_shows_region_stage_and_issues_and_filters(client_for: Any, upload: Any) -> None:
    upload("yishui_clerk", MENG, HALF, BAD)
    page = client_for("yishui_clerk").get("/").content.decode()
    assert "孟庆华" in page and "待省科协审核" in page and "待县扶贫办审核" in page
    assert "沂水县" in page and "临沂" in page
    half = _form(HALF.name)
    assert half.ready_for == "county-poverty-office"
    assert any("县扶贫办" in i["message"] for i in half.issues)
    assert _form(BAD.name).status == "invalid"
    only_invalid = client_for("yishui_clerk").get("/?status=invalid").content.decode()
    assert only_invalid.count('data-form="') == 1
    assert (
        client_for("yishui_clerk").get("/?q=不存在的人").content.decode().count('data-form="') == 0
    )


def test_correction_is_an_event_revalidated_and_survives_reparse(
    client_for: Any, upload: Any
) -> None:
    (stored,) = upload("yishui_clerk", BAD)
    form = _form(BAD.name)
    assert form.status == "invalid"
    wrong = [i for i in form.issues if i["severity"] == "error" and i["code"] == "invalid"]
    path = wrong[0]["path"]
    client = client_for("yishui_clerk")
    page = client.get(f"/forms/{form.pk}/").content.decode()
    assert f'value="{path}"' in page
    fixes = {
        "phone": "0539-2251234",
        "postcode": "276400",
        "email": "a@b.cn",
        "filled_on": "2016-03-05",
    }
    for issue in wrong:
        key = issue["path"].split(".")[-1].split("[")[0]
        value = fixes.get(key, "13954912367" if "phone" in key else "2016-03-05")
        assert (
            client.post(
                f"/forms/{form.pk}/correct", {"path": issue["path"], "value": value}
            ).status_code
            == 302
        )
    form.refresh_from_db()
    assert form.status != "invalid", form.issues
    from fupin_forms.web.intake.models import Correction
    from fupin_forms.web.intake.tasks import parse_stored

    event = Correction.objects.filter(form=form, path=path).get()
    assert event.user.username == "yishui_clerk" and event.office == "沂水县科协"
    parse_stored(stored.sha256)  # the same file read again
    form.refresh_from_db()
    assert form.status != "invalid"
    feed = b"".join(client.get("/exports/feed.jsonl").streaming_content).decode()
    record = next(json.loads(line) for line in feed.splitlines() if BAD.name in line)
    assert record["status"] != "invalid"
    assert {c["path"] for c in record["corrections"]} == {i["path"] for i in wrong}
    assert all(c["by"] == "yishui_clerk" for c in record["corrections"])
    import jsonschema

    from fupin_forms.schema import FEED_RECORD_SCHEMA

    jsonschema.Draft202012Validator(FEED_RECORD_SCHEMA).validate(record)


def test_approval_chain_moves_form_from_office_to_office(client_for: Any, upload: Any) -> None:
    upload("yishui_clerk", HALF)
    form = _form(HALF.name)
    url = f"/forms/{form.pk}/approve"
    post = {"decision": "approve", "opinion": "同意。", "signed_on": "2016-04-01"}
    assert client_for("yishui_clerk").post(url, post).status_code == 403  # clerks do not approve
    assert client_for("yishui_approver").post(url, post).status_code == 409  # not at 县级科协 yet
    assert (
        "审核（县扶贫办）"
        in client_for("yishui_poverty").get(f"/forms/{form.pk}/").content.decode()
    )
    for who, then in [
        ("yishui_poverty", "county-cast"),
        ("yishui_approver", "city-cast"),
        ("linyi_city", "province"),
        ("province_admin", "approved"),
    ]:
        assert client_for(who).post(url, post).status_code == 302
        form.refresh_from_db()
        assert form.ready_for == then
    page = client_for("yishui_clerk").get(f"/forms/{form.pk}/").content.decode()
    assert page.count("审核：") == 4 and "省科协已批准" in page
    assert form.data["reviews"]["county_cast"]["stamped"] is True
    stats = client_for("province_admin").get("/stats/").content.decode()
    assert 'id="subsidy-total">4000<' in stats


def test_rejection_keeps_form_at_office(client_for: Any, upload: Any) -> None:
    upload("yishui_clerk", HALF)
    form = _form(HALF.name)
    post = {"decision": "reject", "opinion": "材料不全。", "signed_on": "2016-04-01"}
    client_for("yishui_poverty").post(f"/forms/{form.pk}/approve", post)
    form.refresh_from_db()
    assert form.ready_for == "county-poverty-office"
    assert form.data["reviews"]["county_poverty_office"]["opinion"] == "材料不全。"


def test_stamped_upload_of_another_form_is_refused(client_for: Any, upload: Any) -> None:
    upload("yishui_clerk", HALF)
    form = _form(HALF.name)
    with open(ZHAO, "rb") as handle:
        client_for("yishui_poverty").post(f"/forms/{form.pk}/stamped", {"file": handle})
    from fupin_forms.web.intake.models import StoredFile

    scan = StoredFile.objects.get(name=ZHAO.name)
    assert scan.state == "error" and "不符" in scan.error
    form.refresh_from_db()
    assert form.ready_for == "county-poverty-office" and not form.approvals.exists()
    assert _form_count() == 1  # the stamped copy did not become a second form


def _form_count() -> int:
    from fupin_forms.web.intake.models import Form

    return Form.objects.count()


def test_stamped_copy_is_matched_to_the_form_on_file(
    client_for: Any, upload: Any, tmp_path: Path
) -> None:
    upload("yishui_clerk", HALF)
    target = _form(HALF.name)
    stamped = json.loads(HALF.read_text("utf-8"))
    stamped["reviews"]["county_poverty_office"].update(stamped=True, signed_on="2016-03-20")
    copy = tmp_path / "盖章件.json"
    copy.write_text(json.dumps(stamped, ensure_ascii=False), "utf-8")
    with open(copy, "rb") as handle:
        client_for("yishui_poverty").post(f"/forms/{target.pk}/stamped", {"file": handle})
    target.refresh_from_db()
    assert target.ready_for == "county-cast"  # the copy carries 县扶贫办's stamp
    approval = target.approvals.get()
    assert approval.office_key == "county_poverty_office" and approval.via_scan.name == copy.name
    assert str(approval.signed_on) == "2016-03-20"
    assert _form_count() == 1


def test_scan_doubtful_fields_first_with_crops(client_for: Any, upload: Any) -> None:
    upload("yishui_clerk", SCAN)
    form = _form(SCAN.name)
    assert form.doubtful > 0
    client = client_for("yishui_clerk")
    page = client.get(f"/forms/{form.pk}/").content.decode()
    rows = page.split('<tr class="')[1:]
    assert rows[0].startswith("doubt") and "data:image/jpeg;base64," in rows[0]
    assert "autofocus" in rows[0]
    assert 'class="why">读取存疑：' in rows[0]  # the reader says why it doubts the value
    first = rows[0].split('data-path="')[1].split('"')[0]
    before = form.doubtful

    def notes() -> int:
        return sum(1 for i in form.issues if i["message"].startswith("需人工核对"))

    notes_before = notes()
    value = "是" if first.endswith("stamped") else "核对值"
    client.post(f"/forms/{form.pk}/correct", {"path": first, "value": value})
    form.refresh_from_db()
    assert form.doubtful == before - 1
    assert notes() == notes_before - 1  # the settled field is no longer in doubt
    assert "已核对" in client.get(f"/forms/{form.pk}/").content.decode()


def test_exports_use_the_cli_writers(client_for: Any, upload: Any, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    upload("province_admin", MENG, ZHAO, SAMPLES / "annex5_yishui_meng.json")
    client = client_for("province_admin")
    summary = client.get("/exports/summary.xlsx")
    assert summary.status_code == 200
    book = load_workbook(io.BytesIO(summary.content))
    assert len(book.sheetnames) >= 2
    disclosure = load_workbook(io.BytesIO(client.get("/exports/disclosure.xlsx").content))
    text = " ".join(str(c.value) for row in disclosure.active.iter_rows() for c in row)
    assert "孟庆华" in text and "0539" not in text  # approved, and no phone numbers
    blank = client.post("/exports/generate", {"form": "annex4", "format": "docx"})
    assert blank.status_code == 200 and blank.content[:2] == b"PK"
    from fupin_forms.api import render_many
    from fupin_forms.models import Annex4

    roster = tmp_path / "名册.xlsx"
    experts = [Annex4.model_validate(json.loads(p.read_text("utf-8"))) for p in (MENG, ZHAO)]
    roster.write_bytes(render_many("annex4", experts, "xlsx"))
    with open(roster, "rb") as handle:
        filled = client.post(
            "/exports/generate", {"form": "annex4", "format": "docx", "roster": handle}
        )
    assert filled.status_code == 200
    names = zipfile.ZipFile(io.BytesIO(filled.content)).namelist()
    assert len(names) == 2 and any("孟庆华" in n for n in names)


def test_api_token_files_forms_feed(accounts: Any, client_for: Any) -> None:
    from django.test import Client

    from fupin_forms.web.accounts.models import ApiToken

    token = ApiToken.issue(accounts["yishui_clerk"])
    other = ApiToken.issue(accounts["qingyun_clerk"])
    api = Client()
    assert api.get("/healthz").status_code == 200
    assert api.get("/api/forms").status_code == 401
    assert api.get("/api/forms", HTTP_AUTHORIZATION="Token wrong").status_code == 401
    with open(MENG, "rb") as a, open(HALF, "rb") as b:
        sent = api.post("/api/files", {"file": [a, b]}, HTTP_AUTHORIZATION=f"Token {token}")
    assert sent.status_code == 202
    assert [f["name"] for f in sent.json()["files"]] == [MENG.name, HALF.name]
    forms = api.get("/api/forms", HTTP_AUTHORIZATION=f"Bearer {token}").json()["forms"]
    assert {f["stage"] for f in forms} == {"province", "county-poverty-office"}
    feed = b"".join(api.get("/api/feed", HTTP_AUTHORIZATION=f"Token {token}").streaming_content)
    assert len(feed.decode().splitlines()) == 2
    assert api.get("/api/forms", HTTP_AUTHORIZATION=f"Token {other}").json()["forms"] == []
    empty = b"".join(api.get("/api/feed", HTTP_AUTHORIZATION=f"Token {other}").streaming_content)
    assert empty == b""


def test_login_throttled_after_failures(accounts: Any) -> None:
    from django.core.cache import cache
    from django.test import Client

    cache.clear()
    client = Client()
    assert (
        client.post("/login/", {"username": "yishui_clerk", "password": PASSWORD}).status_code
        == 302
    )
    client = Client()
    for _ in range(5):
        assert (
            client.post("/login/", {"username": "yishui_clerk", "password": "x"}).status_code == 200
        )
    blocked = client.post("/login/", {"username": "yishui_clerk", "password": PASSWORD})
    assert blocked.status_code == 429 and "次数过多" in blocked.content.decode()
    cache.clear()


def test_csrf_is_enforced(accounts: Any) -> None:
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(accounts["yishui_clerk"])
    with open(MENG, "rb") as handle:
        assert client.post("/upload/send", {"file": handle}).status_code == 403


def test_inbox_takes_files_once_their_size_settles(accounts: Any, tmp_path: Path) -> None:
    from fupin_forms.web.intake.inbox import sweep
    from fupin_forms.web.intake.models import StoredFile

    inbox = tmp_path / "inbox"
    (inbox / "批次").mkdir(parents=True)
    (inbox / "批次" / MENG.name).write_bytes(MENG.read_bytes())
    assert sweep(inbox) == 0  # first sight: maybe still being copied
    assert sweep(inbox) == 1
    assert StoredFile.objects.get(name=MENG.name).state == "done"
    assert (inbox / "已导入" / "批次" / MENG.name).is_file()
    assert not (inbox / "批次" / MENG.name).exists()
