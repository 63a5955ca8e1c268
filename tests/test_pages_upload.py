"""AppTest: your own images. A zip uploaded on the Train page becomes a dataset of the session,
is selected, trains, and its model is explored on the latent map; a refused file changes
nothing and says why (in English and 中文); a model whose upload is gone says so."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.support import digit_zip, server_like_env
from ui.shell import datasets, session_job, state

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
TIMEOUT = 60



@pytest.fixture(autouse=True)
def env(tmp_path, monkeypatch):
    with server_like_env(tmp_path, monkeypatch, pretrained=False) as e:
        yield e


@pytest.fixture
def chinese_outside_the_script(monkeypatch):
    """AppTest words a selectbox's options with its format function in the test process, where
    ``ui.shell.i18n`` falls back to English; in a 中文 run the options then do not match. Make the
    test process read 中文 too."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    from ui.shell import i18n

    inside = i18n.current_language
    monkeypatch.setattr(i18n, "current_language",
                        lambda: "zh" if get_script_run_ctx(suppress_warning=True) is None
                        else inside())


def train_page(lang: str = "English") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    if lang != "English":
        at.radio(key="vl_lang").set_value(lang).run()
    at.switch_page("pages/train.py")
    # the selectbox's labels change with the language, which AppTest's set_value cannot follow:
    # choose "your own images…" through the widget's key instead
    at.session_state[state.DATASET_KEY] = datasets.UPLOAD_CHOICE
    at.run()
    return at


def texts(elements) -> str:
    return " ".join(str(e.value) for e in elements)


def upload(at: AppTest, data: bytes, name: str) -> AppTest:
    at.file_uploader(key="tr_upload").set_value((name, data, "application/zip")).run()
    assert not at.exception, at.exception
    return at


def test_an_uploaded_zip_trains_and_is_explored():
    at = train_page()
    assert at.button(key="train_start").disabled  # nothing to train on yet
    upload(at, digit_zip(40), "my digits.zip")
    name = "upload:my digits"
    assert at.selectbox(key="tr_dataset").value == name
    assert "120 images of 28×28 pixels in 3 class(es) (96 train / 24 test)" in texts(at.success)
    at.number_input(key="tr_epochs").set_value(2).run()
    at.button(key="train_start").click().run()
    job = at.session_state[session_job.K_SLOT].job
    job.join(TIMEOUT)
    at.run()
    assert not at.exception
    assert "Finished 2 epochs" in texts(at.success)
    ckpt = next(iter(at.session_state[state.K_MODELS].values()))
    uploaded = at.session_state[state.K_DATASETS][name]
    assert ckpt.data_cfg.dataset == name and ckpt.data_cfg.upload_hash == uploaded.content_hash

    at.switch_page("pages/latent_map.py")
    at.run()
    assert not at.exception and not at.error
    assert "of 24 test images" in texts(at.caption)

    del at.session_state[state.K_DATASETS][name]  # as in a later session: the upload is gone
    at.run()
    assert "not loaded in this session" in texts(at.error)


@pytest.mark.parametrize("lang, words", [("English", "at least 100 are needed"),
                                         ("中文", "至少需要 100 张")])
def test_a_refused_upload_says_why_and_keeps_nothing(lang, words, request):
    if lang != "English":
        request.getfixturevalue("chinese_outside_the_script")
    at = train_page(lang)
    upload(at, digit_zip(10), "few.zip")  # 30 images
    assert words in texts(at.error)
    assert "few.zip" in texts(at.error)
    assert not at.session_state[state.K_DATASETS] if state.K_DATASETS in at.session_state \
        else True  # nothing kept
    box = at.selectbox(key="tr_dataset")
    assert box.index == len(box.options) - 1  # still "your own images…"
    assert at.button(key="train_start").disabled


def test_the_remembered_refusal_follows_the_language(request):
    """The uploader keeps its file across reruns, so the page shows the remembered result
    again: it is kept as words to render, not as an English sentence."""
    at = train_page()
    upload(at, digit_zip(10), "few.zip")
    ((ok, words),) = at.session_state[state.K_UPLOADS].values()
    assert not ok and "at least 100 are needed" in words()
    request.getfixturevalue("chinese_outside_the_script")
    assert "至少需要 100 张" in words() and "at least" not in words()


def test_a_not_a_zip_upload_is_refused():
    at = train_page()
    upload(at, b"PK\x03\x04 this is not really a zip", "broken.zip")
    assert "not a readable zip archive" in texts(at.error)


@pytest.mark.parametrize("lang", ["English", "中文"])
def test_an_upload_over_the_session_memory_is_refused_and_fits_resized(lang, request,
                                                                        monkeypatch):
    """300 images of 64×64 kept at their size take 4.7 MB as float32, over a 1 MB cap; resized
    to 28×28 they take 0.9 MB, and the refusal says so; unticking "keep size" loads them."""
    from tests.i18n_leaks import english_sentences
    from tests.support import ramp_zip
    from ui.shell import memory_budget

    monkeypatch.setenv(memory_budget.SESSION_MB_ENV, "1")
    if lang != "English":
        request.getfixturevalue("chinese_outside_the_script")
    at = train_page(lang)
    assert "1 MB" in texts(at.caption)  # the cap is shown next to the uploader
    at.checkbox(key="tr_upload_keep").check().run()
    upload(at, ramp_zip(100), "big.zip")
    error = texts(at.error)
    assert "big.zip" in error and "4.7 MB" in error and "1 MB" in error and "0.9 MB" in error
    if lang == "English":
        assert "its images would take 4.7 MB in memory; a session holds at most 1 MB" in error
        assert "Without “Keep the images' own size” they would take 0.9 MB" in error
    else:
        assert "保留图片原尺寸" in error
        assert english_sentences([error, texts(at.caption)]) == []
    assert not at.session_state[state.K_DATASETS] if state.K_DATASETS in at.session_state \
        else True  # nothing kept
    at.checkbox(key="tr_upload_keep").uncheck().run()
    assert not at.exception and not at.error
    assert at.selectbox(key="tr_dataset").value == "upload:big"
