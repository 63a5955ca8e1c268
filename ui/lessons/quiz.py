"""A lesson's quiz: one radio per question, no answer preselected; the chosen answer is kept
for the session and answered at once, right or wrong, with why."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import streamlit as st

from ui.lessons import progress
from ui.lessons.strings import LESSONS


@dataclass(frozen=True)
class Question:
    id: str
    options: tuple[str, ...]
    answer: str


def right(lesson: int, questions: Sequence[Question]) -> int:
    """How many of the lesson's questions the learner last answered right."""
    answers = progress.quiz_attempts()
    return sum(answers.get((lesson, q.id), [None])[-1] == q.answer for q in questions)


def answered(lesson: int, questions: Sequence[Question]) -> int:
    answers = progress.quiz_attempts()
    return sum(bool(answers.get((lesson, q.id))) for q in questions)


def render(lesson: int, questions: Sequence[Question], texts: dict[str, Any]) -> None:
    """``texts``: question id -> {"q": question, "options": {id: text}, "why": {id: text}}."""
    recorded = {k: v[-1] for k, v in progress.quiz_attempts().items() if v}
    for number, q in enumerate(questions, start=1):
        t = texts[q.id]
        before = recorded.get((lesson, q.id))
        choice = st.radio(f"{number}. {t['q']}", q.options,
                          index=q.options.index(before) if before in q.options else None,
                          format_func=t["options"].get, key=f"lesson{lesson}_quiz_{q.id}")
        if choice is None:
            continue
        progress.record_quiz_attempt(lesson, q.id, choice, choice == q.answer)
        if choice == q.answer:
            st.success(LESSONS["right"].format(why=t["why"][choice]), icon=":material/check:")
        else:
            st.error(LESSONS["wrong"].format(why=t["why"][choice]), icon=":material/close:")
