"""The classroom tables and the migrations that build them.

Versioning is a one-row ``schema_version`` table plus the ordered list ``MIGRATIONS`` below
(migration *k* takes the schema from version k-1 to k), not Alembic: the app must migrate
itself when it starts, with no set-up step for a teacher who just runs it, the schema is a
handful of tables, and it is one dependency fewer. If the schema grows (many migrations,
data moves, several people changing it at once), Alembic is the way, starting from the tables
of the latest version here.

Migrating is safe when two processes start at once against one database: the migrating
transaction holds a lock that serialises them (``BEGIN IMMEDIATE`` on SQLite, a transaction
advisory lock on PostgreSQL), and DDL is transactional on both, so the second process finds
the work done, or waits for it, and never sees half a schema.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Connection,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    inspect,
    text,
)


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC datetimes on every backend: SQLite keeps no zone, so what comes back
    naive is UTC by construction (only this type writes these columns)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: pass a timezone-aware UTC one")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


metadata = MetaData()

schema_version = Table(
    "schema_version", metadata,
    # a CHECK on the key keeps it to one row
    Column("id", Integer, CheckConstraint("id = 1"), primary_key=True),
    Column("version", Integer, nullable=False),
)

learners = Table(
    "learners", metadata,
    Column("id", String(64), primary_key=True),          # random, kept in the browser
    Column("code", String(16), nullable=False, unique=True),   # continue code, normalised
    Column("lang", String(8)),
    Column("created_at", UTCDateTime, nullable=False),
    Column("last_active", UTCDateTime),
)

ticks = Table(
    "ticks", metadata,
    Column("learner_id", String(64), ForeignKey("learners.id", ondelete="CASCADE"),
           primary_key=True),
    Column("lesson", Integer, primary_key=True),
    Column("task", String(200), primary_key=True),
)

attempts = Table(
    "attempts", metadata,
    Column("learner_id", String(64), ForeignKey("learners.id", ondelete="CASCADE"),
           primary_key=True),
    Column("lesson", Integer, primary_key=True),
    Column("question", String(200), primary_key=True),
    Column("seq", Integer, primary_key=True),     # the key makes a replayed attempt a no-op
    Column("option", String(200), nullable=False),
    Column("correct", Boolean, nullable=False),
)

facts = Table(
    "facts", metadata,
    Column("learner_id", String(64), ForeignKey("learners.id", ondelete="CASCADE"),
           primary_key=True),
    Column("name", String(200), primary_key=True),
    Column("value", Text, nullable=False),        # JSON
)

classes = Table(
    "classes", metadata,
    Column("code", String(16), primary_key=True),     # normalised class code
    Column("name", String(80), nullable=False),
    Column("lessons", String(64), nullable=False),    # "1,3,4": a few small numbers, never queried
    Column("closed", Boolean, nullable=False, default=False),
    Column("key_hash", String(200), nullable=False),  # keys.hash_key: the key is never stored
    Column("created_at", UTCDateTime, nullable=False),
)

enrolments = Table(
    "enrolments", metadata,
    Column("class_code", String(16), ForeignKey("classes.code", ondelete="CASCADE"),
           primary_key=True),
    Column("learner_id", String(64), ForeignKey("learners.id", ondelete="CASCADE"),
           primary_key=True),
    Column("name", String(40), nullable=False),
    # the name folded (store.name_key): the unique constraint, not a read-then-write, is what
    # makes one of two people who pick the same name at the same moment lose
    Column("name_key", String(160), nullable=False),
    Column("enrolled_at", UTCDateTime, nullable=False),
    UniqueConstraint("class_code", "name_key", name="uq_enrolments_class_name"),
)

# Wrong teacher keys live here, not in a process, so every replica counts the same tries.
key_failures = Table(
    "key_failures", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("class_code", String(16), ForeignKey("classes.code", ondelete="CASCADE"),
           nullable=False),
    Column("at", UTCDateTime, nullable=False),
    Index("ix_key_failures_class_at", "class_code", "at"),
)


def _v1_create_tables(conn: Connection) -> None:
    # Version 1 is the tables above. When a later migration changes a table, copy that table's
    # version-1 definition in here first, so that a new database still passes through v1.
    metadata.create_all(conn, tables=[learners, ticks, attempts, facts, classes, enrolments,
                                      key_failures])


MIGRATIONS: tuple[Callable[[Connection], None], ...] = (_v1_create_tables,)
LATEST = len(MIGRATIONS)


class SchemaTooNew(Exception):
    def __init__(self, found: int) -> None:
        super().__init__(f"schema version {found} is newer than this code's {LATEST}")
        self.found = found


def migrate(conn: Connection) -> int:
    """Bring the schema to ``LATEST`` inside ``conn``'s (already locked) transaction; returns
    the version found before. Raises ``SchemaTooNew`` for a database from newer code."""
    if conn.dialect.name == "postgresql":
        # held until this transaction ends; the number is any constant private to this app
        conn.execute(text("SELECT pg_advisory_xact_lock(7146533001)"))
    if not inspect(conn).has_table("schema_version"):
        schema_version.create(conn)
    found = conn.execute(schema_version.select().with_only_columns(schema_version.c.version)
                         ).scalar()
    found = 0 if found is None else found
    if found > LATEST:
        raise SchemaTooNew(found)
    for version in range(found + 1, LATEST + 1):
        MIGRATIONS[version - 1](conn)
    if found == 0:
        conn.execute(schema_version.insert().values(id=1, version=LATEST))
    elif found < LATEST:
        conn.execute(schema_version.update().values(version=LATEST))
    return found
