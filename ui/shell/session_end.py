"""What a closed tab leaves in the server, given back once its session can no longer return.

Streamlit keeps a disconnected session for ``server.disconnectedSessionTTL`` (120 s by
default) so that a tab which lost its connection for a moment gets it back, then forgets it at
the next session event, without shutting it down: the session's media files (its download
buttons' bytes, its images) stay registered in the runtime's ``MediaFileManager`` for good. On
this app that was about 2 MB per closed session (a model's download bytes), so a day of classes
would grow the server without bound (``bench/bench_load.py``, README "Many users at once").

Each closing session is noted here; at the next session event after its TTL (a tab opening or
closing, as Streamlit itself expires sessions), a session that has not come back has its media
references cleared, the files no session uses are removed, and the freed memory is trimmed.
"""

from __future__ import annotations

import threading
import time

import streamlit as st
from streamlit import runtime
from streamlit.runtime.scriptrunner import get_script_run_ctx

from vae_core.threads import return_freed_memory_soon

_closed: dict[str, float] = {}  # session id -> when its tab closed (monotonic)
_lock = threading.Lock()


def current_session_id() -> str | None:
    ctx = get_script_run_ctx()
    return ctx.session_id if ctx is not None else None


def session_closed(session_id: str | None) -> None:
    """A tab closed: its session may come back within the TTL, so it is only noted."""
    if session_id is not None:
        with _lock:
            _closed[session_id] = time.monotonic()
    forget_expired()


def forget_expired(now: float | None = None) -> list[str]:
    """Give back what expired sessions left in the media file manager; returns their ids."""
    if not runtime.exists():
        return []
    rt = runtime.get_instance()
    ttl = float(st.get_option("server.disconnectedSessionTTL"))
    now = time.monotonic() if now is None else now
    with _lock:
        expired = [sid for sid, at in _closed.items() if now - at > ttl]
        for sid in expired:
            del _closed[sid]
    gone = [sid for sid in expired if not rt.is_active_session(sid)]
    for sid in gone:
        rt.media_file_mgr.clear_session_refs(sid)
    if gone:
        rt.media_file_mgr.remove_orphaned_files()
        return_freed_memory_soon()
    return gone


def pending() -> int:
    """Closed sessions not yet given back (for tests and benchmarks)."""
    with _lock:
        return len(_closed)
