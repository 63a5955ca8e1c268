"""Why variational? A plain autoencoder next to a VAE: same layers, seed and data; only the VAE's
prior samples are digits."""

from ui import state, why_view

state.ensure_shell()
why_view.render()
