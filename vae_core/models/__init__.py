"""VAE architectures and ``build_model``."""

from vae_core.config import ModelConfig
from vae_core.models.base import VAE, VAEOutput, reparameterize
from vae_core.models.conv import ConvVAE
from vae_core.models.mlp import MLPVAE, ExamplesVAE


def build_model(cfg: ModelConfig) -> VAE:
    if cfg.preset == "examples":
        return ExamplesVAE(cfg)
    if cfg.arch == "conv":
        return ConvVAE(cfg)
    return MLPVAE(cfg)


__all__ = ["VAE", "VAEOutput", "reparameterize", "build_model", "ConvVAE", "MLPVAE", "ExamplesVAE"]
