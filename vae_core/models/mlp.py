"""Fully connected VAEs: the general MLP and pytorch/examples' 784-400-20 layout."""

from __future__ import annotations

import torch.nn.functional as F
from torch import Tensor, nn

from vae_core.config import ModelConfig
from vae_core.models.base import VAE


def _stack(widths: list[int]) -> nn.Sequential:
    layers: list[nn.Module] = []
    for w_in, w_out in zip(widths[:-1], widths[1:]):
        layers += [nn.Linear(w_in, w_out), nn.ReLU()]
    return nn.Sequential(*layers)


class MLPVAE(VAE):
    def __init__(self, cfg: ModelConfig) -> None:
        super().__init__(cfg)
        d, k, hidden = cfg.n_pixels, cfg.latent_dim, list(cfg.hidden)
        self.encoder = _stack([d, *hidden])
        self.fc_mu = nn.Linear(hidden[-1] if hidden else d, k)
        self.fc_logvar = nn.Linear(hidden[-1] if hidden else d, k)
        self.decoder = _stack([k, *reversed(hidden)])
        self.fc_out = nn.Linear(hidden[0] if hidden else k, d)

    def encode(self, x: Tensor) -> tuple[Tensor, Tensor]:
        h = self.encoder(x.flatten(1))  # (B, C, H, W) -> (B, C*H*W) -> (B, hidden[-1])
        return self.fc_mu(h), self.fc_logvar(h)

    def decode_logits(self, z: Tensor) -> Tensor:
        logits = self.fc_out(self.decoder(z))  # (B, K) -> (B, C*H*W)
        return logits.view(-1, *self.cfg.input_shape)  # (B, C*H*W) -> (B, C, H, W)


class ExamplesVAE(VAE):
    """pytorch/examples ``vae/main.py`` module for module (fc1, fc21, fc22, fc3, fc4), so its
    ``state_dict`` loads as is. The final sigmoid lives in the likelihood's ``mean``."""

    def __init__(self, cfg: ModelConfig) -> None:
        super().__init__(cfg)
        d, k, h = cfg.n_pixels, cfg.latent_dim, cfg.hidden[0]
        self.fc1 = nn.Linear(d, h)
        self.fc21 = nn.Linear(h, k)
        self.fc22 = nn.Linear(h, k)
        self.fc3 = nn.Linear(k, h)
        self.fc4 = nn.Linear(h, d)

    def encode(self, x: Tensor) -> tuple[Tensor, Tensor]:
        h1 = F.relu(self.fc1(x.flatten(1)))  # (B, C, H, W) -> (B, 784) -> (B, 400)
        return self.fc21(h1), self.fc22(h1)

    def decode_logits(self, z: Tensor) -> Tensor:
        h3 = F.relu(self.fc3(z))
        return self.fc4(h3).view(-1, *self.cfg.input_shape)  # (B, 784) -> (B, 1, 28, 28)
