"""Pilot tests: drive `aligner view` on the real seed pair and assert on screen state.

The seed pair runs through the real pipeline with MT off (well under a second); the pivot
tests use the hand-written sample in `tests/tui_sample.py`, which carries English pivots.
"""

from __future__ import annotations

import asyncio

import pytest
import regex

from aligner.cli import build_parser
from aligner.cli.view import build_app, load_saved
from aligner.errors import InputError
from aligner.tui import AlignerApp
from aligner.tui import model
from aligner.tui.app import ExportScreen, FilterScreen, HelpScreen, PairTable
from tui_sample import sample


def seed_app(seed_ru, seed_ar, *extra):
    args = build_parser().parse_args(["view", str(seed_ru), str(seed_ar), "--mt", "off", *extra])
    return build_app(args)


def drive(app, script, size=(80, 24)):
    """Run `script(app, pilot)` against the app once its comparison has loaded."""

    async def main():
        async with app.run_test(size=size) as pilot:
            await app.workers.wait_for_complete()
            for _ in range(100):  # the rows are laid out once the table has its width
                await pilot.pause()
                if app._layout_key is not None or app.comparison is None:
                    break
            await script(app, pilot)

    asyncio.run(main())


def detail(app) -> str:
    return str(app.query_one("#detail-text").render())


def header(app) -> str:
    return str(app.query_one("#header").render())


@pytest.fixture(scope="module")
def seed_json(tmp_path_factory, seed_ru, seed_ar):
    """The seed pair compared once and saved, as `aligner view report.json` opens it."""
    from aligner.compare import CompareOptions, compare_files
    from aligner.translate import MTOptions

    comparison = compare_files(seed_ru, seed_ar, CompareOptions(mt=MTOptions(mode="off")))
    path = tmp_path_factory.mktemp("view") / "seed.json"
    from aligner import report

    report.write(comparison, "json", path)  # exactly what `aligner compare -o x.json` writes
    return path


def test_opens_seed_pair_with_header_and_all_rows(seed_ru, seed_ar):
    async def script(app, pilot):
        c = app.comparison
        assert c is not None and app.rows == list(range(len(c.pairs)))
        assert app.current_index() == 0
        head = header(app)
        assert seed_ru.name in head and seed_ar.name in head
        assert "(ru)" in head and "(ar)" in head
        assert c.summary.verdict.upper() in head and "MT off" in head
        assert f"divergence {c.summary.overall_divergence:.2f}" in head
        assert detail(app).startswith(f"Pair 1/{len(c.pairs)}")
        assert not app.query_one("#loading").display

    drive(seed_app(seed_ru, seed_ar), script)


def test_jk_and_arrows_move_the_selection(seed_ru, seed_ar):
    async def script(app, pilot):
        await pilot.press("j", "j")
        assert app.current_index() == 2 and detail(app).startswith("Pair 3/")
        await pilot.press("k")
        assert app.current_index() == 1
        await pilot.press("down", "down", "down", "up")
        assert app.current_index() == 3 and detail(app).startswith("Pair 4/")

    drive(seed_app(seed_ru, seed_ar), script)


def test_n_and_N_visit_every_divergent_pair_in_order(seed_ru, seed_ar):
    async def script(app, pilot):
        pairs = app.comparison.pairs
        divergent = [i for i, p in enumerate(pairs) if model.is_divergent(p)]
        assert divergent, "the seed pair has flagged body pairs"
        seen = []
        for _ in divergent:
            await pilot.press("n")
            seen.append(app.current_index())
        assert seen == divergent
        await pilot.press("n")  # past the last one: stays, says so
        assert app.current_index() == divergent[-1]
        for expected in reversed(divergent[:-1]):
            await pilot.press("N")
            assert app.current_index() == expected
        first = pairs[divergent[0]]
        text = detail(app)
        for flag in first.flags:
            assert flag.kind in text
        assert f"divergence {first.divergence:.2f}" in text

    drive(seed_app(seed_ru, seed_ar), script)


def test_detail_pane_lists_flag_spans_of_both_sides(seed_ru, seed_ar):
    async def script(app, pilot):
        pairs = app.comparison.pairs
        index = next(i for i, p in enumerate(pairs) if p.section == "body" and p.flags)
        app.select_pair(index)
        await pilot.pause()
        text = detail(app)
        flag = pairs[index].flags[0]
        src_span = app.comparison.src.text[flag.src_span[0] : flag.src_span[1]]
        assert f"SRC «{src_span}»" in text  # Russian span as is
        assert f"● {flag.severity} {flag.kind}" in text
        if flag.tgt_span:
            assert "TGT «" in text

    drive(seed_app(seed_ru, seed_ar), script)


async def choose_filter(app, pilot, label_start: str):
    await pilot.press("f")
    screen = app.screen
    assert isinstance(screen, FilterScreen)
    labels = [flt.label for flt, _ in screen.choices]
    target = next(i for i, lab in enumerate(labels) if lab.startswith(label_start))
    await pilot.press("home")
    for _ in range(target):
        await pilot.press("down")
    await pilot.press("enter")
    await pilot.pause()


def test_filter_divergent_only_and_by_kind(seed_ru, seed_ar):
    async def script(app, pilot):
        pairs = app.comparison.pairs
        await choose_filter(app, pilot, "divergent")
        assert app.rows == [i for i, p in enumerate(pairs) if model.is_divergent(p)]
        assert app.query_one(PairTable).row_count == len(app.rows)
        assert "showing divergent only" in detail(app)
        kind = next(f.kind for p in pairs for f in p.flags if f.severity != "note")
        await choose_filter(app, pilot, f"flag: {kind}")
        assert app.rows and all(any(f.kind == kind for f in pairs[i].flags) for i in app.rows)
        assert len(app.rows) == sum(1 for p in pairs if any(f.kind == kind and f.severity != "note" for f in p.flags))
        await choose_filter(app, pilot, "all")
        assert len(app.rows) == len(pairs)

    drive(seed_app(seed_ru, seed_ar), script)


async def search(pilot, query: str):
    await pilot.press("slash")
    await pilot.press(*query)
    await pilot.press("enter")
    await pilot.pause()


def test_search_finds_russian_and_arabic_and_repeats(seed_ru, seed_ar):
    async def script(app, pilot):
        pairs = app.comparison.pairs
        # a name that occurs in the Russian text, and its Arabic counterpart word
        hits = [i for i, p in enumerate(pairs) if model.pair_matches(p, "Такаити", "ru", "ar")]
        assert len(hits) >= 2 and all("Такаити" in pairs[i].src_text or "Такаити" in pairs[i].tgt_text or
                                      model.entity_hits(pairs[i].tgt_text, "ar", "Такаити") for i in hits)
        await search(pilot, "Такаити")
        assert app.current_index() == hits[0]
        await pilot.press("enter")  # Enter again: next hit
        await pilot.pause()
        assert app.current_index() == hits[1]
        assert "search “Такаити”" in detail(app)
        await pilot.press("escape")
        assert isinstance(app.focused, PairTable)
        ar_hits = [i for i, p in enumerate(pairs) if model.find(p.tgt_text, "موسكو")]
        assert ar_hits
        app.query_one(PairTable).move_cursor(row=0)
        await search(pilot, "موسكو")
        assert app.current_index() == ar_hits[0]
        from aligner import bidi

        shown = bidi.display("موسكو")
        box = app.query_one("#search")
        assert box.value == "موسكو"  # the query itself stays logical
        assert shown in str(box.render_line(0).text)  # drawn shaped, right to left
        assert any(n.message.startswith(f"“{shown}”: ") and "match" in n.message for n in app._notifications)
        assert f"search “{shown}”" in detail(app)

    drive(seed_app(seed_ru, seed_ar), script)


def test_swap_puts_tgt_on_the_left(seed_ru, seed_ar):
    async def script(app, pilot):
        table = app.query_one(PairTable)
        assert [str(k.value) for k in table.columns][1:3] == ["src", "tgt"]
        await pilot.press("j", "s")
        await pilot.pause()
        assert [str(k.value) for k in table.columns][1:3] == ["tgt", "src"]
        assert header(app).index("TGT") < header(app).index("SRC")
        assert app.current_index() == 1  # selection kept
        await pilot.press("s")
        assert header(app).index("SRC") < header(app).index("TGT")

    drive(seed_app(seed_ru, seed_ar), script)


def test_pivots_toggle_and_show_in_detail():
    app = AlignerApp(sample(mt=True))

    async def script(app, pilot):
        table = app.query_one(PairTable)
        await pilot.press("j")
        assert "in English:" in detail(app) and "2.5 billion" in detail(app)
        height_before = table.rows[table.coordinate_to_cell_key((1, 0)).row_key].height
        await pilot.press("p")
        await pilot.pause()
        assert app.show_pivots
        height_after = table.rows[table.coordinate_to_cell_key((1, 0)).row_key].height
        assert height_after > height_before  # the pivot lines are in the row now
        await pilot.press("p")
        assert not app.show_pivots

    drive(app, script)


def test_pivots_without_mt_say_so(seed_ru, seed_ar):
    async def script(app, pilot):
        await pilot.press("p")
        await pilot.pause()
        assert any("MT was off" in n.message for n in app._notifications)

    drive(seed_app(seed_ru, seed_ar), script)


def test_export_writes_the_chosen_format(seed_ru, seed_ar, tmp_path):
    async def script(app, pilot):
        await pilot.press("e")
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("down", "down", "down")  # json, tsv, tmx, md
        await pilot.press("enter")  # format chosen: focus moves to the file name
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)

    drive(seed_app(seed_ru, seed_ar, "--export-dir", str(tmp_path)), script)
    (written,) = tmp_path.iterdir()
    assert written.suffix == ".md"
    assert written.name == f"{seed_ru.stem}__{seed_ar.stem}.md"
    assert "Translation check" in written.read_text(encoding="utf-8")


def test_export_failure_is_a_notification(seed_ru, seed_ar, tmp_path):
    async def script(app, pilot):
        app.export(("json", str(tmp_path / "missing-dir" / "x" / "r.json")))
        app.export(("nope", str(tmp_path / "r.nope")))
        await pilot.pause()
        assert any(n.severity == "error" for n in app._notifications)
        assert app.is_running

    drive(seed_app(seed_ru, seed_ar), script)


def test_help_opens_and_any_key_closes(seed_ru, seed_ar):
    async def script(app, pilot):
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert "next / previous divergent pair" in str(app.screen.query_one("#help-text").render())
        await pilot.press("x")
        assert not isinstance(app.screen, HelpScreen)

    drive(seed_app(seed_ru, seed_ar), script)


def test_q_quits(seed_ru, seed_ar):
    async def script(app, pilot):
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running

    drive(seed_app(seed_ru, seed_ar), script)


def test_mouse_click_selects_a_row(seed_ru, seed_ar):
    async def script(app, pilot):
        table = app.query_one(PairTable)
        # the third row's first screen line: header line + heights of rows 0 and 1
        y = 1 + table.rows[table.coordinate_to_cell_key((0, 0)).row_key].height
        y += table.rows[table.coordinate_to_cell_key((1, 0)).row_key].height
        await pilot.click(PairTable, offset=(10, y))
        await pilot.pause()
        assert app.current_index() == 2

    drive(seed_app(seed_ru, seed_ar), script)


def test_arabic_cells_are_right_aligned_and_reordered(seed_ru, seed_ar):
    async def script(app, pilot):
        table = app.query_one(PairTable)
        cell = table.get_cell_at((1, 2))  # pair 2, TGT column
        first = cell.plain.split("\n")[0]
        assert first.startswith("  ") and not first.rstrip().endswith(" ")  # right-aligned
        logical_first_word = app.comparison.pairs[1].tgt_text.split()[0]
        from aligner import bidi

        assert first.rstrip().endswith(bidi.visual(logical_first_word)[0])  # first word at the right
        ru = table.get_cell_at((1, 1)).plain.split("\n")[0]
        assert ru.strip().startswith(app.comparison.pairs[1].src_text.split()[0])

    drive(seed_app(seed_ru, seed_ar), script)


def test_scales_up_and_rewraps(seed_ru, seed_ar):
    async def script(app, pilot):
        table = app.query_one(PairTable)
        small = table.rows[table.coordinate_to_cell_key((1, 0)).row_key].height
        await pilot.resize_terminal(160, 48)
        await pilot.pause(0.2)
        big = table.rows[table.coordinate_to_cell_key((1, 0)).row_key].height
        assert big < small
        assert app.current_index() == 0

    drive(seed_app(seed_ru, seed_ar), script)


def test_opens_saved_json(seed_json):
    app = build_app(build_parser().parse_args(["view", str(seed_json)]))

    async def script(app, pilot):
        assert app.loader is None and len(app.rows) == len(app.comparison.pairs)
        await pilot.press("n")
        assert app.comparison.pairs[app.current_index()].flags

    drive(app, script)


def test_bad_inputs_are_one_line_errors(tmp_path, seed_ru):
    bad = tmp_path / "x.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError):
        load_saved(bad)
    bad.write_text('{"schema": "something/else"}', encoding="utf-8")
    with pytest.raises(InputError):
        load_saved(bad)
    with pytest.raises(InputError):
        build_app(build_parser().parse_args(["view", str(seed_ru)]))  # one text file, no TGT
    with pytest.raises(InputError):
        build_app(build_parser().parse_args(["view", str(seed_ru), str(tmp_path / "none.txt")]))


def test_loader_error_is_a_notification_not_a_crash():
    def loader(progress):
        progress("translate", 1, 4)
        raise InputError("both files are Arabic (ar)")

    async def script(app, pilot):
        assert app.is_running
        assert any("both files are Arabic" in n.message for n in app._notifications)
        assert "Could not compare" in str(app.query_one("#loading-label").render())

    drive(AlignerApp(loader=loader), script)


def test_progress_is_shown_while_the_worker_runs():
    import threading

    release = threading.Event()

    def loader(progress):
        progress("translate", 3, 10)
        release.wait(5)
        return sample()

    async def main():
        app = AlignerApp(loader=loader)
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(50):
                await pilot.pause(0.02)
                if "3/10" in str(app.query_one("#loading-label").render()):
                    break
            assert "translate… 3/10" in str(app.query_one("#loading-label").render())
            await pilot.press("j")  # the UI answers keys while the worker waits
            release.set()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.comparison is not None and app.rows

    asyncio.run(main())


def test_mt_runs_in_the_worker_with_progress_and_pivots(seed_ru, seed_ar):
    """`--mt ct2` with the tiny test model: progress while translating, MT in the header,
    the model's notice as a notification, and `p` puts the pivots into the rows."""
    from mt_helpers import test_models_dir

    app = seed_app(seed_ru, seed_ar, "--mt", "ct2", "--models-dir", str(test_models_dir()), "--no-cache")
    labels: set[str] = set()
    shown = app.progress

    def progress(*args, **kwargs):  # record every label the loading screen showed
        shown(*args, **kwargs)
        labels.add(str(app.query_one("#loading-label").render()))

    app.progress = progress

    async def main():
        async with app.run_test(size=(80, 24)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause(0.1)
            assert "MT ct2" in header(app) and app.comparison.mt.backend in header(app)
            assert any("test model" in n.message for n in app._notifications)
            table = app.query_one(PairTable)
            await pilot.press("j")
            before = table.rows[table.coordinate_to_cell_key((1, 0)).row_key].height
            assert "SRC in English:" in detail(app) and "TGT in English:" in detail(app)
            await pilot.press("p")
            await pilot.pause()
            assert table.rows[table.coordinate_to_cell_key((1, 0)).row_key].height > before

    asyncio.run(main())
    assert any(regex.fullmatch(r"translate… \d+/\d+", lab) for lab in labels), labels


def test_new_search_includes_the_current_row_and_wraps(seed_ru, seed_ar):
    async def script(app, pilot):
        pairs = app.comparison.pairs
        word = pairs[1].src_text.split()[0]  # "Правительство…": in pair 2 and maybe later
        hits = [i for i, p in enumerate(pairs) if model.find(p.src_text, word)]
        app.select_pair(1)
        await search(pilot, word)
        assert app.current_index() == 1
        for expected in hits[1:] + [hits[0]]:  # Enter again walks the hits and wraps round
            await pilot.press("enter")
            await pilot.pause()
            assert app.current_index() == expected

    drive(seed_app(seed_ru, seed_ar), script)


# --- issue 13.13 and severity ---------------------------------------------------------------


def test_home_and_end_move_to_the_first_and_last_pair(seed_ru, seed_ar):
    async def script(app, pilot):
        table = app.query_one(PairTable)
        await pilot.press("end")
        assert table.cursor_row == len(app.rows) - 1
        assert detail(app).startswith(f"Pair {len(app.comparison.pairs)}/")
        await pilot.press("home")
        assert table.cursor_row == 0 and detail(app).startswith("Pair 1/")

    drive(seed_app(seed_ru, seed_ar), script)


def test_detail_pane_is_useful_on_the_first_screen(seed_ru, seed_ar):
    """The first pair (a date line) has no flag; the pane lists the flagged pairs instead."""
    async def script(app, pilot):
        text = detail(app)
        assert text.startswith("Pair 1/") and "flagged pair" in text
        from aligner.report.common import is_divergent

        flagged = [i + 1 for i, p in enumerate(app.comparison.pairs) if is_divergent(p) and p.flags]
        for number in flagged:
            assert regex.search(rf"^\s+{number}  (major|minor) ", text, flags=regex.M), text

    drive(seed_app(seed_ru, seed_ar), script)


def test_header_is_not_cut_at_160_columns(seed_ru, seed_ar):
    async def script(app, pilot):
        lines = header(app).splitlines()
        assert len(lines) == 3
        c = app.comparison
        assert lines[2] == c.summary.verdict_reason  # the reason has a line of its own
        assert all(len(line) <= 158 for line in lines[:2]), lines
        assert lines[1].endswith(f"aligned {c.summary.coverage_src:.0%}/{c.summary.coverage_tgt:.0%}")

    drive(seed_app(seed_ru, seed_ar), script, size=(160, 48))


def test_filter_dialog_does_not_redraw_the_table_behind_it(seed_ru, seed_ar):
    """The dialog paints an opaque background: Textual then skips re-rendering (dimming)
    every cell of the table under it, which made it slow to open on big screens."""
    async def script(app, pilot):
        await pilot.press("f")
        screen = app.screen
        assert isinstance(screen, FilterScreen)
        assert screen.styles.background.a == 1.0

    drive(seed_app(seed_ru, seed_ar), script, size=(160, 48))


def test_search_matches_names_across_scripts(seed_ru, seed_ar):
    """«Такаити» finds تاكايشي in the Arabic column (entity keys), and the hit is painted."""
    async def script(app, pilot):
        pairs = app.comparison.pairs
        only_ar = [i for i, p in enumerate(pairs) if "تاكايشي" in p.tgt_text]
        assert only_ar
        await search(pilot, "Такаити")
        hits = model.search_hits(pairs[only_ar[0]].tgt_text, "ar", "Такаити")
        assert any(pairs[only_ar[0]].tgt_text[a:b] == "تاكايشي" for a, b in hits)
        assert all(model.pair_matches(pairs[i], "Такаити", "ru", "ar") for i in only_ar)
        assert not model.entity_hits(pairs[only_ar[0]].tgt_text, "ar", "Путин")
        assert model.entity_hits("ومع طوكيو", "ar", "Токио") == [(4, 9)]  # places by gazetteer key

    drive(seed_app(seed_ru, seed_ar), script)


def test_notes_are_hidden_until_o_and_majors_come_first():
    from tui_sample import sample_with_severities

    app = AlignerApp(sample_with_severities())

    async def script(app, pilot):
        pairs = app.comparison.pairs
        note_only = next(i for i, p in enumerate(pairs) if p.flags and all(f.severity == "note" for f in p.flags))
        assert not model.is_divergent(pairs[note_only])
        app.select_pair(note_only)
        await pilot.pause()
        assert "● note" not in detail(app) and "1 note hidden" in detail(app)
        await pilot.press("o")
        await pilot.pause()
        assert model.is_divergent(pairs[note_only], notes=True)
        assert "● note name" in detail(app)
        mixed = next(i for i, p in enumerate(pairs) if {f.severity for f in p.flags} >= {"major", "note"})
        app.select_pair(mixed)
        await pilot.pause()
        text = detail(app)
        assert text.index("● major") < text.index("● note")
        await pilot.press("d")
        await pilot.pause()
        assert "alignment evidence" in detail(app)

    drive(app, script)
