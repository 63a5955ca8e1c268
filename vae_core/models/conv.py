"""Convolutional VAE for 28×28 and 32×32 images (any H, W divisible by 4), and for 1-D
sequences stored as one-row images (1, 1, L), L divisible by 4: there every kernel is 1×4 and
every stride 1×2, a 1-D convolution along the sequence."""

from __future__ import annotations

from torch import Tensor, nn

from vae_core.config import ModelConfig
from vae_core.data.base import is_sequence_shape
from vae_core.models.base import VAE

CHANNELS = (32, 64)  # two stride-2 convolutions: H -> H/2 -> H/4


class ConvVAE(VAE):
    def __init__(self, cfg: ModelConfig) -> None:
        super().__init__(cfg)
        c, h, w = cfg.input_shape
        dense, k = cfg.hidden[0], cfg.latent_dim
        if is_sequence_shape(cfg.input_shape):  # along the sequence only: (1, 1, L) -> (64, 1, L/4)
            shrink, kernel, stride, pad = 1, (1, 4), (1, 2), (0, 1)
        else:
            shrink, kernel, stride, pad = 4, 4, 2, 1
        self.feature_shape = (CHANNELS[1], h // shrink, w // 4)
        n_features = CHANNELS[1] * (h // shrink) * (w // 4)
        self.encoder = nn.Sequential(
            nn.Conv2d(c, CHANNELS[0], kernel, stride=stride, padding=pad), nn.ReLU(),
            nn.Conv2d(CHANNELS[0], CHANNELS[1], kernel, stride=stride, padding=pad), nn.ReLU(),
            nn.Flatten(),  # (B, 64, H/4, W/4) -> (B, 64*H/4*W/4)
            nn.Linear(n_features, dense), nn.ReLU(),
        )
        self.fc_mu = nn.Linear(dense, k)
        self.fc_logvar = nn.Linear(dense, k)
        self.decoder_dense = nn.Sequential(
            nn.Linear(k, dense), nn.ReLU(), nn.Linear(dense, n_features), nn.ReLU(),
        )
        self.decoder_conv = nn.Sequential(
            nn.ConvTranspose2d(CHANNELS[1], CHANNELS[0], kernel, stride=stride, padding=pad),
            nn.ReLU(),
            nn.ConvTranspose2d(CHANNELS[0], c, kernel, stride=stride, padding=pad),
        )

    def encode(self, x: Tensor) -> tuple[Tensor, Tensor]:
        h = self.encoder(x)
        return self.fc_mu(h), self.fc_logvar(h)

    def decode_logits(self, z: Tensor) -> Tensor:
        h = self.decoder_dense(z).view(-1, *self.feature_shape)  # (B, n) -> (B, 64, H/4, W/4)
        return self.decoder_conv(h)  # -> (B, C, H, W)
