"""Reading the forms that come back: one parser per file format, ``reader.read_forms`` to
pick one by file type, and the result every parser returns (``ParsedForm``)."""

from ._result import FieldSource, Method, ParsedForm

__all__ = ["FieldSource", "Method", "ParsedForm"]
