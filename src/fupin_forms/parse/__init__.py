"""Reading the forms that come back: one parser per file format, ``reader.read_forms`` to
pick one by file type, and the result every parser returns (``ParsedForm``). ``Collector``
gathers values by layout field into that result; the scan reader builds on it too."""

from ._pdf_data import Collector
from ._result import FieldSource, Method, ParsedForm

__all__ = ["Collector", "FieldSource", "Method", "ParsedForm"]
