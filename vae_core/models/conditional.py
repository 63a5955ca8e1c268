"""The conditional VAE (Sohn et al. 2015; Kingma et al. 2014, "M2" without its classifier):
the label's one-hot joins the encoder's input and the decoder's z, q(z|x, y) and p(x|z, y).

With the label given to the decoder, z need not carry which digit it is, so it is free to
hold the rest, the "style" (slant, stroke width): one z decoded with each label writes the
same style as every digit (Kingma et al. 2014, figure 1).
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import Tensor, nn

from vae_core.config import ModelConfig
from vae_core.models.base import VAE, VAEOutput, reparameterize
from vae_core.models.mlp import _stack


class ConditionalMLPVAE(VAE):
    def __init__(self, cfg: ModelConfig) -> None:
        super().__init__(cfg)
        d, k, n, hidden = cfg.n_pixels, cfg.latent_dim, cfg.n_classes, list(cfg.hidden)
        self.encoder = _stack([d + n, *hidden])
        self.fc_mu = nn.Linear(hidden[-1] if hidden else d + n, k)
        self.fc_logvar = nn.Linear(hidden[-1] if hidden else d + n, k)
        self.decoder = _stack([k + n, *reversed(hidden)])
        self.fc_out = nn.Linear(hidden[0] if hidden else k + n, d)

    def one_hot(self, y: Tensor, like: Tensor) -> Tensor:
        """(B,) int labels -> (B, n_classes) one-hot in ``like``'s dtype; (B, n) rows pass as
        they are (a mix of labels, for those who want to try one)."""
        if y is None:
            raise ValueError("a conditional VAE needs the labels y")
        if y.ndim == 1:
            return F.one_hot(y.long(), self.cfg.n_classes).to(like.dtype)
        return y.to(like.dtype)

    def encode(self, x: Tensor, y: Tensor) -> tuple[Tensor, Tensor]:
        flat = x.flatten(1)  # (B, C, H, W) -> (B, C*H*W)
        h = self.encoder(torch.cat([flat, self.one_hot(y, flat)], dim=1))  # (B, D+n) -> (B, h)
        return self.fc_mu(h), self.fc_logvar(h)

    def decode_logits(self, z: Tensor, y: Tensor) -> Tensor:
        h = self.decoder(torch.cat([z, self.one_hot(y, z)], dim=1))  # (B, K+n) -> (B, hidden)
        return self.fc_out(h).view(-1, *self.cfg.input_shape)  # (B, C*H*W) -> (B, C, H, W)

    def decode(self, z: Tensor, y: Tensor) -> Tensor:
        """The image for style z written as label y: the likelihood's mean, (B, C, H, W)."""
        return self.likelihood.mean(self.decode_logits(z, y))

    def forward(self, x: Tensor, y: Tensor | None = None, *,
                generator: torch.Generator | None = None) -> VAEOutput:
        mu, logvar = self.encode(x, y)
        z = reparameterize(mu, logvar, generator) if self.cfg.variational else mu
        return VAEOutput(self.decode_logits(z, y), mu, logvar, z)
