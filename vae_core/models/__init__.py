"""VAE architectures and ``build_model``."""

import torch

from vae_core.config import ModelConfig
from vae_core.models.base import VAE, VAEOutput, init_weights, reparameterize
from vae_core.models.conditional import ConditionalMLPVAE
from vae_core.models.conv import ConvVAE
from vae_core.models.mlp import MLPVAE, ExamplesVAE


def build_model(cfg: ModelConfig, *, generator: torch.Generator | None = None) -> VAE:
    """The VAE for ``cfg``; with ``generator`` its initial weights are drawn from it (a job's
    own randomness), else from torch's global generator.

    The layers' own initialisation still runs first and draws from the global generator, but
    every value it drew is then replaced, so nothing depends on the global generator's state.
    (Building on the meta device would skip those draws, but its first use in a process costs
    0.3-0.4 s of imports, which every first job would pay.)"""
    cls = (ConditionalMLPVAE if cfg.conditional else ExamplesVAE if cfg.preset == "examples"
           else ConvVAE if cfg.arch == "conv" else MLPVAE)
    model = cls(cfg)
    return model if generator is None else init_weights(model, generator)


__all__ = ["VAE", "VAEOutput", "reparameterize", "init_weights", "build_model", "ConvVAE",
           "MLPVAE", "ExamplesVAE", "ConditionalMLPVAE"]
