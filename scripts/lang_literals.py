#!/usr/bin/env python3
"""Count language-code literals in the package outside `aligner.lang` (issue 16).

A literal is a string constant in the source (AST) whose value is one of the supported
codes, e.g. `"ru"` in `if lang == "ru"`. Such a test means that stage knows a language
itself instead of asking its `Language` object (`aligner.lang.get(code)`, `rules(code)`,
`script(code)`). Docstrings are not counted. The registry (`aligner/lang/__init__.py`) and
the language modules are where codes belong, so `aligner/lang/` is not counted; nothing
else is left out. tests/test_languages.py fails when the count is not 0.

    python scripts/lang_literals.py [--list]     (exit 1 when any literal is found)
"""

from __future__ import annotations

import ast
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "src" / "aligner"
sys.path.insert(0, str(ROOT / "src"))
from aligner.lang import CODES  # noqa: E402  (every supported code, so a new language is counted too)


def literals(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            body = getattr(node, "body", [])
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docs.add(id(body[0].value))
    return [(n.lineno, n.value) for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str)
            and n.value in CODES and id(n) not in docs]


def count(pkg: Path = PKG) -> dict[str, list[tuple[int, str]]]:
    """Module path (relative to the package) -> its (line, code) literals, outside `lang/`."""
    out = {}
    for path in sorted(pkg.rglob("*.py")):
        rel = path.relative_to(pkg)
        if rel.parts[0] == "lang":
            continue
        found = literals(path)
        if found:
            out[str(rel)] = sorted(found)
    return out


def main() -> int:
    found = count()
    if "--list" in sys.argv:
        for rel, hits in found.items():
            for line, code in hits:
                print(f"{rel}:{line}: {code!r}")
    counts = Counter({rel: len(hits) for rel, hits in found.items()})
    for name, n in counts.most_common():
        print(f"{n:5d}  {name}")
    print(f"{sum(counts.values()):5d}  total in {len(counts)} modules (outside aligner/lang)")
    return 1 if counts else 0


if __name__ == "__main__":
    sys.exit(main())
