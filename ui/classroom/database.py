"""The app's handle on the class database, and the writes of this session that have not landed.

One ``Store`` per process and database (opened on first use, migrated then). When the database
cannot be reached or is locked, learners keep working: their writes wait in the session, in
order, and are applied when it answers again (every write is idempotent, so a replay after an
unknown outcome does no harm); the page says so once per outage. A damaged database is named,
with what to do, on every page until it is dealt with.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
from collections.abc import Sequence

import streamlit as st

from ui.classroom.store import (
    DamagedDatabase,
    LearnerProgress,
    Op,
    Store,
    StoreError,
    StoreUnavailable,
)
from ui.classroom.strings import CLASSROOM
from ui.shell import model_store
from ui.shell.inert import inert

URL_ENV = "VAE_LAB_DATABASE_URL"
RETRY_S = 5.0                        # an unreachable database is not asked again sooner
K_PENDING = "_vl_db_pending"         # [(learner id, ops)] not yet written, oldest first
K_LOADED = "_vl_db_loaded"           # learner id -> their LearnerProgress, read once
K_TOLD = "_vl_db_told"               # this outage has been reported to this session

_lock = threading.Lock()
_stores: dict[tuple, Store] = {}
_failures: dict[tuple, tuple[float, StoreError]] = {}


def _where() -> tuple:
    return os.environ.get(URL_ENV) or "", str(model_store.library_dir())


def store() -> Store | None:
    """This process's store for the configured database, or None while it cannot be opened
    (the reason is in ``problem()``)."""
    where = _where()
    with _lock:
        if where in _stores:
            return _stores[where]
        failed = _failures.get(where)
        if failed is not None and time.monotonic() < failed[0]:
            return None
        try:
            opened = Store.from_env(model_store.library_dir())
        except StoreError as exc:
            if failed is None or type(failed[1]) is not type(exc):
                print(f"vae-lab: class database: {exc}", file=sys.stderr)
            _failures[where] = (time.monotonic() + RETRY_S, exc)
            return None
        _failures.pop(where, None)
        _stores[where] = opened
        return opened


def problem() -> StoreError | None:
    failed = _failures.get(_where())
    return failed[1] if failed is not None and _where() not in _stores else None


def load(learner: str) -> LearnerProgress | None:
    """The learner's stored progress (read once per session), or None while unreachable."""
    loaded = st.session_state.setdefault(K_LOADED, {})
    if learner in loaded:
        return loaded[learner]
    db = store()
    if db is None:
        return None
    try:
        loaded[learner] = db.learner(learner)
    except StoreUnavailable:
        return None
    return loaded[learner]


def write(learner: str, ops: Sequence[Op]) -> None:
    """Queue the learner's writes and try to land every queued write now."""
    if ops:
        st.session_state.setdefault(K_PENDING, []).append((learner, tuple(ops)))
    flush()


def flush() -> bool:
    """Apply the queued writes in order; True when none is left."""
    pending = st.session_state.setdefault(K_PENDING, [])
    if not pending:
        return True
    db = store()
    while pending and db is not None:
        item = pending[0]
        try:
            db.apply(*item)
        except StoreUnavailable:
            break
        # by value: another run of this session may have landed it meanwhile (seen once, with
        # a dashboard refreshing itself beside the learner's writes); a write lands twice safely
        with contextlib.suppress(ValueError):
            pending.remove(item)
    if pending:
        _tell_once()
        return False
    if st.session_state.pop(K_TOLD, False):
        st.toast(CLASSROOM["db_back"], icon=":material/cloud_done:")
    return True


def _tell_once() -> None:
    if not st.session_state.get(K_TOLD):
        st.session_state[K_TOLD] = True
        st.toast(CLASSROOM["db_away"], icon=":material/cloud_off:", duration="long")


def damaged_banner() -> None:
    """Every page: a damaged database file, named, with what to do."""
    bad = problem()
    if isinstance(bad, DamagedDatabase):
        st.error(CLASSROOM["db_damaged"].format(where=inert(bad.location, limit=1000)),
                 icon=":material/database:")


def forget_stores() -> None:
    """Close every store this process opened (tests, each with its own database)."""
    with _lock:
        for opened in _stores.values():
            opened.dispose()
        _stores.clear()
        _failures.clear()
