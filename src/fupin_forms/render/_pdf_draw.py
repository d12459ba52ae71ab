"""Drawing values: fit a value into its rectangle and write the content-stream operators.

The same operators go into a field's appearance stream (fillable PDF) or into the page
(``flatten``), so both look alike and both carry real, extractable text. Line spacing encodes
the value's line breaks for the text-position parser: a wrapped line follows at 1.2 × the font
size, a line after a hard ``\\n`` at 1.6 ×, so ``parse_pdf`` can tell the two apart.
"""

from __future__ import annotations

from collections.abc import Callable

from ._pdf_font import FontSubset
from ._pdf_layout import PAD, SIZE, wrap

__all__ = ["BREAK", "WRAP", "check_ops", "fit", "text_ops"]

WRAP, BREAK = 1.2, 1.6
MIN_SIZE = 4.0


def fit(
    value: str, width: float, height: float, measure: Callable[[str, float], float],
    one_line: bool, min_one_line: float = 7.0,
) -> tuple[float, list[tuple[str, bool]]]:  # fmt: skip
    """The largest size ≤ 五号 at which ``value`` fits; lines as (text, follows a hard break)."""
    if one_line and "\n" not in value:
        size = SIZE
        while size >= min_one_line:
            if measure(value, size) <= width:
                return size, [(value, False)]
            size -= 0.5
    size = SIZE
    while True:
        lines = _lines(value, width, size, measure)
        need = size + sum((BREAK if hard else WRAP) * size for _, hard in lines[1:])
        if need <= height or size <= MIN_SIZE:
            return size, lines
        size -= 0.5


def _lines(
    value: str, width: float, size: float, measure: Callable[[str, float], float]
) -> list[tuple[str, bool]]:
    out: list[tuple[str, bool]] = []
    for n, para in enumerate(value.split("\n")):
        for m, line in enumerate(wrap(para, width, size, measure)):
            out.append((line, n > 0 and m == 0))
    return out


def text_ops(
    font: FontSubset, font_name: str, value: str, rect: tuple[float, float, float, float],
    align: str, multiline: bool, inline: bool = False,
) -> bytes:  # fmt: skip
    """Operators drawing ``value`` inside ``rect`` (coordinates of the stream they go into)."""
    x0, y0, x1, y1 = rect
    width, height = x1 - x0 - 2 * PAD, y1 - y0 - 2
    size, lines = fit(
        value, width, height, font.width, not multiline, MIN_SIZE if inline else 7.0
    )
    y = (y0 + y1) / 2 - size * 0.35 if len(lines) == 1 and not multiline else y1 - 1 - size * 0.92
    out = [f"BT /{font_name} {size:g} Tf 0 g".encode()]
    for n, (line, hard) in enumerate(lines):
        if n:
            y -= (BREAK if hard else WRAP) * size
        if not line:
            continue
        w = font.width(line, size)
        x = {"center": (x0 + x1 - w) / 2, "right": x1 - PAD - w}.get(align, x0 + PAD)
        out.append(f"1 0 0 1 {x:.2f} {y:.2f} Tm ".encode() + font.encode(line) + b" Tj")
    out.append(b"ET")
    return b"\n".join(out)


def check_ops(
    font: FontSubset, font_name: str, checked: bool, rect: tuple[float, float, float, float]
) -> bytes:
    """☑ or ☐ as a glyph of the embedded font: it prints, renders without system fonts and
    stays text when someone prints the form to PDF."""
    x0, y0, x1, y1 = rect
    size = min(x1 - x0, y1 - y0)
    glyph = font.encode("☑" if checked else "☐")
    x, y = (x0 + x1 - size) / 2, (y0 + y1) / 2 - size * 0.32
    return f"BT /{font_name} {size:g} Tf 0 g 1 0 0 1 {x:.2f} {y:.2f} Tm ".encode() + glyph + b" Tj ET"
