"""How a layout field is named inside the docxtpl templates.

The template builder writes these names into ``templates/annex/*.docx`` and the renderer
builds its context with the same names, so the two can never drift apart.
"""

from __future__ import annotations

from ..layout import Field, Repeat

__all__ = ["ITEM", "iso_var", "repeat_var", "tag_expr", "var_expr", "var_name"]

ITEM = "it"  # the loop variable of repeated rows


def var_name(field: Field) -> str:
    """A Jinja identifier for the field: ``reviews.unit.opinion`` → ``reviews__unit__opinion``."""
    name = field.relative.replace(".", "__")
    if field.option is not None:
        name += "__opt_" + field.option.encode("utf-8").hex()
    return name


def iso_var(field: Field) -> str:
    """The companion variable holding a date as ``2016-03-05`` (for w:date/@w:fullDate)."""
    return var_name(field) + "__iso"


def repeat_var(repeat: Repeat) -> str:
    return repeat.list_path


def var_expr(field: Field, name: str | None = None) -> str:
    """The Jinja expression reading the field (``f.x`` or, in a repeated row, ``it.x``)."""
    base = ITEM if "{i}" in field.path else "f"
    return f"{base}.{name or var_name(field)}"


def tag_expr(field: Field) -> str:
    """The w:tag value: the JSON path, with the loop index filled in for repeated rows."""
    return field.key.replace("{i}", "{{ loop.index0 }}")
