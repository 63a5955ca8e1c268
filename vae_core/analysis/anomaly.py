"""Anomaly detection with a VAE: an image the model finds unlikely has a high −ELBO.

Scores are per-image −ELBO in nats (lower = more typical), averaged over a few posterior samples
to cut the single-sample noise. Out-of-distribution images of another size are resized to the
model's input (bilinear) so any dataset can be scored against any model.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F
from sklearn.metrics import roc_auc_score, roc_curve
from torch import Tensor

from vae_core.losses import kl_divergence
from vae_core.messages import AnalysisError
from vae_core.models.base import VAE

MAX_SCORE_SAMPLES = 64


@torch.no_grad()
def elbo_scores(model: VAE, x: Tensor, *, n_samples: int = 4, batch_size: int = 512,
                seed: int = 0) -> Tensor:
    """Per-image −ELBO (nats), mean over ``n_samples`` draws of z ~ q(z|x); shape (N,)."""
    if isinstance(n_samples, bool) or not isinstance(n_samples, int) \
            or not 1 <= n_samples <= MAX_SCORE_SAMPLES:
        raise AnalysisError("score_samples", max=MAX_SCORE_SAMPLES, value=repr(n_samples))
    model.eval()
    device = model.device
    gen = torch.Generator(device=device).manual_seed(seed)
    x = fit_to_model(model, x)
    out = []
    for start in range(0, x.shape[0], batch_size):
        xb = x[start:start + batch_size].to(device)
        mu, logvar = model.encode(xb)
        kl = kl_divergence(mu, logvar).sum(dim=1)  # (b,)
        std = torch.exp(0.5 * logvar)
        recon = torch.zeros_like(kl)
        for _ in range(n_samples):
            z = mu + std * torch.randn(mu.shape, generator=gen, device=device)
            recon -= model.likelihood.log_prob(model.decode_logits(z), xb)
        out.append((recon / n_samples + kl).cpu())
    return torch.cat(out) if out else torch.empty(0)


def fit_to_model(model: VAE, x: Tensor) -> Tensor:
    """Resize/convert (N, C, H, W) images in [0, 1] to the model's input shape."""
    c, h, w = model.cfg.input_shape
    if x.dim() != 4:
        raise AnalysisError("images_rank", shape=tuple(x.shape))
    if x.shape[1] != c:
        if c == 1:
            x = x.mean(dim=1, keepdim=True)  # (N, 3, H, W) -> (N, 1, H, W)
        elif x.shape[1] == 1:
            x = x.expand(-1, c, -1, -1)
        else:
            raise AnalysisError("channels", found=x.shape[1], expected=c)
    if tuple(x.shape[2:]) != (h, w):
        x = F.interpolate(x, size=(h, w), mode="bilinear", align_corners=False,
                          antialias=True).clamp(0, 1)
    return x.contiguous()


@dataclass(frozen=True)
class OODResult:
    auc: float                 # ROC AUC of "−ELBO is higher for the outliers"
    fpr: np.ndarray
    tpr: np.ndarray
    in_scores: np.ndarray
    out_scores: np.ndarray


def ood_auc(in_scores: Tensor, out_scores: Tensor) -> OODResult:
    """ROC of the −ELBO score separating in-distribution (label 0) from outliers (label 1)."""
    a, b = np.asarray(in_scores, dtype=float), np.asarray(out_scores, dtype=float)
    if a.size == 0 or b.size == 0:
        raise AnalysisError("no_scores")
    y = np.r_[np.zeros(a.size), np.ones(b.size)]
    s = np.r_[a, b]
    if not np.isfinite(s).all():
        raise AnalysisError("scores_not_finite")
    fpr, tpr, _ = roc_curve(y, s)
    return OODResult(float(roc_auc_score(y, s)), fpr, tpr, a, b)


def extremes(scores: Tensor, k: int = 8) -> tuple[Tensor, Tensor]:
    """Indices of the k most typical (lowest −ELBO) and k least typical images."""
    k = min(k, scores.numel())
    order = torch.argsort(scores)
    return order[:k], order.flip(0)[:k]



def ood_by_group(in_scores: Tensor, out_scores: Tensor, out_groups: Tensor,
                 n_groups: int) -> list[OODResult | None]:
    """``ood_auc`` of each kind of outlier on its own against all in-distribution scores
    (None for a kind with no outliers): which defects the −ELBO catches and which it misses."""
    groups = np.asarray(out_groups)
    out = np.asarray(out_scores, dtype=float)
    return [ood_auc(in_scores, out[groups == g]) if (groups == g).any() else None
            for g in range(n_groups)]
