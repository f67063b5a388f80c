"""Reports: one `Comparison` rendered as JSON, TSV, TMX, Markdown, HTML, or on the terminal.

    render(comparison, "html") -> str
    write(comparison, "html", "out.html")      # atomic: temp file + os.replace
    print_terminal(comparison)                 # the default of `aligner compare` without -o

Each format lives in its own module; see docs/reports.md for what each one holds.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from aligner.errors import InputError
from aligner.types import Comparison

FORMATS: tuple[str, ...] = ("json", "tsv", "tmx", "md", "html", "text")
EXTENSIONS: dict[str, str] = {"json": ".json", "tsv": ".tsv", "tmx": ".tmx", "md": ".md", "html": ".html", "text": ".txt"}


def _renderer(fmt: str):
    if fmt == "json":
        from aligner.report import jsonout as mod
    elif fmt == "tsv":
        from aligner.report import tsv as mod
    elif fmt == "tmx":
        from aligner.report import tmx as mod
    elif fmt == "md":
        from aligner.report import markdown as mod
    elif fmt == "html":
        from aligner.report import html as mod
    elif fmt == "text":
        from aligner.report.terminal import render_text

        return render_text
    else:
        raise InputError(f"unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return mod.render


def render(comparison: Comparison, fmt: str, **options) -> str:
    """The report as text, in one of FORMATS. `options` go to that format's renderer
    (`view=` for text, `force=` for tmx)."""
    return _renderer(fmt)(comparison, **options)


def format_for_path(path: str | os.PathLike[str]) -> str | None:
    """Guess a format from a file name (`x.html` -> "html"), for `-o` without `--format`."""
    suffix = Path(path).suffix.lower()
    for fmt, ext in EXTENSIONS.items():
        if suffix == ext:
            return fmt
    return {".htm": "html", ".markdown": "md", ".text": "text"}.get(suffix)


def atomic_write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> None:
    """Write via a temp file in the same directory and `os.replace`, so readers (and a
    resumed batch) never see half a file, even after SIGKILL."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def write(comparison: Comparison, fmt: str, path: str | os.PathLike[str], **options) -> None:
    """Render and write atomically. TSV gets a UTF-8 BOM so Excel reads Arabic/Cyrillic."""
    text = render(comparison, fmt, **options)
    try:
        atomic_write_text(path, text, "utf-8-sig" if fmt == "tsv" else "utf-8")
    except OSError as exc:
        raise InputError(f"cannot write report {path}: {exc.strerror or exc}") from None


def print_terminal(comparison: Comparison, console=None, view=None) -> None:
    """Readable rich rendering on the terminal (the default when `-o` is omitted);
    `view` is a `aligner.report.terminal.View` (bidi, every pair, notes, details)."""
    from aligner.report.terminal import print_terminal as _print

    _print(comparison, console, view)


__all__ = ["FORMATS", "EXTENSIONS", "render", "write", "print_terminal", "format_for_path", "atomic_write_text"]
