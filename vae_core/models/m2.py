"""M2, the generative semi-supervised model of Kingma, Rezende, Mohamed & Welling (2014),
"Semi-Supervised Learning with Deep Generative Models", §2.2 and Eqs. 6-9.

The label y is a latent variable beside z: p(x | y, z) p(y) p(z), with the approximate posterior
q(z | x, y) q(y | x). For a labelled image the bound is the conditional VAE's (Eq. 6); for an
unlabelled one y is summed out under q(y | x), plus the classifier's entropy (Eq. 7). The
classifier q(y | x) learns from both terms and, with weight α, from the labels (Eq. 9).

Inputs are flat vectors: pixels in [0, 1] (Bernoulli decoder) or M1's codes μ (Gaussian decoder
with a learned variance per dimension: "M1+M2").
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import Tensor, nn

from vae_core.models.base import init_weights, reparameterize

LIKELIHOODS = ("bernoulli", "gaussian")
LOG_2PI = math.log(2 * math.pi)


def _mlp(sizes: list[int]) -> nn.Sequential:
    layers: list[nn.Module] = []
    for a, b in zip(sizes[:-2], sizes[1:-1]):
        layers += [nn.Linear(a, b), nn.Softplus()]
    layers.append(nn.Linear(sizes[-2], sizes[-1]))
    return nn.Sequential(*layers)


class M2(nn.Module):
    """The three networks of M2: classifier q(y|x), encoder q(z|x,y), decoder p(x|y,z)."""

    def __init__(self, in_dim: int, n_classes: int, *, latent_dim: int = 16,
                 hidden: int = 256, likelihood: str = "bernoulli",
                 generator: torch.Generator | None = None) -> None:
        super().__init__()
        if likelihood not in LIKELIHOODS:
            raise ValueError(f"unknown M2 likelihood {likelihood!r}")
        self.in_dim, self.n_classes, self.latent_dim = in_dim, n_classes, latent_dim
        self.kind = likelihood
        self.classifier = _mlp([in_dim, hidden, hidden, n_classes])
        self.encoder = _mlp([in_dim + n_classes, hidden, 2 * latent_dim])
        self.decoder = _mlp([latent_dim + n_classes, hidden, in_dim])
        self.log_sigma = nn.Parameter(torch.zeros(in_dim))  # Gaussian decoder only
        if generator is not None:  # per network: init_weights knows layers, not log_sigma
            for net in (self.classifier, self.encoder, self.decoder):
                init_weights(net, generator)

    def classify(self, x: Tensor) -> Tensor:
        """Logits of q(y | x), (B, n_classes)."""
        return self.classifier(x)

    def neg_elbo(self, x: Tensor, y: Tensor, generator: torch.Generator | None = None) -> Tensor:
        """−L(x, y) of Eq. 6 per example, (B,): −log p(x|y,z) + KL(q(z|x,y) ‖ N(0, I))
        − log p(y) with a uniform p(y); ``y`` is one-hot, (B, n_classes)."""
        h = self.encoder(torch.cat([x, y], dim=1))
        mu, logvar = h.chunk(2, dim=1)  # (B, 2K) -> 2 × (B, K)
        z = reparameterize(mu, logvar, generator)
        out = self.decoder(torch.cat([z, y], dim=1))
        if self.kind == "bernoulli":
            recon = F.binary_cross_entropy_with_logits(out, x, reduction="none").sum(1)
        else:
            ls = self.log_sigma.clamp(-4.0, 2.0)
            recon = (0.5 * ((x - out) / ls.exp()) ** 2 + ls + 0.5 * LOG_2PI).sum(1)
        # KL(N(μ,σ²) ‖ N(0,1)) = −½(1 + log σ² − μ² − σ²) per dim (Kingma & Welling, App. B)
        kl = -0.5 * (1 + logvar - mu.pow(2) - logvar.exp()).sum(1)
        return recon + kl + math.log(self.n_classes)

    def labelled_loss(self, x: Tensor, y: Tensor, *, alpha: float,
                      generator: torch.Generator | None = None) -> Tensor:
        """Eq. 9's labelled part, mean over the batch: −L(x, y) + α · cross-entropy of q(y|x);
        ``y`` holds class indices, (B,)."""
        onehot = F.one_hot(y, self.n_classes).to(x.dtype)
        ce = F.cross_entropy(self.classify(x), y)
        return self.neg_elbo(x, onehot, generator).mean() + alpha * ce

    def unlabelled_loss(self, x: Tensor, generator: torch.Generator | None = None) -> Tensor:
        """−U(x) of Eq. 7, mean over the batch: Σ_y q(y|x)·(−L(x, y)) − H(q(y|x))."""
        b, k = x.shape[0], self.n_classes
        logq = F.log_softmax(self.classify(x), dim=1)  # (B, k)
        xs = x.repeat_interleave(k, dim=0)  # (B, D) -> (B*k, D): every class for every image
        ys = torch.eye(k, dtype=x.dtype, device=x.device).repeat(b, 1)  # (B*k, k)
        losses = self.neg_elbo(xs, ys, generator).view(b, k)  # (B*k,) -> (B, k)
        q = logq.exp()
        return ((q * losses).sum(1) + (q * logq).sum(1)).mean()
