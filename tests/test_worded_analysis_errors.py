"""An analysis that refuses leaves ``vae_core`` as a code, so that the UI words it in the reader's
language: a projection (t-SNE) that cannot run, images or scores an anomaly check cannot use,
MIG's refusals, and a sweep model whose pixel errors and MIG could not be measured, which the β
lab and its table say. The 中文 wording has no English sentence; the English one stays the
core's clear sentence, which the CLI and the logs keep."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest
import torch
from streamlit.testing.v1 import AppTest

from tests.support import (
    APP_SCRIPT,
    chinese_of_key,
    chinese_only,
    texts,
    use_language,
)
from ui.compare.strings import BETA, COMPARE_TABLE
from ui.shell import datasets, state
from ui.shell.config_words import error_words, measure_words
from ui.shell.i18n import LANG_KEY
from ui.shell.strings import ANALYSIS
from vae_core import sweeps
from vae_core.analysis import disentanglement as dis
from vae_core.analysis.anomaly import fit_to_model, ood_auc
from vae_core.analysis.embeddings import project
from vae_core.config import ModelConfig, TrainConfig
from vae_core.messages import ANALYSIS_MESSAGES, AnalysisError
from vae_core.models import build_model
from vae_core.sweeps import Variant

APP = APP_SCRIPT
TIMEOUT = 120



# -- every new key formats in both languages ------------------------------------------------
NEW_KEYS = [f"ANALYSIS.{code}" for code in ANALYSIS_MESSAGES] + \
           ["BETA.not_measured", "COMPARE_TABLE.not_measured"]


@pytest.mark.parametrize("key", NEW_KEYS)
def test_every_new_key_formats_in_both_languages(key):
    text = chinese_of_key(key, {"ANALYSIS": ANALYSIS, "BETA": BETA,
                                "COMPARE_TABLE": COMPARE_TABLE})
    if key != "COMPARE_TABLE.not_measured":  # a column head: two characters, no sentence to check
        chinese_only(text)


# -- t-SNE -----------------------------------------------------------------------------------
def test_tsne_with_too_few_points_is_worded(zh, monkeypatch):
    mu = np.random.default_rng(0).normal(size=(10, 4))
    with pytest.raises(AnalysisError) as info:
        project("tsne", mu, perplexity=30)
    assert info.value.code == "tsne_perplexity_points"
    chinese_only(error_words(info.value))
    use_language(monkeypatch, "en")
    assert error_words(info.value) == str(info.value)
    assert "must be less than the number of points (10)" in str(info.value)


def test_the_map_says_a_refused_tsne_in_chinese(zh, monkeypatch):
    """What ``latent_map`` shows: its sentence around the worded reason."""
    from ui.explore.strings import MAP

    exc = AnalysisError("tsne_n_iter", value="0")
    chinese_only(MAP["tsne_error"].format(error=error_words(exc)))


# -- anomaly scores --------------------------------------------------------------------------
def test_images_of_other_channels_are_worded(zh, monkeypatch):
    model = build_model(ModelConfig(input_shape=(3, 8, 8), hidden=(16,), latent_dim=2))
    with pytest.raises(AnalysisError) as info:
        fit_to_model(model, torch.rand(4, 2, 8, 8))
    chinese_only(datasets.error_message(info.value))
    use_language(monkeypatch, "en")
    assert datasets.error_message(info.value) == "cannot map 2 channels to the model's 3"


def test_nan_scores_are_worded(zh):
    with pytest.raises(AnalysisError) as info:
        ood_auc(torch.tensor([1.0, 2.0]), torch.tensor([float("nan")]))
    chinese_only(datasets.error_message(info.value))


# -- MIG's refusals ----------------------------------------------------------------------------
@pytest.mark.parametrize("call, code, english", [
    (lambda: dis.discretize(np.array([[0.0], [np.inf]])), "codes_not_finite",
     "codes contain NaN or inf; the model has diverged"),
    (lambda: dis.discretize(np.zeros((4, 2)), bins=1), "mig_bins",
     "bins must be an integer in [2, 1000], got 1"),
    (lambda: dis.discretize(np.zeros((1, 2))), "mig_shape",
     "codes must be (N, columns) with N ≥ 2, got shape (1, 2)"),
    (lambda: dis.mutual_information_discrete(np.zeros((4, 2)), np.zeros((3, 1))), "mig_rows",
     "codes have 4 rows but factors have 3"),
    (lambda: dis.mig(np.random.default_rng(0).normal(size=(8, 2)), np.arange(8)[:, None] % 2,
                     factor_names=("a", "b")), "mig_factor_names",
     "2 factor_names for 1 factors"),
])
def test_mig_refusals_have_codes(monkeypatch, call, code, english):
    with pytest.raises(AnalysisError) as info:
        call()
    exc = info.value
    assert isinstance(exc, ValueError) and exc.code == code
    assert str(exc) == english  # the CLI's English is unchanged
    use_language(monkeypatch, "zh")
    chinese_only(error_words(exc))
    use_language(monkeypatch, "en")
    assert error_words(exc) == english


def test_model_mig_refusals_have_codes(digits, monkeypatch):
    model = build_model(ModelConfig(input_shape=digits.input_shape, hidden=(8,), latent_dim=2))
    with pytest.raises(AnalysisError) as info:
        dis.model_mig(model, digits)
    assert info.value.code == "mig_no_factors"
    assert str(info.value) == ("dataset 'digits' has no ground-truth factors; MIG needs them "
                               "(use shapes)")
    use_language(monkeypatch, "zh")
    chinese_only(error_words(info.value))


# -- a sweep model whose metrics could not be measured ---------------------------------------
def _measure_one(has_factors: bool):
    """What ``sweeps.measure_job`` makes of one finished sweep model on 8×8 images (the test
    patches the measures that fail)."""
    model_cfg = ModelConfig(input_shape=(1, 8, 8), hidden=(16,), latent_dim=2)
    model = build_model(model_cfg)
    snap = SimpleNamespace(status="finished", summary={"test_elbo": 1.0}, epochs=(), steps=(),
                           message="finished")
    job = SimpleNamespace(join=lambda: None, snapshot=lambda: snap, take_model=lambda: model)
    data = SimpleNamespace(n_pixels=64, test_x=torch.zeros(4, 1, 8, 8), has_factors=has_factors)
    return sweeps.measure_job(Variant(0, "β=1", 1.0, model_cfg, TrainConfig(epochs=1)), job,
                              data)


def test_a_measure_error_keeps_its_code(monkeypatch, zh):
    def overflowed(*args, **kwargs):
        raise AnalysisError("not_finite", name="mu")

    monkeypatch.setattr(sweeps, "reconstruction_errors", overflowed)
    result = _measure_one(has_factors=False)
    problem = result.summary["measure_error"]
    assert problem["reason_code"] == "not_finite" and "mu contains NaN or inf" in problem["error"]
    chinese_only(measure_words(result.summary))
    use_language(monkeypatch, "en")
    assert measure_words(result.summary) == "mu contains NaN or inf"
    assert measure_words({"measure_error": "an older summary's English"}) == \
        "an older summary's English"
    assert measure_words({"test_elbo": 1.0}) is None


def test_a_diverged_sweep_model_keeps_the_mig_code(monkeypatch):
    monkeypatch.setattr(sweeps, "reconstruction_errors", lambda *a, **k: {})
    monkeypatch.setattr(sweeps, "model_mig", lambda *a, **k: dis.discretize([[np.nan], [0.0]]))
    result = _measure_one(has_factors=True)
    assert result.summary["measure_error"]["reason_code"] == "codes_not_finite"
    use_language(monkeypatch, "zh")
    chinese_only(measure_words(result.summary))


# -- ... and in the β lab, which says why ------------------------------------------------------
def test_the_beta_lab_says_why_a_model_was_not_measured(pretrained_env, monkeypatch):
    def diverged(*args, **kwargs):
        raise AnalysisError("codes_not_finite")

    monkeypatch.setattr(sweeps, "reconstruction_errors", diverged)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    at.switch_page("pages/beta_lab.py").run()
    at.selectbox(key="bl_dataset").set_value("digits").run()
    at.text_input(key="bl_betas").set_value("1").run()
    at.number_input(key="bl_epochs_digits").set_value(1).run()
    at.button(key="cmp_start_beta").click().run()
    assert not at.exception, at.exception
    for sweep in [j for j in state.job_registry().jobs() if isinstance(j, sweeps.Sweep)]:
        sweep.join(TIMEOUT)
    at.run()
    assert not at.exception, at.exception
    english = "codes contain NaN or inf; the model has diverged"
    assert ("The pixel errors and MIG of this model could not be measured: " + english) in \
        texts(at.warning)
    table = at.dataframe[0].value
    assert list(table["Not measured"]) == [english]
    assert list(table["Pixel MSE"]) == ["—"]

    at.session_state[LANG_KEY] = "中文"
    at.run()
    assert not at.exception, at.exception
    line = next(w.value for w in at.warning if "像素误差" in w.value)
    chinese_only(line)
    assert english not in line
    cell = at.dataframe[0].value["未测量"][0]
    chinese_only(cell)


def test_a_sweep_table_without_measure_errors_has_no_extra_column():
    from ui.compare.views import summary_rows

    ok = SimpleNamespace(label="β=1", status="finished", model_cfg=ModelConfig(),
                         summary={"test_elbo": 1.0, "pixel_mse": 0.1})
    assert COMPARE_TABLE["not_measured"] not in summary_rows([ok])[0]
    failed = SimpleNamespace(label="β=4", status="finished", model_cfg=ModelConfig(),
                             summary={"test_elbo": 1.0,
                                      "measure_error": "an older summary's English"})
    rows = summary_rows([ok, failed])
    assert [r[COMPARE_TABLE["not_measured"]] for r in rows] == ["", "an older summary's English"]
