"""`aligner models list|install|convert|verify`: manage the CTranslate2 pivot models.

Only `install` uses the network; offline it fails with one line and exit code 4.
A partial or corrupt model directory is reported by name (exit code 3 from `verify`).
"""

from __future__ import annotations

import argparse
import json
import sys

from aligner.errors import EXIT_MODEL, EXIT_OK


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("models", help="list, install, convert and verify translation models")
    sub = p.add_subparsers(dest="models_command", metavar="ACTION")

    def common(q: argparse.ArgumentParser) -> None:
        q.add_argument("--models-dir", metavar="DIR", help="model directory (default: project models/ and user data dir)")

    q = sub.add_parser("list", help="installed models: language pairs, size, compute types")
    common(q)
    q.add_argument("--json", action="store_true", help="machine-readable output")
    q.set_defaults(func=_list)

    q = sub.add_parser("install", help="download OPUS-MT xx-en and convert it to CTranslate2 int8 (network)")
    q.add_argument("langs", nargs="+", metavar="LANG", help="source languages: ar, ru")
    q.add_argument("--force", action="store_true", help="reinstall even if present")
    common(q)
    q.set_defaults(func=_install)

    q = sub.add_parser("convert", help="convert a local Marian / OPUS-MT / HF Marian download to CTranslate2 (offline)")
    q.add_argument("src", metavar="DIR", help="the downloaded model directory")
    q.add_argument("-o", "--output", metavar="DIR", help="output model dir (default: <models dir>/<name>)")
    q.add_argument("--pair", action="append", default=[], metavar="SRC-en", help="language pair it serves, e.g. ar-en (repeatable; default: from the dir name)")
    q.add_argument("--name", help="model name (default: the output dir name)")
    q.add_argument("--quantization", default="int8", help="weight type (default: int8)")
    q.add_argument("--licence", help="licence to record (default: unknown)")
    q.add_argument("--force", action="store_true", help="replace an existing output dir")
    common(q)
    q.set_defaults(func=_convert)

    q = sub.add_parser("verify", help="check installed models: files, checksum, a test translation")
    q.add_argument("names", nargs="*", metavar="NAME", help="models to check (default: all)")
    q.add_argument("--quick", action="store_true", help="skip the checksum")
    common(q)
    q.set_defaults(func=_verify)

    q = sub.add_parser("cache", help="where the translation cache is, how big, and --clear")
    q.add_argument("--cache-dir", metavar="DIR", help="cache dir (default: user cache dir or $ALIGNER_CACHE_DIR)")
    q.add_argument("--clear", action="store_true", help="delete every cached translation")
    q.set_defaults(func=_cache)

    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


def _compute_types() -> dict[str, list[str]]:
    import ctranslate2

    out = {"cpu": sorted(ctranslate2.get_supported_compute_types("cpu"))}
    if ctranslate2.get_cuda_device_count() > 0:
        out["cuda"] = sorted(ctranslate2.get_supported_compute_types("cuda"))
    return out


def _list(args: argparse.Namespace) -> int:
    from aligner.translate.models import discover, model_roots

    found = discover(args.models_dir)
    roots = [str(r) for r in model_roots(args.models_dir)]
    if args.json:
        print(
            json.dumps(
                {
                    "roots": roots,
                    "compute_types": _compute_types(),
                    "models": [
                        {
                            "name": m.name,
                            "path": str(m.path),
                            "pairs": list(m.pairs),
                            "size_bytes": m.size_bytes or (m.path / "model.bin").stat().st_size,
                            "quantization": m.quantization,
                            "max_input_tokens": m.max_input_tokens,
                            "licence": m.licence,
                            "translates": m.translates,
                            "provenance": m.provenance,
                        }
                        for m in found.models
                    ],
                    "broken": [{"path": str(d), "error": str(e)} for d, e in found.broken],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return EXIT_OK
    if not found.models and not found.broken:
        print(f"no models installed (searched: {', '.join(roots)})")
        print("install with `aligner models install ar ru`, or convert a download with `aligner models convert DIR`")
        return EXIT_OK
    ct = _compute_types()
    print("compute types: " + "; ".join(f"{dev}: {', '.join(types)}" for dev, types in ct.items()))
    for m in found.models:
        size = sum(f.stat().st_size for f in m.path.iterdir() if f.is_file())
        tag = "" if m.translates else "  [test model: does not translate]"
        print(f"{m.name:<24} {','.join(m.pairs):<12} {_size(size):>9}  {m.quantization:<6} {m.licence}  {m.path}{tag}")
    for d, exc in found.broken:
        print(f"BROKEN {d}: {exc}")
    return EXIT_OK


def _install(args: argparse.Namespace) -> int:
    from aligner.translate.models import OPUS_MT_ATTRIBUTION, install_models

    install_models(args.langs, args.models_dir, force=args.force, progress=lambda m: print(m, file=sys.stderr))
    print(OPUS_MT_ATTRIBUTION)
    return EXIT_OK


def _convert(args: argparse.Namespace) -> int:
    from pathlib import Path

    from aligner.translate.models import convert_model, install_root

    src = Path(args.src)
    out = Path(args.output) if args.output else install_root(args.models_dir) / (args.name or src.name)
    path = convert_model(
        src,
        out,
        pairs=args.pair,
        name=args.name,
        quantization=args.quantization,
        licence=args.licence,
        force=args.force,
    )
    print(f"converted {src} -> {path}")
    return EXIT_OK


def _cache(args: argparse.Namespace) -> int:
    import sqlite3

    from aligner.errors import InputError
    from aligner.translate.cache import DB_NAME, TranslationCache, default_cache_dir, discard_files

    if args.clear:  # always works: whatever state the file is in, it is removed
        path = default_cache_dir(args.cache_dir) / DB_NAME
        try:
            with TranslationCache(args.cache_dir) as cache:
                n = cache.count()
        except (sqlite3.Error, OSError):
            n = None
        try:
            discard_files(path)
        except OSError as exc:
            raise InputError(f"cannot clear the translation cache {path}: {exc.strerror or exc}") from None
        print(f"cleared {n} cached translations from {path}" if n is not None else f"removed the unreadable translation cache {path}")
        return EXIT_OK
    try:
        with TranslationCache(args.cache_dir) as cache:
            n = cache.count()
            if args.clear:
                cache.clear()
                print(f"cleared {n} cached translations from {cache.path}")
            else:
                size = sum(f.stat().st_size for f in cache.dir.glob(cache.path.name + "*"))
                print(f"{cache.path}: {n} cached translations, {_size(size)}")
    except (sqlite3.Error, OSError) as exc:
        raise InputError(f"cannot open the translation cache: {exc}") from None
    return EXIT_OK


def _verify(args: argparse.Namespace) -> int:
    from aligner.translate.models import discover, verify_model

    found = discover(args.models_dir)
    models = [m for m in found.models if not args.names or m.name in args.names or m.path.name in args.names]
    broken = [(d, e) for d, e in found.broken if not args.names or d.name in args.names]
    unknown = set(args.names) - {m.name for m in models} - {m.path.name for m in models} - {d.name for d, _ in broken}
    bad = len(broken) + len(unknown)
    for name in sorted(unknown):
        print(f"FAIL {name}: no such model installed")
    for d, exc in broken:
        print(f"FAIL {d}: {exc}")
    for m in models:
        problems = verify_model(m, full=not args.quick)
        if problems:
            bad += 1
            print(f"FAIL {m.name} ({m.path}): {'; '.join(problems)}")
        else:
            print(f"ok   {m.name} ({', '.join(m.pairs)})")
    if not models and not broken and not unknown:
        print("no models installed")
    return EXIT_MODEL if bad else EXIT_OK
