"""Model management: where CTranslate2 models live, how they are described, converted,
installed and verified.

A model is a directory holding a CTranslate2 model (`model.bin`, `config.json`, vocabulary
files), its SentencePiece models (`source.spm`, `target.spm`) and `aligner-model.json`, the
manifest that names its language pairs, licence and provenance. Only directories with a
manifest are models; a partial install never has one (it is built under a temporary name and
renamed into place when complete).

Search order: an explicit `models_dir` (or `$ALIGNER_MODELS_DIR`) alone when given;
otherwise the project's `models/` directory, then the user data dir
(`platformdirs.user_data_dir("aligner")/models`), which is also where `install` writes.

No function here touches the network except `install_models`.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aligner.errors import InputError, ModelError, NetworkError
from aligner.lang import PIVOT

MANIFEST = "aligner-model.json"
MANIFEST_SCHEMA = "aligner.model/1"
ENV_MODELS_DIR = "ALIGNER_MODELS_DIR"
# Marian / OPUS-MT position tables hold 512; staying well below keeps quality and leaves the
# decoder room. Longer sentences are split by the ct2 backend, never truncated.
DEFAULT_MAX_INPUT_TOKENS = 256
REQUIRED_FILES = ("model.bin", "config.json")

# The OPUS-MT releases `aligner models install` fetches: native Marian zips, which convert
# with numpy alone (no torch), one per language, named in its `aligner.lang` module
# (`Language.opus_mt`, with where the name was checked). Licence: CC-BY-4.0, Language
# Technology Research Group, University of Helsinki (https://github.com/Helsinki-NLP/OPUS-MT-train).
def _opus_mt() -> dict[str, dict[str, str]]:
    from aligner import lang as languages

    return {
        L.code: {"pair": m.pair, "name": m.name, "url": m.url, "hf_repo": m.hf_repo, "source": m.source}
        for L in languages.languages()
        if (m := L.opus_mt) is not None
    }


OPUS_MT: dict[str, dict[str, str]] = _opus_mt()
#: Where `install` downloads from: the OPUS-MT object store, or a mirror (a local server in
#: the tests) named by this variable; the path after the base is kept (ar-en/opus-....zip).
ENV_MODELS_URL = "ALIGNER_MODELS_BASE_URL"
OPUS_MT_BASE_URL = "https://object.pouta.csc.fi/OPUS-MT-models/"
OPUS_MT_LICENCE = "CC-BY-4.0"
OPUS_MT_ATTRIBUTION = (
    "OPUS-MT models by the Language Technology Research Group at the University of Helsinki "
    "(Tiedemann & Thottingal, 2020), licensed CC-BY-4.0: https://creativecommons.org/licenses/by/4.0/. "
    "Converted to CTranslate2 by aligner; weights quantised, otherwise unchanged."
)


@dataclass(frozen=True, slots=True)
class ModelInfo:
    """An installed model as its manifest describes it."""

    name: str
    path: Path
    pairs: tuple[str, ...]  # e.g. ("ar-en",)
    quantization: str = "int8"
    source_spm: str = "source.spm"
    target_spm: str = "target.spm"
    max_input_tokens: int = DEFAULT_MAX_INPUT_TOKENS
    fingerprint: str = ""  # sha256 of model.bin, so caches never mix two models' outputs
    size_bytes: int = 0
    licence: str = ""
    provenance: dict[str, Any] = field(default_factory=dict)
    translates: bool = True  # False for aligner's random-weight test model

    @property
    def identity(self) -> str:
        """Stable model identity for cache keys: name plus a content fingerprint."""
        return f"{self.name}@{self.fingerprint[:16]}"

    def serves(self, src: str, tgt: str = PIVOT) -> bool:
        return f"{src}-{tgt}" in self.pairs


# --------------------------------------------------------------------------- locations


def project_models_dir() -> Path:
    """`models/` at the project root (a source checkout or editable install)."""
    return Path(__file__).resolve().parents[3] / "models"


def user_models_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("aligner")) / "models"


def model_roots(models_dir: str | os.PathLike | None = None) -> list[Path]:
    """Directories searched for models, in order; an explicit dir (or env) is used alone."""
    explicit = models_dir or os.environ.get(ENV_MODELS_DIR)
    if explicit:
        return [Path(explicit).expanduser()]
    return [project_models_dir(), user_models_dir()]


def install_root(models_dir: str | os.PathLike | None = None) -> Path:
    explicit = models_dir or os.environ.get(ENV_MODELS_DIR)
    return Path(explicit).expanduser() if explicit else user_models_dir()


# --------------------------------------------------------------------------- manifests


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(chunk):
            h.update(block)
    return h.hexdigest()


def load_model_info(path: str | os.PathLike) -> ModelInfo:
    """Read and check a model directory; a partial or corrupt one raises ModelError naming it."""
    path = Path(path)
    manifest = path / MANIFEST
    if not manifest.is_file():
        raise ModelError(
            f"model dir {path} has no {MANIFEST}: a partial install, or a CTranslate2 model not registered "
            f"yet (register it with `aligner models convert {path} --pair xx-en -o NEWDIR`)"
        )
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
        pairs = tuple(str(p) for p in data["pairs"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ModelError(f"model dir {path} is corrupt: {manifest} is unreadable ({exc}); reinstall or reconvert it") from None
    info = ModelInfo(
        name=str(data.get("name") or path.name),
        path=path,
        pairs=pairs,
        quantization=str(data.get("quantization", "int8")),
        source_spm=str(data.get("source_spm", "source.spm")),
        target_spm=str(data.get("target_spm", "target.spm")),
        max_input_tokens=int(data.get("max_input_tokens", DEFAULT_MAX_INPUT_TOKENS)),
        fingerprint=str(data.get("fingerprint", "")),
        size_bytes=int(data.get("size_bytes", 0)),
        licence=str(data.get("licence", "")),
        provenance=dict(data.get("provenance", {})),
        translates=bool(data.get("translates", True)),
    )
    missing = [f for f in (*REQUIRED_FILES, info.source_spm, info.target_spm) if not (path / f).is_file()]
    if missing:
        raise ModelError(f"model dir {path} is partial: missing {', '.join(missing)}; reinstall or reconvert it")
    if not any((path / v).is_file() for v in ("shared_vocabulary.json", "source_vocabulary.json", "shared_vocabulary.txt", "source_vocabulary.txt")):
        raise ModelError(f"model dir {path} is partial: no vocabulary file; reinstall or reconvert it")
    size = (path / "model.bin").stat().st_size
    if info.size_bytes and size != info.size_bytes:
        raise ModelError(
            f"model dir {path} is corrupt: model.bin is {size} bytes, manifest says {info.size_bytes}; reinstall it"
        )
    if not info.fingerprint:  # a hand-made manifest: fall back to size+mtime identity
        st = (path / "model.bin").stat()
        info = _replace(info, fingerprint=hashlib.sha256(f"{st.st_size}:{st.st_mtime_ns}".encode()).hexdigest())
    return info


def _replace(info: ModelInfo, **changes: Any) -> ModelInfo:
    from dataclasses import replace

    return replace(info, **changes)


def write_manifest(path: Path, data: dict[str, Any]) -> None:
    tmp = path / f".{MANIFEST}.tmp"
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path / MANIFEST)


@dataclass(slots=True)
class Discovery:
    """What lies under the model roots: usable models and broken directories."""

    models: list[ModelInfo] = field(default_factory=list)
    broken: list[tuple[Path, ModelError]] = field(default_factory=list)


def discover(models_dir: str | os.PathLike | None = None) -> Discovery:
    """Every model directory under the search roots (hidden/partial installs skipped)."""
    found = Discovery()
    seen: set[Path] = set()
    for root in model_roots(models_dir):
        if not root.is_dir():
            continue
        for d in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
            if d.resolve() in seen:
                continue
            seen.add(d.resolve())
            if not (d / MANIFEST).exists() and not (d / "model.bin").exists():
                continue  # not a model at all (e.g. a README folder)
            try:
                found.models.append(load_model_info(d))
            except ModelError as exc:
                found.broken.append((d, exc))
    return found


def find_model(src: str, tgt: str = PIVOT, models_dir: str | os.PathLike | None = None) -> ModelInfo | None:
    """The first usable model for src->tgt, or None. A broken directory that looks like it
    serves the pair raises its ModelError: silently ignoring a damaged install would hide it.
    Test models that do not translate are only used from an explicitly named models dir."""
    explicit = bool(models_dir or os.environ.get(ENV_MODELS_DIR))
    found = discover(models_dir)
    for info in found.models:
        if info.serves(src, tgt) and (info.translates or explicit):
            return info
    pair = f"{src}-{tgt}"
    for d, exc in found.broken:
        claims = False
        try:
            claims = pair in json.loads((d / MANIFEST).read_text(encoding="utf-8")).get("pairs", [])
        except FileNotFoundError:
            claims = pair in d.name
        except (OSError, ValueError, AttributeError, TypeError):
            claims = True  # an unreadable manifest may well be this pair's: name it, never hide it
        if claims:
            raise exc
    return None


# --------------------------------------------------------------------------- conversion


def detect_format(src_dir: Path) -> str:
    """'ct2' (already converted), 'marian' (native OPUS-MT/Marian), or 'hf' (HF Marian)."""
    if (src_dir / "model.bin").is_file() and (src_dir / "config.json").is_file():
        try:
            cfg = json.loads((src_dir / "config.json").read_text(encoding="utf-8"))
        except ValueError:
            cfg = {}
        if "model_type" not in cfg:
            return "ct2"
    if (src_dir / "decoder.yml").is_file() or any(src_dir.glob("*.npz")):
        return "marian"
    if (src_dir / "config.json").is_file():
        try:
            cfg = json.loads((src_dir / "config.json").read_text(encoding="utf-8"))
        except ValueError as exc:
            raise InputError(f"{src_dir}/config.json is not valid JSON ({exc})") from None
        if cfg.get("model_type") == "marian":
            return "hf"
        raise InputError(f"{src_dir} holds a {cfg.get('model_type')!r} model; only Marian / OPUS-MT models are supported")
    raise InputError(
        f"{src_dir} is not a Marian, OPUS-MT, Hugging Face Marian or CTranslate2 model directory"
    )


def _guess_pairs(src_dir: Path) -> tuple[str, ...]:
    """'opus-mt-ar-en' / 'ar-en' style directory names carry the pair."""
    import re

    m = re.search(r"(?:^|[-_/])([a-z]{2,3})-(en)(?:$|[-_])", src_dir.name)
    return (f"{m.group(1)}-{m.group(2)}",) if m else ()


def _convert_marian(src_dir: Path, out: Path, quantization: str) -> None:
    try:
        import yaml  # noqa: F401  (the Marian converter reads YAML configs)
    except ImportError:
        raise ModelError("converting a Marian model needs PyYAML: pip install pyyaml") from None
    from ctranslate2.converters import MarianConverter, OpusMTConverter

    if (src_dir / "decoder.yml").is_file():
        converter = OpusMTConverter(str(src_dir))
    else:
        npz = sorted(src_dir.glob("*.npz"))
        vocabs = sorted(src_dir.glob("*.yml"))
        if not npz or not vocabs:
            raise InputError(f"{src_dir}: a Marian model needs a .npz model and a vocabulary .yml")
        converter = MarianConverter(str(npz[0]), [str(v) for v in vocabs])
    converter.convert(str(out), quantization=quantization, force=True)


def _convert_hf(src_dir: Path, out: Path, quantization: str) -> None:
    import importlib.util

    if not (importlib.util.find_spec("transformers") and importlib.util.find_spec("torch")):
        raise ModelError(
            f"converting the Hugging Face model in {src_dir} needs transformers and torch: "
            "pip install 'aligner[hf]' (or convert the OPUS-MT Marian zip, which needs neither)"
        )
    from ctranslate2.converters import TransformersConverter

    TransformersConverter(str(src_dir)).convert(str(out), quantization=quantization, force=True)


def convert_model(
    src_dir: str | os.PathLike,
    out_dir: str | os.PathLike,
    *,
    pairs: Iterable[str] = (),
    name: str | None = None,
    quantization: str = "int8",
    licence: str | None = None,
    provenance: dict[str, Any] | None = None,
    max_input_tokens: int | None = None,
    force: bool = False,
    translates: bool = True,
) -> Path:
    """Convert a local Marian / OPUS-MT / HF Marian download to a CT2 model dir (offline).

    Built under a hidden temporary name and renamed into place, so an interrupted run never
    leaves something that looks like a model."""
    src_dir, out_dir = Path(src_dir), Path(out_dir)
    if not src_dir.is_dir():
        raise InputError(f"{src_dir} is not a directory")
    pairs = tuple(pairs) or _guess_pairs(src_dir) or _guess_pairs(out_dir)
    if not pairs:
        raise InputError(f"cannot tell the language pair of {src_dir}; pass --pair, e.g. --pair ar-en")
    for p in pairs:
        if len(p.split("-")) != 2:
            raise InputError(f"bad language pair {p!r}; expected e.g. ar-en")
    if out_dir.exists() and not force:
        raise InputError(f"{out_dir} already exists; pass --force to replace it")
    fmt = detect_format(src_dir)
    spms = [src_dir / "source.spm", src_dir / "target.spm"]
    if not all(p.is_file() for p in spms):
        raise InputError(f"{src_dir} has no source.spm/target.spm SentencePiece models")

    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.partial-", dir=out_dir.parent))
    try:
        build = tmp / "m"
        if fmt == "ct2":
            shutil.copytree(src_dir, build)
            (build / MANIFEST).unlink(missing_ok=True)
        elif fmt == "marian":
            _convert_marian(src_dir, build, quantization)
        else:
            _convert_hf(src_dir, build, quantization)
        for spm_path in spms:
            shutil.copy2(spm_path, build / spm_path.name)
        for extra in ("README.md", "LICENSE", "LICENCE.txt"):
            if (src_dir / extra).is_file() and not (build / extra).exists():
                shutil.copy2(src_dir / extra, build / extra)
        import ctranslate2

        manifest = {
            "schema": MANIFEST_SCHEMA,
            "name": name or out_dir.name,
            "pairs": list(pairs),
            "format": "ctranslate2",
            "quantization": quantization if fmt != "ct2" else "as-provided",
            "source_spm": "source.spm",
            "target_spm": "target.spm",
            "max_input_tokens": int(max_input_tokens or DEFAULT_MAX_INPUT_TOKENS),
            "fingerprint": sha256_file(build / "model.bin"),
            "size_bytes": (build / "model.bin").stat().st_size,
            "licence": licence or "unknown (see the original model's licence)",
            "translates": translates,
            "provenance": {
                "converted_from": str(src_dir.resolve()),
                "source_format": fmt,
                "converter": f"ctranslate2 {ctranslate2.__version__}",
                "converted_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                **(provenance or {}),
            },
        }
        write_manifest(build, manifest)
        if out_dir.exists():
            shutil.rmtree(out_dir)
        os.replace(build, out_dir)
    except (RuntimeError, ValueError, KeyError, OSError) as exc:
        raise ModelError(f"cannot convert {src_dir}: {type(exc).__name__}: {exc}") from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out_dir


# --------------------------------------------------------------------------- install


def _download(
    url: str, dest: Path, progress: Callable[[str], None] | None = None, timeout: float = 30, pair: str = "xx-en"
) -> str:
    """Stream `url` to `dest`; returns the sha256. Any network failure is a NetworkError."""
    import http.client
    import socket
    import urllib.error
    import urllib.request

    h = hashlib.sha256()
    try:
        req = urllib.request.Request(url, headers={"User-Agent": "aligner-models-install"})
        with urllib.request.urlopen(req, timeout=timeout) as resp, open(dest, "wb") as out:
            total = int(resp.headers.get("Content-Length") or 0)
            done, last = 0, 0.0
            while block := resp.read(1 << 20):
                out.write(block)
                h.update(block)
                done += len(block)
                if progress and time.monotonic() - last > 1:
                    last = time.monotonic()
                    progress(f"  {done / 1e6:.0f} MB" + (f" of {total / 1e6:.0f} MB" if total else ""))
            if total and done != total:
                raise NetworkError(f"the download of {url} was cut off after {done} of {total} bytes; retry")
    except urllib.error.HTTPError as exc:
        raise NetworkError(f"cannot download {url}: HTTP {exc.code} {exc.reason}") from None
    except http.client.HTTPException as exc:  # e.g. IncompleteRead: the server stopped mid-file
        raise NetworkError(f"the download of {url} was cut off ({type(exc).__name__}); retry") from None
    except (urllib.error.URLError, socket.timeout, ConnectionError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise NetworkError(
            f"cannot download {url} ({reason}); you seem to be offline. Download it elsewhere, unzip it, "
            f"and run `aligner models convert DIR --pair {pair}`"
        ) from None
    return h.hexdigest()


def _no_model_message(unknown: list[str]) -> str:
    """One line: which languages have no known model, and why where the registry says."""
    from aligner import lang as languages

    why = [n for c in unknown if languages.known(c) for n in languages.get(c).notes if "model" in n]
    line = f"no known model for {', '.join(unknown) or 'nothing'}; installable: {', '.join(sorted(OPUS_MT))}"
    return line + (f" ({'; '.join(why)})" if why else "")


def install_models(
    langs: Iterable[str],
    models_dir: str | os.PathLike | None = None,
    *,
    force: bool = False,
    progress: Callable[[str], None] | None = None,
) -> list[Path]:
    """Download OPUS-MT xx-en (native Marian zip) and convert it to CT2 int8.

    The only network access in aligner; records URL, sha256, date, upstream and the
    CC-BY-4.0 licence in the manifest and a LICENCE.txt beside the model."""
    say = progress or (lambda _msg: None)
    langs = list(dict.fromkeys(langs))
    unknown = [lang for lang in langs if lang not in OPUS_MT]
    if unknown or not langs:
        raise InputError(_no_model_message(unknown))
    root = install_root(models_dir)
    root.mkdir(parents=True, exist_ok=True)
    done: list[Path] = []
    for lang in langs:
        spec = OPUS_MT[lang]
        out = root / spec["name"]
        if (out / MANIFEST).exists() and not force:
            say(f"{spec['name']} is already installed in {out} (use --force to reinstall)")
            done.append(out)
            continue
        url = spec["url"]
        base = os.environ.get(ENV_MODELS_URL)
        if base:
            url = base.rstrip("/") + "/" + url.removeprefix(OPUS_MT_BASE_URL)
        with tempfile.TemporaryDirectory(prefix=".download-", dir=root) as tmp:
            zpath = Path(tmp) / "model.zip"
            say(f"downloading {url}")
            digest = _download(url, zpath, say, pair=spec["pair"])
            if spec.get("sha256") and digest != spec["sha256"]:
                raise NetworkError(f"the download of {url} has sha256 {digest[:16]}..., expected {spec['sha256'][:16]}...; retry")
            try:
                with zipfile.ZipFile(zpath) as zf:
                    zf.extractall(Path(tmp) / "marian")
            except zipfile.BadZipFile:
                raise NetworkError(f"the download of {spec['url']} is not a valid zip (truncated?); retry") from None
            say(f"converting {spec['name']} to CTranslate2 int8")
            convert_model(
                Path(tmp) / "marian",
                out,
                pairs=(spec["pair"],),
                name=spec["name"],
                licence=OPUS_MT_LICENCE,
                provenance={
                    "upstream": "Helsinki-NLP/OPUS-MT-train",
                    "hf_repo": spec["hf_repo"],
                    "url": url,
                    "download_sha256": digest,
                    "downloaded_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                    "attribution": OPUS_MT_ATTRIBUTION,
                },
                force=True,
            )
        (out / "LICENCE.txt").write_text(OPUS_MT_ATTRIBUTION + "\n", encoding="utf-8")
        problems = verify_model(load_model_info(out), full=True)  # checksum + a test translation
        if problems:
            shutil.rmtree(out, ignore_errors=True)
            raise ModelError(f"{spec['name']} failed its check after install ({'; '.join(problems)}); removed it")
        say(f"installed and verified {spec['name']} in {out}")
        done.append(out)
    return done


# --------------------------------------------------------------------------- verify


def verify_model(info: ModelInfo, full: bool = True) -> list[str]:
    """Problems found (empty when healthy): checksum, loading, tokenising, one translation."""
    problems: list[str] = []
    bin_path = info.path / "model.bin"
    if full and info.fingerprint and len(info.fingerprint) == 64:
        manifest_fp = json.loads((info.path / MANIFEST).read_text(encoding="utf-8")).get("fingerprint")
        if manifest_fp and sha256_file(bin_path) != manifest_fp:
            problems.append("model.bin checksum differs from the manifest (corrupt or replaced)")
    if not problems:
        try:
            from aligner.translate.ct2 import CT2Translator

            tr = CT2Translator(info, device="cpu", cache_models=False)
            out = tr.translate(["Test."])
            if len(out) != 1:
                problems.append("translation returned no output")
        except ModelError as exc:
            problems.append(str(exc))
    return problems
