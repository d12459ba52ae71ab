"""Many .doc files through ONE LibreOffice process, for the corpus tests.

Why: ``parse_docx`` converts each .doc with its own cold ``soffice`` (a fresh profile, about
2 s of start-up per file), so a corpus of twenty .doc files spent most of a minute starting
LibreOffice. ``soffice --convert-to`` takes many files at once; the corpus tests convert the
files they read in one call (module fixture) and hand each result to the reader where it
would have called LibreOffice itself (``use_converted``). Everything after the conversion —
reading the bytes LibreOffice wrote, the grid, the core, the scores — runs as before; the
per-file conversion function itself stays covered by test_docx_libreoffice (a .doc read with
``parse_docx`` converting it) and test_docx_parse (no LibreOffice: the one-line reason).
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

import pytest

from fupin_forms.parse import docx as docx_module

__all__ = ["convert_many", "use_converted"]


def convert_many(paths: Sequence[Path], outdir: Path) -> dict[Path, Path]:
    """Convert ``paths`` to .docx in one ``soffice`` call: {source (resolved) → .docx}."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice is not None, "callers skip first when LibreOffice is absent"
    stems = [p.stem for p in paths]
    assert len(set(stems)) == len(stems), "one output folder: stems must differ"
    outdir.mkdir(parents=True, exist_ok=True)
    profile = (outdir / "lo-profile").resolve().as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "docx",
         "--outdir", str(outdir), *map(str, paths)],
        check=True, capture_output=True, timeout=60 + 20 * len(paths),
    )  # fmt: skip
    out = {p.resolve(): outdir / f"{p.stem}.docx" for p in paths}
    missing = [p.name for p, d in out.items() if not d.is_file()]
    assert missing == [], f"LibreOffice wrote no .docx for {missing}"
    return out


def use_converted(monkeypatch: pytest.MonkeyPatch, converted: dict[Path, Path]) -> list[Path]:
    """Make the reader's .doc conversion hand back the ready .docx for files in ``converted``
    (any other file is converted as usual); returns the list of sources served, so a test
    can check the reader really went through its .doc path for each of them."""
    real = docx_module.convert_to_docx
    served: list[Path] = []

    def convert(path: str | Path, outdir: str | Path) -> Path:
        source = Path(path).resolve()
        ready = converted.get(source)
        if ready is None:
            return real(path, outdir)
        served.append(source)
        out = Path(outdir) / f"{source.stem}.docx"
        shutil.copyfile(ready, out)  # the reader's own temporary folder, as soffice would
        return out

    monkeypatch.setattr(docx_module, "convert_to_docx", convert)
    return served
