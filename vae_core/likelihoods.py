"""Decoder likelihoods p(x|z): the reconstruction term of the ELBO.

Each likelihood turns the decoder's unconstrained output ``logits`` (B, C, H, W) into a
distribution over images and returns ``log_prob`` in nats *summed over pixels*, shape (B,).
The sum is what makes −log p(x|z) and KL (summed over latent dims) comparable; averaging over
pixels instead is the tutorial mistake that ``vae_core.losses`` can reproduce on purpose.
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import Tensor, nn

from vae_core.config import ModelConfig

LOG_2PI = math.log(2 * math.pi)
CB_SERIES_BELOW = 0.1  # |logit| below which the CB mean uses its series (error < 1e-9)
MIN_LOG_SIGMA = -6.0  # σ-VAE (Rybkin et al. 2021) soft floor: keeps learned σ from collapsing to 0


class Likelihood(nn.Module):
    """Base: ``log_prob(logits, x)`` per image and ``mean(logits)`` as the image to show."""

    name = "base"

    def log_prob(self, logits: Tensor, x: Tensor) -> Tensor:
        raise NotImplementedError

    def mean(self, logits: Tensor) -> Tensor:
        return torch.sigmoid(logits)


def _sum_pixels(t: Tensor) -> Tensor:
    return t.flatten(1).sum(dim=1)  # (B, C, H, W) -> (B,)


class _BernoulliLogProb(torch.autograd.Function):
    """Per pixel x·l − softplus(l) = x log p + (1−x) log(1−p) with p = sigmoid(l): minus
    ``F.binary_cross_entropy_with_logits``, about twice as fast on the CPU.

    softplus(l) = max(l, 0) + log(1 + e^{−|l|}). torch's BCE-with-logits (and ``F.softplus``)
    take ``log1p``, which this CPU build runs element by element: 0.43 ms for a 64×784 batch
    against 0.06 ms for the vectorised ``log``, most of a 0.6 ms BCE forward and backward in a
    3.5 ms training step. ``log`` of 1 + e^{−|l|} ∈ (1, 2] is off from ``log1p`` by at most
    half a float32 ulp of 1 (6e-8 nats a pixel). The gradient is the exact x − sigmoid(l), as
    torch's own backward computes it."""

    @staticmethod
    def forward(ctx, logits: Tensor, x: Tensor) -> Tensor:
        ctx.save_for_backward(logits, x)
        return x * logits - logits.clamp(min=0) - torch.log(1 + torch.exp(-logits.abs()))

    @staticmethod
    def backward(ctx, grad: Tensor) -> tuple[Tensor | None, Tensor | None]:
        logits, x = ctx.saved_tensors
        d_logits = grad * (x - torch.sigmoid(logits)) if ctx.needs_input_grad[0] else None
        d_x = grad * logits if ctx.needs_input_grad[1] else None
        return d_logits, d_x


class Bernoulli(Likelihood):
    """log p(x|z) = Σ x log p + (1−x) log(1−p): minus the BCE summed over pixels.

    On grey-level x in (0, 1) this is not a normalised density (pytorch/examples issue #460);
    ``ContinuousBernoulli`` adds the missing normaliser.
    """

    name = "bce"

    def log_prob(self, logits: Tensor, x: Tensor) -> Tensor:
        return _sum_pixels(_BernoulliLogProb.apply(logits, x))


class Gaussian(Likelihood):
    """Fixed-σ Gaussian: −log N(x; x̂, σ²I) = ‖x − x̂‖²/(2σ²) + (D/2) log(2πσ²).

    With σ² = ½ the first term is the summed MSE, so "MSE loss" is this likelihood up to a
    constant; a smaller σ weighs reconstruction more, exactly like a smaller β.
    """

    name = "mse"

    def __init__(self, sigma: float) -> None:
        super().__init__()
        self.register_buffer("log_sigma", torch.tensor(math.log(sigma)), persistent=False)

    def sigma(self) -> Tensor:
        return self.log_sigma.exp()

    def log_prob(self, logits: Tensor, x: Tensor) -> Tensor:
        log_sigma = self.current_log_sigma()
        x_hat = torch.sigmoid(logits)
        sq = (x - x_hat).pow(2) * torch.exp(-2 * log_sigma) * 0.5
        return -_sum_pixels(sq + log_sigma + 0.5 * LOG_2PI)

    def current_log_sigma(self) -> Tensor:
        return self.log_sigma


class LearnedGaussian(Gaussian):
    """Gaussian with one learned σ shared by all pixels (σ-VAE): σ takes over the role of β."""

    name = "gaussian"

    def __init__(self, sigma: float = 1.0) -> None:
        nn.Module.__init__(self)
        self.log_sigma = nn.Parameter(torch.tensor(math.log(sigma)))

    def current_log_sigma(self) -> Tensor:
        # softplus floor instead of a hard clamp so the gradient never vanishes at the floor
        return MIN_LOG_SIGMA + F.softplus(self.log_sigma - MIN_LOG_SIGMA)

    def sigma(self) -> Tensor:
        return self.current_log_sigma().exp()


class ContinuousBernoulli(Likelihood):
    """Continuous Bernoulli (Loaiza-Ganem & Cunningham 2019): BCE plus the log normaliser log C(λ).

    Its mean is not λ = sigmoid(logits): showing λ as the reconstruction is a known error, so
    ``mean`` returns the distribution's true mean.
    """

    name = "cb"

    def log_prob(self, logits: Tensor, x: Tensor) -> Tensor:
        dist = torch.distributions.ContinuousBernoulli(logits=logits, validate_args=False)
        return _sum_pixels(dist.log_prob(x))

    def mean(self, logits: Tensor) -> Tensor:
        """E[x] = 1/(1 − e^{−l}) − 1/l in the logits l, since λ/(2λ−1) = 1/(1 − e^{−l}) and
        log(1−λ) − log λ = −l for λ = sigmoid(l). ``torch.distributions`` computes the mean from
        λ rounded to float32, which is exactly 1 for l ≳ 16.6 where the mean is 1 − 1/l ≈ 0.94.
        Near l = 0 (0/0) the series ½ + l/12 − l³/720 + l⁵/30240 is used."""
        small = logits.abs() < CB_SERIES_BELOW
        safe = torch.where(small, torch.ones_like(logits), logits)
        closed = -1 / torch.expm1(-safe) - 1 / safe
        l2 = logits * logits
        series = 0.5 + logits * (1 / 12 + l2 * (-1 / 720 + l2 / 30240))
        return torch.where(small, series, closed)


def build_likelihood(cfg: ModelConfig) -> Likelihood:
    if cfg.recon == "bce":
        return Bernoulli()
    if cfg.recon == "mse":
        return Gaussian(cfg.sigma)
    if cfg.recon == "gaussian":
        return LearnedGaussian()
    if cfg.recon == "cb":
        return ContinuousBernoulli()
    raise ValueError(f"unknown recon {cfg.recon!r}")
