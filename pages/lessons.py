"""Lessons: the overview of the guided course (each lesson, what it teaches, the progress made
in this session); a bad ``?lesson=N`` is explained here."""

from ui.lessons import core
from ui.shell import state

state.ensure_shell()
core.render_overview()
