"""Why variational? A plain autoencoder next to a VAE: same layers, seed and data; only the VAE's
prior samples are digits."""

from ui.shell import state
from ui.why import view as why_view

state.ensure_shell()
why_view.render()
