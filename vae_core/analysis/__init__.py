"""Measuring a trained VAE: encoding, ELBO split, active units, the IWAE bound."""

from vae_core.analysis.encode import encode
from vae_core.analysis.metrics import active_units, evaluate, iwae_nll

__all__ = ["encode", "evaluate", "iwae_nll", "active_units"]
