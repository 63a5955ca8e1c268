"""The aggregate posterior against the prior, and per-point posterior ellipses.

The aggregate posterior q(z) = E_x[q(z|x)] is what the prior N(0, I) should match for samples
from the prior to look like the data (Makhzani et al. 2016; Hoffman & Johnson 2016, "ELBO
surgery"). A histogram of the means μ alone is narrower than q(z): by the law of total variance
Var(z_d) = Var(μ_d) + E[σ_d²], so pass ``logvar`` to get the mixture itself.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
import torch
from torch import Tensor

MIXTURE_CHUNK = 2048  # points per step of the exact mixture histogram


def _as_2d(x, name: str) -> np.ndarray:
    a = np.array(x.detach().cpu().numpy() if isinstance(x, Tensor) else x, dtype=np.float64)
    if a.ndim != 2:
        raise ValueError(f"{name} must be (N, K), got shape {a.shape}")
    return a


def normal_pdf(x: np.ndarray) -> np.ndarray:
    """The N(0, 1) density."""
    return np.exp(-0.5 * x ** 2) / math.sqrt(2 * math.pi)


def _normal_cdf(x: np.ndarray) -> np.ndarray:
    return torch.special.ndtr(torch.from_numpy(x)).numpy()


class Histograms(NamedTuple):
    edges: np.ndarray    # (bins + 1,) bin edges shared by every dim
    centres: np.ndarray  # (bins,)
    density: np.ndarray  # (K, bins): probability per unit length of z_d, over *all* N points
    prior: np.ndarray    # (bins,) the N(0, 1) density at the centres
    outside: np.ndarray  # (K,) share of the mass outside ``range`` (so density integrates to
                         # 1 − outside)


def aggregate_posterior_histograms(mu, *, logvar=None, bins: int = 40,
                                   range: tuple[float, float] = (-4.0, 4.0)) -> Histograms:
    """Per-dim densities of the latents on a shared grid, with N(0, 1) on the same grid.

    Without ``logvar``: histograms of the means μ (N, K). With ``logvar``: the exact mass of the
    mixture (1/N) Σ_n N(μ_n, σ_n²) in each bin, from Gaussian CDFs (no sampling). Densities are
    counts / (N · width), not renormalised over ``range``: mass beyond it is reported in
    ``outside`` rather than spread over the bins.
    """
    m = _as_2d(mu, "mu")
    lo, hi = (float(v) for v in range)
    if isinstance(bins, bool) or not isinstance(bins, int) or bins < 1:
        raise ValueError(f"bins must be a positive integer, got {bins!r}")
    if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
        raise ValueError(f"range must be finite with low < high, got {range!r}")
    if m.shape[0] == 0:
        raise ValueError("need at least one point")
    edges = np.linspace(lo, hi, bins + 1)
    width = (hi - lo) / bins
    if logvar is None:
        counts = np.stack([np.histogram(col, bins=edges)[0] for col in m.T])  # (K, bins)
        mass = counts / m.shape[0]
    else:
        lv = _as_2d(logvar, "logvar")
        if lv.shape != m.shape:
            raise ValueError(f"logvar must have mu's shape {m.shape}, got {lv.shape}")
        sigma = np.exp(0.5 * lv)
        mass = np.zeros((m.shape[1], bins))
        for start in np.arange(0, m.shape[0], MIXTURE_CHUNK):  # bounded memory for large N
            mc, sc = m[start:start + MIXTURE_CHUNK], sigma[start:start + MIXTURE_CHUNK]
            cdf = _normal_cdf((edges[None, None, :] - mc[:, :, None]) / sc[:, :, None])
            mass += np.diff(cdf, axis=2).sum(axis=0)  # (n, K, bins+1) -> (n, K, bins) -> (K, bins)
        mass /= m.shape[0]
    centres = 0.5 * (edges[:-1] + edges[1:])
    return Histograms(edges, centres, mass / width, normal_pdf(centres),
                      np.clip(1.0 - mass.sum(axis=1), 0.0, 1.0))


class Ellipses(NamedTuple):
    centres: np.ndarray    # (N, 2) μ
    semi_axes: np.ndarray  # (N, 2) n_std · σ along z_0 and z_1 (axis-aligned: q is diagonal)


def posterior_ellipses(mu, logvar, *, n_std: float = 1.0) -> Ellipses:
    """The μ ± n_std·σ ellipse of each point's q(z|x) for a 2-D latent. The posterior's
    covariance is diagonal, so the ellipses are axis-aligned: a Plotly ``circle`` shape with
    x0, x1 = μ_0 ∓ a, y0, y1 = μ_1 ∓ b draws one; ``ellipse_outlines`` makes a single trace."""
    m, lv = _as_2d(mu, "mu"), _as_2d(logvar, "logvar")
    if m.shape != lv.shape:
        raise ValueError(f"mu and logvar must have the same shape, got {m.shape} and {lv.shape}")
    if m.shape[1] != 2:
        raise ValueError(f"posterior ellipses need a 2-D latent, got {m.shape[1]} dims")
    if not n_std > 0:
        raise ValueError(f"n_std must be positive, got {n_std!r}")
    return Ellipses(m, n_std * np.exp(0.5 * lv))


def ellipse_outlines(ellipses: Ellipses, *, n_vertices: int = 32) -> np.ndarray:
    """Closed outlines for one scatter trace (far faster in Plotly than one shape per point):
    (N * (n_vertices + 2), 2), each ellipse's n_vertices + 1 points (first repeated to close it)
    followed by a row of NaN that breaks the line."""
    theta = np.linspace(0, 2 * np.pi, n_vertices + 1)
    unit = np.stack([np.cos(theta), np.sin(theta)], axis=1)  # (V+1, 2)
    pts = ellipses.centres[:, None, :] + ellipses.semi_axes[:, None, :] * unit[None]  # (N, V+1, 2)
    gap = np.full((pts.shape[0], 1, 2), np.nan)
    return np.concatenate([pts, gap], axis=1).reshape(-1, 2)  # (N, V+2, 2) -> (N*(V+2), 2)
