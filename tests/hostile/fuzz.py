"""Mutation fuzzing of valid inputs: byte flips, zip member edits, XML edits (issue 8).

``mutants(kind, seed, n)`` yields ``(label, bytes)`` derived from a valid generated file;
``run_case`` feeds one to the reader and classifies the outcome: ``ok`` (parsed), ``refused``
(a ParseError/FupinFormsError with a one-line reason) or ``crash`` (anything else).
"""

from __future__ import annotations

import io
import random
import re
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

from fupin_forms.errors import FupinFormsError

KINDS = ("docx", "pdf", "json", "xlsx")


def seed_file(kind: str) -> bytes:
    """A valid prefilled file of ``kind``, from the bundled samples."""
    import json

    from fupin_forms.api import render_form
    from fupin_forms.records import detect_form, validate_record

    samples = Path(__file__).resolve().parents[2] / "samples"
    name = "annex5_yishui_meng.json" if kind == "xlsx" else "annex4_linyi_meng.json"
    data = json.loads((samples / name).read_text("utf-8"))
    if kind == "json":
        return json.dumps(data, ensure_ascii=False).encode("utf-8")
    model = validate_record(detect_form(data) or "", data).model
    if kind == "xlsx":
        from fupin_forms.render.xlsx import render_ledger_xlsx

        return render_ledger_xlsx([model])  # type: ignore[list-item]
    return render_form("annex4", model, kind)


def _flip(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 16)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def _zip_edit(data: bytes, rng: random.Random) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    names = src.namelist()
    victim = rng.choice(names)
    action = rng.choice(("drop", "truncate", "garbage", "xml"))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name in names:
            body = src.read(name)
            if name == victim:
                if action == "drop":
                    continue
                if action == "truncate":
                    body = body[: rng.randrange(max(1, len(body)))]
                elif action == "garbage":
                    body = rng.randbytes(rng.randint(0, 2048))
                else:
                    body = _xml_edit(body, rng)
            out.writestr(name, body)
    return buffer.getvalue()


def _xml_edit(body: bytes, rng: random.Random) -> bytes:
    text = body.decode("utf-8", "replace")
    tags = [m.start() for m in re.finditer(r"<", text)]
    if not tags:
        return body
    at = rng.choice(tags)
    edit = rng.choice(("cut", "dup", "inject", "attr"))
    if edit == "cut":
        end = text.find(">", at)
        text = text[:at] + text[end + 1 :]
    elif edit == "dup":
        end = text.find(">", at)
        text = text[:at] + text[at : end + 1] * rng.randint(2, 50) + text[at:]
    elif edit == "inject":
        text = (
            text[:at]
            + rng.choice(["<x>", "</w:tc>", "<w:tr>", "&amp", "\x00", "<![CDATA["])
            + text[at:]
        )
    else:
        text = re.sub(
            r'w:val="[^"]*"',
            f'w:val="{rng.randint(-(10**9), 10**9)}"',
            text,
            count=rng.randint(1, 5),
        )
    return text.encode("utf-8", "replace")


def mutants(kind: str, seed: int, n: int) -> Iterator[tuple[str, bytes]]:
    rng = random.Random(seed)
    base = seed_file(kind)
    zipped = kind in ("docx", "xlsx")
    for i in range(n):
        how = rng.choice(("flip", "zip") if zipped else ("flip", "cut"))
        if how == "flip":
            yield f"{kind}-{i}-flip", _flip(base, rng)
        elif how == "zip":
            yield f"{kind}-{i}-zip", _zip_edit(base, rng)
        else:
            yield f"{kind}-{i}-cut", base[: rng.randrange(1, len(base))]


def run_case(kind: str, data: bytes) -> tuple[str, str]:
    """Read ``data`` as a .``kind`` file: (``ok`` | ``refused`` | ``crash``, detail)."""
    from fupin_forms.parse.reader import read_forms
    from fupin_forms.records import validate_record

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"case.{kind}"
        path.write_bytes(data)
        try:
            for parsed in read_forms(path):
                validate_record(parsed.form, parsed.data)
            return "ok", ""
        except FupinFormsError as exc:
            text = str(exc)
            return (
                ("refused", text) if "\n" not in text else ("crash", f"multi-line reason: {text!r}")
            )
        except Exception as exc:  # the finding a fuzzer exists for
            return "crash", f"{type(exc).__name__}: {exc}"
