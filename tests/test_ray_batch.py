"""`aligner batch --engine ray` against `--engine local` on the same inputs: the same output
directory, per-pair results and index (timings aside), the same exit code when a pair
fails, the same resume; and one line, exit 2, when Ray is missing.

Ray starts once for the module (2 CPUs, no dashboard); the batch command reuses it.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from aligner.cli import main

ray = pytest.importorskip("ray")

# A pair that must fail (empty TGT) makes both batches exit 5.
BROKEN_PAIR = True
# The HTML footer says when the report was generated; two runs may straddle a minute.
GENERATED = re.compile(r"generated \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC")

# Keys whose values legitimately differ between two runs of the same batch.
VOLATILE = re.compile(r"(time|elapsed|seconds|_s$|started|finished|engine|workers)", re.I)


def _stable(value):
    if isinstance(value, dict):
        return {k: _stable(v) for k, v in value.items() if not VOLATILE.search(k)}
    if isinstance(value, list):
        return [_stable(v) for v in value]
    return value


def results_of(out: Path) -> dict[str, object]:
    """Every output file by relative path: JSON minus run timings, per-pair reports as text.
    The index's HTML and CSV restate index.json plus the run's clock and engine name."""
    found: dict[str, object] = {}
    for path in sorted(p for p in out.rglob("*") if p.is_file() and not p.name.startswith(".")):
        rel = path.relative_to(out).as_posix()
        if path.suffix == ".json":
            found[rel] = _stable(json.loads(path.read_text(encoding="utf-8")))
        elif rel.startswith("pairs/"):
            found[rel] = GENERATED.sub("generated (time)", path.read_text(encoding="utf-8-sig"))
        else:
            found[rel] = "(index view)"
    return found


@pytest.fixture(scope="module")
def ray_up():
    ray.init(address="local", num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="error")
    yield
    ray.shutdown()


@pytest.fixture()
def manifest(tmp_path, seed_ru, seed_ar, seed_unrelated) -> Path:
    """The related seed pair, the three unrelated pairings, and one pair that must fail."""
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    rows = [("related", seed_ru, seed_ar)] + [(f"unrelated-{i}", seed_ru, p) for i, p in enumerate(seed_unrelated, 1)]
    if BROKEN_PAIR:
        rows.append(("broken", seed_ru, tmp_path / "empty.txt"))
    lines = []
    for name, src, tgt in rows:
        lines += ["[[pair]]", f'name = "{name}"', f'src = "{src.as_posix()}"', f'tgt = "{tgt.as_posix()}"', ""]
    path = tmp_path / "pairs.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def run(manifest: Path, out: Path, *extra: str) -> int:
    return main(["batch", str(manifest), "-o", str(out), "--mt", "off", "--workers", "2", "--progress", "none",
                 "--formats", "json,html,tsv", *extra])


def test_ray_gives_the_local_engines_outputs(ray_up, manifest, tmp_path):
    local, distributed = tmp_path / "local", tmp_path / "ray"
    code_local = run(manifest, local, "--engine", "local")
    code_ray = run(manifest, distributed, "--engine", "ray")
    assert code_local == code_ray == (5 if BROKEN_PAIR else 0)  # a failed pair: exit 5 in both
    a, b = results_of(local), results_of(distributed)
    assert sorted(a) == sorted(b) and len(a) >= 5
    for rel in a:
        assert a[rel] == b[rel], rel


def test_ray_batch_resumes_without_redoing_finished_pairs(ray_up, manifest, tmp_path):
    out = tmp_path / "out"
    run(manifest, out, "--engine", "ray")
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file() and "index" not in p.name and p.name != ".lock"}
    before = results_of(out)
    run(manifest, out, "--engine", "ray")
    assert results_of(out) == before
    redone = [p for p, t in stamps.items() if p.exists() and p.stat().st_mtime_ns != t]
    # only the failed pair may be retried; finished pairs are never rewritten
    assert all("broken" in str(p) for p in redone), redone


def test_missing_ray_is_one_line_and_exit_2(manifest, tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "ray", None)
    code = run(manifest, tmp_path / "out", "--engine", "ray")
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert err.count("\n") == 0 and "pip install 'aligner[ray]'" in err
