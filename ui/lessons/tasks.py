"""The "Try this" tasks: each a pure check over ``Facts`` (what the learner did this session).

A task ticks the first time its check holds and stays ticked
(``ui.lessons.progress.lesson_ticks``). The thresholds are set from runs of the lessons' own
settings on mnist-5k (README, "Lessons").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ui.lessons.facts import Facts, Run

SIGN_FLIP_KL = 1000.0     # nats: the KL of a run with the sign flipped (a correct one: ≈ 14)
COLLAPSED = 1             # mean over pixels: at most this many active units
HEALTHY = 4               # the same model with the sum: at least this many
AE_KL = 50.0              # nats: the KL of a β = 0 run is above this
EXAMPLES_SEEN = 3         # lesson 3: test images walked through
ENOUGH_DRAWS = 1000       # lesson 3: draws behind the variance ratio the learner reads off
RATIO_TOLERANCE = 0.2     # lesson 3: the ratio entered may be off by this share
SIGMA_LARGE = 1.0         # lesson 5: σ ≥ 1 (2σ² = 2: β doubled against σ² = ½)
DEFAULT_SIGMA = 0.5 ** 0.5
LARGE_BETA = 16.0         # lesson 7: a constant β this large collapses the lessons' model
#                           (10 epochs: β = 16 keeps 1 unit of 0.28 nats, β = 32 none)
RESCUES = ("warmup", "cyclical", "free_bits")


@dataclass(frozen=True)
class Task:
    id: str
    check: Callable[[Facts], bool]


def _correct(r: Run) -> bool:
    """The loss as the app writes it ("The math the code gets right" in the README): summed
    over pixels, KL with its minus."""
    return r.reduction == "sum" and not r.kl_sign_bug


def _plain(facts: Facts, **where) -> list[Run]:
    return [r for r in facts.measured(**where) if _correct(r) and r.beta_at_start is None]


# -- lesson 1 ----------------------------------------------------------------------------------
def autoencoder(facts: Facts) -> bool:
    return bool(_plain(facts, beta=0.0))


def vae_vs_autoencoder(facts: Facts) -> bool:
    """A β = 1 run whose KL is below a β = 0 run's: the prior pulls the codes in."""
    aes, vaes = _plain(facts, beta=0.0, recon="bce"), _plain(facts, beta=1.0, recon="bce")
    return any(v.test_kl < a.test_kl for v in vaes for a in aes)


def prior_share(facts: Facts) -> bool:
    """The side-by-side comparison ended and the VAE's prior samples are digits more often."""
    shares = facts.actions.get("why_shares")
    return bool(shares) and shares.get("vae", 0.0) > shares.get("ae", 1.0)


# -- lesson 2 ----------------------------------------------------------------------------------
def elbo_run(facts: Facts) -> bool:
    """A β = 1 run: only there is the loss the −ELBO, recon + KL."""
    return any(r.test_elbo is not None and r.test_recon is not None
               and abs(r.test_elbo - (r.test_recon + r.test_kl)) < 0.5
               for r in _plain(facts, beta=1.0))


def live_beta(facts: Facts) -> bool:
    return any(r.beta_at_start is not None and abs(r.beta - r.beta_at_start) > 1e-9
               for r in facts.measured())


# -- lesson 3 ----------------------------------------------------------------------------------
def walked_examples(facts: Facts) -> bool:
    return int(facts.actions.get("example_index", 0)) >= EXAMPLES_SEEN


def zero_beta_codes(facts: Facts) -> bool:
    """β = 0: nothing keeps σ near 1 or μ near 0, so the KL grows large (10 epochs: ≈ 120
    nats, against ≈ 14 at β = 1)."""
    return any(r.test_kl > AE_KL for r in _plain(facts, beta=0.0))


def variance_ratio(facts: Facts) -> bool:
    """The estimators compared with enough draws, and the ratio of their variances read off
    (the score function's over the reparameterisation's) within ``RATIO_TOLERANCE``."""
    seen = facts.actions.get("gradients")
    if not isinstance(seen, dict) or int(seen.get("draws", 0)) < ENOUGH_DRAWS:
        return False
    ratio, answer = float(seen.get("ratio", 0.0)), float(seen.get("answer", 0.0))
    return ratio > 0 and abs(answer - ratio) <= RATIO_TOLERANCE * ratio


# -- lesson 4 ----------------------------------------------------------------------------------
def sign_flip(facts: Facts) -> bool:
    return any(r.kl_sign_bug and r.test_kl > SIGN_FLIP_KL for r in facts.measured())


def unused_dims(facts: Facts) -> bool:
    """A β = 4 run leaves some dims at the prior (per-dimension KL ≈ 0)."""
    return any(r.active_units is not None and r.active_units < r.latent_dim
               for r in _plain(facts, beta=4.0))


# -- lesson 5 ----------------------------------------------------------------------------------
def bce_and_mse(facts: Facts) -> bool:
    return bool(_plain(facts, recon="bce", beta=1.0)) and \
        bool(_plain(facts, recon="mse", sigma=DEFAULT_SIGMA, beta=1.0))


def sigma_like_beta(facts: Facts) -> bool:
    """An MSE run with σ ≥ 1 has a smaller KL than one with σ² = ½: σ acts like β."""
    base = _plain(facts, recon="mse", sigma=DEFAULT_SIGMA, beta=1.0)
    wide = [r for r in _plain(facts, recon="mse", beta=1.0) if r.sigma >= SIGMA_LARGE]
    return any(w.test_kl < b.test_kl for w in wide for b in base)


def continuous_bernoulli(facts: Facts) -> bool:
    return bool(_plain(facts, recon="cb"))


# -- lesson 6 ----------------------------------------------------------------------------------
def beta_eight(facts: Facts) -> bool:
    """β = 8 switches off at least half the latent dims (10 epochs: 3 of 8 stay active)."""
    return any(r.active_units is not None and 2 * r.active_units <= r.latent_dim
               for r in _plain(facts, beta=8.0, recon="bce"))


def three_betas(facts: Facts) -> bool:
    betas = {round(r.beta, 6) for r in _plain(facts, recon="bce")}
    return len(betas) >= 3


# -- lesson 7 ----------------------------------------------------------------------------------
def mean_collapse(facts: Facts) -> bool:
    return any(r.reduction == "mean" and not r.kl_sign_bug and r.active_units is not None
               and r.active_units <= COLLAPSED for r in facts.measured(beta=1.0))


def sum_fix(facts: Facts) -> bool:
    return mean_collapse(facts) and any(
        r.active_units is not None and r.active_units >= HEALTHY
        for r in _plain(facts, beta=1.0, recon="bce"))


def rescue(facts: Facts) -> bool:
    """A constant β ≥ ``LARGE_BETA`` collapsed the model and a warm-up, cyclical β or free bits
    at the same β kept at least ``HEALTHY`` units active (β = 32, free bits λ = 1: 8 of 8)."""
    correct = [r for r in facts.measured() if _correct(r) and r.beta_at_start is None
               and r.active_units is not None]
    collapsed = {round(r.beta, 6) for r in correct if r.schedule == "constant"
                 and r.beta >= LARGE_BETA and r.active_units <= COLLAPSED}
    return any(r.schedule in RESCUES and round(r.beta, 6) in collapsed
               and r.active_units >= HEALTHY for r in correct)


# -- lesson 8 ----------------------------------------------------------------------------------
def different_digits(facts: Facts) -> bool:
    pair = facts.actions.get("interp")
    return bool(pair) and pair["label_a"] != pair["label_b"]


def slerp_on_digits(facts: Facts) -> bool:
    """Every slerp step between two different digits is as typical for the model as its own
    reconstructions of test digits (its −ELBO at most their 95th percentile)."""
    pair = facts.actions.get("interp")
    return different_digits(facts) and pair["worst"] <= pair["threshold"]


# -- lesson 9 ----------------------------------------------------------------------------------
FEW_N = 100               # lesson 9: the label count of the few-labels task


def conditional_run(facts: Facts) -> bool:
    """A conditional VAE trained to the end on mnist-5k (the lesson's button or the Train
    page's Conditional)."""
    return bool(facts.measured(conditional=True))


def label_shares(facts: Facts) -> bool:
    """The conditional page measured its shares, and asked for a digit the conditional model
    draws it more often than the unconditional one draws any confident digit (mnist-cvae-z2:
    89 % against 47 %)."""
    shares = facts.actions.get("cond_shares")
    return bool(shares) and shares.get("uncond") is not None and \
        shares["cond"] > shares["uncond"]


def few_labels_win(facts: Facts) -> bool:
    """A few-labels comparison with n = 100 in which M1+M2 beat logistic regression on the
    pixels with the same labels (README: 89.4 % against 77.0 %)."""
    return any(r["method"] == "m1m2" and r["labels"] == FEW_N
               and r["accuracy"] > r["baseline_pixels"]
               for r in facts.actions.get("few_labels") or ())


TASKS: dict[int, tuple[Task, ...]] = {
    1: (Task("ae", autoencoder), Task("vae", vae_vs_autoencoder), Task("why", prior_share)),
    2: (Task("elbo", elbo_run), Task("live_beta", live_beta)),
    3: (Task("walk", walked_examples), Task("sigma", zero_beta_codes),
        Task("grad", variance_ratio)),
    4: (Task("sign", sign_flip), Task("per_dim", unused_dims)),
    5: (Task("both", bce_and_mse), Task("sigma", sigma_like_beta),
        Task("cb", continuous_bernoulli)),
    6: (Task("beta8", beta_eight), Task("plane", three_betas)),
    7: (Task("mean", mean_collapse), Task("fix", sum_fix), Task("rescue", rescue)),
    8: (Task("pair", different_digits), Task("slerp", slerp_on_digits)),
    9: (Task("cvae", conditional_run), Task("shares", label_shares),
        Task("few", few_labels_win)),
}
