"""The reparameterisation and score-function estimators of ∇_{μ, log σ²} E_q[f(z)] against a
closed form, and on a real (tiny) model: both unbiased, the score function far noisier."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from vae_core.analysis.gradient_estimators import compare_on_image, sample_gradients
from vae_core.config import ModelConfig
from vae_core.models import build_model

MU = torch.tensor([0.5, -1.0, 2.0])
LOGVAR = torch.tensor([0.0, -1.0, 0.7])
A = torch.tensor([1.0, 3.0, 0.5])
# near μ, so that f(z) is small and the score function's noise lets a factor-2 error show
C = MU + torch.tensor([0.6, -0.4, 0.5])


def quadratic(z: torch.Tensor) -> torch.Tensor:
    return (A * (z - C) ** 2).sum(dim=1)  # (n, K) -> (n,)


def exact_gradient() -> np.ndarray:
    """E[a (z − c)²] = a ((μ − c)² + σ²): ∂/∂μ = 2a(μ − c), ∂/∂log σ² = a σ²."""
    return torch.cat([2 * A * (MU - C), A * LOGVAR.exp()]).double().numpy()


def draws(n: int, seed: int = 0):
    return sample_gradients(quadratic, MU, LOGVAR, n, generator=torch.Generator().manual_seed(seed))


@pytest.mark.parametrize("kind", ["reparam", "score"])
def test_both_estimators_are_unbiased_for_a_quadratic(kind):
    g = draws(10_000)
    error = np.abs(g.mean(kind) - exact_gradient()) / g.standard_error(kind)
    assert error.max() < 4, (kind, error)


def test_the_score_function_is_much_noisier_and_variance_falls_as_one_over_n():
    g = draws(10_000)
    assert g.ratio > 5, g.ratio
    # the reparameterisation's one-draw variance here is known: Var[2a(z − c)] = 4a²σ² for μ,
    # Var[a(z − c)εσ] for log σ²; check the μ half against 4a²σ²
    var_mu = g.reparam[:, :3].var(axis=0)
    np.testing.assert_allclose(var_mu, (4 * A ** 2 * LOGVAR.exp()).numpy(), rtol=0.05)
    curve = g.variance_curve("score", np.array([1, 10, 100]))
    np.testing.assert_allclose(curve, g.variance("score") / np.array([1, 10, 100]))


def test_a_different_seed_gives_other_draws_and_bad_counts_are_refused():
    assert not np.allclose(draws(100, 0).reparam, draws(100, 1).reparam)
    np.testing.assert_array_equal(draws(100, 3).score, draws(100, 3).score)
    for bad in (1, 0, True, 2.5, 10**6):
        with pytest.raises(ValueError, match="n must be"):
            draws(bad)


def test_on_a_model_both_estimate_the_same_gradient():
    torch.manual_seed(0)
    model = build_model(ModelConfig(latent_dim=4, hidden=(32,)),
                        generator=torch.Generator().manual_seed(0))
    x = torch.rand(1, 28, 28)
    g = compare_on_image(model, x, 4000, seed=1)
    assert g.reparam.shape == g.score.shape == (4000, 8)
    gap = np.abs(g.mean("reparam") - g.mean("score"))
    se = np.sqrt(g.standard_error("reparam") ** 2 + g.standard_error("score") ** 2)
    assert (gap / se).max() < 4.5, gap / se
    assert g.ratio > 100, g.ratio  # the value f(z) ≈ 540 nats multiplies the score's noise
