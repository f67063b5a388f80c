"""aligner: check the translation fidelity of wire copy.

Pipeline, one module per stage, typed dataclasses passed forward:

    textio (bytes -> str, encoding)  ->  langid  ->  segment (Document with Sentences)
    -> translate (optional English pivots)  ->  align (Beads)  ->  diverge (Flags, Summary)
    -> report / tui / batch

`aligner.compare.compare_files` runs the whole chain; the CLI and TUI are thin layers over it.
"""

__version__ = "0.1.0"
