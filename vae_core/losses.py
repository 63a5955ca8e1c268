"""KL divergence and the ELBO split into the terms the app plots.

We minimise −ELBO = −E_q[log p(x|z)] + β·KL(q(z|x) ‖ p(z)), in nats per image: summed over
pixels and latent dims, averaged over the batch.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import Tensor

from vae_core.likelihoods import Likelihood
from vae_core.models.base import VAEOutput
from vae_core.schedules import KLWeight


def kl_divergence(mu: Tensor, logvar: Tensor) -> Tensor:
    """KL(N(μ, σ²) ‖ N(0, 1)) per latent dimension, (B, K).

    −½ (1 + log σ² − μ² − σ²): Kingma & Welling 2014, Appendix B. The leading minus sign is
    the one a common blog formula drops, which yields −KL and a model that is *rewarded* for
    moving its posterior away from the prior.
    """
    return -0.5 * (1 + logvar - mu.pow(2) - logvar.exp())


def kl_term(kl_per_dim: Tensor, weight: KLWeight) -> Tensor:
    """The KL part actually added to the loss, from per-example per-dim KL (B, K)."""
    kl = kl_per_dim.sum(dim=1).mean()
    if weight.capacity is not None:
        return weight.beta * (kl - weight.capacity).abs()
    if weight.free_bits is not None:
        # the floor applies to the batch-averaged KL of each dim, as in Kingma et al. 2016
        return weight.beta * kl_per_dim.mean(dim=0).clamp(min=weight.free_bits).sum()
    return weight.beta * kl


@dataclass
class LossTerms:
    total: Tensor       # scalar that is minimised: recon_loss + kl_term
    recon: Tensor       # scalar, −log p(x|z) in nats per image (always summed over pixels)
    kl: Tensor          # scalar, KL in nats per image (summed over latent dims)
    kl_per_dim: Tensor  # (K,) batch mean of KL per latent dim
    kl_term: Tensor     # scalar, what the KL contributed to ``total``
    beta: float

    @property
    def elbo(self) -> Tensor:
        """−ELBO in nats per image, whatever weighting was used for training."""
        return self.recon + self.kl


def elbo_terms(out: VAEOutput, x: Tensor, likelihood: Likelihood, weight: KLWeight, *,
               reduction: str = "sum", kl_sign_bug: bool = False,
               variational: bool = True) -> LossTerms:
    """Loss terms for one batch.

    ``reduction="mean"`` reproduces the tutorial mistake on purpose: the reconstruction term is
    averaged over the D pixels while the KL stays summed over dims, which multiplies the
    effective β by D (784 on MNIST) and collapses the posterior. The *reported* ``recon`` stays
    in nats per image so curves remain comparable.

    ``kl_sign_bug=True`` reproduces the other classic mistake: the KL written without its leading
    minus sign, ½(1 + log σ² − μ² − σ²) = −KL, so the loss *rewards* a large KL. The reported
    ``kl`` is still the true KL, which the learner then watches grow without bound.

    ``variational=False`` is a plain autoencoder: z = μ is a point, not a distribution, so there
    is no KL to the prior; the loss is the reconstruction term alone (KL reported as 0).
    """
    recon = -likelihood.log_prob(out.logits, x).mean()
    if variational:
        kl_per_example_dim = kl_divergence(out.mu, out.logvar)  # (B, K)
        weighted = kl_term(-kl_per_example_dim if kl_sign_bug else kl_per_example_dim, weight)
    else:
        kl_per_example_dim = torch.zeros_like(out.mu)
        weighted = torch.zeros_like(recon)
    kl = kl_per_example_dim.sum(dim=1).mean()
    if reduction == "mean":
        recon_loss = recon / x[0].numel()
    elif reduction == "sum":
        recon_loss = recon
    else:
        raise ValueError(f"unknown reduction {reduction!r}; choose sum or mean")
    return LossTerms(total=recon_loss + weighted, recon=recon, kl=kl,
                     kl_per_dim=kl_per_example_dim.mean(dim=0), kl_term=weighted,
                     beta=weight.beta)
