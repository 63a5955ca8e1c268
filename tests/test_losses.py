"""The math against closed forms and torch.distributions."""

import math

import pytest
import torch
from torch.distributions import Bernoulli, ContinuousBernoulli, Normal, kl_divergence

from vae_core.config import ModelConfig
from vae_core.likelihoods import build_likelihood
from vae_core.losses import elbo_terms, kl_term
from vae_core.losses import kl_divergence as vae_kl
from vae_core.models import build_model, reparameterize
from vae_core.models.base import VAEOutput
from vae_core.schedules import KLWeight

torch.manual_seed(0)
B, K, SHAPE = 16, 5, (1, 4, 4)


def _logits_and_x():
    logits = torch.randn(B, *SHAPE, dtype=torch.float64) * 3
    x = torch.rand(B, *SHAPE, dtype=torch.float64)
    return logits, x


def test_kl_matches_torch_distributions():
    mu = torch.randn(B, K, dtype=torch.float64) * 2
    logvar = torch.randn(B, K, dtype=torch.float64)
    ref = kl_divergence(Normal(mu, torch.exp(0.5 * logvar)), Normal(0.0, 1.0))
    torch.testing.assert_close(vae_kl(mu, logvar), ref, atol=1e-5, rtol=0)
    assert (vae_kl(mu, logvar) >= 0).all(), "KL must be non-negative (the minus sign)"


def test_kl_is_zero_at_the_prior():
    z = torch.zeros(3, K)
    assert vae_kl(z, z).abs().max() < 1e-7


def test_bernoulli_log_prob_matches_torch_distribution():
    logits, x = _logits_and_x()
    lik = build_likelihood(ModelConfig(recon="bce"))
    # Bernoulli.log_prob accepts grey-level x: the same un-normalised quantity BCE computes
    ref = Bernoulli(logits=logits, validate_args=False).log_prob(x).flatten(1).sum(1)
    torch.testing.assert_close(lik.log_prob(logits, x), ref, atol=1e-5, rtol=0)


def test_bernoulli_log_prob_is_torchs_bce_in_float32_with_its_gradient():
    """The fast Bernoulli (``log`` of 1 + e^{−|l|} for ``log1p``): the same nats as torch's
    BCE with logits to float32 rounding, from −100 to 100 logits, and the same gradient
    bit for bit, so that training is unchanged."""
    import torch.nn.functional as F

    gen = torch.Generator().manual_seed(1)
    logits = torch.cat([torch.randn(63, 1, 4, 4, generator=gen) * 4,
                        torch.linspace(-100, 100, 16).view(1, 1, 4, 4)])
    x = torch.rand(64, 1, 4, 4, generator=gen)
    lik = build_likelihood(ModelConfig(recon="bce"))
    ours = logits.clone().requires_grad_()
    torchs = logits.clone().requires_grad_()
    mine = lik.log_prob(ours, x)
    ref = -F.binary_cross_entropy_with_logits(torchs, x, reduction="none").flatten(1).sum(1)
    torch.testing.assert_close(mine, ref, atol=1e-5, rtol=1e-6)
    (mine * torch.arange(64.0)).sum().backward()
    (ref * torch.arange(64.0)).sum().backward()
    assert torch.equal(ours.grad, torchs.grad)
    x_grad = x.clone().requires_grad_()  # d/dx = l, for analyses that take it
    lik.log_prob(logits, x_grad).sum().backward()
    torch.testing.assert_close(x_grad.grad, logits)


def test_continuous_bernoulli_log_prob_and_mean():
    logits, x = _logits_and_x()
    lik = build_likelihood(ModelConfig(recon="cb"))
    dist = ContinuousBernoulli(logits=logits)
    torch.testing.assert_close(lik.log_prob(logits, x), dist.log_prob(x).flatten(1).sum(1),
                               atol=1e-5, rtol=0)
    torch.testing.assert_close(lik.mean(logits), dist.mean)
    # float64 torch.distributions is exact up to |l| ≈ 30 (it clamps λ to float64's eps
    # beyond), also where float32's λ rounds to 1 (l ≳ 16.6) or sits at the 0/0 of λ = ½
    wide = torch.cat([torch.linspace(-30, 30, 1201), torch.linspace(-0.2, 0.2, 401)])
    exact = ContinuousBernoulli(logits=wide.double()).mean.float()
    torch.testing.assert_close(lik.mean(wide), exact, atol=2e-6, rtol=0)
    for big in (40.0, -40.0, 200.0, -200.0):  # the mean tends to 1 − 1/l and −1/l
        assert float(lik.mean(torch.tensor([big]))) == pytest.approx(
            1 / (1 - math.exp(-big)) - 1 / big if big > 0 else -1 / big, abs=1e-7)
    # the normaliser makes CB a density: it differs from plain BCE by Σ log C(λ) > 0
    bce = build_likelihood(ModelConfig(recon="bce")).log_prob(logits, x)
    assert (lik.log_prob(logits, x) > bce).all()


@pytest.mark.parametrize("sigma", [0.1, math.sqrt(0.5), 2.0])
def test_fixed_gaussian_matches_normal(sigma):
    logits, x = _logits_and_x()
    lik = build_likelihood(ModelConfig(recon="mse", sigma=sigma)).double()
    assert float(lik.sigma()) == pytest.approx(sigma)
    # compare with the σ the module holds (float32-rounded), so only the formula is tested
    ref = Normal(torch.sigmoid(logits), lik.sigma()).log_prob(x).flatten(1).sum(1)
    torch.testing.assert_close(lik.log_prob(logits, x), ref, atol=1e-5, rtol=0)


def test_half_variance_gaussian_is_summed_mse_plus_constant():
    logits, x = _logits_and_x()
    lik = build_likelihood(ModelConfig(recon="mse", sigma=math.sqrt(0.5))).double()
    mse_sum = (x - torch.sigmoid(logits)).pow(2).flatten(1).sum(1)
    d = x[0].numel()
    const = 0.5 * d * math.log(2 * math.pi * 0.5)
    torch.testing.assert_close(-lik.log_prob(logits, x), mse_sum + const, atol=1e-6, rtol=0)


def test_learned_sigma_gaussian_matches_normal_and_learns():
    logits, x = _logits_and_x()
    lik = build_likelihood(ModelConfig(recon="gaussian")).double()
    sigma = lik.sigma()
    ref = Normal(torch.sigmoid(logits), sigma).log_prob(x).flatten(1).sum(1)
    torch.testing.assert_close(lik.log_prob(logits, x), ref, atol=1e-5, rtol=0)
    (-lik.log_prob(logits, x).sum()).backward()
    assert lik.log_sigma.grad is not None and lik.log_sigma.grad.abs() > 0


def test_reparameterize_gradients_and_distribution():
    mu = torch.tensor([0.5, -1.0], requires_grad=True)
    logvar = torch.tensor([0.2, -0.7], requires_grad=True)
    z = reparameterize(mu.expand(200_000, 2), logvar.expand(200_000, 2))
    z.sum().backward()
    assert mu.grad is not None and logvar.grad is not None
    assert mu.grad.abs().sum() > 0 and logvar.grad.abs().sum() > 0
    torch.testing.assert_close(z.mean(0), mu.detach(), atol=0.01, rtol=0)
    torch.testing.assert_close(z.std(0), torch.exp(0.5 * logvar.detach()), atol=0.01, rtol=0)


def test_monte_carlo_kl_matches_closed_form():
    torch.manual_seed(1)
    mu, logvar = torch.tensor([[1.0, -0.5, 0.0]]), torch.tensor([[-1.0, 0.5, 0.0]])
    z = reparameterize(mu.expand(400_000, 3), logvar.expand(400_000, 3))
    q = Normal(mu, torch.exp(0.5 * logvar))
    mc = (q.log_prob(z) - Normal(0.0, 1.0).log_prob(z)).mean(0)
    torch.testing.assert_close(mc, vae_kl(mu, logvar)[0], atol=0.01, rtol=0)


def _output(b=B, k=K):
    logits, x = _logits_and_x()
    mu, logvar = torch.randn(b, k, dtype=torch.float64), torch.randn(b, k, dtype=torch.float64)
    return VAEOutput(logits, mu, logvar, mu), x


def test_elbo_terms_sum_and_beta():
    out, x = _output()
    lik = build_likelihood(ModelConfig(recon="bce"))
    t = elbo_terms(out, x, lik, KLWeight(beta=4.0))
    recon = -lik.log_prob(out.logits, x).mean()
    kl = vae_kl(out.mu, out.logvar).sum(1).mean()
    torch.testing.assert_close(t.recon, recon)
    torch.testing.assert_close(t.kl, kl)
    torch.testing.assert_close(t.total, recon + 4.0 * kl)
    torch.testing.assert_close(t.elbo, recon + kl)
    torch.testing.assert_close(t.kl_per_dim.sum(), kl)


def test_mean_reduction_divides_recon_by_pixels_only():
    out, x = _output()
    lik = build_likelihood(ModelConfig(recon="bce"))
    summed = elbo_terms(out, x, lik, KLWeight(1.0), reduction="sum")
    mean = elbo_terms(out, x, lik, KLWeight(1.0), reduction="mean")
    d = x[0].numel()
    torch.testing.assert_close(mean.total, summed.recon / d + summed.kl)
    torch.testing.assert_close(mean.recon, summed.recon)  # reported recon stays nats/image
    with pytest.raises(ValueError, match="reduction"):
        elbo_terms(out, x, lik, KLWeight(1.0), reduction="median")


def test_capacity_and_free_bits_terms():
    kl = torch.tensor([[0.1, 2.0, 0.0], [0.3, 4.0, 0.0]])  # (B=2, K=3); batch means .2, 3, 0
    torch.testing.assert_close(kl_term(kl, KLWeight(10.0, capacity=5.0)),
                               torch.tensor(10.0 * abs(3.2 - 5.0)))
    torch.testing.assert_close(kl_term(kl, KLWeight(2.0, free_bits=0.5)),
                               torch.tensor(2.0 * (0.5 + 3.0 + 0.5)))


@pytest.mark.parametrize("cfg", [
    ModelConfig(),
    ModelConfig(arch="conv", input_shape=(1, 28, 28), hidden=(64,), latent_dim=3),
    ModelConfig(arch="conv", input_shape=(3, 32, 32), hidden=(64,), latent_dim=256),
])
def test_models_shapes_and_named_output(cfg):
    model = build_model(cfg)
    x = torch.rand(3, *cfg.input_shape)
    out = model(x)
    assert out.logits.shape == x.shape
    assert out.mu.shape == out.logvar.shape == out.z.shape == (3, cfg.latent_dim)
    img = model.decode(torch.zeros(2, cfg.latent_dim))
    assert img.shape == (2, *cfg.input_shape) and img.min() >= 0 and img.max() <= 1


def test_kl_sign_bug_rewards_kl_but_reports_true_kl():
    out, x = _output()
    lik = build_likelihood(ModelConfig(recon="bce"))
    right = elbo_terms(out, x, lik, KLWeight(1.0))
    wrong = elbo_terms(out, x, lik, KLWeight(1.0), kl_sign_bug=True)
    torch.testing.assert_close(wrong.kl, right.kl)
    torch.testing.assert_close(wrong.total, right.recon - right.kl)
