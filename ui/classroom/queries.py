"""The store's reads that build what it returns: a learner's progress, a class's lessons and
a learner's name in it, and the dashboard (three queries, whatever the size of the class)."""

from __future__ import annotations

import json
from collections import defaultdict

from sqlalchemy import Connection, and_, case, func, select

from ui.classroom.model import DashboardRow, LearnerProgress
from ui.classroom.schema import attempts, enrolments, facts, learners, ticks


def lessons_of(stored: str) -> tuple[int, ...]:
    return tuple(int(n) for n in stored.split(","))


def enrolled_name(conn: Connection, code: str, learner_id: str) -> str | None:
    return conn.execute(select(enrolments.c.name).where(
        enrolments.c.class_code == code, enrolments.c.learner_id == learner_id)).scalar()


def read_progress(conn: Connection, learner_id: str) -> LearnerProgress | None:
    row = conn.execute(select(learners.c.code, learners.c.lang)
                       .where(learners.c.id == learner_id)).first()
    if row is None:
        return None
    done: dict[int, set[str]] = defaultdict(set)
    for lesson, task in conn.execute(select(ticks.c.lesson, ticks.c.task)
                                     .where(ticks.c.learner_id == learner_id)):
        done[lesson].add(task)
    tried: dict[tuple[int, str], list[str]] = defaultdict(list)
    for lesson, question, option in conn.execute(
            select(attempts.c.lesson, attempts.c.question, attempts.c.option)
            .where(attempts.c.learner_id == learner_id)
            .order_by(attempts.c.lesson, attempts.c.question, attempts.c.seq)):
        tried[(lesson, question)].append(option)
    known = {name: json.loads(value) for name, value in conn.execute(
        select(facts.c.name, facts.c.value).where(facts.c.learner_id == learner_id))}
    return LearnerProgress(
        learner_id=learner_id, code=row.code, lang=row.lang,
        ticks={k: frozenset(v) for k, v in done.items()},
        attempts={k: tuple(v) for k, v in tried.items()}, facts=known)


def dashboard_rows(conn: Connection, code: str, lessons: tuple[int, ...]) -> list[DashboardRow]:
    members = select(enrolments.c.learner_id).where(enrolments.c.class_code == code)
    people = conn.execute(
        select(enrolments.c.learner_id, enrolments.c.name, enrolments.c.name_key,
               learners.c.last_active)
        .join(learners, learners.c.id == enrolments.c.learner_id)
        .where(enrolments.c.class_code == code)).all()
    done: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    for learner_id, lesson, task in conn.execute(
            select(ticks.c.learner_id, ticks.c.lesson, ticks.c.task)
            .where(ticks.c.learner_id.in_(members), ticks.c.lesson.in_(lessons))):
        done[learner_id][lesson].add(task)
    right_first = func.sum(case((and_(attempts.c.seq == 0, attempts.c.correct.is_(True)), 1),
                                else_=0))
    scores: dict[str, dict[int, tuple[int, int]]] = defaultdict(dict)
    for learner_id, lesson, right, tried in conn.execute(
            select(attempts.c.learner_id, attempts.c.lesson, right_first,
                   func.count(attempts.c.question.distinct()))
            .where(attempts.c.learner_id.in_(members), attempts.c.lesson.in_(lessons))
            .group_by(attempts.c.learner_id, attempts.c.lesson)):
        scores[learner_id][lesson] = (int(right), int(tried))
    return [DashboardRow(learner_id=p.learner_id, name=p.name, last_active=p.last_active,
                         ticks={k: frozenset(v) for k, v in done[p.learner_id].items()},
                         first_try=scores[p.learner_id])
            for p in sorted(people, key=lambda p: (p.name_key, p.name))]
