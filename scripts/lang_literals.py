#!/usr/bin/env python3
"""Count language-code literals in the package outside `aligner.lang` (issue 16).

A literal is a string constant in the source (AST) whose value is one of the supported
codes, e.g. `"ru"` in `if lang == "ru"`. Such a test means that stage knows a language
itself instead of asking its `Language` object. Docstrings are not counted.

    python scripts/lang_literals.py [--list]
"""

from __future__ import annotations

import ast
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "src" / "aligner"
CODES = {"ar", "ru", "en", "uk", "fa", "fr", "es", "de", "tr"}


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


def main() -> int:
    show = "--list" in sys.argv
    counts: Counter = Counter()
    for path in sorted(PKG.rglob("*.py")):
        rel = path.relative_to(PKG)
        if rel.parts[0] == "lang":
            continue
        found = literals(path)
        if found:
            counts[str(rel)] = len(found)
            if show:
                for line, code in found:
                    print(f"{rel}:{line}: {code!r}")
    for name, n in counts.most_common():
        print(f"{n:5d}  {name}")
    print(f"{sum(counts.values()):5d}  total in {len(counts)} modules (outside aligner/lang)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
