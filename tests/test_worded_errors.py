"""Errors that leave ``vae_core`` as codes are worded by the UI in the reader's language: a bad
t-SNE setting, images that do not fit a model, a job or a sweep whose model does not fit its
data, a sweep model that cannot be saved, a bad value in a settings link. The 中文 wording has
no English sentence, the English one stays the core's clear sentence."""

from __future__ import annotations

import string
import time
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
import torch

from tests.i18n_leaks import english_sentences
from tests.support import rendered
from ui.compare import sweeps as compare
from ui.compare import views as compare_views
from ui.shell import datasets, i18n, model_store
from ui.shell.config_words import error_words, failure_words, job_words
from vae_core.analysis.anomaly import fit_to_model, ood_auc
from vae_core.analysis.embeddings import project
from vae_core.analysis.why_variational import WhySpec
from vae_core.config import ConfigError, DataConfig, ModelConfig, TrainConfig
from vae_core.jobs import TrainingJob, failure_params
from vae_core.messages import ANALYSIS_MESSAGES, AnalysisError
from vae_core.models import build_model
from vae_core.sweeps import Sweep, beta_sweep

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def zh(monkeypatch):
    monkeypatch.setattr(i18n, "current_language", lambda: "zh")


def _chinese_only(text: str) -> None:
    assert english_sentences([text]) == [], text
    assert any("\u4e00" <= ch <= "\u9fff" for ch in text), text


def _sample(template: str) -> dict:
    """Any value for each placeholder of ``template`` (a number formats under :g and :,)."""
    return {name.split(".")[0].split("[")[0]: 7
            for _, name, _, _ in string.Formatter().parse(template) if name}


def _wait_ended(work, timeout: float = 60.0):
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        snap = work.snapshot()
        if snap.status in ("finished", "stopped", "diverged", "failed"):
            return snap
        time.sleep(0.02)
    raise AssertionError("timed out")


# -- every new code formats in both languages ------------------------------------------------
NEW_KEYS = [f"ANALYSIS.{code}" for code in ANALYSIS_MESSAGES] + \
           ["CONFIG.shape_mismatch", "SWEEP.save_os_error"]


@pytest.mark.parametrize("key", NEW_KEYS)
def test_every_new_code_formats_in_both_languages(key):
    from ui.compare.strings import SWEEP
    from ui.shell.strings import ANALYSIS, CONFIG

    table, code = {"ANALYSIS": ANALYSIS, "CONFIG": CONFIG, "SWEEP": SWEEP}[key.split(".")[0]], \
        key.split(".")[1]
    english = dict(table.items())[code]
    chinese = i18n.translations("zh")[key]
    assert english.format(**_sample(english))
    _chinese_only(chinese.format(**_sample(chinese)))


# -- t-SNE -----------------------------------------------------------------------------------
def test_tsne_with_too_few_points_is_worded(zh, monkeypatch):
    mu = np.random.default_rng(0).normal(size=(10, 4))
    with pytest.raises(AnalysisError) as info:
        project("tsne", mu, perplexity=30)
    assert info.value.code == "tsne_perplexity_points"
    _chinese_only(error_words(info.value))
    monkeypatch.setattr(i18n, "current_language", lambda: "en")
    assert error_words(info.value) == str(info.value)
    assert "must be less than the number of points (10)" in str(info.value)


def test_the_map_says_a_refused_tsne_in_chinese(zh, monkeypatch):
    """What ``latent_map`` shows: its sentence around the worded reason."""
    from ui.explore.strings import MAP

    exc = AnalysisError("tsne_n_iter", value="0")
    _chinese_only(MAP["tsne_error"].format(error=error_words(exc)))


# -- anomaly scores --------------------------------------------------------------------------
def test_images_of_other_channels_are_worded(zh, monkeypatch):
    model = build_model(ModelConfig(input_shape=(3, 8, 8), hidden=(16,), latent_dim=2))
    with pytest.raises(AnalysisError) as info:
        fit_to_model(model, torch.rand(4, 2, 8, 8))
    _chinese_only(datasets.error_message(info.value))
    monkeypatch.setattr(i18n, "current_language", lambda: "en")
    assert datasets.error_message(info.value) == "cannot map 2 channels to the model's 3"


def test_nan_scores_are_worded(zh):
    with pytest.raises(AnalysisError) as info:
        ood_auc(torch.tensor([1.0, 2.0]), torch.tensor([float("nan")]))
    _chinese_only(datasets.error_message(info.value))


# -- jobs and sweeps -------------------------------------------------------------------------
def test_a_job_whose_model_does_not_fit_its_data_is_worded(digits, zh, monkeypatch):
    bad = ModelConfig(input_shape=(1, 28, 28))
    job = TrainingJob(bad, DataConfig(), TrainConfig(epochs=1), data=digits).start()
    snap = _wait_ended(job)
    assert snap.status == "failed" and snap.params["reason_code"] == "shape_mismatch"
    _chinese_only(job_words(snap))
    assert "(1, 28, 28)" in job_words(snap)
    monkeypatch.setattr(i18n, "current_language", lambda: "en")
    assert "model expects images (1, 28, 28) but digits has" in job_words(snap)


def test_a_sweep_whose_model_does_not_fit_its_data_is_worded(digits, zh, monkeypatch):
    spec = beta_sweep([1.0], model_cfg=ModelConfig(input_shape=(1, 28, 28)),
                      train_cfg=TrainConfig(epochs=1))
    sweep = Sweep(spec, data=digits).start()
    sweep.join(timeout=60)
    snap = sweep.snapshot()
    assert snap.status == "failed" and snap.params["reason_code"] == "shape_mismatch"
    _chinese_only(compare.sweep_words(snap))
    monkeypatch.setattr(i18n, "current_language", lambda: "en")
    assert "model expects images" in compare.sweep_words(snap)


def test_a_failed_sweep_model_line_is_worded(zh):
    job = SimpleNamespace(status="failed", code="failed", message="",
                          params=failure_params(ConfigError("shape_mismatch", expected=(1, 8, 8),
                                                            dataset="shapes", found=(1, 32, 32))))
    lines = compare.failure_lines(SimpleNamespace(labels=["β=1"], jobs=[job]))
    assert len(lines) == 1
    _chinese_only(lines[0])


def test_a_bug_keeps_its_english_inside_a_chinese_sentence(zh):
    params = failure_params(RuntimeError("CUDA kernel exploded"))
    assert "reason_code" not in params
    assert rendered(failure_words(params)) == "RuntimeError: CUDA kernel exploded"
    snap = SimpleNamespace(code="failed", params=params, message="")
    assert job_words(snap).startswith("训练")


def test_set_beta_and_why_spec_refuse_with_codes(digits):
    job = TrainingJob(ModelConfig(input_shape=(1, 8, 8)), DataConfig(dataset="digits"),
                      TrainConfig(epochs=1), data=digits)
    with pytest.raises(ConfigError) as info:
        job.set_beta(5000.0)
    assert info.value.code == "out_of_range" and str(info.value) == \
        "beta must be in [0, 1000], got 5000.0"
    with pytest.raises(ConfigError) as info:
        job.set_beta("big")
    assert info.value.code == "not_number"
    with pytest.raises(ConfigError) as info:
        WhySpec(ModelConfig(input_shape=(1, 8, 8)), n_scored=1)
    assert info.value.code == "out_of_range"
    with pytest.raises(ConfigError) as info:
        WhySpec("mlp")
    assert info.value.code == "sweep_config_type" and "model_cfg must be a ModelConfig" in \
        str(info.value)


# -- saving a sweep's model ------------------------------------------------------------------
def test_a_sweep_model_that_cannot_be_saved_is_worded(tmp_path, zh, monkeypatch):
    not_a_folder = tmp_path / "library"
    not_a_folder.write_text("a file where the library folder should be")
    model = build_model(ModelConfig(input_shape=(1, 8, 8), hidden=(16,), latent_dim=2))
    with pytest.raises(OSError) as info:
        model_store.save_model(model, "mine", not_a_folder / "sub", data_cfg=DataConfig(),
                           train_cfg=TrainConfig(), summary={})
    words = compare_views.save_problem(info.value)
    assert info.value.strerror and info.value.strerror in words  # the OS's reason, as it said
    _chinese_only(words.replace(info.value.strerror, ""))
    monkeypatch.setattr(i18n, "current_language", lambda: "en")
    assert compare_views.save_problem(info.value).startswith("Could not save ")


def test_a_refused_checkpoint_is_worded_by_the_library(zh):
    from vae_core.file_checks import CheckpointError

    _chinese_only(compare_views.save_problem(CheckpointError("bad_name", limit=80)))


# -- settings links --------------------------------------------------------------------------
def test_a_bad_beta_list_in_a_link_is_worded_in_chinese(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from tests.support import server_like_env

    with server_like_env(tmp_path, monkeypatch, pretrained=False):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.run()
        at.sidebar.radio(key="vl_lang").set_value("中文").run()
        at.switch_page("pages/beta_lab.py")
        at.query_params.update({"betas": "1,x", "colour": "red"})
        at.run()
        assert not at.exception, at.exception
        message = " ".join(str(w.value) for w in at.warning)
        assert "betas=1,x" in message and "colour=red" in message
        _chinese_only(message)
