"""Issue 5 core: MIG, the rate–distortion plane, sweeps, and the loss pitfalls on digits."""

import math
import time

import numpy as np
import pytest
import torch

from vae_core.analysis.disentanglement import (
    discretize,
    factor_entropy,
    mig,
    model_mig,
    mutual_information_discrete,
)
from vae_core.analysis.rate_distortion import (
    RDPoint,
    beta_slope_line,
    constant_elbo_lines,
    elbo_levels,
    frontier,
    rd_point,
)
from vae_core.config import ModelConfig, TrainConfig
from vae_core.models.base import VAE
from vae_core.sweeps import (
    MAX_SWEEP_EPOCHS,
    MAX_SWEEP_MODELS,
    Sweep,
    SweepSpec,
    beta_sweep,
    effective_beta,
    likelihood_sweep,
    pitfall_sweep,
    schedule_sweep,
)

DIGITS_MODEL = ModelConfig(hidden=(128, 64), latent_dim=8)
SHORT = TrainConfig(epochs=2, batch_size=64, lr=2e-3)


def _factors(n=5000, values=10, seed=0):
    rng = np.random.default_rng(seed)
    return rng.integers(0, values, size=(n, 2)), rng  # (N, 2) uniform factors A and B


def _run(spec, data, **kw):
    sweep = Sweep(spec, data=data, **kw).start()
    sweep.join(timeout=120)
    assert not sweep.is_alive()
    return sweep


# -- MIG ---------------------------------------------------------------------------------------
def test_mig_copies_of_the_factors_score_near_one():
    v, rng = _factors()
    noise = rng.normal(size=(v.shape[0], 2))
    codes = np.column_stack([v[:, 0], v[:, 1], noise]).astype(float)  # (N, 4)
    result = mig(codes, v, factor_names=("a", "b"))
    assert result.score > 0.9 and min(result.gaps) > 0.9
    assert result.top_latents == (0, 1) and result.mi.shape == (4, 2)
    assert result.entropy == pytest.approx([math.log(10)] * 2, abs=0.01)
    assert result.as_dict()["mig_per_factor"].keys() == {"a", "b"}


def test_mig_of_independent_noise_is_near_zero():
    v, rng = _factors()
    result = mig(torch.randn(v.shape[0], 6, generator=torch.Generator().manual_seed(0)), v)
    assert result.score < 0.1
    assert result.mi.max() < 0.1  # only the plug-in estimator's small positive bias


def test_mig_of_a_mixed_latent_is_in_between():
    v, rng = _factors()
    codes = np.column_stack([v[:, 0] + v[:, 1], rng.normal(size=v.shape[0])])  # A + B, noise
    result = mig(codes, v)
    assert 0.1 < result.score < 0.9


def test_mutual_information_and_entropy_against_closed_form():
    v, _ = _factors()
    mi = mutual_information_discrete(v[:, :1].astype(float), v)  # one latent copying A
    h = factor_entropy(v)
    assert mi[0, 0] == pytest.approx(h[0], rel=1e-6) and mi[0, 1] < 0.02
    assert discretize(np.linspace(0, 1, 100), bins=20).max() == 20
    with pytest.raises(ValueError, match="NaN"):
        mig(np.full((10, 2), np.nan), v[:10])
    with pytest.raises(ValueError, match="bins"):
        mig(v.astype(float), v, bins=1)


def test_model_mig_needs_factors(digits):
    from vae_core.models import build_model

    with pytest.raises(ValueError, match="factors"):
        model_mig(build_model(ModelConfig()), digits)


# -- rate–distortion ---------------------------------------------------------------------------
def test_constant_elbo_lines_have_d_plus_r_constant():
    lines = constant_elbo_lines([30.0, 45.5], (0.0, 12.0))
    for value, line in zip([30.0, 45.5], lines):
        assert np.allclose(line.rate + line.distortion, value)
        assert line.slope == -1 and line.rate[0] == 0 and line.rate[-1] == 12


def test_beta_slope_line_passes_through_the_point_with_slope_minus_beta():
    point = rd_point({"recon": 20.0, "kl": 3.0}, beta=4.0, label="β=4")
    assert point == RDPoint(beta=4.0, rate=3.0, distortion=20.0, elbo=23.0, label="β=4")
    line = beta_slope_line(point, 4.0, (0.0, 10.0))
    slope = (line.distortion[1] - line.distortion[0]) / (line.rate[1] - line.rate[0])
    assert slope == pytest.approx(-4.0) and line.slope == -4.0
    assert line.intercept - 4.0 * point.rate == pytest.approx(point.distortion)
    with pytest.raises(ValueError, match="r_range"):
        beta_slope_line(point, 4.0, (5.0, 1.0))


def test_rd_points_levels_and_frontier():
    evals = [{"test_recon": 30.0, "test_kl": 1.0}, {"test_recon": 25.0, "test_kl": 4.0},
             {"test_recon": 28.0, "test_kl": 5.0}]  # TrainResult.summary()'s keys
    points = [rd_point(e, beta=b) for e, b in zip(evals, [4.0, 1.0, 0.5])]
    assert [(p.rate, p.distortion, p.elbo) for p in points] == [
        (1.0, 30.0, 31.0), (4.0, 25.0, 29.0), (5.0, 28.0, 33.0)]
    assert elbo_levels(points, n=3) == [29.0, 31.0, 33.0]
    assert [p.beta for p in frontier(points)] == [4.0, 1.0]  # β=0.5 is beaten by β=1
    with pytest.raises(ValueError, match="rate"):
        rd_point({"recon": 1.0, "kl": float("nan")}, beta=1.0)


# -- sweep specs -------------------------------------------------------------------------------
@pytest.mark.parametrize("make, match", [
    (lambda: beta_sweep([0.1 * i for i in range(MAX_SWEEP_MODELS + 1)], model_cfg=DIGITS_MODEL),
     r"betas: a sweep trains 1 to 12 models"),
    (lambda: beta_sweep([], model_cfg=DIGITS_MODEL), r"betas: a sweep trains 1 to 12"),
    (lambda: beta_sweep([1.0, -1.0], model_cfg=DIGITS_MODEL), r"betas\[0\]: beta must be in"),
    (lambda: beta_sweep([1.0, float("nan")], model_cfg=DIGITS_MODEL), r"betas\[1\]: beta"),
    (lambda: beta_sweep([1, 1.0], model_cfg=DIGITS_MODEL), r"betas\[1\]: duplicate"),
    (lambda: likelihood_sweep(["bce", "l1"], model_cfg=DIGITS_MODEL),
     r"likelihoods\[1\]: unknown recon 'l1'"),
    (lambda: likelihood_sweep([("mse", 0.0)], model_cfg=DIGITS_MODEL),
     r"likelihoods\[0\]: sigma must be in"),
    (lambda: likelihood_sweep([("bce", 0.5)], model_cfg=DIGITS_MODEL),
     r"likelihoods\[0\]: sigma only applies"),
    (lambda: schedule_sweep(["constant", "linear"], model_cfg=DIGITS_MODEL),
     r"schedules\[1\]: unknown beta schedule 'linear'"),
    (lambda: pitfall_sweep(["typo"], model_cfg=DIGITS_MODEL), r"pitfalls\[0\]: unknown pitfall"),
    (lambda: SweepSpec("gamma", (1.0,), DIGITS_MODEL), r"unknown sweep kind 'gamma'"),
    (lambda: SweepSpec("beta", 1.0, DIGITS_MODEL), r"betas must be a list"),
    (lambda: Sweep(beta_sweep([1.0], model_cfg=DIGITS_MODEL), max_parallel=0), r"max_parallel"),
])
def test_sweep_spec_rejects_bad_values_naming_the_field(make, match):
    with pytest.raises(ValueError, match=match):
        make()


def test_sweep_spec_round_trips_and_builds_variants():
    spec = likelihood_sweep(["bce", ("mse", 0.1), "cb"], model_cfg=DIGITS_MODEL)
    assert SweepSpec.from_dict(spec.to_dict()) == spec
    variants = spec.variants()
    assert [v.label for v in variants] == ["bce", "mse σ=0.1", "cb"]
    assert variants[1].model_cfg.sigma == 0.1 and variants[1].model_cfg.recon == "mse"
    assert {v.train_cfg.seed for v in variants} == {0}
    assert beta_sweep([4, 0.5, 1], model_cfg=DIGITS_MODEL).values == (0.5, 1.0, 4.0)
    assert effective_beta(TrainConfig(beta=2.0, reduction="mean"), 64) == 128.0
    assert effective_beta(TrainConfig(kl_sign_bug=True), 64) == -1.0


# -- sweeps on digits --------------------------------------------------------------------------
def test_beta_sweep_completes_in_order_and_rate_falls_with_beta(digits):
    sweep = _run(beta_sweep([4.0, 0.1, 1.0], model_cfg=DIGITS_MODEL, train_cfg=SHORT), digits)
    snap = sweep.snapshot()
    assert snap.status == "finished" and snap.progress == 1.0 and snap.n_results == 3
    assert [j.status for j in snap.jobs] == ["finished"] * 3
    results = sweep.results()
    assert [r.value for r in results] == [0.1, 1.0, 4.0]
    kls = [r.summary["test_kl"] for r in results]
    assert kls[0] > kls[1] > kls[2], kls
    for r in results:
        assert isinstance(r.model, VAE) and not r.model.training
        assert r.model.device.type == "cpu" and len(r.history) == SHORT.epochs
        assert {"test_elbo", "kl_per_dim", "active_units", "pixel_mse"} <= r.summary.keys()
        assert "mig" not in r.summary  # digits has no ground-truth factors
        assert r.rd_point().rate == pytest.approx(r.summary["test_kl"])
    assert all(job.model is None for job in sweep.jobs)  # one copy per result, not two


def test_stop_ends_a_sweep_promptly_keeping_weights(digits):
    long = TrainConfig(epochs=MAX_SWEEP_EPOCHS, batch_size=64, lr=2e-3)
    sweep = Sweep(beta_sweep([0.5, 1.0, 2.0], model_cfg=DIGITS_MODEL, train_cfg=long),
                  data=digits, max_parallel=2).start()
    t0 = time.monotonic()
    while not all(j.step >= 3 for j in sweep.snapshot().jobs[:2]):
        assert time.monotonic() - t0 < 30, sweep.snapshot()
        time.sleep(0.02)
    t0 = time.monotonic()
    sweep.stop(timeout=10)
    assert time.monotonic() - t0 < 2.0 and not sweep.is_alive()
    snap = sweep.snapshot()
    assert snap.status == "stopped" and snap.ended
    assert [j.status for j in snap.jobs] == ["stopped"] * 3
    assert snap.jobs[2].message == "not started"
    results = sweep.results()
    assert [r.label for r in results] == ["β=0.5", "β=1"]
    assert all(r.model is not None and "test_elbo" in r.summary for r in results)


def test_pitfalls_collapse_and_kl_sign_bug_on_digits(digits):
    spec = pitfall_sweep(model_cfg=DIGITS_MODEL,
                         train_cfg=TrainConfig(epochs=10, batch_size=64, lr=2e-3))
    results = _run(spec, digits).results()
    correct, mean, sign = (r.summary for r in results)
    # a short run: the correct loss has left its early collapse (7 of 8 units active)
    assert correct["status"] == "finished" and correct["active_units"] > 0
    # recon averaged over 64 pixels = β × 64: every unit dead, KL ≈ 0
    assert mean["status"] == "finished" and mean["active_units"] == 0
    assert mean["test_kl"] < 0.01 and mean["effective_beta"] == 64.0
    # −KL in the loss: the KL explodes (≈ 1e22 nats) but stays finite, so no divergence
    assert sign["status"] == "finished" and sign["effective_beta"] == -1.0
    assert math.isfinite(sign["test_kl"]) and sign["test_kl"] > 1e6 * correct["test_kl"]
    assert sign["active_units"] == DIGITS_MODEL.latent_dim
    sign_kls = [e.test_kl for e in results[2].history]
    assert sign_kls[-1] > 1e6 * sign_kls[0] > 0  # it grows epoch after epoch


def test_likelihood_sweep_gives_comparable_pixel_errors(digits):
    results = _run(likelihood_sweep(["bce", "mse"], model_cfg=DIGITS_MODEL, train_cfg=SHORT),
                   digits).results()
    assert [r.model_cfg.recon for r in results] == ["bce", "mse"]
    bce, mse = (r.summary for r in results)
    for s in (bce, mse):
        assert 0 < s["pixel_mse"] < 0.25 and 0 < s["pixel_bce"] < 1.0
    # −ELBO is in different units (Bernoulli vs Gaussian nats); pixel MSE is on one scale
    assert 0.5 < bce["pixel_mse"] / mse["pixel_mse"] < 2.0


def test_evaluation_reports_the_cov_each_active_unit_is_counted_from():
    """Issue 29: one definition of an active unit, Cov_x(E_q[z_u]) > 0.01, reported per dim
    beside the KL per dim so pages can show both."""
    from vae_core.evaluation import ACTIVE_UNIT_THRESHOLD, active_kl, evaluate_batches
    from vae_core.models import build_model

    model = build_model(ModelConfig(input_shape=(1, 8, 8), hidden=(16,), latent_dim=4),
                        generator=torch.Generator().manual_seed(0))
    x = torch.rand(64, 1, 8, 8, generator=torch.Generator().manual_seed(1))
    out = evaluate_batches(model, x, batch_size=16, generator=torch.Generator().manual_seed(2))
    var = out["mu_var_per_dim"]
    assert len(var) == 4 and var == pytest.approx(
        model.encode(x)[0].var(dim=0).tolist(), rel=1e-4)
    assert out["active_units"] == sum(v > ACTIVE_UNIT_THRESHOLD for v in var)
    assert active_kl([0.05, 0.4, 0.008], [0.001, 0.5, 0.02]) == [0.4, 0.008]
