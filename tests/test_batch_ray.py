"""`aligner batch --engine ray` writes the same output directory as the local engine: the same
reports, records and index (minus timings), the same one-line error for a failing pair.
Skips when Ray is not installed (CI installs the `[ray]` extra)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
VOLATILE = re.compile(r"(time|elapsed|seconds|started|finished|engine|workers)", re.I)


def _strip(value):
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if not VOLATILE.search(k)}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def _results(out: Path) -> dict[str, object]:
    return {p.relative_to(out).as_posix(): _strip(json.loads(p.read_text(encoding="utf-8"))) for p in sorted(out.rglob("*.json"))}


def test_ray_engine_batch_equals_local_engine_batch(tmp_path):
    pytest.importorskip("ray")
    seeds = (ROOT / "seeds" / "pairs.toml").read_text(encoding="utf-8")
    manifest = tmp_path / "pairs.toml"
    # the seed pairs with absolute paths, plus a pair whose TGT is empty (must fail)
    manifest.write_text(
        seeds.replace('src = "', f'src = "{ROOT / "seeds"}/').replace('tgt = "', f'tgt = "{ROOT / "seeds"}/')
        + '\n[[pair]]\nname = "broken"\nsrc = "empty.txt"\ntgt = "empty.txt"\n',
        encoding="utf-8",
    )
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    outs = {}
    for engine in ("local", "ray"):
        out = outs[engine] = tmp_path / f"out-{engine}"
        proc = subprocess.run(
            [sys.executable, "-m", "aligner", "batch", str(manifest), "-o", str(out), "--engine", engine,
             "--workers", "2", "--mt", "off", "--formats", "json,tmx"],
            capture_output=True, text=True, timeout=300, cwd=ROOT,
        )
        assert proc.returncode == 5, proc.stderr  # the broken pair failed, the rest did not
    local, ray = _results(outs["local"]), _results(outs["ray"])
    assert local == ray
    index = local["index.json"]
    assert index["counts"] == {"ok": 4, "failed": 1, "pending": 0}
    assert index["pairs"][0]["name"] == "broken" and "empty" in index["pairs"][0]["error"]
    for name in ("japan-russia-course", "unrelated-001"):
        tmx = [re.sub(r'creationdate="[^"]*"', "", (outs[e] / "pairs" / f"{name}.tmx").read_text(encoding="utf-8")) for e in outs]
        assert tmx[0] == tmx[1] and "<tu" in tmx[0]
