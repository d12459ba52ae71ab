"""Mutation fuzzing of valid inputs: byte flips, zip member edits, XML edits (issue 8), and
the hostile shapes of issue 13: a DOCTYPE anywhere in any XML part, merged-range bombs,
giant media boxes, lying page counts, check boxes whose /V and /AS disagree, and formula
text in every field (whose summary and disclosure workbooks must hold no live formula).

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


def _doctype(data: bytes, rng: random.Random) -> bytes:
    """A DOCTYPE with an entity at a random tag boundary of a random XML part."""
    src = zipfile.ZipFile(io.BytesIO(data))
    victim = rng.choice([n for n in src.namelist() if n.endswith((".xml", ".rels"))])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name in src.namelist():
            body = src.read(name)
            if name == victim:
                cuts = [m.start() for m in re.finditer(rb"<", body)] or [0]
                at = rng.choice(cuts)
                body = body[:at] + b'<!DOCTYPE d [<!ENTITY e "x">]>' + body[at:]
            out.writestr(name, body)
    return buffer.getvalue()


def _merge_bomb(data: bytes, rng: random.Random) -> bytes:
    """Merged ranges down to row 1,048,576 (and across to XFD) in the first sheet."""
    from openpyxl.utils import get_column_letter

    cells = "".join(
        f'<mergeCell ref="{get_column_letter(c)}{rng.randint(1, 40)}:'
        f'{rng.choice([get_column_letter(c), "XFD"])}1048576"/>'
        for c in rng.sample(range(1, 30), rng.randint(1, 20))
    )

    def edit(body: bytes) -> bytes:
        x = re.sub(rb"<mergeCells[^>]*>.*?</mergeCells>|<mergeCells[^>]*/>", b"", body, flags=re.S)
        return x.replace(
            b"</sheetData>", f"</sheetData><mergeCells>{cells}</mergeCells>".encode(), 1
        )

    src = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name in src.namelist():
            body = src.read(name)
            out.writestr(name, edit(body) if name == "xl/worksheets/sheet1.xml" else body)
    return buffer.getvalue()


def _pdf_shape(data: bytes, rng: random.Random) -> bytes:
    """A giant media box, a lying /Count, or a check box's /AS and /V set apart."""
    edit = rng.choice(("mediabox", "count", "state"))
    if edit == "mediabox":
        big = str(rng.choice([5000, 14400, 200000, 10**9])).encode()
        return re.sub(
            rb"/MediaBox\s*\[[^\]]*\]", b"/MediaBox [0 0 " + big + b" " + big + b"]", data
        )
    if edit == "count":
        return re.sub(
            rb"/Count\s+\d+", b"/Count " + str(rng.choice([0, 1, 10**6, -1])).encode(), data
        )
    swap = rng.choice(
        [(b"/AS /Yes", b"/AS /Off"), (b"/V /Yes", b"/V (Off)"), (b"/V /Yes", b"/V /No")]
    )
    return data.replace(*swap)


_FORMULA_TEXT = ('=SUM(40,2)&"-X"', '=HYPERLINK("http://x.invalid","x")', "+1+1", "@A1", "-2+3")


def _formula_fields(data: bytes, rng: random.Random) -> bytes:
    """Formula-looking text in every text field of a JSON record."""
    import json

    record = json.loads(data)

    def walk(value: object) -> object:
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, str) and not re.fullmatch(r"[\d\-]+", value):
            return rng.choice(_FORMULA_TEXT) + value[: rng.randint(0, 3)]
        return value

    return json.dumps(walk(record), ensure_ascii=False).encode("utf-8")


_SHAPES = {"docx": _doctype, "xlsx": lambda d, r: r.choice((_doctype, _merge_bomb))(d, r),
           "pdf": _pdf_shape, "json": _formula_fields}  # fmt: skip


def mutants(kind: str, seed: int, n: int) -> Iterator[tuple[str, bytes]]:
    rng = random.Random(seed)
    base = seed_file(kind)
    zipped = kind in ("docx", "xlsx")
    for i in range(n):
        how = rng.choice(("flip", "zip", "shape") if zipped else ("flip", "cut", "shape"))
        if how == "flip":
            yield f"{kind}-{i}-flip", _flip(base, rng)
        elif how == "zip":
            yield f"{kind}-{i}-zip", _zip_edit(base, rng)
        elif how == "shape":
            yield f"{kind}-{i}-shape", _SHAPES[kind](base, rng)
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
            forms = read_forms(path)
            for parsed in forms:
                validate_record(parsed.form, parsed.data)
            live = _live_formulas(forms)
            return ("crash", f"live formula in an output: {live}") if live else ("ok", "")
        except FupinFormsError as exc:
            text = str(exc)
            return (
                ("refused", text) if "\n" not in text else ("crash", f"multi-line reason: {text!r}")
            )
        except Exception as exc:  # the finding a fuzzer exists for
            return "crash", f"{type(exc).__name__}: {exc}"


def _live_formulas(forms: list[object]) -> list[str]:
    """Formulas other than our own totals in the summary and disclosure built from ``forms``."""
    from fupin_forms.aggregate import summarize
    from fupin_forms.feed import make_record
    from fupin_forms.render.disclosure import disclosure_rows, render_disclosure_xlsx
    from fupin_forms.render.summary_xlsx import render_summary_xlsx

    source = {"path": "case", "sha256": "0" * 64, "format": "json"}
    records = [make_record(f, source)[0] for f in forms]  # type: ignore[arg-type]
    out = []
    for book in (render_summary_xlsx(summarize(records)),
                 render_disclosure_xlsx(disclosure_rows(records))):  # fmt: skip
        with zipfile.ZipFile(io.BytesIO(book)) as archive:
            for name in archive.namelist():
                if name.startswith("xl/worksheets/sheet"):
                    text = archive.read(name).decode("utf-8")
                    out += [f for f in re.findall(r"<f>([^<]*)</f>", text)
                            if not re.fullmatch(r"SUM\([A-Z]+\d+:[A-Z]+\d+\)", f)]  # fmt: skip
    return out
