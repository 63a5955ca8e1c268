"""What every VAE shares: the named output, reparameterisation, encode / decode / forward."""

from __future__ import annotations

from typing import NamedTuple

import torch
from torch import Tensor, nn

from vae_core.config import ModelConfig
from vae_core.likelihoods import Likelihood, build_likelihood


class VAEOutput(NamedTuple):
    logits: Tensor  # (B, C, H, W) decoder output before the likelihood's link function
    mu: Tensor      # (B, K) posterior mean
    logvar: Tensor  # (B, K) posterior log σ²
    z: Tensor       # (B, K) the sample that was decoded


def reparameterize(mu: Tensor, logvar: Tensor) -> Tensor:
    """z = μ + σ ⊙ ε, ε ~ N(0, I), σ = exp(½ log σ²) (Kingma & Welling 2014, §2.4)."""
    std = torch.exp(0.5 * logvar)
    return mu + torch.randn_like(std) * std


class VAE(nn.Module):
    """Base class: subclasses define ``encode`` and ``decode_logits``; the likelihood is a submodule
    so a learned σ is saved with the weights."""

    def __init__(self, cfg: ModelConfig) -> None:
        super().__init__()
        self.cfg = cfg
        self.likelihood: Likelihood = build_likelihood(cfg)

    def encode(self, x: Tensor) -> tuple[Tensor, Tensor]:
        raise NotImplementedError

    def decode_logits(self, z: Tensor) -> Tensor:
        raise NotImplementedError

    def decode(self, z: Tensor) -> Tensor:
        """The image to show for z: the likelihood's mean, (B, K) -> (B, C, H, W)."""
        return self.likelihood.mean(self.decode_logits(z))

    def forward(self, x: Tensor) -> VAEOutput:
        mu, logvar = self.encode(x)
        z = reparameterize(mu, logvar)
        return VAEOutput(self.decode_logits(z), mu, logvar, z)

    @property
    def latent_dim(self) -> int:
        return self.cfg.latent_dim

    @property
    def device(self) -> torch.device:
        return next(self.parameters()).device
