"""β lab: one model per β on the rate–distortion plane, and β schedules side by side."""

from ui.compare import beta_lab
from ui.shell import state

state.ensure_shell()
beta_lab.render()
