"""``ui.shell.state.ensure_shell`` flips a private Streamlit flag
(``PagesManager.uses_pages_directory``) so that a sub-page reached first in legacy multipage mode
still runs inside ``app.py``. These tests fail loudly when a Streamlit release renames or drops the
flag or stops needing the flip, and keep ``requirements.in`` bounded to the Streamlit releases they
have seen."""

from __future__ import annotations

from pathlib import Path

import streamlit
from packaging.requirements import Requirement
from packaging.version import Version
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]


def test_streamlit_still_has_the_flag_and_still_picks_legacy_mode_for_our_pages_folder(
        monkeypatch):
    monkeypatch.undo()  # the autouse fixture's PagesManager.__init__ would hide the mode
    assert "uses_pages_directory" in vars(PagesManager)
    saved = PagesManager.uses_pages_directory
    try:
        PagesManager.uses_pages_directory = None  # a fresh process
        PagesManager(str(ROOT / "app.py"))
        assert PagesManager.uses_pages_directory is True  # the mode ensure_shell undoes
    finally:
        PagesManager.uses_pages_directory = saved


def test_a_sub_page_opened_first_in_legacy_mode_runs_inside_the_shell(monkeypatch):
    monkeypatch.undo()  # this test wants the legacy mode the autouse fixture would hide
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/train.py")
    at.run()  # AppTest resets the flag before each run: legacy mode, as after a server start
    assert not at.exception
    picker = [s for s in at.sidebar.selectbox if s.key == "vl_model"]
    assert picker, "the page ran without app.py: no model picker in the sidebar"
    assert PagesManager.uses_pages_directory is False


def test_requirements_bound_streamlit_to_the_releases_these_tests_have_seen():
    lines = (ROOT / "requirements.in").read_text().splitlines()
    spec = next(Requirement(line).specifier for line in lines if line.startswith("streamlit"))
    installed = Version(streamlit.__version__)
    assert installed in spec
    uppers = [Version(s.version) for s in spec if s.operator in ("<", "<=")]
    assert uppers and max(uppers) <= Version(f"{installed.major}.{installed.minor + 1}")
