"""Reports: one `Comparison` rendered as JSON, TSV, TMX, Markdown, HTML, or on the terminal.

    render(comparison, "html") -> str
    write(comparison, "html", "out.html")      # atomic: temp file + os.replace; "-" is stdout
    print_terminal(comparison)                 # the default of `aligner compare` without -o

Each format lives in its own module; see docs/reports.md for what each one holds.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from aligner.errors import InputError, OutputError
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


def _umask() -> int:
    """The process umask, read without changing it where the OS allows (Linux)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def atomic_write_text(path: str | os.PathLike[str], text: str | Iterable[str], encoding: str = "utf-8") -> None:
    """Write via a temp file in the same directory and `os.replace`, so readers (and a
    resumed batch) never see half a file, even after SIGKILL. The file gets the mode a plain
    `open()` would give it (0666 less the umask), or keeps the mode of the file it replaces.
    The directory must exist: creating directories is the caller's decision. `text` may
    come in pieces (a large report is never held whole)."""
    path = Path(path)
    try:
        mode = os.stat(path).st_mode & 0o7777
    except OSError:
        mode = 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "w", encoding=encoding, newline="") as fh:
            for piece in [text] if isinstance(text, str) else text:
                fh.write(piece)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _is_stdout(st: os.stat_result) -> bool:
    import sys

    try:
        out = os.fstat(sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        return False
    return (st.st_dev, st.st_ino) == (out.st_dev, out.st_ino)


def write_output(path: str | os.PathLike[str], text: str | Iterable[str], encoding: str = "utf-8", what: str = "report") -> str:
    """Write `text` to a user's `-o PATH`; returns where it went ("stdout" or the file).

    `-` and whatever is standard output (`/dev/stdout`, `/dev/fd/1`) get the text written
    as a stream. Symlinks are written through: the file they point to is replaced, the link
    stays. A regular file is replaced atomically; a directory, a device, a FIFO or a socket
    is refused, never replaced; a missing directory is reported, not created."""
    target = output_target(path, what)
    if target is None:
        return _to_stdout(text, what)
    try:
        atomic_write_text(target, text, encoding)
    except OSError as exc:
        raise OutputError(f"cannot write {what} {os.fspath(path)}: {exc.strerror or exc}") from None
    return str(target)


def output_target(path: str | os.PathLike[str], what: str = "report") -> Path | None:
    """Where `-o PATH` will write (None: standard output), or OutputError in one line. Cheap,
    so a command checks it before the work rather than losing the work at the end."""
    import errno
    import stat

    name = os.fspath(path)
    if name == "-":
        return None
    try:
        st = os.stat(name)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise OutputError(f"cannot write {what} {name}: symlink loop") from None
        raise OutputError(f"cannot write {what} {name}: {exc.strerror or exc}") from None
    if st is not None and _is_stdout(st):
        return None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise OutputError(f"cannot write {what} {name}: is a directory")
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise OutputError(
            f"cannot write {what} {name}: not a regular file (a device, FIFO or socket); "
            "use -o - for standard output"
        )
    target = Path(os.path.realpath(name))  # through symlinks, also a dangling one
    if not target.parent.is_dir():
        raise OutputError(f"cannot write {what} {name}: directory {target.parent} does not exist (create it first)")
    return target


def _to_stdout(text: str | Iterable[str], what: str) -> str:
    import sys

    try:
        for piece in [text] if isinstance(text, str) else text:
            sys.stdout.write(piece)
        sys.stdout.flush()
    except OSError as exc:
        raise OutputError(f"cannot write the {what} to standard output: {exc.strerror or exc}") from None
    return "stdout"


def write(comparison: Comparison, fmt: str, path: str | os.PathLike[str], **options) -> str:
    """Render and write to `path` (see `write_output`). TSV gets a UTF-8 BOM so Excel reads
    Arabic/Cyrillic. JSON is written in pieces as it is encoded."""
    return write_output(path, chunks(comparison, fmt, **options), "utf-8-sig" if fmt == "tsv" else "utf-8")


def chunks(comparison: Comparison, fmt: str, **options) -> Iterable[str]:
    """`render`'s text in pieces: JSON as it is encoded (a 20 MB comparison's report is
    never held whole), the other formats in one piece."""
    if fmt == "json" and not options:
        from aligner.report import jsonout

        return jsonout.chunks(comparison)
    return [render(comparison, fmt, **options)]


def print_terminal(comparison: Comparison, console=None, view=None) -> None:
    """Readable rich rendering on the terminal (the default when `-o` is omitted);
    `view` is a `aligner.report.terminal.View` (bidi, every pair, notes, details)."""
    from aligner.report.terminal import print_terminal as _print

    _print(comparison, console, view)


__all__ = ["FORMATS", "EXTENSIONS", "render", "chunks", "write", "print_terminal", "format_for_path", "atomic_write_text", "write_output"]
