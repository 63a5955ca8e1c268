"""The learner's progress through the lessons, kept for this session: ticked tasks, quiz
answers, the facts the tasks are checked against (what the learner did in the lessons' embedded
views), whether ``?lesson=N`` has been followed yet, and the facts of the whole session."""

from __future__ import annotations

import secrets
from typing import Any

import streamlit as st

from ui.compare import sweeps as compare
from ui.lessons.facts import Facts, from_session
from ui.shell import state
from ui.why import runs as why_runs
from vae_core.sweeps import SWEEP_KINDS

K_LESSONS = "_vl_lessons"


def _lessons() -> dict:
    return st.session_state.setdefault(K_LESSONS, {"ticks": {}, "answers": {}, "facts": {}})


def lesson_ticks() -> dict[int, set[str]]:
    """Lesson number -> the ids of its tasks ticked in this session (a tick stays)."""
    return _lessons()["ticks"]


def tick_lesson_task(lesson: int, task: str) -> None:
    _lessons()["ticks"].setdefault(lesson, set()).add(task)


def quiz_attempts() -> dict[tuple[int, str], list[str]]:
    """(lesson, question id) -> every option the learner chose, in order; the first counts."""
    return _lessons()["answers"]


def record_quiz_attempt(lesson: int, question: str, option: str, correct: bool) -> None:
    """One answer given (``correct``: whether it is the right option, for the teacher's
    table); choosing the option already shown is not a new attempt."""
    tries = _lessons()["answers"].setdefault((lesson, question), [])
    if not tries or tries[-1] != option:
        tries.append(option)


def learner_seed() -> str:
    """A string that stays the same for this learner (their shuffles are seeded by it)."""
    return st.session_state.setdefault("_vl_learner_seed", secrets.token_hex(8))


def lesson_facts() -> dict[str, Any]:
    """What the learner did in the lessons' embedded views (name -> value)."""
    return _lessons()["facts"]


def record_lesson_fact(name: str, value: Any) -> None:
    _lessons()["facts"][name] = value


def first_lesson_route() -> bool:
    """True the first time it is asked in a session: ``?lesson=N`` is followed once."""
    lessons = _lessons()
    first = not lessons.get("routed", False)
    lessons["routed"] = True
    return first


# -- the facts the tasks are checked against -----------------------------------------------
def _why_shares() -> dict[str, float] | None:
    """The "Why variational?" comparison's prior shares (kind -> share), once it has ended."""
    run = why_runs.why_run()
    result = run.result() if run is not None and not run.is_alive() else None
    if result is None:
        return None
    return {kind: float(view.prior_share) for kind, view in result.views.items()}


def facts() -> Facts:
    """What this session did, for the tasks to check: its models, its sweeps, and what the
    learner did in the lessons' views."""
    actions = dict(lesson_facts())
    actions["example_index"] = state.example_state()["index"]
    actions["why_shares"] = _why_shares()
    return from_session(state.session_checkpoints(),
                        {kind: compare.sweep(kind) for kind in SWEEP_KINDS},
                        actions)
