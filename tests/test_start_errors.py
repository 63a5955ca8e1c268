"""A refused Start, worded in the reader's language by ``ui.shell.start_errors`` on every page that
starts training: a busy or restarting server, a dataset that is not there, and settings out of
range, whose reason the core hands over as a code (``ConfigError``), never as English to show."""

from __future__ import annotations

import pytest

from tests.i18n_leaks import english_sentences
from tests.support import rendered, server_like_env
from tests.test_pages_explore import open_page, texts
from ui.compare.strings import SWEEP
from ui.shell import i18n, session_job, start_errors, state
from ui.shell.i18n import LANG_KEY
from ui.shell.jobs import QueueFull, ServerBusy, ServerClosing
from ui.train.strings import TRAIN
from ui.why.strings import WHY
from vae_core.config import ConfigError, TrainConfig
from vae_core.data import UploadNotLoaded
from vae_core.sweeps import Sweep

TABLES = {"train": TRAIN, "sweep": SWEEP, "why": WHY}


def refused_config() -> ConfigError:
    with pytest.raises(ConfigError) as info:
        TrainConfig(lr=50.0)
    return info.value


@pytest.fixture
def chinese(monkeypatch):
    monkeypatch.setattr(i18n, "current_language", lambda: "zh")


def test_start_or_explain_runs_start_and_hands_back_its_result():
    assert start_errors.attempt(lambda: 7) == (7, None)
    refusal = refused_config()

    def refuse():
        raise refusal

    assert start_errors.attempt(refuse) == (None, refusal)
    with pytest.raises(ZeroDivisionError):  # a bug is not a refusal: it is not hidden
        start_errors.attempt(lambda: 1 / 0)


@pytest.mark.parametrize("page", sorted(TABLES))
def test_a_config_error_is_worded_in_chinese(chinese, page):
    kind, message = start_errors.explain(refused_config(), TABLES[page])
    assert kind == "error"
    assert "lr 必须在 (0, 10] 之内，实际为 50.0" in message, message
    assert english_sentences([message]) == [], message


@pytest.mark.parametrize("page", sorted(TABLES))
def test_the_same_refusal_in_english_is_the_cores_sentence(page):
    kind, message = start_errors.explain(refused_config(), TABLES[page])
    assert kind == "error" and message.endswith("lr must be in (0, 10], got 50.0")


@pytest.mark.parametrize("page", sorted(TABLES))
def test_a_busy_server_is_a_warning(chinese, page):
    kind, message = start_errors.explain(QueueFull(2, 2, 30), TABLES[page])
    assert kind == "warning" and "2" in message and english_sentences([message]) == []
    assert start_errors.explain(ServerBusy(1, 1), TABLES["sweep"])[0] == "warning"


def test_a_restarting_server_is_said_where_the_page_has_words_for_it():
    assert start_errors.explain(ServerClosing(0, 2, 0), TRAIN) == ("warning", TRAIN["closing"])
    kind, message = start_errors.explain(ServerClosing(0, 2, 0), SWEEP)  # no "closing": busy
    assert (kind, message) == ("warning", SWEEP["busy"].format(running=0, limit=2))


@pytest.mark.parametrize("page", sorted(TABLES))
def test_a_missing_upload_is_worded_by_the_datasets_module(chinese, page):
    kind, message = start_errors.explain(UploadNotLoaded("upload:pics", "0" * 16), TABLES[page])
    assert kind == "error" and "upload:pics" in rendered(message)
    assert english_sentences([message]) == [], message


# -- the pages ---------------------------------------------------------------------------------
@pytest.fixture
def env(tmp_path, monkeypatch):
    with server_like_env(tmp_path, monkeypatch, pretrained=False) as e:
        yield e


def test_a_beta_out_of_range_is_refused_in_chinese(env):
    """The β lab reads β values from a text field: 5000 gets past it (a number, ≥ 0) and the
    sweep's own check refuses it at Start."""
    at = open_page("pages/beta_lab.py", lang="中文")
    at.text_input(key="bl_betas").set_value("1, 5000").run()
    at.button(key="cmp_start_beta").click().run()
    assert not at.exception, at.exception
    errors = texts(at.error)
    assert "无法开始：betas[1]：beta 必须在 [0, 1000] 之内，实际为 5000.0" in errors, errors
    assert english_sentences([errors]) == [], errors
    assert not [j for j in state.job_registry().jobs() if isinstance(j, Sweep) and j.is_alive()]


def test_a_refused_train_start_follows_the_language(env, monkeypatch):
    """The Train page keeps the refusal and words it when shown: switching the language
    rewords it."""
    from ui.train import form as train_view

    def refuse(self, input_shape, **kw):
        raise refused_config()

    monkeypatch.setattr(train_view.Settings, "configs", refuse)
    at = open_page("pages/train.py", lang="English")
    at.button(key="train_start").click().run()
    assert not at.exception, at.exception
    assert "Cannot train with these settings: lr must be in (0, 10], got 50.0" in texts(at.error)
    at.radio(key=LANG_KEY).set_value("中文").run()
    assert not at.exception, at.exception
    assert "无法用这些设置训练：lr 必须在 (0, 10] 之内，实际为 50.0" in texts(at.error)
    assert at.session_state[session_job.K_SLOT].job is None  # nothing started
