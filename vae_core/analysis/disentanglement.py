"""Mutual information gap (MIG): how well single latents capture single ground-truth factors.

Only datasets with ground-truth factors can be scored (``shapes``; not MNIST). Codes are the
posterior means μ, discretised per latent into equal-width bins over that latent's range, as
disentanglement_lib's ``_histogram_discretize`` does; mutual information is in nats.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import torch
from sklearn.metrics import mutual_info_score

from vae_core.analysis.encode import encode
from vae_core.data import DataBundle
from vae_core.messages import AnalysisError
from vae_core.models.base import VAE

DEFAULT_BINS = 20
MAX_BINS = 1000


@dataclass(frozen=True, eq=False)
class MIGResult:
    score: float                      # MIG: mean of ``gaps`` over factors with H(v_k) > 0
    gaps: tuple[float, ...]           # per factor: (I_top1 − I_top2) / H(v_k); nan if H(v_k) = 0
    mi: np.ndarray                    # (K, F) I(z_j; v_k) in nats
    entropy: tuple[float, ...]        # per factor: H(v_k) in nats
    top_latents: tuple[int, ...]      # per factor: the latent with the highest MI
    factor_names: tuple[str, ...] = ()
    bins: int = DEFAULT_BINS

    def as_dict(self) -> dict:
        """JSON-able: score, gaps per factor (by name when known), top latent per factor."""
        names = self.factor_names or tuple(f"factor {k}" for k in range(len(self.gaps)))
        return {"mig": self.score,
                "mig_per_factor": {n: g for n, g in zip(names, self.gaps)},
                "mig_top_latent": {n: t for n, t in zip(names, self.top_latents)}}


def _as_2d(name: str, values, *, dtype) -> np.ndarray:
    if isinstance(values, torch.Tensor):
        values = values.detach().cpu().numpy()
    arr = np.asarray(values, dtype=dtype)
    if arr.ndim == 1:
        arr = arr[:, None]  # (N,) -> (N, 1)
    if arr.ndim != 2 or arr.shape[0] < 2:
        raise AnalysisError("mig_shape", name=name, shape=tuple(arr.shape))
    return arr


def _check_bins(bins: int) -> None:
    if isinstance(bins, bool) or not isinstance(bins, int) or not 2 <= bins <= MAX_BINS:
        raise AnalysisError("mig_bins", max=MAX_BINS, value=repr(bins))


def discretize(codes, *, bins: int = DEFAULT_BINS) -> np.ndarray:
    """Equal-width histogram bins per column over that column's range: (N, K) float -> int.

    Same rule as disentanglement_lib (``np.digitize`` on the left edges of ``np.histogram``).
    """
    _check_bins(bins)
    x = _as_2d("codes", codes, dtype=np.float64)
    if not np.isfinite(x).all():
        raise AnalysisError("codes_not_finite")
    out = np.empty(x.shape, dtype=np.int64)
    for j in range(x.shape[1]):
        edges = np.histogram(x[:, j], bins)[1][:-1]  # (bins,) left edges
        out[:, j] = np.digitize(x[:, j], edges)
    return out


def factor_entropy(factors) -> np.ndarray:
    """H(v_k) in nats for each column of integer ``factors`` (N, F): (F,)."""
    v = _as_2d("factors", factors, dtype=np.int64)
    return np.array([mutual_info_score(v[:, k], v[:, k]) for k in range(v.shape[1])])


def mutual_information_discrete(codes, factors, bins: int = DEFAULT_BINS) -> np.ndarray:
    """I(z_j; v_k) in nats for every latent j and factor k: (K, F).

    ``codes`` (N, K) are continuous and discretised with ``discretize(codes, bins=bins)``;
    ``factors`` (N, F) are integer factor values. The plug-in estimate is biased upwards by about
    (bins − 1)(|v_k| − 1) / 2N nats, so use thousands of samples.
    """
    z = discretize(codes, bins=bins)
    v = _as_2d("factors", factors, dtype=np.int64)
    if z.shape[0] != v.shape[0]:
        raise AnalysisError("mig_rows", codes=z.shape[0], factors=v.shape[0])
    mi = np.empty((z.shape[1], v.shape[1]))
    for j in range(z.shape[1]):
        for k in range(v.shape[1]):
            mi[j, k] = mutual_info_score(v[:, k], z[:, j])
    return mi


def mig(mu, factors, *, bins: int = DEFAULT_BINS,
        factor_names: Sequence[str] = ()) -> MIGResult:
    """Mutual information gap of codes ``mu`` (N, K) against integer ``factors`` (N, F).

    MIG = 1/F Σ_k (I(z_j⁽¹⁾; v_k) − I(z_j⁽²⁾; v_k)) / H(v_k), j⁽¹⁾, j⁽²⁾ the two latents with the
    highest MI with v_k: Chen et al. 2018, "Isolating Sources of Disentanglement in VAEs", §4.1,
    Eq. 6. With a single latent the second MI is 0. Factors with one value (H = 0) get a nan gap
    and are left out of the mean.
    """
    mi = mutual_information_discrete(mu, factors, bins=bins)  # (K, F)
    entropy = factor_entropy(factors)                          # (F,)
    if factor_names and len(factor_names) != mi.shape[1]:
        raise AnalysisError("mig_factor_names", names=len(factor_names), factors=mi.shape[1])
    ranked = np.sort(mi, axis=0)[::-1]                          # (K, F), highest first
    second = ranked[1] if mi.shape[0] > 1 else np.zeros(mi.shape[1])
    with np.errstate(divide="ignore", invalid="ignore"):
        gaps = np.where(entropy > 0, (ranked[0] - second) / entropy, np.nan)
    valid = gaps[np.isfinite(gaps)]
    score = float(valid.mean()) if valid.size else float("nan")
    return MIGResult(score=score, gaps=tuple(float(g) for g in gaps), mi=mi,
                     entropy=tuple(float(h) for h in entropy),
                     top_latents=tuple(int(j) for j in mi.argmax(axis=0)),
                     factor_names=tuple(factor_names), bins=bins)


def model_mig(model: VAE, data: DataBundle, *, bins: int = DEFAULT_BINS,
              split: str = "all") -> MIGResult:
    """MIG of ``model``'s posterior means on ``data`` ("train", "test" or "all" images).

    "all" is the default: MIG scores the representation, not generalisation, and the plug-in MI
    needs many samples (shapes' test split alone has ~1,200 images).
    """
    if not data.has_factors:
        raise AnalysisError("mig_no_factors", name=repr(data.name))
    if split == "train":
        x, v = data.train_x, data.train_factors
    elif split == "test":
        x, v = data.test_x, data.test_factors
    elif split == "all":
        x = torch.cat([data.train_x, data.test_x])            # (N + M, C, H, W)
        v = torch.cat([data.train_factors, data.test_factors])  # (N + M, F)
    else:
        raise AnalysisError("mig_split", value=repr(split))
    mu, _ = encode(model, x)  # (N, K)
    return mig(mu, v, bins=bins, factor_names=data.factor_names)
