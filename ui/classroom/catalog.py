"""What the teacher's dashboard needs to know of the lessons, handed in by the page script
(the lessons embed the classroom's learner record, so the classroom cannot import them)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LessonInfo:
    title: str                                  # in the page's language
    tasks: tuple[tuple[str, str], ...]          # (task id, what it asks), in order
    questions: int                              # how many quiz questions it has
