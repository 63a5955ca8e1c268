"""Your class: join the class whose link your teacher gave (``/?class=CODE``) with a display
name, see its lessons, and the continue code for another device."""

from ui.classroom import join
from ui.lessons import core as lessons
from ui.shell import state

state.ensure_shell()
join.render(lessons.lesson_links())
