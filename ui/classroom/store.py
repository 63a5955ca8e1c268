"""The classroom's persistence: learners' progress, classes, enrolments and the teacher's
dashboard, in SQLite (the default: one file in the data folder) or PostgreSQL (by URL), through
SQLAlchemy Core. No Streamlit here, so it is tested on both databases without a browser.

Every write is one transaction and idempotent, because the app replays writes it is not sure
landed. On SQLite a write transaction starts with ``BEGIN IMMEDIATE``: it takes the write lock
up front, waiting up to ``busy_timeout_s``; a deferred transaction that reads first and then
writes can fail at once with "database is locked" when another writer got in between.

The types, errors and name rules live in ``model``, the tables and migrations in ``schema``,
the codes and key hashing in ``keys``; this module re-exports what callers need.
"""

from __future__ import annotations

import functools
import math
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, select
from sqlalchemy import exc as sa_exc
from sqlalchemy.dialects import postgresql, sqlite

from ui.classroom import keys
from ui.classroom.engine import WriteGate, make_engine, masked_location
from ui.classroom.model import (
    CLASS_NAME_MAX,
    Attempt,
    BadName,
    Batch,
    ClassClosed,
    ClassInfo,
    DamagedDatabase,
    DashboardRow,
    Fact,
    Language,
    LearnerProgress,
    NameTaken,
    NewClass,
    NoSuchClass,
    Op,
    StoreError,
    StoreUnavailable,
    Tick,
    TooManyTries,
    check_learner_id,
    check_lessons,
    clean_name,
    name_key,
    new_learner_id,
)
from ui.classroom.queries import dashboard_rows, enrolled_name, lessons_of, read_progress
from ui.classroom.schema import (
    LATEST,
    SchemaTooNew,
    attempts,
    classes,
    enrolments,
    facts,
    key_failures,
    learners,
    migrate,
    ticks,
)

__all__ = [
    "Attempt", "BadName", "ClassClosed", "ClassInfo", "DamagedDatabase", "DashboardRow", "Fact",
    "Language", "LearnerProgress", "NameTaken", "NewClass", "NoSuchClass", "Op", "Store",
    "StoreError", "StoreUnavailable", "Tick", "TooManyTries", "new_learner_id",
]

ENV_URL = "VAE_LAB_DATABASE_URL"
DEFAULT_FILE = "vae_lab.sqlite3"
KEY_WINDOW = timedelta(minutes=10)
KEY_MAX_WRONG = 5
_DAMAGED = ("file is not a database", "database disk image is malformed")


def _guarded(method):
    """Driver errors become the store's: unreachable or locked -> StoreUnavailable, a file
    that is not (or no longer) a database -> DamagedDatabase; the original is ``__cause__``."""
    @functools.wraps(method)
    def wrapper(self: Store, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except (sa_exc.OperationalError, sa_exc.TimeoutError) as e:
            raise StoreUnavailable(self.location, _first_line(e)) from e
        except sa_exc.DBAPIError as e:
            if _is_damaged(e):
                raise DamagedDatabase(self.location, _first_line(e)) from e
            if e.connection_invalidated:
                raise StoreUnavailable(self.location, _first_line(e)) from e
            raise
    return wrapper


def _first_line(e: Exception) -> str:
    orig = getattr(e, "orig", None) or e
    return (str(orig).strip().splitlines() or [type(orig).__name__])[0]


class Store:
    """One database. Thread-safe (a pool of connections); make one per process and share it."""

    def __init__(self, url: str, *, busy_timeout_s: float = 5.0,
                 clock: Callable[[], datetime] | None = None) -> None:
        # clock: the time of writes and of the key rate limit (tests pass a fake one)
        self._now = clock or (lambda: datetime.now(UTC))
        self.engine: Engine = make_engine(url, busy_timeout_s)
        self.location = masked_location(self.engine.url)
        # write transactions are marked, so that on SQLite they begin IMMEDIATE (engine.py)
        self._writer = self.engine.execution_options(classroom_write=True)
        self._busy_timeout_s = busy_timeout_s
        self._gate = WriteGate() if self.engine.dialect.name == "sqlite" else None
        self._insert = (postgresql.insert if self.engine.dialect.name == "postgresql"
                        else sqlite.insert)
        try:
            self._migrate()
        except BaseException:
            self.engine.dispose()
            raise
        self.schema_version = LATEST

    @classmethod
    def from_env(cls, default_dir: Path, **kwargs: Any) -> Store:
        """``$VAE_LAB_DATABASE_URL`` if set, else ``<default_dir>/vae_lab.sqlite3``."""
        url = os.environ.get(ENV_URL, "").strip()
        return cls(url or f"sqlite:///{Path(default_dir) / DEFAULT_FILE}", **kwargs)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info) -> None:
        self.dispose()

    def dispose(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """A write transaction; on SQLite, this process's writers first queue in turn (see
        WriteGate), for up to ``busy_timeout_s`` like the database's own lock."""
        if self._gate is not None and not self._gate.acquire(self._busy_timeout_s):
            raise StoreUnavailable(self.location, "database is locked: this process's other "
                                   f"writes held it for over {self._busy_timeout_s} s")
        try:
            with self._writer.begin() as conn:
                yield conn
        finally:
            if self._gate is not None:
                self._gate.release()

    @_guarded
    def _migrate(self) -> None:
        # a file that is not a database fails here, at its first PRAGMA (see _guarded)
        try:
            with self._write() as conn:
                migrate(conn)
        except SchemaTooNew as e:
            raise DamagedDatabase(self.location, f"{e}: this app is older than the database; "
                                  "update the app") from e

    # -- learners --------------------------------------------------------------------------

    @_guarded
    def learner(self, learner_id: str) -> LearnerProgress:
        """The learner's progress, creating the learner on first sight."""
        check_learner_id(learner_id)
        with self.engine.connect() as conn:
            found = read_progress(conn, learner_id)
        if found is not None:
            return found
        with self._write() as conn:
            self._ensure_learner(conn, learner_id, self._now())
            return read_progress(conn, learner_id)

    @_guarded
    def learner_by_code(self, code: str) -> str | None:
        with self.engine.connect() as conn:
            return conn.execute(select(learners.c.id).where(
                learners.c.code == keys.normalise_code(code))).scalar()

    @_guarded
    def apply(self, learner_id: str, ops: Sequence[Op]) -> None:
        """Write one learner's ops in one transaction (all or none); replaying them is a no-op
        (ticks and attempts are inserted unless present; facts and language are overwritten)."""
        check_learner_id(learner_id)
        batch = Batch.of(learner_id, ops)     # bad ops fail here, before anything is written
        now = self._now()
        with self._write() as conn:
            self._ensure_learner(conn, learner_id, now)
            changes: dict[str, Any] = {"last_active": now}
            if batch.lang is not None:
                changes["lang"] = batch.lang
            conn.execute(learners.update().where(learners.c.id == learner_id).values(changes))
            if batch.ticks:
                conn.execute(self._insert(ticks).on_conflict_do_nothing(), batch.ticks)
            if batch.attempts:
                conn.execute(self._insert(attempts).on_conflict_do_nothing(), batch.attempts)
            if batch.facts:
                _upsert_facts(conn, self._insert, learner_id, batch.facts)

    def _ensure_learner(self, conn, learner_id: str, now: datetime) -> None:
        # A fresh continue code each try: the insert does nothing if the learner exists, or,
        # rarely, if the code is someone else's, which the next draw fixes.
        for _ in range(8):
            conn.execute(self._insert(learners).values(
                id=learner_id, code=keys.random_code(keys.LEARNER_CODE_LEN), created_at=now,
            ).on_conflict_do_nothing())
            if conn.execute(select(learners.c.id).where(learners.c.id == learner_id)).first():
                return
        raise StoreError("could not draw an unused continue code")

    # -- classes ---------------------------------------------------------------------------

    @_guarded
    def create_class(self, name: str, lessons: Sequence[int]) -> NewClass:
        name = clean_name(name, CLASS_NAME_MAX)
        chosen = check_lessons(lessons)
        key = keys.new_teacher_key()
        key_hash = keys.hash_key(key)   # slow on purpose: outside the transaction
        for _ in range(8):
            code = keys.random_code(keys.CLASS_CODE_LEN)
            with self._write() as conn:
                made = conn.execute(self._insert(classes).values(
                    code=code, name=name, lessons=",".join(map(str, chosen)), closed=False,
                    key_hash=key_hash, created_at=self._now(),
                ).on_conflict_do_nothing().returning(classes.c.code)).first()
            if made is not None:
                return NewClass(code=code, teacher_key=key)
        raise StoreError("could not draw an unused class code")

    @_guarded
    def class_info(self, code: str) -> ClassInfo | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(classes.c.code, classes.c.name, classes.c.lessons,
                                      classes.c.closed)
                               .where(classes.c.code == keys.normalise_code(code))).first()
        if row is None:
            return None
        return ClassInfo(code=row.code, name=row.name, lessons=lessons_of(row.lessons),
                         closed=bool(row.closed))

    @_guarded
    def check_key(self, code: str, key: str) -> bool:
        """Whether ``key`` is the class's teacher key. Each check is first counted as a wrong
        key, then forgiven if right: so even many checks at once, on many replicas, get at most
        ``KEY_MAX_WRONG`` tries per ``KEY_WINDOW``."""
        code = keys.normalise_code(code)
        with self._write() as conn:
            key_hash, try_id = self._reserve_try(conn, code)
        if keys.key_matches(key, key_hash):
            with self._write() as conn:
                conn.execute(key_failures.delete().where(key_failures.c.id == try_id))
            return True
        return False

    def _reserve_try(self, conn, code: str) -> tuple[str, int]:
        # FOR UPDATE queues concurrent checks of one class on PostgreSQL; SQLite's
        # BEGIN IMMEDIATE already has (ignores the clause)
        key_hash = conn.execute(select(classes.c.key_hash).where(classes.c.code == code)
                                .with_for_update()).scalar()
        if key_hash is None:
            raise NoSuchClass(code)
        now = self._now()
        # tries that left the window count for nothing: drop them, so the table stays small
        conn.execute(key_failures.delete().where(key_failures.c.class_code == code,
                                                 key_failures.c.at <= now - KEY_WINDOW))
        recent = conn.execute(select(key_failures.c.at).where(key_failures.c.class_code == code)
                              .order_by(key_failures.c.at)).scalars().all()
        if len(recent) >= KEY_MAX_WRONG:
            # tries are allowed again once all but KEY_MAX_WRONG - 1 of them have aged out
            free_at = recent[len(recent) - KEY_MAX_WRONG] + KEY_WINDOW
            raise TooManyTries(max(1, math.ceil((free_at - now).total_seconds())))
        made = conn.execute(key_failures.insert().values(class_code=code, at=now))
        return key_hash, made.inserted_primary_key[0]

    @_guarded
    def close_class(self, code: str) -> None:
        with self._write() as conn:
            done = conn.execute(classes.update().where(
                classes.c.code == keys.normalise_code(code)).values(closed=True))
        if done.rowcount == 0:
            raise NoSuchClass(code)

    # -- enrolments ------------------------------------------------------------------------

    @_guarded
    def enroll(self, code: str, learner_id: str, name: str) -> str:
        """Enroll under ``name``; returns the stored (stripped) name. A learner already in
        the class keeps their name (even if the class has closed since)."""
        check_learner_id(learner_id)
        name = clean_name(name)
        code = keys.normalise_code(code)
        try:
            with self._write() as conn:
                closed = conn.execute(select(classes.c.closed).where(classes.c.code == code)
                                      ).scalar()
                if closed is None:
                    raise NoSuchClass(code)
                already = enrolled_name(conn, code, learner_id)
                if already is not None:
                    return already
                if closed:
                    raise ClassClosed(code)
                now = self._now()
                self._ensure_learner(conn, learner_id, now)
                conn.execute(enrolments.insert().values(
                    class_code=code, learner_id=learner_id, name=name, name_key=name_key(name),
                    enrolled_at=now))
                return name
        except sa_exc.IntegrityError as e:
            # lost a race: to another tab of the same learner (fine), or for the name
            with self.engine.connect() as conn:
                already = enrolled_name(conn, code, learner_id)
            if already is not None:
                return already
            raise NameTaken(name) from e

    @_guarded
    def enrolment(self, code: str, learner_id: str) -> str | None:
        check_learner_id(learner_id)
        with self.engine.connect() as conn:
            return enrolled_name(conn, keys.normalise_code(code), learner_id)

    @_guarded
    def remove_learner(self, code: str, learner_id: str) -> None:
        """Take the learner off the class (their name is free again; their progress stays)."""
        check_learner_id(learner_id)
        code = keys.normalise_code(code)
        with self._write() as conn:
            if conn.execute(select(classes.c.code).where(classes.c.code == code)).first() is None:
                raise NoSuchClass(code)
            conn.execute(enrolments.delete().where(enrolments.c.class_code == code,
                                                   enrolments.c.learner_id == learner_id))

    @_guarded
    def dashboard(self, code: str) -> list[DashboardRow]:
        """The class's learners by name, with their ticks and first-try scores in the class's
        lessons: three queries, whatever the size of the class."""
        code = keys.normalise_code(code)
        with self.engine.connect() as conn:
            lessons = conn.execute(select(classes.c.lessons).where(classes.c.code == code)
                                   ).scalar()
            if lessons is None:
                raise NoSuchClass(code)
            return dashboard_rows(conn, code, lessons_of(lessons))


def _is_damaged(e: sa_exc.DBAPIError) -> bool:
    return any(words in str(e.orig) for words in _DAMAGED)


def _upsert_facts(conn, insert, learner_id: str, values: dict[str, str]) -> None:
    stmt = insert(facts)
    stmt = stmt.on_conflict_do_update(index_elements=[facts.c.learner_id, facts.c.name],
                                      set_={"value": stmt.excluded.value})
    conn.execute(stmt, [{"learner_id": learner_id, "name": k, "value": v}
                        for k, v in values.items()])
