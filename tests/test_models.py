"""Model management: `models convert` on a Marian-style fixture, `install` offline (and with a
mocked download), missing / partial / corrupt model dirs, `list` and `verify`."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest

import aligner.cli
from aligner.errors import EXIT_MODEL, EXIT_NETWORK, InputError, ModelError, NetworkError
from aligner.translate.ct2 import CT2Translator, clear_loaded_models
from aligner.translate.models import (
    MANIFEST,
    OPUS_MT,
    OPUS_MT_BASE_URL,
    convert_model,
    detect_format,
    discover,
    find_model,
    install_models,
    load_model_info,
    verify_model,
)
from aligner.translate.testmodel import write_marian_fixture
from mt_helpers import SEEDS, no_network, test_models_dir


@pytest.fixture(scope="session")
def marian_dir(tmp_path_factory) -> Path:
    """An OPUS-MT style native Marian download: model.npz, decoder.yml, vocab .yml, spm files."""
    return write_marian_fixture(tmp_path_factory.mktemp("dl") / "opus-mt-ru-en", SEEDS)


@pytest.fixture()
def cli(monkeypatch, capsys):
    """Run `aligner models ...` through the real entry point (only this subcommand loaded)."""
    monkeypatch.setattr(aligner.cli, "SUBCOMMANDS", ("models",))

    def run(*argv: str) -> tuple[int, str, str]:
        rc = aligner.cli.main(list(argv))
        out = capsys.readouterr()
        return rc, out.out, out.err

    return run


def copy_model(tmp_path: Path, name: str = "aligner-test-tiny") -> Path:
    root = tmp_path / "models"
    shutil.copytree(test_models_dir() / "aligner-test-tiny", root / name)
    return root / name


# --------------------------------------------------------------------------- convert


def test_convert_marian_fixture(marian_dir, tmp_path):
    assert detect_format(marian_dir) == "marian"
    out = convert_model(marian_dir, tmp_path / "m" / "ru-model")
    info = load_model_info(out)
    assert info.pairs == ("ru-en",)  # guessed from 'opus-mt-ru-en'
    assert info.fingerprint == hashlib.sha256((out / "model.bin").read_bytes()).hexdigest()
    assert info.provenance["source_format"] == "marian"
    assert (out / "source.spm").is_file() and (out / "target.spm").is_file()
    assert not list(out.parent.glob(".*partial*"))  # built aside, renamed into place
    assert CT2Translator(info, device="cpu").translate(["Привет, мир."])[0]
    with pytest.raises(InputError, match="already exists; pass --force"):
        convert_model(marian_dir, out)


def test_models_convert_cli(marian_dir, tmp_path, cli):
    rc, out, err = cli("models", "convert", str(marian_dir), "--pair", "ar-en", "--pair", "ru-en", "--name", "tiny", "--models-dir", str(tmp_path))
    assert rc == 0, err
    info = load_model_info(tmp_path / "tiny")
    assert info.pairs == ("ar-en", "ru-en") and info.name == "tiny" and info.quantization == "int8"
    assert find_model("ar", models_dir=tmp_path).name == "tiny"


def test_convert_needs_a_pair_when_the_name_has_none(marian_dir, tmp_path):
    plain = tmp_path / "download"
    shutil.copytree(marian_dir, plain)
    with pytest.raises(InputError, match="pass --pair"):
        convert_model(plain, tmp_path / "out")


def test_convert_hf_marian_without_torch_names_the_extra(tmp_path, monkeypatch):
    import importlib.util

    hf = tmp_path / "opus-mt-ar-en"
    hf.mkdir()
    (hf / "config.json").write_text(json.dumps({"model_type": "marian"}))
    for f in ("source.spm", "target.spm", "pytorch_model.bin"):
        (hf / f).write_bytes(b"x")
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda n, *a: None if n in ("transformers", "torch") else real(n, *a))
    assert detect_format(hf) == "hf"
    with pytest.raises(ModelError, match=r"needs transformers and torch: pip install 'aligner\[hf\]'") as exc:
        convert_model(hf, tmp_path / "out")
    assert exc.value.exit_code == EXIT_MODEL and not (tmp_path / "out").exists()


def test_convert_rejects_what_it_cannot_read(tmp_path):
    (tmp_path / "junk").mkdir()
    (tmp_path / "junk" / "notes.txt").write_text("hi")
    with pytest.raises(InputError, match="not a Marian, OPUS-MT"):
        convert_model(tmp_path / "junk", tmp_path / "out", pairs=["ar-en"])
    with pytest.raises(InputError, match="is not a directory"):
        convert_model(tmp_path / "nope", tmp_path / "out", pairs=["ar-en"])


# --------------------------------------------------------------------------- install


def test_install_offline_is_one_line_exit_4(tmp_path, cli, monkeypatch):
    no_network(monkeypatch)
    rc, out, err = cli("models", "install", "ar", "--models-dir", str(tmp_path))
    assert rc == EXIT_NETWORK
    error_lines = [ln for ln in err.splitlines() if ln.startswith("aligner: error:")]
    assert len(error_lines) == 1 and "Traceback" not in err
    assert "cannot download https://object.pouta.csc.fi/OPUS-MT-models/ar-en/" in error_lines[0]
    assert "--pair ar-en" in error_lines[0]
    assert [p.name for p in tmp_path.iterdir()] == []  # no partial model left behind


def test_install_unknown_language(tmp_path):
    with pytest.raises(InputError, match="no known model for it; installable: ar, de, es, fr, ru, tr, uk$"):
        install_models(["it"], tmp_path)
    # Persian has a module but no verified OPUS-MT fa-en release: said so, nothing downloaded
    with pytest.raises(InputError, match=r"no known model for fa; .*\(no verified OPUS-MT fa-en model"):
        install_models(["fa"], tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_every_language_module_names_its_opus_mt_release():
    from aligner import lang

    for code in ("uk", "fr", "es", "de", "tr", "ar", "ru"):
        spec = OPUS_MT[code]
        assert spec["pair"] == f"{code}-en" and spec["name"] == f"opus-mt-{code}-en"
        assert spec["url"].startswith(OPUS_MT_BASE_URL + f"{code}-en/opus-") and spec["url"].endswith(".zip")
        assert spec["source"], code  # where the name was checked
    assert "fa" not in OPUS_MT and "en" not in OPUS_MT
    assert set(OPUS_MT) == {c for c in lang.CODES if lang.get(c).opus_mt}


def test_install_with_a_mocked_download(marian_dir, tmp_path, monkeypatch):
    """The whole install path (download, unzip, convert, provenance) without a network."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for f in marian_dir.iterdir():
            zf.write(f, f.name)
    payload = buf.getvalue()
    urls: list[str] = []

    class Response(io.BytesIO):
        @property
        def headers(self):
            return {"Content-Length": str(len(self.getvalue()))}

    def fake_urlopen(req, timeout=None):
        urls.append(req.full_url)
        return Response(payload)

    monkeypatch.setattr("urllib.request.urlopen", fake_urlopen)
    (path,) = install_models(["ru"], tmp_path)
    info = load_model_info(path)
    assert urls == ["https://object.pouta.csc.fi/OPUS-MT-models/ru-en/opus-2020-02-26.zip"]
    assert info.name == "opus-mt-ru-en" and info.pairs == ("ru-en",) and info.licence == "CC-BY-4.0"
    assert info.provenance["download_sha256"] == hashlib.sha256(payload).hexdigest()
    assert info.provenance["hf_repo"] == "Helsinki-NLP/opus-mt-ru-en"
    assert "CC-BY-4.0" in (path / "LICENCE.txt").read_text()
    assert install_models(["ru"], tmp_path) == [path] and len(urls) == 1  # already there
    monkeypatch.setattr("urllib.request.urlopen", lambda req, timeout=None: Response(b"not a zip"))
    with pytest.raises(NetworkError, match="not a valid zip"):
        install_models(["ar"], tmp_path)


# --------------------------------------------------------------------------- missing / broken


def test_missing_model_is_none(tmp_path):
    assert find_model("ar", models_dir=tmp_path) is None
    assert find_model("ar", models_dir=tmp_path / "does-not-exist") is None


def test_partial_model_dir_is_named(tmp_path):
    d = copy_model(tmp_path)
    (d / "model.bin").unlink()
    with pytest.raises(ModelError, match=rf"model dir {d} is partial: missing model.bin") as exc:
        find_model("ar", models_dir=d.parent)
    assert exc.value.exit_code == EXIT_MODEL
    assert find_model("fr", models_dir=d.parent) is None  # it never claimed fr-en


def test_unreadable_manifest(tmp_path):
    d = copy_model(tmp_path, "opus-mt-ar-en")
    (d / MANIFEST).write_text("{not json")
    with pytest.raises(ModelError, match=rf"model dir {d} is corrupt: {d / MANIFEST} is unreadable"):
        find_model("ar", models_dir=d.parent)
    assert [p for p, _ in discover(d.parent).broken] == [d]


def test_truncated_model_bin_is_caught_before_loading(tmp_path):
    d = copy_model(tmp_path)
    data = (d / "model.bin").read_bytes()
    (d / "model.bin").write_bytes(data[: len(data) // 2])
    with pytest.raises(ModelError, match=rf"model dir {d} is corrupt: model.bin is \d+ bytes, manifest says"):
        load_model_info(d)


def test_garbage_model_bin_fails_to_load_with_dir_named(tmp_path):
    d = copy_model(tmp_path)
    manifest = json.loads((d / MANIFEST).read_text())
    manifest.pop("size_bytes")
    (d / MANIFEST).write_text(json.dumps(manifest))
    (d / "model.bin").write_bytes(b"\0garbage" * 100)
    clear_loaded_models()
    with pytest.raises(ModelError, match=rf"model dir {d} is corrupt or partial: cannot load model.bin"):
        CT2Translator(load_model_info(d), device="cpu")


# --------------------------------------------------------------------------- list / verify


def test_list_and_verify(tmp_path, cli):
    d = copy_model(tmp_path)
    root = str(d.parent)
    rc, out, _ = cli("models", "list", "--models-dir", root)
    assert rc == 0 and "aligner-test-tiny" in out and "ar-en,ru-en" in out and "int8" in out
    assert "[test model: does not translate]" in out
    rc, out, _ = cli("models", "list", "--json", "--models-dir", root)
    listed = json.loads(out)
    assert listed["models"][0]["pairs"] == ["ar-en", "ru-en"] and "int8" in listed["compute_types"]["cpu"]
    rc, out, _ = cli("models", "verify", "--models-dir", root)
    assert rc == 0 and out.startswith("ok   aligner-test-tiny")
    # flip bytes in the middle of the weights: same size, different content
    data = bytearray((d / "model.bin").read_bytes())
    data[len(data) // 2 : len(data) // 2 + 64] = bytes(64)
    (d / "model.bin").write_bytes(bytes(data))
    rc, out, _ = cli("models", "verify", "--models-dir", root)
    assert rc == EXIT_MODEL and "checksum differs" in out
    rc, out, _ = cli("models", "verify", "nope", "--models-dir", root)
    assert rc == EXIT_MODEL and "FAIL nope: no such model installed" in out


def test_verify_model_api_on_healthy_model():
    info = load_model_info(test_models_dir() / "aligner-test-tiny")
    assert verify_model(info) == []


def test_list_empty_says_how_to_install(tmp_path, cli):
    rc, out, _ = cli("models", "list", "--models-dir", str(tmp_path))
    assert rc == 0 and "no models installed" in out and "aligner models install ar ru" in out


def test_unregistered_ct2_dir_is_reported_and_can_be_registered(tmp_path, cli):
    raw = tmp_path / "models" / "my-ct2-model"
    shutil.copytree(test_models_dir() / "aligner-test-tiny", raw)
    (raw / MANIFEST).unlink()
    ((d, exc),) = discover(raw.parent).broken
    assert d == raw and "has no aligner-model.json" in str(exc) and "aligner models convert" in str(exc)
    assert detect_format(raw) == "ct2"
    rc, out, err = cli("models", "convert", str(raw), "--pair", "ru-en", "-o", str(tmp_path / "models" / "registered"))
    assert rc == 0, err
    info = find_model("ru", models_dir=tmp_path / "models")
    assert info.name == "registered" and info.translates
    assert CT2Translator(info, device="cpu").translate(["Привет."])[0]


def test_cache_command_shows_and_clears(tmp_path, cli):
    from aligner.translate.cache import TranslationCache

    with TranslationCache(tmp_path) as c:
        c.put_many("m", [("Привет.", "Hello."), ("Пока.", "Bye.")])
    rc, out, _ = cli("models", "cache", "--cache-dir", str(tmp_path))
    assert rc == 0 and "2 cached translations" in out and str(tmp_path) in out
    rc, out, _ = cli("models", "cache", "--clear", "--cache-dir", str(tmp_path))
    assert rc == 0 and out.startswith("cleared 2")
    with TranslationCache(tmp_path) as c:
        assert c.count() == 0


# --------------------------------------------------------------------------- install over HTTP


@pytest.fixture()
def model_server(marian_dir):
    """A real HTTP server on 127.0.0.1 serving the test model as OPUS-MT's ru-en zip; the
    path /cut/... sends half the bytes under a full Content-Length, then hangs up."""
    import http.server
    import threading

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for f in marian_dir.iterdir():
            zf.write(f, f.name)
    payload = buf.getvalue()
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the http.server API
            hits.append(self.path)
            if not self.path.endswith("ru-en/opus-2020-02-26.zip"):
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload[: len(payload) // 2] if self.path.startswith("/cut/") else payload)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", payload, hits
    server.shutdown()
    server.server_close()


def test_install_over_http_downloads_converts_verifies_and_registers(model_server, tmp_path, monkeypatch, cli):
    base, payload, hits = model_server
    monkeypatch.setenv("ALIGNER_MODELS_BASE_URL", base + "/")
    rc, out, err = cli("models", "install", "ru", "--models-dir", str(tmp_path))
    assert rc == 0, err
    assert hits == ["/ru-en/opus-2020-02-26.zip"]
    assert "installed and verified opus-mt-ru-en" in err
    (info,) = discover(tmp_path).models
    assert info.name == "opus-mt-ru-en" and info.pairs == ("ru-en",)
    assert info.provenance["download_sha256"] == hashlib.sha256(payload).hexdigest()
    assert info.provenance["url"] == f"{base}/ru-en/opus-2020-02-26.zip"
    assert find_model("ru", models_dir=tmp_path) == info  # registered: the pipeline finds it
    rc, out, err = cli("models", "verify", "--models-dir", str(tmp_path))
    assert rc == 0 and "ok   opus-mt-ru-en" in out


def test_an_interrupted_download_leaves_no_half_installed_model(model_server, tmp_path, monkeypatch, cli):
    base, _, hits = model_server
    monkeypatch.setenv("ALIGNER_MODELS_BASE_URL", base + "/cut/")
    rc, out, err = cli("models", "install", "ru", "--models-dir", str(tmp_path))
    assert rc == EXIT_NETWORK, err
    assert "cut off" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []  # no model dir, no temp dir
    assert discover(tmp_path).models == []


def test_flipped_bytes_in_model_bin_fail_verify(tmp_path, cli):
    path = copy_model(tmp_path)
    data = bytearray((path / "model.bin").read_bytes())
    data[len(data) // 2] ^= 0xFF
    (path / "model.bin").write_bytes(bytes(data))
    rc, out, err = cli("models", "verify", "--models-dir", str(tmp_path / "models"))
    assert rc == EXIT_MODEL and "checksum differs" in out


def test_a_garbage_manifest_is_named_not_hidden_behind_an_install_hint(tmp_path):
    path = copy_model(tmp_path, "my-model")
    (path / MANIFEST).write_text("{ not json", encoding="utf-8")
    with pytest.raises(ModelError, match=rf"{path / MANIFEST} is unreadable"):
        find_model("ru", models_dir=tmp_path / "models")
