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


def mutate_bytes(data, blob: bytes, *, edit_within: int | None = None) -> bytes:
    """1-4 Hypothesis-drawn edits of ``blob`` (set, insert, delete a run, truncate) at positions
    below ``edit_within`` (default: anywhere); ``data`` is ``st.data()``'s draw object."""
    from hypothesis import strategies as st

    out = bytearray(blob)
    for _ in range(data.draw(st.integers(1, 4), label="edits")):
        limit = min(len(out), edit_within or len(out))
        pos = data.draw(st.integers(0, limit - 1), label="pos")
        op = data.draw(st.sampled_from(["set", "insert", "delete", "truncate"]), label="op")
        if op == "set":
            out[pos] = data.draw(st.integers(0, 255), label="byte")
        elif op == "insert":
            out[pos:pos] = data.draw(st.binary(min_size=1, max_size=8), label="bytes")
        elif op == "delete":
            del out[pos:pos + data.draw(st.integers(1, 8), label="n")]
        else:
            del out[pos:]
        if not out:
            break
    return bytes(out)
