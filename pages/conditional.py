"""Conditional VAE: pick a digit and drag the style, the analogy grid, a drawing's style as
every digit, and how often samples are the digit asked for."""

from ui.conditional import view as conditional_view
from ui.shell import state

state.ensure_shell()
conditional_view.render()
