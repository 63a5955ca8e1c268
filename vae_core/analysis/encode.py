"""Encode a preloaded tensor in batches without gradients."""

from __future__ import annotations

import torch
from torch import Tensor

from vae_core.models.base import VAE


@torch.no_grad()
def encode(model: VAE, x: Tensor, *, batch_size: int = 1024) -> tuple[Tensor, Tensor]:
    """Posterior parameters (μ, log σ²), each (N, K), on the CPU."""
    model.eval()
    device = model.device
    mus, logvars = [], []
    for start in range(0, x.shape[0], batch_size):
        mu, logvar = model.encode(x[start:start + batch_size].to(device))
        mus.append(mu.cpu())
        logvars.append(logvar.cpu())
    if not mus:
        k = model.latent_dim
        return torch.empty(0, k), torch.empty(0, k)
    return torch.cat(mus), torch.cat(logvars)
