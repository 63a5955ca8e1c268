"""−ELBO split, active units and the importance-weighted bound (Burda et al. 2016)."""

from __future__ import annotations

import math
from collections.abc import Callable

import torch
from torch import Tensor

from vae_core.analysis.encode import encode
from vae_core.evaluation import ACTIVE_UNIT_THRESHOLD, evaluate_batches
from vae_core.models.base import VAE

MAX_IWAE_K = 5000
LOG_2PI = math.log(2 * math.pi)


def active_units(mu: Tensor, threshold: float = ACTIVE_UNIT_THRESHOLD) -> int:
    """Burda et al. 2016: unit u is active if Cov_x(E_q[z_u]) > threshold. ``mu``: (N, K)."""
    if mu.shape[0] < 2:
        return 0
    return int((mu.var(dim=0, unbiased=True) > threshold).sum())


def _log_normal(z: Tensor, mu: Tensor, logvar: Tensor) -> Tensor:
    """log N(z; μ, σ²) summed over the last dim."""
    return -0.5 * (LOG_2PI + logvar + (z - mu).pow(2) / logvar.exp()).sum(dim=-1)


@torch.no_grad()
def iwae_nll(model: VAE, x: Tensor, *, k: int, batch_size: int = 64, chunk: int = 500,
             seed: int = 0, progress: Callable[[int, int], None] | None = None) -> Tensor:
    """Per-image NLL estimate −log (1/k) Σ_i p(x, z_i) / q(z_i|x), z_i ~ q(z|x); shape (N,).

    It is an upper bound on −log p(x) that never exceeds the expected −ELBO (k = 1) and
    tightens as k grows (Burda et al. 2016, Theorem 1).
    """
    if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= MAX_IWAE_K:
        raise ValueError(f"iwae k must be an integer in [1, {MAX_IWAE_K}], got {k!r}")
    model.eval()
    device = model.device
    gen = torch.Generator(device=device).manual_seed(seed)
    out = []
    n = x.shape[0]
    for start in range(0, n, batch_size):
        xb = x[start:start + batch_size].to(device)
        b = xb.shape[0]
        mu, logvar = model.encode(xb)  # (b, K)
        std = torch.exp(0.5 * logvar)
        log_ws = []
        for c0 in range(0, k, chunk):
            kc = min(chunk, k - c0)
            eps = torch.randn((kc, *mu.shape), generator=gen, device=device)
            z = mu + std * eps  # (kc, b, K)
            logits = model.decode_logits(z.reshape(kc * b, -1))  # (kc*b, K) -> (kc*b, C, H, W)
            x_rep = xb.expand(kc, *xb.shape).reshape(kc * b, *xb.shape[1:])
            log_px = model.likelihood.log_prob(logits, x_rep).view(kc, b)
            log_pz = _log_normal(z, torch.zeros_like(z), torch.zeros_like(z))
            log_qz = _log_normal(z, mu, logvar)
            log_ws.append(log_px + log_pz - log_qz)  # (kc, b)
        log_w = torch.cat(log_ws)  # (k, b)
        out.append(-(torch.logsumexp(log_w, dim=0) - math.log(k)).cpu())
        if progress is not None:
            progress(min(start + b, n), n)
    return torch.cat(out) if out else torch.empty(0)


@torch.no_grad()
def evaluate(model: VAE, x: Tensor, *, iwae_k: int | None = None, iwae_n: int | None = None,
             batch_size: int = 1024, seed: int = 0,
             progress: Callable[[int, int], None] | None = None,
             y: Tensor | None = None) -> dict:
    """Test-set numbers in nats per image: elbo (= −ELBO), recon, kl, kl_per_dim, active_units, n,
    and iwae_nll on the first ``iwae_n`` images (all by default) when ``iwae_k`` is given.
    A conditional model needs the labels ``y`` and has no IWAE bound here."""
    model.eval()
    gen = torch.Generator(device=model.device).manual_seed(seed)
    if model.cfg.conditional:
        if y is None or iwae_k is not None:
            raise ValueError("a conditional model is evaluated with its labels y and no IWAE")
        return evaluate_batches(model, x.to(model.device), batch_size=batch_size,
                                generator=gen, y=y.to(model.device))
    result = evaluate_batches(model, x.to(model.device), batch_size=batch_size, generator=gen)
    mu, _ = encode(model, x)
    result["active_units"] = active_units(mu)
    if iwae_k is not None:
        subset = x if iwae_n is None else x[:iwae_n]
        nll = iwae_nll(model, subset, k=iwae_k, seed=seed, progress=progress)
        result["iwae_nll"] = float(nll.mean())
        result["iwae_k"] = iwae_k
        result["iwae_n"] = int(subset.shape[0])
    return result
