"""Measuring and exploring a trained VAE: encoding, ELBO split, active units, IWAE, projections
of the latent space, traversals and interpolation, disentanglement, rate–distortion, anomalies."""

from vae_core.analysis.disentanglement import mig, model_mig
from vae_core.analysis.embeddings import PCAProjection, RawProjection, TSNEProjection, project
from vae_core.analysis.encode import encode
from vae_core.analysis.metrics import active_units, evaluate, iwae_nll
from vae_core.analysis.traversal import (
    interpolate,
    lerp,
    manifold_grid,
    order_dims_by_kl,
    prior_samples,
    slerp,
    traversal_grid,
)

__all__ = ["encode", "evaluate", "iwae_nll", "active_units", "PCAProjection", "RawProjection",
           "TSNEProjection", "project", "lerp", "slerp", "interpolate", "traversal_grid",
           "manifold_grid", "order_dims_by_kl", "prior_samples", "mig", "model_mig"]
