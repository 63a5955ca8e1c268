"""The single-sample test-set numbers every trainer and evaluation reports: −ELBO split into
reconstruction and KL (nats per image), KL per latent dimension and active units."""

from __future__ import annotations

import torch

from vae_core.losses import kl_divergence
from vae_core.models.base import VAE

ACTIVE_UNIT_THRESHOLD = 0.01  # Burda et al. 2016: Cov_x(E_q[z_u]) > 0.01
EVAL_BATCH = 1024


def active_kl(kl_per_dim: list[float] | tuple[float, ...],
              mu_var_per_dim: list[float] | tuple[float, ...]) -> list[float]:
    """The KL (nats) of each active unit, largest first: an active unit (its mean moves with x)
    may still carry only a few hundredths of a nat, which its count alone hides."""
    return sorted((float(kl) for kl, var in zip(kl_per_dim, mu_var_per_dim, strict=True)
                   if var > ACTIVE_UNIT_THRESHOLD), reverse=True)


@torch.no_grad()
def evaluate_batches(model: VAE, x: torch.Tensor, *, batch_size: int = EVAL_BATCH,
                     generator: torch.Generator | None = None,
                     y: torch.Tensor | None = None) -> dict:
    """Single-sample −ELBO on ``x`` split into recon and KL (nats/image) plus active units and
    the Cov_x(E_q[z_u]) they are counted from; ε from ``generator`` (on x's device); a
    conditional model's labels ``y`` go with x."""
    recon_sum, kl_sum, n = 0.0, None, x.shape[0]
    mus = []
    for start in range(0, n, batch_size):
        xb = x[start:start + batch_size]
        labels = {} if y is None else {"y": y[start:start + batch_size]}
        out = model(xb, generator=generator, **labels)
        recon_sum += float(-model.likelihood.log_prob(out.logits, xb).sum())
        kl = (kl_divergence(out.mu, out.logvar) if model.cfg.variational  # AE: no KL term
              else torch.zeros_like(out.mu)).sum(dim=0)
        kl_sum = kl if kl_sum is None else kl_sum + kl
        mus.append(out.mu)
    mu = torch.cat(mus)
    kl_per_dim = (kl_sum / n).cpu()
    mu_var = mu.var(dim=0, unbiased=True) if n > 1 else torch.zeros(mu.shape[1])  # (K,)
    active = int((mu_var > ACTIVE_UNIT_THRESHOLD).sum())
    recon = recon_sum / n
    kl_total = float(kl_per_dim.sum())
    return {"elbo": recon + kl_total, "recon": recon, "kl": kl_total,
            "kl_per_dim": [float(v) for v in kl_per_dim], "active_units": active,
            "mu_var_per_dim": [float(v) for v in mu_var.cpu()], "n": n}
