"""`aligner view`: a Textual side-by-side viewer of a `Comparison` (see docs/tui.md)."""

from aligner.tui.app import AlignerApp
from aligner.tui.model import Filter

__all__ = ["AlignerApp", "Filter"]
