"""Snapshot tests (pytest-textual-snapshot) of the viewer's main screens at 80x24 and up.

They render the hand-written sample in `tests/tui_sample.py` (RU original, AR version: a
changed number, a dropped and an added sentence, a changed quote), so the pictures change
only when the viewer does. Update after a deliberate change with
`pytest tests/test_tui_snapshots.py --snapshot-update`, and look at the report first.
Note: SVGs shown in a browser re-apply bidi, so Arabic looks reversed there; the order on a
real terminal is checked by scripts/tui_tmux.sh.
"""

from __future__ import annotations

from tui_sample import sample

from aligner.tui import AlignerApp


def test_main_screen(snap_compare):
    assert snap_compare(AlignerApp(sample()), terminal_size=(80, 24))


def test_main_screen_large_with_pivots(snap_compare):
    assert snap_compare(AlignerApp(sample(mt=True)), press=["j", "p"], terminal_size=(140, 40))


def test_filtered_divergent_only(snap_compare):
    assert snap_compare(AlignerApp(sample()), press=["f", "home", "down", "enter", "n"], terminal_size=(80, 24))


def test_filter_menu(snap_compare):
    assert snap_compare(AlignerApp(sample()), press=["f"], terminal_size=(80, 24))


def test_swapped(snap_compare):
    assert snap_compare(AlignerApp(sample()), press=["s"], terminal_size=(80, 24))


def test_help(snap_compare):
    assert snap_compare(AlignerApp(sample()), press=["question_mark"], terminal_size=(80, 24))
