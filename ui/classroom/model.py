"""What the classroom store takes and gives: its errors, the learner's writes (``Op``) and the
values it returns, plus the rules for names and ids. No database here."""

from __future__ import annotations

import json
import re
import secrets
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ui.classroom.keys import grouped

LESSONS = range(1, 10)       # a class picks some of the app's nine lessons
LANGS = ("en", "zh")
NAME_MAX = 40                # a learner's display name in a class
CLASS_NAME_MAX = 80
TEXT_MAX = 200               # task, question, option and fact names
_LEARNER_ID = re.compile(r"[A-Za-z0-9_-]{16,64}")


class StoreError(Exception):
    """Base of everything the store raises on purpose."""


class StoreUnavailable(StoreError):
    """The database cannot be reached, or stayed locked past ``busy_timeout_s``: the caller
    keeps the write and tries again later (every write is idempotent)."""

    def __init__(self, location: str, detail: str) -> None:
        super().__init__(f"{location}: {detail}")
        self.location = location


class DamagedDatabase(StoreError):
    """The SQLite file is not a database, or the schema is newer than this code."""

    def __init__(self, location: str, reason: str) -> None:
        super().__init__(f"{location}: {reason}")
        self.location = location
        self.reason = reason


class NoSuchClass(StoreError):
    pass


class ClassClosed(StoreError):
    pass


class NameTaken(StoreError):
    pass


class BadName(StoreError):
    """``reason`` is ``"empty"``, ``"too_long"`` or ``"control"``; ``max_len`` the limit."""

    def __init__(self, name: str, reason: str, max_len: int) -> None:
        super().__init__(f"{reason}: {name!r}")
        self.reason = reason
        self.max_len = max_len


class TooManyTries(StoreError):
    def __init__(self, retry_after_s: int) -> None:
        super().__init__(f"too many wrong keys: try again in {retry_after_s} s")
        self.retry_after_s = retry_after_s


@dataclass(frozen=True)
class Tick:
    lesson: int
    task: str


@dataclass(frozen=True)
class Attempt:
    lesson: int
    question: str
    seq: int           # 0 for the first try of the question, then 1, 2, ...
    option: str
    correct: bool


@dataclass(frozen=True)
class Fact:
    name: str
    value: Any         # JSON-serialisable; comes back as JSON does (a tuple as a list)


@dataclass(frozen=True)
class Language:
    lang: str          # "en" or "zh"


Op = Tick | Attempt | Fact | Language


@dataclass(frozen=True)
class LearnerProgress:
    learner_id: str
    code: str                                   # continue code, 8 characters, no hyphen
    lang: str | None
    ticks: dict[int, frozenset[str]]
    attempts: dict[tuple[int, str], tuple[str, ...]]   # (lesson, question) -> options by seq
    facts: dict[str, Any]

    @property
    def shown_code(self) -> str:
        """The continue code as the learner sees it: ``K7QM-3XPA``."""
        return grouped(self.code)


@dataclass(frozen=True)
class ClassInfo:
    code: str
    name: str
    lessons: tuple[int, ...]
    closed: bool


@dataclass(frozen=True)
class NewClass:
    code: str
    teacher_key: str    # in clear, shown once; the database keeps only a salted hash


@dataclass(frozen=True)
class DashboardRow:
    learner_id: str
    name: str
    last_active: datetime | None                # timezone-aware UTC
    ticks: dict[int, frozenset[str]]
    first_try: dict[int, tuple[int, int]]       # lesson -> (right at seq 0, questions tried)


def new_learner_id() -> str:
    """A fresh random learner id (32 URL-safe characters) for a browser that has none."""
    return secrets.token_urlsafe(24)


def check_learner_id(learner_id: str) -> str:
    if not isinstance(learner_id, str) or not _LEARNER_ID.fullmatch(learner_id):
        raise ValueError("a learner id is 16 to 64 characters of A-Z, a-z, 0-9, _ and -")
    return learner_id


def clean_name(name: str, max_len: int = NAME_MAX) -> str:
    """The name as stored (stripped), or BadName."""
    stripped = name.strip() if isinstance(name, str) else ""
    if not stripped:
        raise BadName(str(name), "empty", max_len)
    if len(stripped) > max_len:
        raise BadName(stripped, "too_long", max_len)
    # Cc: control characters; Zl/Zp: line and paragraph separators, which break a table row
    if any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in stripped):
        raise BadName(stripped, "control", max_len)
    return stripped


def name_key(name: str) -> str:
    """What makes two names "the same" in a class: NFKC (full-width letters = ASCII ones),
    case-folded, after strip."""
    return unicodedata.normalize("NFKC", name.strip()).casefold()


def check_lessons(lessons: Sequence[int]) -> tuple[int, ...]:
    chosen = tuple(sorted(set(lessons)))
    if not chosen or any(isinstance(n, bool) or not isinstance(n, int) or n not in LESSONS
                         for n in chosen):
        raise ValueError(f"lessons must be a non-empty subset of 1..{LESSONS[-1]}: {lessons!r}")
    return chosen


@dataclass
class Batch:
    """One ``apply`` call's ops, checked and grouped into rows before the transaction opens."""

    ticks: list[dict]
    attempts: list[dict]
    facts: dict[str, str]      # name -> JSON text; the last write of a name in the batch wins
    lang: str | None

    @classmethod
    def of(cls, learner_id: str, ops: Sequence[Op]) -> Batch:
        batch = cls([], [], {}, None)
        for op in ops:
            if isinstance(op, Tick):
                batch.ticks.append({"learner_id": learner_id, "lesson": _lesson(op.lesson),
                                    "task": _text(op.task, "task")})
            elif isinstance(op, Attempt):
                if isinstance(op.seq, bool) or not isinstance(op.seq, int) or op.seq < 0:
                    raise ValueError(f"attempt seq must be an int >= 0: {op.seq!r}")
                batch.attempts.append({
                    "learner_id": learner_id, "lesson": _lesson(op.lesson),
                    "question": _text(op.question, "question"), "seq": op.seq,
                    "option": _text(op.option, "option"), "correct": bool(op.correct)})
            elif isinstance(op, Fact):
                batch.facts[_text(op.name, "fact name")] = _json(op)
            elif isinstance(op, Language):
                if op.lang not in LANGS:
                    raise ValueError(f"unknown language {op.lang!r}")
                batch.lang = op.lang
            else:
                raise TypeError(f"not a store op: {op!r}")
        return batch


def _lesson(lesson: int) -> int:
    if isinstance(lesson, bool) or not isinstance(lesson, int) or lesson < 1:
        raise ValueError(f"a lesson is a positive int: {lesson!r}")
    return lesson


def _text(value: str, what: str) -> str:
    if not isinstance(value, str) or not value or len(value) > TEXT_MAX:
        raise ValueError(f"{what} must be a string of 1 to {TEXT_MAX} characters: {value!r}")
    return value


def _json(fact: Fact) -> str:
    try:
        # allow_nan=False: NaN is not JSON, and other readers of the row would choke on it
        return json.dumps(fact.value, allow_nan=False, ensure_ascii=False)
    except (TypeError, ValueError) as e:
        raise ValueError(f"fact {fact.name!r}: value is not JSON-serialisable ({e})") from e
