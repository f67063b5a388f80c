"""`-o PATH` safety: symlinks written through, devices and FIFOs refused (never replaced),
`-` is stdout, regular files replaced atomically with the umask's mode, no directories
created. Every path here lives in a temp dir: no test touches a real system device."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from aligner.errors import EXIT_INPUT, OutputError
from aligner.report import atomic_write_text, write_output

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def umask022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_symlink_is_written_through(tmp_path):
    target = tmp_path / "real.json"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    assert write_output(link, "new") == str(target)
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8") == "new"
    dangling = tmp_path / "dangling.json"
    dangling.symlink_to(tmp_path / "later.json")
    write_output(dangling, "made")
    assert dangling.is_symlink() and (tmp_path / "later.json").read_text(encoding="utf-8") == "made"


def test_fifo_and_device_nodes_are_refused_and_left_alone(tmp_path):
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    with pytest.raises(OutputError, match="not a regular file"):
        write_output(fifo, "x")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    node = tmp_path / "null"
    try:  # a private copy of /dev/null's node, in the temp dir (needs root; else skipped)
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except (PermissionError, OSError):
        node = None
    if node is not None:
        with pytest.raises(OutputError, match="a device, FIFO or socket"):
            write_output(node, "x")
        assert stat.S_ISCHR(os.lstat(node).st_mode)
    link = tmp_path / "to-fifo"
    link.symlink_to(fifo)
    with pytest.raises(OutputError, match="not a regular file"):
        write_output(link, "x")
    assert link.is_symlink()


def test_missing_directory_is_reported_not_created(tmp_path):
    out = tmp_path / "no" / "such" / "dir" / "x.json"
    with pytest.raises(OutputError, match="does not exist"):
        write_output(out, "{}")
    assert not (tmp_path / "no").exists()
    with pytest.raises(OutputError, match="is a directory"):
        write_output(tmp_path, "{}")


def test_new_files_follow_the_umask_and_replaced_files_keep_their_mode(tmp_path, umask022):
    fresh = tmp_path / "fresh.html"
    write_output(fresh, "<p>")
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
    kept = tmp_path / "kept.json"
    kept.write_text("{}")
    kept.chmod(0o640)
    inode = kept.stat().st_ino
    write_output(kept, '{"a": 1}')
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    assert kept.stat().st_ino != inode  # replaced atomically (a new file renamed over it)
    atomic_write_text(tmp_path / "batch.json", "{}")
    assert stat.S_IMODE((tmp_path / "batch.json").stat().st_mode) == 0o644
    assert not list(tmp_path.glob(".*.tmp"))


def test_dash_and_a_link_to_stdout_write_to_stdout(tmp_path, seed_ru, seed_ar):
    link = tmp_path / "stdout.json"
    link.symlink_to("/proc/self/fd/1")  # like /dev/stdout, but a link of our own
    for out in ("-", link):
        proc = subprocess.run(
            [sys.executable, "-m", "aligner", "compare", str(seed_ru), str(seed_ar), "--mt", "off",
             "--format", "json", "-o", str(out)],
            capture_output=True, text=True, cwd=ROOT, timeout=60,
        )
        assert proc.returncode == 0, proc.stderr
        assert json.loads(proc.stdout)["summary"]["verdict"] == "translation"
    assert link.is_symlink()


def test_cli_missing_directory_is_one_line(tmp_path, seed_ru, seed_ar):
    out = tmp_path / "nonexistent" / "dir" / "x.json"
    proc = subprocess.run(
        [sys.executable, "-m", "aligner", "compare", str(seed_ru), str(seed_ar), "--mt", "off", "-o", str(out)],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
    )
    assert proc.returncode == EXIT_INPUT
    assert proc.stderr.strip().endswith(f"directory {out.parent} does not exist (create it first)")
    assert not (tmp_path / "nonexistent").exists()


def test_unwritable_output_fails_before_the_comparison(tmp_path, seed_ru, seed_ar):
    """The output path is checked first: one line, and no comparison (or MT notice) spent on
    a report that could never be written."""
    out = tmp_path / "nonexistent" / "x.json"
    proc = subprocess.run(
        [sys.executable, "-m", "aligner", "compare", str(seed_ru), str(seed_ar), "-o", str(out)],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
    )
    assert proc.returncode == EXIT_INPUT
    assert proc.stderr.count("\n") == 1 and "does not exist" in proc.stderr
