"""What a conditional VAE shows: one style z written as every label (the analogy grid of
Kingma et al. 2014, figure 1) and how often its samples are the digit they were asked for.

The measure: draw z ~ N(0, I), decode it with label d, and count the images that the app's
digit classifier (``why_variational.DigitClassifier``) calls d with p ≥ 0.9. An unconditional
VAE cannot be asked for a digit; its prior samples are counted the same way, per label the
classifier gives them, as the baseline.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
from torch import Tensor

from vae_core.analysis.why_variational import CONFIDENT, DigitClassifier
from vae_core.models.base import VAE

SCORED_PER_LABEL = 1000  # prior samples per label behind a share (the benchmark's count)


@torch.no_grad()
def styles(model: VAE, x: Tensor, y: Tensor) -> Tensor:
    """The style of each image: the posterior mean μ of q(z|x, y), (N, K)."""
    model.eval()
    mu, _ = model.encode(x, y)
    return mu


@torch.no_grad()
def written_as_every_label(model: VAE, z: Tensor) -> Tensor:
    """Every z decoded with every label: (N, K) -> (N, n_classes, C, H, W)."""
    model.eval()
    n, labels = z.shape[0], model.cfg.n_classes
    y = torch.arange(labels).repeat(n)               # (N*L,): 0..L-1 for each row
    zz = z.repeat_interleave(labels, dim=0)          # (N, K) -> (N*L, K)
    return model.decode(zz, y).view(n, labels, *model.cfg.input_shape)


def analogy_grid(model: VAE, x: Tensor, y: Tensor) -> Tensor:
    """Rows: the style of each test image; columns: that style as each label."""
    return written_as_every_label(model, styles(model, x, y))


@dataclass(frozen=True)
class LabelShares:
    shares: np.ndarray       # (L,) share of the samples counted as each label with p ≥ threshold
    n_per_label: int         # conditional: samples asked per label; unconditional: all samples
    conditional: bool

    @property
    def mean(self) -> float:
        """Conditional: the mean share over labels; unconditional: the share that is any digit."""
        return float(self.shares.mean() if self.conditional else self.shares.sum())


def _counted(clf: DigitClassifier, images: Tensor, wanted: np.ndarray | None,
             threshold: float) -> np.ndarray:
    """Per image, the label the classifier gives with p ≥ threshold (or -1); with ``wanted``,
    -1 also where it is not the wanted label."""
    p = clf.probabilities(images)
    best = np.asarray(clf.classes_)[p.argmax(axis=1)]
    best = np.where(p.max(axis=1) >= threshold, best, -1)
    return best if wanted is None else np.where(best == wanted, best, -1)


@torch.no_grad()
def label_shares(model: VAE, clf: DigitClassifier, *, n_per_label: int = SCORED_PER_LABEL,
                 generator: torch.Generator, threshold: float = CONFIDENT) -> LabelShares:
    """A conditional model: for each label d, the share of n samples z ~ N(0, I) decoded with d
    that the classifier calls d. An unconditional one: of n_per_label × L prior samples, the
    share the classifier calls d, for each d (about 1/L each at best)."""
    model.eval()
    labels = model.cfg.n_classes or len(clf.classes_)
    total = n_per_label * labels
    z = torch.randn(total, model.latent_dim, generator=generator)
    if model.cfg.conditional:
        y = torch.arange(labels).repeat_interleave(n_per_label)  # (L*n,)
        got = _counted(clf, model.decode(z, y), y.numpy(), threshold)
        shares = np.array([(got[y.numpy() == d] == d).mean() for d in range(labels)])
        return LabelShares(shares, n_per_label, True)
    got = _counted(clf, model.decode(z), None, threshold)
    shares = np.array([(got == d).mean() for d in range(labels)])
    return LabelShares(shares, total, False)
