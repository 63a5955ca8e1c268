"""Walking the latent space: interpolation, traversals, prior samples and the decoded manifold.

Every function decodes with the likelihood's mean (``model.decode``) under ``torch.no_grad``,
leaves the model's train/eval mode as it found it, and returns CPU tensors: latents (n, K),
images (..., C, H, W) in the model's output range ([0, 1] for the Bernoulli family).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import NamedTuple

import numpy as np
import torch
from torch import Tensor

from vae_core.evaluation import ACTIVE_UNIT_THRESHOLD
from vae_core.models.base import VAE

# A latent dim whose KL(q(z_d|x) || p(z_d)), averaged over the data, is below this many nats
# carries (almost) no information about x: q(z_d|x) ≈ N(0, 1) for every x, so moving z_d barely
# changes the image ("posterior collapse"). 0.01 nats mirrors the active-unit threshold of
# Burda et al. 2016 (Cov_x(E_q[z_u]) > 0.01) on the KL scale; for an inactive unit the two agree.
COLLAPSED_KL = 0.01
# Kingma & Welling 2014, Fig. 4: a grid on the unit square mapped through the inverse Gaussian
# CDF. Φ⁻¹(0) and Φ⁻¹(1) are ∓∞, so the grid stays inside [0.05, 0.95]: z ∈ [−1.645, 1.645],
# 90 % of the prior's mass per axis (the spacing the Keras VAE example also uses).
MANIFOLD_LO, MANIFOLD_HI = 0.05, 0.95
PARALLEL_DOT = 0.9995  # |cos Ω| above this: slerp's sin Ω is too small, lerp is used instead
INTERPOLATIONS = ("lerp", "slerp")
DECODE_BATCH = 1024


@contextmanager
def eval_mode(model: VAE) -> Iterator[None]:
    """Eval mode and no gradients for the block; the model's previous mode is restored."""
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            yield
    finally:
        model.train(was_training)


def _decode(model: VAE, z: Tensor) -> Tensor:
    """(N, K) -> (N, C, H, W) on the CPU, in batches."""
    z = torch.as_tensor(z, dtype=torch.float32)
    if z.ndim != 2 or z.shape[1] != model.latent_dim:
        raise ValueError(f"latents must be (N, {model.latent_dim}), got shape {tuple(z.shape)}")
    with eval_mode(model):
        parts = [model.decode(z[i:i + DECODE_BATCH].to(model.device)).cpu()
                 for i in range(0, z.shape[0], DECODE_BATCH)]
    return torch.cat(parts) if parts else torch.empty(0, *model.cfg.input_shape)


def _vector(z, name: str) -> Tensor:
    """A 1-D float tensor from a tensor, array or list (a (1, K) row is accepted too)."""
    t = torch.as_tensor(np.asarray(z) if not isinstance(z, Tensor) else z).detach().cpu()
    t = t.reshape(-1) if t.ndim == 2 and t.shape[0] == 1 else t  # (1, K) -> (K,)
    if t.ndim != 1:
        raise ValueError(f"{name} must be a vector (K,), got shape {tuple(t.shape)}")
    return t.to(torch.float32) if not t.is_floating_point() else t


def _check_n(n: int, lo: int = 2) -> None:
    if isinstance(n, bool) or not isinstance(n, int) or n < lo:
        raise ValueError(f"n must be an integer ≥ {lo}, got {n!r}")


def _pair(z0, z1) -> tuple[Tensor, Tensor]:
    a, b = _vector(z0, "z0"), _vector(z1, "z1")
    if a.shape != b.shape:
        raise ValueError(f"z0 and z1 must have the same shape, got {tuple(a.shape)} "
                         f"and {tuple(b.shape)}")
    return a, b


def lerp(z0, z1, n: int) -> Tensor:
    """n points on the segment z0 → z1, both ends included: (K,), (K,) -> (n, K)."""
    _check_n(n)
    a, b = _pair(z0, z1)
    t = torch.linspace(0, 1, n, dtype=torch.float64)[:, None]  # (n,) -> (n, 1)
    out = ((1 - t) * a.double() + t * b.double()).to(a.dtype)
    out[0], out[-1] = a, b  # exact ends whatever the rounding
    return out


def slerp(z0, z1, n: int) -> Tensor:
    """n points along the great-circle arc z0 → z1, both ends included: (K,), (K,) -> (n, K).

    slerp(t) = sin((1−t)Ω)/sin Ω · z0 + sin(tΩ)/sin Ω · z1, cos Ω = ẑ0·ẑ1 (Shoemake 1985; applied
    to latent codes by White 2016, "Sampling Generative Networks"). Endpoints of equal norm keep
    that norm all the way, which is where a Gaussian prior's mass lies in high dimension; lerp
    cuts through the low-norm middle. Nearly parallel (or opposite) vectors, where sin Ω → 0,
    and zero vectors fall back to lerp.
    """
    _check_n(n)
    a, b = _pair(z0, z1)
    a64, b64 = a.double(), b.double()
    na, nb = a64.norm(), b64.norm()
    if na == 0 or nb == 0:
        return lerp(a, b, n)
    cos = torch.clamp(torch.dot(a64 / na, b64 / nb), -1.0, 1.0)
    if cos.abs() > PARALLEL_DOT:
        return lerp(a, b, n)
    omega = torch.arccos(cos)
    t = torch.linspace(0, 1, n, dtype=torch.float64)[:, None]  # (n,) -> (n, 1)
    out = (torch.sin((1 - t) * omega) * a64 + torch.sin(t * omega) * b64) / torch.sin(omega)
    out = out.to(a.dtype)
    out[0], out[-1] = a, b
    return out


def interpolate_latents(z0, z1, n: int, method: str = "lerp") -> Tensor:
    """``lerp`` or ``slerp`` by name: (K,), (K,) -> (n, K)."""
    if method == "lerp":
        return lerp(z0, z1, n)
    if method == "slerp":
        return slerp(z0, z1, n)
    raise ValueError(f"unknown interpolation method {method!r}")


def interpolate(model: VAE, x0: Tensor, x1: Tensor, n: int = 10,
                method: str = "lerp") -> Tensor:
    """Decoded path between two images' posterior means: (C, H, W) ×2 -> (n, C, H, W)."""
    if method not in INTERPOLATIONS:
        raise ValueError(f"unknown interpolation method {method!r}")
    x = torch.stack([x0.reshape(model.cfg.input_shape),
                     x1.reshape(model.cfg.input_shape)])  # 2 × (C, H, W) -> (2, C, H, W)
    with eval_mode(model):
        mu, _ = model.encode(x.to(model.device))
    mu = mu.cpu()
    return _decode(model, interpolate_latents(mu[0], mu[1], n, method))


def decode_point(model: VAE, z) -> Tensor:
    """One latent vector to one image: (K,) -> (C, H, W)."""
    return _decode(model, _vector(z, "z")[None])[0]  # (K,) -> (1, K) -> (1, C, H, W) -> ...


def traversal_values(z0, dims: Sequence[int], *, k: float = 3.0, n: int = 9,
                     stds=None) -> Tensor:
    """The values each traversed dim takes: (len(dims), n); row i runs from z0[d] − k·σ_d to
    z0[d] + k·σ_d, d = dims[i], with σ_d = 1 (the prior) or ``stds[d]`` when given."""
    _check_n(n)
    z = _vector(z0, "z0")
    dims = _check_dims(dims, z.shape[0])
    if not k > 0:
        raise ValueError(f"k must be positive, got {k!r}")
    sigma = torch.ones(z.shape[0]) if stds is None else _vector(stds, "stds").float()
    if sigma.shape != z.shape:
        raise ValueError(f"stds must have {z.shape[0]} values, got {sigma.shape[0]}")
    steps = torch.linspace(-k, k, n)  # (n,)
    return z[dims, None].float() + steps[None, :] * sigma[dims, None]  # (D, 1) + (1, n) -> (D, n)


def _check_dims(dims: Sequence[int], k: int) -> list[int]:
    out = [int(d) for d in dims]
    if not out or not all(0 <= d < k for d in out):
        raise ValueError(f"dims must be latent axes in [0, {k - 1}], got {list(dims)!r}")
    return out


def traversal_grid(model: VAE, z0, dims: Sequence[int], *, k: float = 3.0, n: int = 9,
                   stds=None) -> Tensor:
    """Decoded traversals, one row per dim: (len(dims), n, C, H, W).

    Row i changes only z[dims[i]] (see ``traversal_values``); the other dims stay at z0. Pass
    ``stds`` = the per-dim std of the aggregate posterior (e.g. ``mu.std(0)``) to step in units
    of the spread the data actually use instead of the prior's σ = 1.
    """
    z = _vector(z0, "z0").float()
    values = traversal_values(z, dims, k=k, n=n, stds=stds)  # (D, n)
    dims = _check_dims(dims, z.shape[0])
    d_count = len(dims)
    latents = z.repeat(d_count, n, 1)  # (K,) -> (D, n, K)
    latents[torch.arange(d_count), :, dims] = values  # row i, every column, dim dims[i]
    images = _decode(model, latents.reshape(d_count * n, -1))  # (D, n, K) -> (D*n, K)
    return images.reshape(d_count, n, *images.shape[1:])  # (D*n, C, H, W) -> (D, n, C, H, W)


class DimOrder(NamedTuple):
    order: Tensor      # (K,) int64: latent dims, highest KL first
    collapsed: Tensor  # (K,) bool, indexed by dim (not by rank): not an active unit


def order_dims_by_kl(kl_per_dim, mu_var_per_dim=None, *,
                     threshold: float = COLLAPSED_KL) -> DimOrder:
    """Sort dims by their mean KL (nats, e.g. ``evaluate(...)["kl_per_dim"]``), descending, and
    mark the collapsed ones: those that are not active units (Cov_x(E_q[z_u]) ≤ 0.01, the rule
    every count of active units uses) when ``mu_var_per_dim`` is known, else KL < ``threshold``
    (a summary saved before the Cov was kept). Ties keep the dims' order."""
    kl = _vector(kl_per_dim, "kl_per_dim").double()
    order = torch.sort(-kl, stable=True).indices
    if mu_var_per_dim is not None and len(mu_var_per_dim) == kl.shape[0]:
        var = _vector(mu_var_per_dim, "mu_var_per_dim").double()
        return DimOrder(order, var <= ACTIVE_UNIT_THRESHOLD)
    return DimOrder(order, kl < threshold)


def sample_prior(latent_dim: int, n: int, *, temperature: float = 1.0, seed: int = 0) -> Tensor:
    """z ~ N(0, T²·I), (n, K), from a private generator (the global RNG is not touched).
    Temperature T < 1 trades diversity for typicality (as in Kingma & Dhariwal 2018, Glow)."""
    _check_n(n, lo=1)
    if not temperature >= 0:
        raise ValueError(f"temperature must be ≥ 0, got {temperature!r}")
    gen = torch.Generator().manual_seed(seed)
    return temperature * torch.randn(n, latent_dim, generator=gen)


def prior_samples(model: VAE, n: int, *, temperature: float = 1.0, seed: int = 0) -> Tensor:
    """Decoded prior samples (see ``sample_prior``): (n, C, H, W)."""
    return _decode(model, sample_prior(model.latent_dim, n, temperature=temperature, seed=seed))


def inverse_cdf_grid(n: int, *, lo: float = MANIFOLD_LO, hi: float = MANIFOLD_HI) -> Tensor:
    """Φ⁻¹(linspace(lo, hi, n)) in float64: equal prior mass between neighbours, (n,)."""
    _check_n(n)
    if not 0 < lo < hi < 1:
        raise ValueError(f"need 0 < lo < hi < 1, got lo={lo!r}, hi={hi!r}")
    return torch.special.ndtri(torch.linspace(lo, hi, n, dtype=torch.float64))


class ManifoldGrid(NamedTuple):
    images: Tensor  # (n, n, C, H, W): images[i, j] decodes z[dims] = (xs[j], ys[i])
    xs: Tensor      # (n,) float64, ascending: the value of z[dims[0]] in column j
    ys: Tensor      # (n,) float64, descending: the value of z[dims[1]] in row i (top row highest,
                    # so the grid reads like a plot with y pointing up)


def manifold_grid(model: VAE, n: int = 20, dims: Sequence[int] = (0, 1), *,
                  base=None) -> ManifoldGrid:
    """The decoded latent plane of Kingma & Welling 2014, Fig. 4, over two latent dims.

    Coordinates are ``inverse_cdf_grid(n)`` on both axes; the other dims stay at ``base``
    (zeros, the prior's mean, by default).
    """
    k = model.latent_dim
    dims = _check_dims(dims, k)
    if len(dims) != 2 or dims[0] == dims[1]:
        raise ValueError(f"dims must be two different latent axes, got {dims!r}")
    z0 = torch.zeros(k) if base is None else _vector(base, "base").float()
    if z0.shape != (k,):
        raise ValueError(f"base must have {k} values, got {z0.shape[0]}")
    xs = inverse_cdf_grid(n)
    ys = xs.flip(0)
    latents = z0.repeat(n, n, 1)  # (K,) -> (n, n, K)
    latents[:, :, dims[0]] = xs[None, :].float()
    latents[:, :, dims[1]] = ys[:, None].float()
    images = _decode(model, latents.reshape(n * n, k))  # (n, n, K) -> (n*n, K)
    return ManifoldGrid(images.reshape(n, n, *images.shape[1:]), xs, ys)  # -> (n, n, C, H, W)
