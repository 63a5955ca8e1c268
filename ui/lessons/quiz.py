"""A lesson's quiz: one radio per question, no answer preselected, its options shuffled for each
learner. Every answer given is kept (``progress``) and explained at once, right or wrong, with
why; the *first* answer to a question is the one that counts."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import streamlit as st

from ui.lessons import progress
from ui.lessons.strings import LESSONS


@dataclass(frozen=True)
class Question:
    id: str
    options: tuple[str, ...]  # the strings' option ids ("a", "b", "c"), in the order written
    answer: str


def order(lesson: int, question: Question, seed: str | None = None) -> tuple[str, ...]:
    """``question``'s options in the order this learner sees them (on the page and on the
    printed worksheet): shuffled by a SHA-256 of (learner seed, lesson, question), so the
    same learner gets the same order on every reload and in every server process (Python's
    ``hash()`` of a string is salted per process)."""
    seed = progress.learner_seed() if seed is None else seed
    digest = hashlib.sha256(f"{seed}:{lesson}:{question.id}".encode()).digest()
    shown = list(question.options)
    random.Random(int.from_bytes(digest[:8], "big")).shuffle(shown)
    return tuple(shown)


def first_tries(lesson: int, questions: Sequence[Question]) -> dict[str, str]:
    """Question id -> the first option the learner chose, for the questions answered."""
    attempts = progress.quiz_attempts()
    return {q.id: attempts[(lesson, q.id)][0] for q in questions if attempts.get((lesson, q.id))}


def right(lesson: int, questions: Sequence[Question]) -> int:
    """How many of the lesson's questions the learner answered right at the first try."""
    first = first_tries(lesson, questions)
    return sum(first.get(q.id) == q.answer for q in questions)


def answered(lesson: int, questions: Sequence[Question]) -> int:
    return len(first_tries(lesson, questions))


def first_try_text(lesson: int, questions: Sequence[Question]) -> str:
    """The lesson's score as the overview shows it: "first try: 2 of 3 (3 answered)"."""
    return LESSONS["quiz_score"].format(right=right(lesson, questions), total=len(questions),
                                        answered=answered(lesson, questions))


def render(lesson: int, questions: Sequence[Question], texts: dict[str, Any]) -> None:
    """``texts``: question id -> {"q": question, "options": {id: text}, "why": {id: text}}.

    The radio shows the learner's latest answer; it can still be changed, and a later answer
    is explained like the first, but the score keeps the first (said under the feedback)."""
    attempts = progress.quiz_attempts()
    with st.container(key=f"vl_quiz_{lesson}"):  # the worksheet's print CSS hides it
        for number, q in enumerate(questions, start=1):
            t = texts[q.id]
            shown = order(lesson, q)
            tries = attempts.get((lesson, q.id), [])
            latest = tries[-1] if tries else None
            key = progress.quiz_widget_key(lesson, q.id)
            if key not in st.session_state and latest in shown:
                st.session_state[key] = latest  # the learner's answer, from their record
            choice = st.radio(f"{number}. {t['q']}", shown, index=None,
                              format_func=t["options"].get, key=key)
            if choice is None:
                continue
            first = tries[0] if tries else choice
            progress.record_quiz_attempt(lesson, q.id, choice, choice == q.answer)
            if choice == q.answer:
                st.success(LESSONS["right"].format(why=t["why"][choice]), icon=":material/check:")
            else:
                st.error(LESSONS["wrong"].format(why=t["why"][choice]), icon=":material/close:")
            if first != choice:
                note = "first_right" if first == q.answer else "first_wrong"
                st.info(LESSONS[note].format(option=t["options"][first]),
                        icon=":material/looks_one:")
