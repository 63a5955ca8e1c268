"""Lesson 9 of the guided course: explanation, live view, tasks the app checks, quiz
(the lesson itself is data in ui/lessons/content.py)."""

from ui.lessons import core
from ui.shell import state

state.ensure_shell()
core.render_lesson(9)
