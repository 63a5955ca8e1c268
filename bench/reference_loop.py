"""The reference: a training loop in pytorch/examples' ``vae/main.py`` style, for comparison.

Per-sample dataset that turns each uint8 image into a tensor through PIL + ``ToTensor`` (what
``torchvision.datasets.MNIST`` does), a ``DataLoader`` with batch 128, the 784-400-20 model with
a sigmoid output and ``F.binary_cross_entropy(..., reduction="sum")`` + KL, Adam 1e-3.
"""

from __future__ import annotations

import time

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image
from torch import nn
from torch.utils.data import DataLoader, Dataset
from torchvision import transforms


class PerSampleImages(Dataset):
    def __init__(self, images_uint8: np.ndarray) -> None:
        self.images = images_uint8  # (N, H, W) uint8, like MNIST's .data
        self.to_tensor = transforms.ToTensor()

    def __len__(self) -> int:
        return len(self.images)

    def __getitem__(self, i: int):
        img = Image.fromarray(self.images[i], mode="L")
        return self.to_tensor(img), 0


class ReferenceVAE(nn.Module):
    """pytorch/examples' fc1, fc21/fc22, fc3, fc4 for one hidden width; with more widths
    (``hidden=(256, 128)``, the app's default) the same pattern with a ReLU stack on each side,
    so the reference can train exactly the architecture ours does."""

    def __init__(self, d: int = 784, h: int | tuple[int, ...] = 400, k: int = 20) -> None:
        super().__init__()
        self.d = d
        widths = (h,) if isinstance(h, int) else tuple(h)
        self.fc1 = _relu_stack((d, *widths))
        self.fc21 = nn.Linear(widths[-1], k)
        self.fc22 = nn.Linear(widths[-1], k)
        self.fc3 = _relu_stack((k, *reversed(widths)))
        self.fc4 = nn.Linear(widths[0], d)

    def encode(self, x):
        h1 = self.fc1(x)
        return self.fc21(h1), self.fc22(h1)

    def reparameterize(self, mu, logvar):
        std = torch.exp(0.5 * logvar)
        return mu + torch.randn_like(std) * std

    def decode(self, z):
        return torch.sigmoid(self.fc4(self.fc3(z)))

    def forward(self, x):
        mu, logvar = self.encode(x.view(-1, self.d))
        z = self.reparameterize(mu, logvar)
        return self.decode(z), mu, logvar


def _relu_stack(dims: tuple[int, ...]) -> nn.Sequential:
    layers: list[nn.Module] = []
    for i, o in zip(dims[:-1], dims[1:]):
        layers += [nn.Linear(i, o), nn.ReLU()]
    return nn.Sequential(*layers)


def loss_function(recon_x, x, mu, logvar, d):
    bce = F.binary_cross_entropy(recon_x, x.view(-1, d), reduction="sum")
    kld = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
    return bce + kld


def test_elbo(model: ReferenceVAE, loader: DataLoader) -> float:
    model.eval()
    total, n = 0.0, 0
    with torch.no_grad():
        for data, _ in loader:
            recon, mu, logvar = model(data)
            total += loss_function(recon, data, mu, logvar, model.d).item()
            n += data.shape[0]
    return total / n


def run_reference(train_u8: np.ndarray, test_u8: np.ndarray, *, epochs: int,
                  hidden: int | tuple[int, ...] = 400,
                  latent: int = 20, batch_size: int = 128, lr: float = 1e-3, seed: int = 0,
                  eval_each_epoch: bool = False) -> dict:
    """Train like pytorch/examples; returns samples/s over training and the test −ELBO curve.

    ``curve`` (with ``eval_each_epoch``): (seconds since the start, test −ELBO) at each epoch's
    end, the tests included; ``train_curve``: (training seconds, the tests left out, test
    −ELBO), what ``bench/bench_time_to_elbo.py`` compares."""
    torch.manual_seed(seed)
    d = train_u8.shape[1] * train_u8.shape[2]
    model = ReferenceVAE(d, hidden, latent)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    train_loader = DataLoader(PerSampleImages(train_u8), batch_size=batch_size, shuffle=True)
    test_loader = DataLoader(PerSampleImages(test_u8), batch_size=batch_size)
    curve, train_curve, train_time, seen = [], [], 0.0, 0
    t_start = time.perf_counter()
    for _ in range(epochs):
        model.train()
        t0 = time.perf_counter()
        for data, _ in train_loader:
            opt.zero_grad()
            recon, mu, logvar = model(data)
            loss = loss_function(recon, data, mu, logvar, d)
            loss.backward()
            opt.step()
            seen += data.shape[0]
        train_time += time.perf_counter() - t0
        if eval_each_epoch:
            elbo = test_elbo(model, test_loader)
            curve.append((time.perf_counter() - t_start, elbo))
            train_curve.append((train_time, elbo))
    final = curve[-1][1] if curve else test_elbo(model, test_loader)
    return {"samples_per_s": seen / train_time, "train_s": train_time,
            "wall_s": time.perf_counter() - t_start, "test_elbo": final, "curve": curve,
            "train_curve": train_curve}
