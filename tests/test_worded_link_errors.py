"""A settings link with values a page cannot use names them in the reader's language: the page
warns about each bad value (and each name it does not know) while it opens with its defaults,
and the warning follows a switch of language made after it was shown. The 中文 warning has no
English sentence."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.support import chinese_only, server_like_env
from ui.shell.i18n import LANG_KEY

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
TIMEOUT = 120


def test_a_bad_beta_list_in_a_link_is_worded_in_chinese(tmp_path, monkeypatch):
    with server_like_env(tmp_path, monkeypatch, pretrained=False):
        at = AppTest.from_file(APP, default_timeout=60)
        at.run()
        at.radio(key="vl_lang").set_value("中文").run()
        at.switch_page("pages/beta_lab.py")
        at.query_params.update({"betas": "1,x", "colour": "red"})
        at.run()
        assert not at.exception, at.exception
        message = " ".join(str(w.value) for w in at.warning)
        assert "betas=1,x" in message and "colour=red" in message
        chinese_only(message)


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
        at.radio(key=LANG_KEY).set_value("中文").run()
        assert not at.exception, at.exception
        chinese = " ".join(str(w.value) for w in at.warning)
        assert "beta=lots（不是 0.0 到 1000.0 之间的数）" in chinese, chinese
        chinese_only(chinese)
