"""Convolutional VAE for 28×28 and 32×32 images (any H, W divisible by 4)."""

from __future__ import annotations

from torch import Tensor, nn

from vae_core.config import ModelConfig
from vae_core.models.base import VAE

CHANNELS = (32, 64)  # two stride-2 convolutions: H -> H/2 -> H/4


class ConvVAE(VAE):
    def __init__(self, cfg: ModelConfig) -> None:
        super().__init__(cfg)
        c, h, w = cfg.input_shape
        dense, k = cfg.hidden[0], cfg.latent_dim
        self.feature_shape = (CHANNELS[1], h // 4, w // 4)
        n_features = CHANNELS[1] * (h // 4) * (w // 4)
        self.encoder = nn.Sequential(
            nn.Conv2d(c, CHANNELS[0], 4, stride=2, padding=1), nn.ReLU(),
            nn.Conv2d(CHANNELS[0], CHANNELS[1], 4, stride=2, padding=1), nn.ReLU(),
            nn.Flatten(),  # (B, 64, H/4, W/4) -> (B, 64*H/4*W/4)
            nn.Linear(n_features, dense), nn.ReLU(),
        )
        self.fc_mu = nn.Linear(dense, k)
        self.fc_logvar = nn.Linear(dense, k)
        self.decoder_dense = nn.Sequential(
            nn.Linear(k, dense), nn.ReLU(), nn.Linear(dense, n_features), nn.ReLU(),
        )
        self.decoder_conv = nn.Sequential(
            nn.ConvTranspose2d(CHANNELS[1], CHANNELS[0], 4, stride=2, padding=1), nn.ReLU(),
            nn.ConvTranspose2d(CHANNELS[0], c, 4, stride=2, padding=1),
        )

    def encode(self, x: Tensor) -> tuple[Tensor, Tensor]:
        h = self.encoder(x)
        return self.fc_mu(h), self.fc_logvar(h)

    def decode_logits(self, z: Tensor) -> Tensor:
        h = self.decoder_dense(z).view(-1, *self.feature_shape)  # (B, n) -> (B, 64, H/4, W/4)
        return self.decoder_conv(h)  # -> (B, C, H, W)
