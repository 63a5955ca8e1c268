"""The learner's progress through the lessons: ticked tasks, quiz attempts, the facts the
tasks are checked against (what the learner did in the lessons' embedded views and the runs
that ended), whether ``?lesson=N`` has been followed yet, and the facts of the whole session.

The session holds it; once the browser has said who the learner is and the class database has
answered, their stored progress is merged in (what this tab did before is written then), and
every later tick, attempt and fact is written as it happens (``ui.classroom``). A learner whose
database is away keeps working: the writes wait in the session.
"""

from __future__ import annotations

import dataclasses
import secrets
from typing import Any

import streamlit as st

from ui.classroom import database, identity
from ui.classroom.store import Attempt, Fact, LearnerProgress, Op, Tick
from ui.compare import sweeps as compare
from ui.conditional import view as conditional_view
from ui.fewlabels import runs as few_runs
from ui.lessons.facts import Facts, Run, from_session
from ui.shell import state
from ui.why import runs as why_runs
from vae_core.semi_supervised import summarise
from vae_core.sweeps import SWEEP_KINDS

K_LESSONS = "_vl_lessons"
K_SEED = "_vl_learner_seed"   # this tab's seed while the learner is not known
RUN_FIELDS = {f.name for f in dataclasses.fields(Run)}


def _lessons() -> dict:
    lessons = st.session_state.setdefault(
        K_LESSONS, {"ticks": {}, "answers": {}, "right": {}, "facts": {}})
    learner = identity.learner_id()
    if learner is not None and lessons.get("learner") != learner:
        record = database.load(learner)
        if record is not None:
            _merge(lessons, record)
    return lessons


def _merge(lessons: dict, record: LearnerProgress) -> None:
    """Take the stored progress in and write what only this tab has; from now on every
    change is written as it happens."""
    ops: list[Op] = []
    ticks = {n: set(t) for n, t in record.ticks.items()}
    for n, tasks in lessons["ticks"].items():
        ops += [Tick(n, task) for task in sorted(tasks - ticks.get(n, set()))]
        ticks.setdefault(n, set()).update(tasks)
    answers = {key: list(options) for key, options in record.attempts.items()}
    for (n, q), options in lessons["answers"].items():
        stored = answers.setdefault((n, q), [])
        right = lessons["right"].get((n, q), [])
        for option, correct in zip(options, right, strict=False):
            ops.append(Attempt(n, q, len(stored), option, correct))
            stored.append(option)
    facts = dict(record.facts)
    for name, value in lessons["facts"].items():
        if facts.get(name) != value:
            ops.append(Fact(name, value))
            facts[name] = value
    lessons.update(ticks=ticks, answers=answers, facts=facts, learner=record.learner_id,
                   right={})
    # the quiz radios drawn before the record came hold their own (empty) value, which the
    # browser keeps too: hand them the stored answers (set from Python, they are redrawn)
    for (n, q), options in answers.items():
        if options:
            st.session_state[quiz_widget_key(n, q)] = options[-1]
    if ops:
        database.write(record.learner_id, ops)


def quiz_widget_key(lesson: int, question: str) -> str:
    """The key of a quiz question's radio (``ui.lessons.quiz``)."""
    return f"lesson{lesson}_quiz_{question}"


def _write(op: Op) -> None:
    lessons = st.session_state.get(K_LESSONS, {})
    if lessons.get("learner") is not None:
        database.write(lessons["learner"], [op])


def lesson_ticks() -> dict[int, set[str]]:
    """Lesson number -> the ids of its tasks ticked (a tick stays)."""
    return _lessons()["ticks"]


def tick_lesson_task(lesson: int, task: str) -> None:
    ticked = _lessons()["ticks"].setdefault(lesson, set())
    if task not in ticked:
        ticked.add(task)
        _write(Tick(lesson, task))


def quiz_attempts() -> dict[tuple[int, str], list[str]]:
    """(lesson, question id) -> every option the learner chose, in order; the first counts."""
    return _lessons()["answers"]


def record_quiz_attempt(lesson: int, question: str, option: str, correct: bool) -> None:
    """One answer given (``correct``: whether it is the right option, for the teacher's
    table); choosing the option already shown is not a new attempt."""
    lessons = _lessons()
    tries = lessons["answers"].setdefault((lesson, question), [])
    if tries and tries[-1] == option:
        return
    tries.append(option)
    if lessons.get("learner") is None:  # written with the others when the learner is known
        lessons["right"].setdefault((lesson, question), []).append(correct)
    _write(Attempt(lesson, question, len(tries) - 1, option, correct))


def learner_seed() -> str:
    """A string that stays the same for this learner (their shuffles are seeded by it): their
    id once known, this tab's own string before."""
    return identity.learner_id() or st.session_state.setdefault(K_SEED, secrets.token_hex(8))


def lesson_facts() -> dict[str, Any]:
    """What the learner did in the lessons' embedded views (name -> value)."""
    return _lessons()["facts"]


def record_lesson_fact(name: str, value: Any) -> None:
    facts = _lessons()["facts"]
    if facts.get(name) != value:
        facts[name] = value
        _write(Fact(name, value))


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


def _few_labels() -> list[dict] | None:
    """The few-labels page's comparison once it has ended: per (method, n), its test accuracy
    and the pixels' baseline on the same labels (a stopped run keeps the rows it finished)."""
    run = few_runs.few_run()
    rows = run.snapshot().rows if run is not None and not run.is_alive() else ()
    if not rows:
        return None
    return [{k: r[k] for k in ("method", "labels", "accuracy", "baseline_pixels")}
            for r in summarise(rows)]


def facts() -> Facts:
    """What this session did, for the tasks to check: its models, its sweeps, and what the
    learner did in the lessons' views."""
    index = state.example_state()["index"]
    if index > int(lesson_facts().get("example_index", 0)):
        record_lesson_fact("example_index", index)
    shares = _why_shares()
    if shares is not None:
        record_lesson_fact("why_shares", shares)
    for name, value in (("cond_shares", conditional_view.last_shares()),
                        ("few_labels", _few_labels())):
        if value is not None:  # lesson 9: what the two pages measured last
            record_lesson_fact(name, value)
    now = from_session(state.session_checkpoints(),
                       {kind: compare.sweep(kind) for kind in SWEEP_KINDS},
                       {"example_index": 0, **lesson_facts()})
    return Facts(runs=_remembered_runs(now.runs), actions=now.actions)


def _remembered_runs(now: tuple[Run, ...]) -> tuple[Run, ...]:
    """The ended runs of this learner's earlier sessions and of this one (a task such as
    "a VAE's KL below an autoencoder's" may need runs from both); the new ones are kept."""
    before = [Run(**{k: v for k, v in d.items() if k in RUN_FIELDS})
              for d in lesson_facts().get("runs", []) if isinstance(d, dict)]
    new = [r for r in now if r.measured and r not in before]
    if new:
        record_lesson_fact("runs", [dataclasses.asdict(r) for r in before + new])
    return tuple(before) + tuple(r for r in now if r not in before)
