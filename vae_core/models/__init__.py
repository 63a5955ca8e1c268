"""VAE architectures and ``build_model``."""

import torch

from vae_core.config import ModelConfig
from vae_core.likelihoods import build_likelihood
from vae_core.models.base import VAE, VAEOutput, init_weights, reparameterize
from vae_core.models.conv import ConvVAE
from vae_core.models.mlp import MLPVAE, ExamplesVAE


def build_model(cfg: ModelConfig, *, generator: torch.Generator | None = None) -> VAE:
    """The VAE for ``cfg``; with ``generator`` its initial weights are drawn from it alone (a
    job's own randomness), else from torch's global generator."""
    cls = ExamplesVAE if cfg.preset == "examples" else ConvVAE if cfg.arch == "conv" else MLPVAE
    if generator is None:
        return cls(cfg)
    with torch.device("meta"):  # built without values: the layers' own init would use the RNG
        model = cls(cfg)
    model = model.to_empty(device="cpu")
    model.likelihood = build_likelihood(cfg)  # its parameters (a learned σ) are constants
    return init_weights(model, generator)


__all__ = ["VAE", "VAEOutput", "reparameterize", "init_weights", "build_model", "ConvVAE",
           "MLPVAE", "ExamplesVAE"]
