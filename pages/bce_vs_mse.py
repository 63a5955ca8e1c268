"""BCE vs MSE: models that differ only in their likelihood, the loss pitfalls of tutorials
reproduced, and the common tutorial mistakes explained."""

from ui.compare import bce_vs_mse
from ui.shell import state

state.ensure_shell()
bce_vs_mse.render()
