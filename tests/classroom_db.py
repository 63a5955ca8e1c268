"""Databases for the classroom store's tests: a SQLite file, or a fresh schema of the PostgreSQL
named by ``$VAE_LAB_TEST_POSTGRES_URL`` (``eval "$(bash tools/postgres_for_tests.sh start)"``
starts a throwaway one). Without that variable the PostgreSQL cases skip, except in CI
(``$CI`` set, as ``.ci/run`` does), where they fail: CI must never pass without them."""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

POSTGRES_ENV = "VAE_LAB_TEST_POSTGRES_URL"


def postgres_url() -> str:
    url = os.environ.get(POSTGRES_ENV, "").strip()
    if not url:
        why = f"${POSTGRES_ENV} is not set (tools/postgres_for_tests.sh starts a PostgreSQL)"
        if os.environ.get("CI"):
            pytest.fail(f"CI runs the PostgreSQL cases, but {why}", pytrace=False)
        pytest.skip(why)
    return url


@contextmanager
def postgres_schema(url: str) -> Iterator[str]:
    """A URL whose connections see only a new, empty schema (their search_path); the schema
    is dropped afterwards, so tests never see each other's tables."""
    name = f"test_{uuid.uuid4().hex[:16]}"
    admin = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{name}"'))
        yield make_url(admin.url).update_query_dict(
            {"options": f"-csearch_path={name}"}).render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
        admin.dispose()


@contextmanager
def database_url(backend: str, tmp_path: Path) -> Iterator[str]:
    """A URL of an empty database of ``backend`` ("sqlite" or "postgresql")."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'classroom.sqlite3'}"
    else:
        with postgres_schema(postgres_url()) as url:
            yield url


class Clock:
    """A settable clock shared by Store objects (two replicas see one time)."""

    def __init__(self) -> None:
        self.now = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def rows(url: str, table) -> list[tuple]:
    """Every row of ``table``, read through a connection of its own."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(select(table))]
    finally:
        engine.dispose()


def execute(url: str, sql: str) -> None:
    """Run ``sql`` behind the store's back (to age a schema, say)."""
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text(sql))
    finally:
        engine.dispose()


def hold_lock(url: str):
    """Make another client take the database's write lock (a raw sqlite3 connection's
    ``BEGIN EXCLUSIVE``; on PostgreSQL a table lock on ``learners``); returns its release."""
    if url.startswith("sqlite"):
        raw = sqlite3.connect(make_url(url).database, isolation_level=None)
        raw.execute("BEGIN EXCLUSIVE")
        return lambda: (raw.execute("ROLLBACK"), raw.close())
    engine = create_engine(url)
    conn = engine.connect()
    conn.execute(text("LOCK TABLE learners IN ACCESS EXCLUSIVE MODE"))
    return lambda: (conn.rollback(), conn.close(), engine.dispose())
