"""Pilot tests: drive `aligner view` on the real seed pair and assert on screen state."""

from __future__ import annotations

import asyncio

from aligner.cli import build_parser
from aligner.cli.view import build_app


def seed_app(seed_ru, seed_ar, *extra):
    args = build_parser().parse_args(["view", str(seed_ru), str(seed_ar), "--mt", "off", *extra])
    return build_app(args)


def drive(app, script, size=(80, 24)):
    """Run `script(app, pilot)` against the app once its comparison has loaded."""

    async def main():
        async with app.run_test(size=size) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.comparison is not None
            await script(app, pilot)

    asyncio.run(main())


def test_opens_seed_pair(seed_ru, seed_ar):
    async def script(app, pilot):
        assert len(app.rows) == len(app.comparison.pairs)
        assert app.current_index() == 0

    drive(seed_app(seed_ru, seed_ar), script)
