"""charterwatch: an observatory for constitutional reform."""

from charterwatch.errors import CharterwatchError
from charterwatch.texts.tree import ParsedText, Provision

__all__ = ["CharterwatchError", "ParsedText", "Provision"]
__version__ = "0.1.0"
