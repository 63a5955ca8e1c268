"""Teacher: create a class (its link and key, shown once) and open its dashboard with the key."""

from ui.classroom import teacher
from ui.lessons import core as lessons
from ui.shell import state

state.ensure_shell()
teacher.render(lessons.catalog())
