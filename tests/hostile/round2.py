"""Issue 13's attacks, generated on demand: each case is a file and the outcome it must have.

``CASES`` maps a file name to ``(what it is, maker, expected)``. ``expected`` is either
``Refused(budget or words)`` — ``check`` says ``[无法读取]`` with that text — or
``Read(predicate)`` — the file is read and ``predicate(forms)`` holds (a flag was raised, the
shown value won …). Big cases are built at test time, streamed, never checked in.

    python -m tests.hostile.round2 OUT_DIR      # write them all, for poking or bench_fuzz
"""

from __future__ import annotations

import io
import json
import re
import sys
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Maker = Callable[[Path], None]
SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@dataclass(frozen=True)
class Refused:
    words: str  # a budget name or words the one-line reason must contain


@dataclass(frozen=True)
class Read:
    check: Callable[[list[Any]], bool]  # over the ParsedForms read from the file
    about: str


Expected = Refused | Read


def _sample(name: str) -> dict[str, Any]:
    return dict(json.loads((SAMPLES / name).read_text("utf-8")))


def _model(name: str) -> Any:
    from fupin_forms.records import validate_record

    data = _sample(name)
    return validate_record("annex5" if "annex5" in name else "annex4", data).model


def _docx(filled: bool = True) -> bytes:
    from fupin_forms.api import render_form

    return render_form("annex4", _model("annex4_linyi_meng.json") if filled else None, "docx")


def _pdf() -> bytes:
    from fupin_forms.api import render_form

    return render_form("annex4", _model("annex4_linyi_meng.json"), "pdf")


def _ledger(rows: int | None = None) -> bytes:
    from fupin_forms.render.xlsx import render_ledger_xlsx

    return render_ledger_xlsx([_model("annex5_yishui_meng.json")])


def _rezip(data: bytes, part: str, edit: Callable[[bytes], bytes]) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            dst.writestr(info.filename, edit(body) if info.filename == part else body)
    return out.getvalue()


def _doc_edit(edit: Callable[[str], str]) -> Maker:
    def make(path: Path) -> None:
        data = _rezip(_docx(), "word/document.xml", lambda b: edit(b.decode()).encode())
        path.write_bytes(data)

    return make


def _sheet_edit(edit: Callable[[str], str]) -> Maker:
    def make(path: Path) -> None:
        path.write_bytes(
            _rezip(_ledger(), "xl/worksheets/sheet1.xml", lambda b: edit(b.decode()).encode())
        )

    return make


# -- Word ------------------------------------------------------------------------------------

_FILLED_ON = re.compile(r"<w:sdt>(?:(?!<w:sdt>).)*?w:val=\"filled_on\".*?</w:sdt>", re.S)


def _years(n: int) -> Maker:
    """填表时间： followed by n × 年, as plain text where the date control was."""
    return _doc_edit(lambda x: _FILLED_ON.sub(f"<w:r><w:t>{'年' * n}</w:t></w:r>", x, 1))


def _control(tag: str, text: str, hidden: bool = False) -> str:
    rpr = "<w:rPr><w:vanish/></w:rPr>" if hidden else ""
    return (
        f'<w:sdt><w:sdtPr>{rpr}<w:tag w:val="{tag}"/></w:sdtPr><w:sdtContent>'
        f"<w:r>{rpr}<w:t>{text}</w:t></w:r></w:sdtContent></w:sdt>"
    )


def _hidden_first(x: str) -> str:
    """A hidden control tagged applicant_name (李四, with a phone) before the visible one."""
    at = x.index('<w:sdt><w:sdtPr><w:rPr><w:sz w:val="21"/><w:szCs w:val="21"/></w:rPr>'
                 '<w:alias w:val="申报人姓名"/>')  # fmt: skip
    return x[:at] + _control("applicant_name", "李四13812345678", hidden=True) + x[at:]


def _duplicate_tag(x: str) -> str:
    at = x.index('<w:alias w:val="申报人姓名"/>')
    at = x.rindex("<w:sdt>", 0, at)
    return x[:at] + _control("applicant_name", "王五") + x[at:]


def _glyph_lies(x: str) -> str:
    """Every check box flagged ticked (w14:checked 1) but showing ☐."""
    return x.replace("☒", "☐")


def _rows_docx(n: int) -> Maker:
    """A ledger whose table's last row is repeated ``n`` times, streamed into the part."""

    def make(path: Path) -> None:
        from fupin_forms.api import render_form

        src = zipfile.ZipFile(io.BytesIO(render_form("annex5", None, "docx")))
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                body = src.read(info.filename)
                if info.filename != "word/document.xml":
                    dst.writestr(info.filename, body)
                    continue
                x = body.decode()
                i = x.rfind("<w:tr>") if "<w:tr>" in x else x.rfind("<w:tr ")
                j = x.find("</w:tr>", i) + len("</w:tr>")
                with dst.open(info.filename, "w") as out:
                    out.write(x[:j].encode())
                    row = x[i:j].encode()
                    for done in range(0, n, 1000):
                        out.write(row * min(1000, n - done))
                    out.write(x[j:].encode())

    return make


def _late_doctype(part: str, base: Callable[[], bytes]) -> Maker:
    def make(path: Path) -> None:
        def edit(body: bytes) -> bytes:
            head, _, rest = body.partition(b"?>")
            return head + b"?><!--" + b"x" * 5000 + b'--><!DOCTYPE r [<!ENTITY e "boom">]>' + rest

        path.write_bytes(_rezip(base(), part, edit))

    return make


# -- Excel -----------------------------------------------------------------------------------


def _merged(columns: int) -> Maker:
    def edit(x: str) -> str:
        from openpyxl.utils import get_column_letter

        cells = "".join(
            f'<mergeCell ref="{get_column_letter(c)}5:{get_column_letter(c)}1048576"/>'
            for c in range(1, columns + 1)
        )
        x = re.sub(r"<mergeCells[^>]*>.*?</mergeCells>|<mergeCells[^>]*/>", "", x, flags=re.S)
        return x.replace(
            "</sheetData>", f'</sheetData><mergeCells count="{columns}">{cells}</mergeCells>', 1
        )

    return _sheet_edit(edit)


def _rows_xlsx(n: int) -> Maker:
    """n rows of six inline-string cells, streamed into the sheet part."""

    def make(path: Path) -> None:
        src = zipfile.ZipFile(io.BytesIO(_ledger()))
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                body = src.read(info.filename)
                if info.filename != "xl/worksheets/sheet1.xml":
                    dst.writestr(info.filename, body)
                    continue
                head, _, tail = body.decode().partition("</sheetData>")
                with dst.open(info.filename, "w") as out:
                    out.write(head.encode())
                    for start in range(100, 100 + n, 10_000):
                        out.write("".join(
                            f'<row r="{r}">' + "".join(
                                f'<c r="{c}{r}" t="inlineStr"><is><t>x</t></is></c>' for c in "ABCDEF"
                            ) + "</row>"
                            for r in range(start, min(start + 10_000, 100 + n))
                        ).encode())  # fmt: skip
                    out.write(b"</sheetData>" + tail.encode())

    return make


def _first_value(x: str, replace: Callable[[re.Match[str]], str]) -> str:
    """Edit the first cell of row 4 (the first ledger entry) with ``replace``."""
    return re.sub(r'<c r="[A-Z]+4"[^>]*>.*?</c>', replace, x, count=1, flags=re.S)


# -- PDF -------------------------------------------------------------------------------------


def _pdf_objects(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF from numbered object bodies (1-based), with a correct xref table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % o for o in offsets))
    out.write(b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, root, xref))  # fmt: skip
    return out.getvalue()


def _kids_cycle(depth: int) -> Maker:
    """Form fields whose kids are each listed twice and the deepest points back to the top:
    2^depth paths for a walker without a visited set, and no end."""

    def make(path: Path) -> None:
        first = 4
        objs = [
            b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [%d 0 R] >> >>" % first,
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        ]
        for level in range(depth):
            nxt = first + level + 1 if level + 1 < depth else first
            objs.append(b"<< /T (f%d) /FT /Tx /Kids [%d 0 R %d 0 R] >>" % (level, nxt, nxt))
        path.write_bytes(_pdf_objects(objs))

    return make


def _deflate_repeated(block: bytes, times: int) -> bytes:
    """zlib data for ``block * times``, built from one compressed copy of ``block``: after a
    full flush the compressor starts afresh, so every copy compresses to the same bytes."""
    import struct

    raw = zlib.compressobj(9, zlib.DEFLATED, -15)
    unit = raw.compress(block) + raw.flush(zlib.Z_FULL_FLUSH)
    adler = 1
    for _ in range(times):
        adler = zlib.adler32(block, adler)
    return b"\x78\xda" + unit * times + raw.flush() + struct.pack(">I", adler)


def _content(block: bytes, times: int, box: int = 595) -> Maker:
    def make(path: Path) -> None:
        data = _deflate_repeated(block, times)
        objs = [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 4 0 R >>" % (box, box),
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream",
        ]
        path.write_bytes(_pdf_objects(objs))

    return make


_SPACES = b" " * (1 << 20)
_TEXT_OPS = b"BT /F1 12 Tf 72 720 Td " + b"(x) Tj " * (1 << 17) + b"ET\n"
_TEXT_OPS_SMALL = b"BT /F1 12 Tf 72 720 Td " + b"(x) Tj " * (1 << 12) + b"ET\n"


def _giant_pages(path: Path) -> None:
    kids = b" ".join(b"%d 0 R" % n for n in range(3, 8))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count 5 >>" % kids]
    objs += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 5000 5000] >>"] * 5
    path.write_bytes(_pdf_objects(objs))


def _count_lie(pages: int) -> Maker:
    """A page tree that says /Count 1 over ``pages`` pages."""

    def make(path: Path) -> None:
        kids = b" ".join(b"%d 0 R" % n for n in range(3, 3 + pages))
        objs = [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [%s] /Count 1 >>" % kids,
        ]
        objs += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * pages
        path.write_bytes(_pdf_objects(objs))

    return make


def _pdf_field(name: str, change: Callable[[Any], None]) -> Maker:
    """Our filled annex 4 PDF with the field ``name`` changed by ``change(field dict)``."""

    def make(path: Path) -> None:
        from pypdf import PdfReader, PdfWriter
        from pypdf.generic import NameObject, StreamObject

        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_pdf())))
        for ref in writer._root_object["/AcroForm"]["/Fields"]:
            field = ref.get_object()
            if field.get("/T") == name:
                change(field)
                if isinstance(field.get("/V"), StreamObject):  # a stream must be indirect
                    field[NameObject("/V")] = writer._add_object(field["/V"])
        with open(path, "wb") as handle:
            writer.write(handle)

    return make


def _set(**values: Any) -> Callable[[Any], None]:
    def change(field: Any) -> None:
        from pypdf.generic import NameObject

        for key, value in values.items():
            field[NameObject(f"/{key}")] = value

    return change


def _pdf_value(kind: str) -> Any:
    from pypdf.generic import (
        ArrayObject,
        BooleanObject,
        DecodedStreamObject,
        DictionaryObject,
        NameObject,
        NumberObject,
        TextStringObject,
    )  # fmt: skip

    if kind == "Off-string":
        return TextStringObject("Off")
    if kind == "No":
        return NameObject("/No")
    if kind == "false":
        return BooleanObject(False)
    if kind == "zero-string":
        return TextStringObject("0")
    if kind == "array":
        return ArrayObject([TextStringObject("孟庆华"), NumberObject(1)])
    if kind == "dict":
        return DictionaryObject({NameObject("/A"): NumberObject(1)})
    stream = DecodedStreamObject()
    stream.set_data(b"stream value")
    return stream


# -- images ----------------------------------------------------------------------------------


def _tiff_frames(path: Path) -> None:
    from PIL import Image

    frames = [Image.new("1", (9400, 9400), 1) for _ in range(6)]
    frames[0].save(path, save_all=True, append_images=frames[1:], compression="group4")


def _png_9400(path: Path) -> None:
    from PIL import Image

    Image.new("1", (9400, 9400), 1).save(path, optimize=True)


# -- outcomes --------------------------------------------------------------------------------


def _warned(words: str) -> Callable[[list[Any]], bool]:
    return lambda forms: any(words in w for f in forms for w in f.warnings)


def _field(path: str, value: Any, warn: str | None = None) -> Callable[[list[Any]], bool]:
    def check(forms: list[Any]) -> bool:
        from fupin_forms.render._pdf_values import lookup

        ok = len(forms) == 1 and lookup(forms[0].data, path) == value
        return ok and (warn is None or _warned(warn)(forms))

    return check


def _entries(n: int) -> Callable[[list[Any]], bool]:
    """One ledger, its entries no more than the ``n`` rows that hold values (a merged range
    shows its first value down the range, as Excel does)."""
    return lambda forms: len(forms) == 1 and 0 < len(forms[0].data.get("entries") or []) <= n


def _formula_flagged(forms: list[Any]) -> bool:
    sources = [s for f in forms for s in f.fields.values() if s.where == "孟庆华!A4"]
    return _warned("是公式")(forms) and bool(sources) and all(s.confidence < 0.8 for s in sources)


CASES: dict[str, tuple[str, Maker, Expected]] = {
    # Word
    "years-16000.docx": ("填表时间： + 16,000 × 年", _years(16_000), Read(_field("filled_on", None), "date not read")),
    "years-100000.docx": ("填表时间： + 100,000 × 年", _years(100_000), Refused("text_chars")),
    "rows-100000.docx": ("a ledger table of 100,000 rows", _rows_docx(100_000), Refused("超出读取预算")),
    "rows-1500.docx": ("a ledger table of 1,500 rows", _rows_docx(1_500), Refused("word_table_rows")),
    "glyph-vs-flag.docx": ("boxes flagged ticked, shown ☐", _doc_edit(_glyph_lies),
                           Read(_field("expert_signed", None, "按显示读取"), "shown ☐ wins, flagged")),
    "hidden-control.docx": ("a hidden control before the visible one", _doc_edit(_hidden_first),
                            Read(_field("applicant_name", "孟庆华", "隐藏的内容控件"), "visible wins, flagged")),
    "duplicate-tag.docx": ("two visible controls with one tag", _doc_edit(_duplicate_tag),
                           Read(_warned("applicant_name 出现 2 次"), "flagged")),
    "gridspan-x.docx": ("gridSpan=\"x\"", _doc_edit(lambda x: x.replace("<w:tcPr>", '<w:tcPr><w:gridSpan w:val="x"/>', 1)),
                        Refused("gridSpan")),
    "late-doctype.docx": ("DOCTYPE after a 5 KB comment", _late_doctype("word/document.xml", _docx), Refused("DOCTYPE")),
    # Excel
    "merged-6.xlsx": ("6 columns merged down to row 1,048,576", _merged(6), Read(_entries(13), "entries as before")),
    "merged-20.xlsx": ("20 columns merged down to row 1,048,576", _merged(20), Read(_entries(13), "entries as before")),
    "rows-1000000.xlsx": ("1,000,000 rows", _rows_xlsx(1_000_000), Refused("超出读取预算")),
    "formula.xlsx": ("a formula with a stale cached value", _sheet_edit(lambda x: _first_value(
        x, lambda m: re.sub(r"<c ([^>]*?)(/>|>.*?</c>)", r'<c \1><f>1+1</f><v>7</v></c>', m.group(0), flags=re.S).replace(' t="inlineStr"', ""))),
        Read(_formula_flagged, "cached value, flagged, below review")),
    "shared-string-minus-1.xlsx": ("a shared-string index of -1", _sheet_edit(lambda x: _first_value(
        x, lambda m: '<c r="A4" t="s"><v>-1</v></c>')), Refused("共享字符串编号 -1")),
    "shared-string-99.xlsx": ("a shared-string index past the table", _sheet_edit(lambda x: _first_value(
        x, lambda m: '<c r="A4" t="s"><v>99</v></c>')), Refused("共享字符串编号 99")),
    "huge-date-serial.xlsx": ("a date serial of 10^15", _sheet_edit(lambda x: re.sub(
        r'(<c r="B4"[^>]*?)(?: t="inlineStr")?>.*?</c>', r'\1><v>1000000000000000</v></c>', x, count=1, flags=re.S)),
        Read(lambda forms: len(forms) == 1, "read; the date is an issue, not a crash")),
    "late-doctype.xlsx": ("DOCTYPE after a 5 KB comment", _late_doctype("xl/worksheets/sheet1.xml", _ledger), Refused("DOCTYPE")),
    # PDF
    "kids-cycle-20.pdf": ("form-field kids in a cycle, depth 20", _kids_cycle(20), Refused("无法")),
    "kids-cycle-40.pdf": ("form-field kids in a cycle, depth 40", _kids_cycle(40), Refused("无法")),
    "spaces-1gb.pdf": ("1 GB of spaces in one content stream", _content(_SPACES, 1 << 10), Refused("content_bytes")),
    "text-ops-100mb.pdf": ("100 MB of text operators", _content(_TEXT_OPS, (100 << 20) // len(_TEXT_OPS)), Refused("content_bytes")),
    "text-ops-250kb.pdf": ("250 KB of text operators: just inside content_bytes, the worst accepted",
                           _content(_TEXT_OPS_SMALL, (250 << 10) // len(_TEXT_OPS_SMALL)), Refused("无法识别表格")),
    "mediabox-5000.pdf": ("five 5000 pt pages", _giant_pages, Refused("scan_pixels")),
    "count-lie-450000.pdf": ("/Count 1 over 450,000 pages", _count_lie(450_000), Refused("pdf_objects")),
    "count-lie-5000.pdf": ("/Count 1 over 5,000 pages", _count_lie(5_000), Refused("pdf_pages")),
    "checkbox-off-string.pdf": ("/V (Off), /AS /Off", _pdf_field("expert_signed", lambda f: _set(V=_pdf_value("Off-string"), AS=_name("/Off"))(f)),
                                Read(_field("expert_signed", None, "expert_signed"), "unticked, flagged")),
    "checkbox-no.pdf": ("/V /No, /AS /Off", _pdf_field("expert_signed", lambda f: _set(V=_pdf_value("No"), AS=_name("/Off"))(f)),
                        Read(_field("expert_signed", None, "expert_signed"), "unticked, flagged")),
    "checkbox-false.pdf": ("/V false, /AS /Off", _pdf_field("expert_signed", lambda f: _set(V=_pdf_value("false"), AS=_name("/Off"))(f)),
                           Read(_field("expert_signed", None, "expert_signed"), "unticked, flagged")),
    "checkbox-zero.pdf": ("/V (0), /AS /Off", _pdf_field("expert_signed", lambda f: _set(V=_pdf_value("zero-string"), AS=_name("/Off"))(f)),
                          Read(_field("expert_signed", None, "expert_signed"), "unticked, flagged")),
    "signed-text-no.pdf": ("expert_signed as a text field holding 否", _pdf_field("expert_signed", lambda f: _set(FT=_name("/Tx"), V=_text("否"))(f)),
                           Read(_field("expert_signed", None), "not signed")),
    "value-array.pdf": ("an array as a text value", _pdf_field("applicant_name", lambda f: _set(V=_pdf_value("array"))(f)),
                        Read(_field("applicant_name", None, "数组"), "not read, flagged")),
    "value-dict.pdf": ("a dictionary as a text value", _pdf_field("applicant_name", lambda f: _set(V=_pdf_value("dict"))(f)),
                       Read(_field("applicant_name", None, "字典"), "not read, flagged")),
    "value-stream.pdf": ("a stream as a text value", _pdf_field("applicant_name", lambda f: _set(V=_pdf_value("stream"))(f)),
                         Read(_field("applicant_name", None, "值的类型不对"), "not read, flagged")),
    # images
    "frames-6x88mp.tif": ("six 88-megapixel frames", _tiff_frames, Refused("page_pixels")),
    "png-9400.png": ("9400 × 9400 pixels", _png_9400, Refused("page_pixels")),
}  # fmt: skip


def _name(value: str) -> Any:
    from pypdf.generic import NameObject

    return NameObject(value)


def _text(value: str) -> Any:
    from pypdf.generic import TextStringObject

    return TextStringObject(value)


def outcome(name: str, path: Path) -> tuple[bool, str]:
    """Read ``path`` as ``check`` would; does the outcome match ``CASES[name]``? (ok, detail)"""
    from fupin_forms.errors import FupinFormsError
    from fupin_forms.parse.reader import read_forms
    from fupin_forms.records import validate_record

    expected = CASES[name][2]
    try:
        forms = read_forms(path)
        for form in forms:
            validate_record(form.form, form.data)
    except FupinFormsError as exc:
        text = str(exc)
        ok = isinstance(expected, Refused) and expected.words in text and "\n" not in text
        return ok, f"refused: {text}"
    if isinstance(expected, Refused):
        return False, f"read, expected a refusal naming {expected.words}"
    return expected.check(
        forms
    ), f"read: {expected.about}; warnings {[w for f in forms for w in f.warnings][:4]}"


def measure(path: Path) -> dict[str, Any]:
    """``outcome`` in a child process of its own: wall and CPU seconds, peak RSS in MB.

    The peak is the child's ``VmHWM`` (its own address space since exec): ``ru_maxrss``
    would carry over the peak of a large parent on Linux."""
    import subprocess

    code = (
        "import json, resource, sys, time\n"
        "from pathlib import Path\n"
        "from tests.hostile.round2 import outcome\n"
        "t = time.perf_counter()\n"
        "ok, detail = outcome(sys.argv[1], Path(sys.argv[2]))\n"
        "u = resource.getrusage(resource.RUSAGE_SELF)\n"
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')]\n"
        "peak = int(hwm[0].split()[1]) / 1024 if hwm else u.ru_maxrss / 1024\n"
        "print(json.dumps({'ok': ok, 'detail': detail[:300], 'seconds': time.perf_counter() - t,"
        " 'cpu': u.ru_utime + u.ru_stime, 'peak_mb': peak}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, path.name, str(path)],
        capture_output=True, text=True, cwd=Path(__file__).resolve().parents[2],
    )  # fmt: skip
    if done.returncode != 0:
        return {"ok": False, "detail": done.stderr.strip().splitlines()[-1:], "seconds": 0,
                "cpu": 0, "peak_mb": 0}  # fmt: skip
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def build(folder: Path, names: list[str] | None = None) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name in names or list(CASES):
        CASES[name][1](folder / name)
        out.append(folder / name)
    return out


if __name__ == "__main__":
    for made in build(Path(sys.argv[1]), sys.argv[2:] or None):
        print(made.name, made.stat().st_size)
