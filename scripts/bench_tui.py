#!/usr/bin/env python3
"""How long the viewer takes to answer keys, on the seed pair at 160x48 (issue 13: the filter
dialog took about 1.5 s to open).

    .venv/bin/python scripts/bench_tui.py [--repeat 5]

Prints the median time from key press to the next painted screen for a cursor move (`j`), the
filter dialog (`f`, then Esc) and help (`?`), and the ratio filter / cursor move measured in
this run (the target: the dialog costs no more than twice a cursor move). The dialog paints an
opaque background, so Textual does not re-render and dim every cell of the table behind it.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from pathlib import Path

from aligner.cli import build_parser
from aligner.cli.view import build_app

ROOT = Path(__file__).resolve().parents[1]


async def _measure(repeat: int, size: tuple[int, int]) -> dict[str, float]:
    src = next((ROOT / "seeds").glob("004_*.txt"))
    tgt = next((ROOT / "seeds").glob("000_*.txt"))
    app = build_app(build_parser().parse_args(["view", str(src), str(tgt), "--mt", "off"]))
    times: dict[str, list[float]] = {"cursor move (j)": [], "filter dialog (f)": [], "help (?)": []}
    async with app.run_test(size=size) as pilot:
        await app.workers.wait_for_complete()
        for _ in range(100):
            await pilot.pause()
            if app._layout_key is not None:
                break
        for _ in range(repeat):
            for label, keys in (("cursor move (j)", ["j"]), ("filter dialog (f)", ["f"]), ("help (?)", ["question_mark"])):
                t = time.perf_counter()
                await pilot.press(*keys)
                await pilot.pause()
                times[label].append(time.perf_counter() - t)
                if label != "cursor move (j)":
                    await pilot.press("escape")
                    await pilot.pause()
    return {k: statistics.median(v) for k, v in times.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    medians = asyncio.run(_measure(args.repeat, (160, 48)))
    for label, t in medians.items():
        print(f"{label:<20} {t * 1000:7.1f} ms")
    ratio = medians["filter dialog (f)"] / medians["cursor move (j)"]
    print(f"filter dialog / cursor move: {ratio:.2f}x (target <= 2)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
