"""A prefilled 附件3/附件4 prints on one page in LibreOffice, whatever font stands in for
仿宋_GB2312: the system's (UKai here) and a tall one (Noto Sans SC, lines 1.45 em), which
pushed a full 附件4's one-line 备注 onto a second page before lines had an exact height."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from fupin_forms.api import render_form
from fupin_forms.models import model_for

from .conftest import SAMPLES, load

SOFFICE = shutil.which("soffice")
pytestmark = [
    pytest.mark.interop,
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed"),
]
FONT = Path(__file__).resolve().parents[1] / "src" / "fupin_forms" / "_fonts" / "NotoSansSC-GBK.ttf"
CASES = sorted(p for p in SAMPLES.glob("annex[34]_*.json"))


def _tall_font_config(tmp: Path) -> Path:
    """fontconfig that knows only our Noto Sans SC as a Chinese font."""
    (tmp / "fonts").mkdir(parents=True)
    shutil.copy(FONT, tmp / "fonts")
    conf = tmp / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"<dir>{tmp / 'fonts'}</dir><cachedir>{tmp / 'cache'}</cachedir>"
        "<selectfont><rejectfont><glob>*ukai*</glob><glob>*uming*</glob><glob>*wqy*</glob>"
        "<glob>*NotoSansCJK*</glob><glob>*NotoSerifCJK*</glob><glob>*droid*</glob>"
        "</rejectfont></selectfont></fontconfig>",
        encoding="utf-8",
    )
    return conf


@pytest.mark.parametrize("font", ["system", "tall"])
def test_prefilled_forms_fit_one_page(tmp_path: Path, font: str) -> None:
    names = []
    for path in CASES:
        form = path.stem.split("_")[0]
        data = render_form(form, model_for(form).model_validate(load(path)), "docx")
        (tmp_path / f"{path.stem}.docx").write_bytes(data)
        names.append(path.stem)
    env = dict(os.environ)
    if font == "tall":
        env["FONTCONFIG_FILE"] = str(_tall_font_config(tmp_path / "fc"))
    subprocess.run(
        [str(SOFFICE), f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), *(f"{tmp_path / n}.docx" for n in names)],
        check=True, capture_output=True, timeout=300, env=env,
    )  # fmt: skip
    pages = {n: len(PdfReader(io.BytesIO((tmp_path / f"{n}.pdf").read_bytes())).pages) for n in names}
    assert pages == dict.fromkeys(names, 1)
    if font == "tall":  # the stand-in really was used
        fonts = PdfReader(tmp_path / f"{names[0]}.pdf").pages[0]["/Resources"]["/Font"]
        used = " ".join(str(f.get_object()["/BaseFont"]) for f in fonts.values())
        assert "NotoSansSC" in used, used
