"""What every VAE shares: the named output, reparameterisation, encode / decode / forward."""

from __future__ import annotations

import math
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


def reparameterize(mu: Tensor, logvar: Tensor,
                   generator: torch.Generator | None = None) -> Tensor:
    """z = μ + σ ⊙ ε, ε ~ N(0, I), σ = exp(½ log σ²) (Kingma & Welling 2014, §2.4).

    ε comes from ``generator`` (on mu's device): a job passes its own, so that concurrent jobs
    do not draw from, or reseed, torch's global generator (the default when None)."""
    std = torch.exp(0.5 * logvar)
    eps = torch.randn(std.shape, generator=generator, device=std.device, dtype=std.dtype)
    return mu + eps * std


def init_weights(model: nn.Module, generator: torch.Generator) -> nn.Module:
    """Draw every layer's initial weights from ``generator`` with PyTorch's own default
    distributions (``nn.Linear`` / ``nn.Conv*.reset_parameters``: Kaiming-uniform with
    a = √5, biases U(±1/√fan_in)), instead of from the global generator."""
    covered: set[int] = set()  # ids of the parameters given a value
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, (nn.Linear, nn.Conv2d, nn.ConvTranspose2d)):
                nn.init.kaiming_uniform_(m.weight, a=math.sqrt(5), generator=generator)
                covered.add(id(m.weight))
                if m.bias is not None:
                    fan_in = m.weight.shape[1] * m.weight[0, 0].numel()  # in × kernel area
                    bound = 1 / math.sqrt(fan_in) if fan_in > 0 else 0.0
                    nn.init.uniform_(m.bias, -bound, bound, generator=generator)
                    covered.add(id(m.bias))
    likelihood = getattr(model, "likelihood", None)  # constants set from the config
    if likelihood is not None:
        covered.update(id(t) for t in (*likelihood.parameters(), *likelihood.buffers()))
    missed = [name for name, t in (*model.named_parameters(), *model.named_buffers())
              if id(t) not in covered]
    if missed:
        raise TypeError(f"init_weights does not know how to initialise {missed}")
    return model


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

    def forward(self, x: Tensor, *, generator: torch.Generator | None = None) -> VAEOutput:
        mu, logvar = self.encode(x)
        if not self.cfg.variational:
            # plain autoencoder: z = μ, no ε. The log σ² head stays (unused, untrained) so that
            # both kinds have the same layers and, for one seed, the same initial weights.
            return VAEOutput(self.decode_logits(mu), mu, logvar, mu)
        z = reparameterize(mu, logvar, generator)
        return VAEOutput(self.decode_logits(z), mu, logvar, z)

    @property
    def latent_dim(self) -> int:
        return self.cfg.latent_dim

    @property
    def device(self) -> torch.device:
        return next(self.parameters()).device
