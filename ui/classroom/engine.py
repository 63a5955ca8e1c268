"""The SQLAlchemy engine for a database URL, set up for how the store uses it: SQLite in WAL
mode with a busy timeout and foreign keys, PostgreSQL through psycopg 3 with a lock timeout."""

from __future__ import annotations

import os
import threading
from collections import deque
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url


def normalise_url(url: str | URL) -> URL:
    """A plain ``postgresql://`` (or Heroku's ``postgres://``) URL means psycopg 3 here, not
    SQLAlchemy's default driver psycopg2, which the app does not install."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def masked_location(url: URL) -> str:
    """For messages: a SQLite file's path, or the URL with its password masked."""
    if url.get_backend_name() == "sqlite":
        return os.path.abspath(url.database) if _is_file(url) else str(url.database or ":memory:")
    return url.render_as_string(hide_password=True)


def make_engine(url: str | URL, busy_timeout_s: float) -> Engine:
    url = normalise_url(url)
    backend = url.get_backend_name()
    if backend == "sqlite":
        return _sqlite_engine(url, busy_timeout_s)
    if backend == "postgresql":
        return _postgresql_engine(url, busy_timeout_s)
    raise ValueError(f"unsupported database {url.drivername!r}: use sqlite or postgresql")


def _is_file(url: URL) -> bool:
    return bool(url.database) and url.database != ":memory:" and \
        not url.database.startswith("file:")


def _sqlite_engine(url: URL, busy_timeout_s: float) -> Engine:
    if _is_file(url):
        Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    # timeout: sqlite3's busy handler waits this long for a lock before "database is locked"
    engine = create_engine(url, connect_args={"timeout": busy_timeout_s})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        # the driver must not issue its own BEGIN: _on_begin does (SQLAlchemy's SQLite recipe)
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        # WAL: readers never wait for the writer, and a commit is one append to the log.
        # synchronous=NORMAL is WAL's recommended setting: a power cut may lose the last
        # commits (the app replays what it is not sure landed) but never corrupts the file.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        # writes take the write lock at BEGIN, where the busy timeout applies, rather than at
        # their first write, where a busy database fails at once (the snapshot is stale)
        write = conn.get_execution_options().get("classroom_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def _postgresql_engine(url: URL, busy_timeout_s: float) -> Engine:
    # pre_ping: after a database restart the first call gets a fresh connection, not an error.
    # Up to 30 connections (5 kept): a class of 30 writing at once waited up to 1.2 s for one
    # of SQLAlchemy's default 15 (bench_classroom); 3 replicas stay within PostgreSQL's 100.
    engine = create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=25,
                           connect_args={"connect_timeout": max(2, round(busy_timeout_s))})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        # the counterpart of SQLite's busy timeout: waiting for a row lock (two enrolments of
        # one name, two key checks of one class) gives up after this long
        with dbapi_conn.cursor() as cursor:
            cursor.execute(f"SET lock_timeout = {max(1, round(busy_timeout_s * 1000))}")
        dbapi_conn.commit()

    return engine


class WriteGate:
    """A first-come, first-served lock for one process's SQLite writers.

    SQLite lets one writer in at a time, and its busy handler polls with growing sleeps (up to
    100 ms), so under load a waiting writer is overtaken again and again: with 30 threads
    writing at once some waited a second (bench/bench_classroom.py) while the median was under
    a millisecond. Queued here instead, each waits only for those who came before it, and the
    busy handler is left to arbitrate between processes. (``threading.Lock`` is not fair
    either: a thread that releases it can take it back before a waiter wakes.)"""

    def __init__(self) -> None:
        self._mutex = threading.Lock()
        self._held = False
        self._queue: deque[threading.Event] = deque()

    def acquire(self, timeout: float) -> bool:
        with self._mutex:
            if not self._held:
                self._held = True
                return True
            turn = threading.Event()
            self._queue.append(turn)
        if turn.wait(timeout):
            return True
        with self._mutex:
            if turn.is_set():   # handed over just as the wait ran out: it is ours now
                return True
            self._queue.remove(turn)
            return False

    def release(self) -> None:
        with self._mutex:
            if self._queue:
                self._queue.popleft().set()   # handed straight to the next: never free between
            else:
                self._held = False
