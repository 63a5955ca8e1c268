"""Two Monte Carlo estimators of the gradient of E_{z ~ q}[f(z)], q = N(μ, diag σ²), with
respect to μ and log σ²: why the reparameterisation trick matters.

- **Reparameterisation** (pathwise; Kingma & Welling 2014, §2.4): z = μ + σ ⊙ ε, ε ~ N(0, I),
  so ∂f/∂μ = ∇f(z) and ∂f/∂log σ² = ∇f(z) ⊙ ε ⊙ σ / 2. It needs f to be differentiable in z.
- **Score function** (REINFORCE; Williams 1992): ∇ E_q[f] = E_q[f(z) ∇ log q(z)], with
  ∂ log q/∂μ = ε / σ and ∂ log q/∂log σ² = (ε² − 1) / 2. It needs only values of f.

Both are unbiased; they differ in variance, which the score function pays for by multiplying
the value f(z) (≈ 100 nats for a digit's reconstruction) by a random sign. Mohamed et al. 2020,
"Monte Carlo Gradient Estimation in Machine Learning", §4–5 compare them. The variance of the
mean of n draws is the one-draw variance / n: an estimator k times as noisy needs k times as
many draws for the same precision.

Numbers only; ``ui.lessons.gradients`` words them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import torch
from torch import Tensor

from vae_core.analysis.anomaly import fit_to_model
from vae_core.models.base import VAE

MAX_SAMPLES = 10_000
KINDS = ("reparam", "score")


@dataclass(frozen=True, eq=False)
class GradientSamples:
    """One-draw gradient estimates of E_q[f(z)]; columns are μ_1..μ_K, then log σ²_1..log σ²_K."""

    reparam: np.ndarray   # (n, 2K) reparameterisation estimates, one row per draw of ε
    score: np.ndarray     # (n, 2K) score-function estimates from the same draws

    @property
    def n(self) -> int:
        return self.reparam.shape[0]

    def of(self, kind: str) -> np.ndarray:
        if kind not in KINDS:
            raise ValueError(f"unknown gradient estimator {kind!r}")
        return self.reparam if kind == "reparam" else self.score

    def mean(self, kind: str) -> np.ndarray:
        """(2K,) the n-draw estimate."""
        return self.of(kind).mean(axis=0)

    def standard_error(self, kind: str) -> np.ndarray:
        """(2K,) the standard error of the n-draw estimate, per coordinate."""
        return self.of(kind).std(axis=0, ddof=1) / np.sqrt(self.n)

    def variance(self, kind: str, draws: int = 1) -> float:
        """The total variance (trace of the covariance) of the mean of ``draws`` draws."""
        return float(self.of(kind).var(axis=0, ddof=1).sum()) / draws

    @property
    def ratio(self) -> float:
        """How many times the score function's variance is the reparameterisation's (the same
        for any number of draws)."""
        return self.variance("score") / max(self.variance("reparam"), 1e-300)

    def variance_curve(self, kind: str, draws: np.ndarray) -> np.ndarray:
        """The total variance of the ``draws``-draw estimate for each entry of ``draws``."""
        return np.array([self.variance(kind, int(d)) for d in draws])


def sample_gradients(f: Callable[[Tensor], Tensor], mu: Tensor, logvar: Tensor, n: int, *,
                     generator: torch.Generator) -> GradientSamples:
    """``n`` one-draw estimates of ∇_{μ, log σ²} E_q[f(z)] by both estimators, from the same ε.

    ``f`` maps z (n, K) to one value per row (n,), each row's value depending on that row only
    (a batch of independent images or codes): one backward pass then gives every ∇f(z_i)."""
    if isinstance(n, bool) or not isinstance(n, int) or not 2 <= n <= MAX_SAMPLES:
        raise ValueError(f"n must be an integer in [2, {MAX_SAMPLES}], got {n!r}")
    mu, logvar = mu.detach().reshape(1, -1), logvar.detach().reshape(1, -1)  # (K,) -> (1, K)
    sigma = torch.exp(0.5 * logvar)
    eps = torch.randn((n, mu.shape[1]), generator=generator, dtype=mu.dtype)   # (n, K)
    z = (mu + sigma * eps).requires_grad_(True)
    values = f(z)                                                           # (n,)
    (grad_z,) = torch.autograd.grad(values.sum(), z)                        # (n, K)
    values, grad_z = values.detach(), grad_z.detach()
    reparam = torch.cat([grad_z, grad_z * eps * sigma / 2], dim=1)          # (n, 2K)
    score = values[:, None] * torch.cat([eps / sigma, (eps ** 2 - 1) / 2], dim=1)
    return GradientSamples(reparam.double().numpy(), score.double().numpy())


def reconstruction_loss(model: VAE, x: Tensor) -> Callable[[Tensor], Tensor]:
    """f(z) = −log p(x|z) for one image x (C, H, W): the loss term whose expectation over
    q(z|x) needs a sampled gradient (the KL's is exact, in closed form)."""
    target = fit_to_model(model, x.unsqueeze(0)).to(model.device)  # (C, H, W) -> (1, C, H, W)

    def f(z: Tensor) -> Tensor:
        logits = model.decode_logits(z.to(model.device))                   # (n, C, H, W)
        return -model.likelihood.log_prob(logits, target.expand_as(logits)).cpu()
    return f


def compare_on_image(model: VAE, x: Tensor, n: int, *, seed: int = 0) -> GradientSamples:
    """Both estimators of ∇_{μ, log σ²} E_{q(z|x)}[−log p(x|z)] for one image, ``n`` draws."""
    model.eval()
    with torch.no_grad():
        mu, logvar = model.encode(fit_to_model(model, x.unsqueeze(0)).to(model.device))
    generator = torch.Generator().manual_seed(seed)
    return sample_gradients(reconstruction_loss(model, x), mu[0].cpu(), logvar[0].cpu(), n,
                            generator=generator)
