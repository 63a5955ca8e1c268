"""Helpers shared by the page tests (AppTest) and the browser tests."""

from __future__ import annotations

import time


def keep_navigation_mode(monkeypatch) -> None:
    """AppTest resets ``PagesManager.uses_pages_directory`` before every run, and with a
    ``pages/`` folder that means legacy mode: the page would run without app.py and
    ``ui.state.ensure_shell`` would rerun it, dropping the button click of that run. Keep
    ``st.navigation`` mode, as a real server does once app.py has run."""
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


def wait_until(condition, timeout_s: float, what: str, poll_s: float = 0.1):
    """Poll ``condition`` until it returns something truthy; that value is returned."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(poll_s)
    raise AssertionError(f"timed out after {timeout_s} s waiting for {what}")
