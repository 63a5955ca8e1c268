"""The rate–distortion plane: each trained model is a point (R = KL, D = reconstruction).

Rate R = E_x KL(q(z|x) ‖ p(z)) and distortion D = −E_x E_q[log p(x|z)], both in nats per image,
so −ELBO = D + R: Alemi et al. 2018, "Fixing a Broken ELBO", §2 and Fig. 1. Lines of
constant ELBO have slope −1 in the (R, D) plane; a β-VAE minimises D + β·R, so its solution sits
where the frontier's slope is −β. Only models with the same likelihood share a plane: D of a
Bernoulli and of a Gaussian decoder are different quantities.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

LINE_POINTS = 2  # the lines are straight: two end points draw them


@dataclass(frozen=True)
class RDPoint:
    beta: float         # the β the model was trained with (its slope on the frontier is −β)
    rate: float         # R = KL, nats per image
    distortion: float   # D = −log p(x|z), nats per image
    elbo: float         # −ELBO = D + R, nats per image
    label: str = ""


@dataclass(frozen=True, eq=False)
class RDLine:
    label: str
    slope: float             # dD/dR: −1 for constant ELBO, −β for a β-slope line
    intercept: float         # D at R = 0
    rate: np.ndarray         # (LINE_POINTS,) R of the end points
    distortion: np.ndarray   # (LINE_POINTS,) D of the end points


def _finite(name: str, value) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.floating, np.integer)):
        raise ValueError(f"{name} must be a number, got {value!r}")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value!r}")
    return value


def rd_point(evaluation: dict, *, beta: float, label: str = "") -> RDPoint:
    """A point from an evaluation dict with "recon" and "kl" (``evaluate_batches``, ``evaluate``)
    or "test_recon" and "test_kl" (``TrainResult.summary()``), in nats per image."""
    if "recon" in evaluation and "kl" in evaluation:
        d, r = evaluation["recon"], evaluation["kl"]
    elif "test_recon" in evaluation and "test_kl" in evaluation:
        d, r = evaluation["test_recon"], evaluation["test_kl"]
    else:
        raise ValueError("evaluation needs 'recon' and 'kl' (or 'test_recon' and 'test_kl'); "
                         f"got keys {sorted(evaluation)}")
    d, r = _finite("distortion", d), _finite("rate", r)
    return RDPoint(beta=_finite("beta", beta), rate=r, distortion=d, elbo=d + r, label=label)


def _range(r_range: Sequence[float]) -> np.ndarray:
    if len(r_range) != 2:
        raise ValueError(f"r_range must be (r_min, r_max), got {r_range!r}")
    lo, hi = _finite("r_range[0]", r_range[0]), _finite("r_range[1]", r_range[1])
    if hi <= lo:
        raise ValueError(f"r_range must have r_min < r_max, got {r_range!r}")
    return np.linspace(lo, hi, LINE_POINTS)  # (LINE_POINTS,)


def constant_elbo_lines(elbo_values: Iterable[float],
                        r_range: Sequence[float]) -> list[RDLine]:
    """Lines D = −ELBO − R for each value of −ELBO (nats, positive for a Bernoulli decoder)."""
    rate = _range(r_range)
    lines = []
    for value in elbo_values:
        neg_elbo = _finite("elbo value", value)
        lines.append(RDLine(label=f"−ELBO = {neg_elbo:.4g}", slope=-1.0, intercept=neg_elbo,
                            rate=rate, distortion=neg_elbo - rate))
    return lines


def beta_slope_line(point: RDPoint, beta: float, r_range: Sequence[float]) -> RDLine:
    """The tangent through ``point`` with slope −β: D = D₀ − β (R − R₀).

    A β-VAE minimises D + β·R, so at its solution ∂D/∂R = −β (Alemi et al. 2018, §2). Use the
    *effective* β: with reduction="mean" it is β × the number of pixels.
    """
    beta = _finite("beta", beta)
    rate = _range(r_range)
    intercept = point.distortion + beta * point.rate
    return RDLine(label=f"slope −β = {-beta:g}", slope=-beta, intercept=intercept, rate=rate,
                  distortion=intercept - beta * rate)


def elbo_levels(points: Sequence[RDPoint], *, n: int = 3) -> list[float]:
    """``n`` −ELBO values from the best to the worst point, for ``constant_elbo_lines``."""
    if not points:
        return []
    lo, hi = min(p.elbo for p in points), max(p.elbo for p in points)
    if n < 2 or math.isclose(lo, hi):
        return [lo]
    return [float(v) for v in np.linspace(lo, hi, n)]


def frontier(points: Sequence[RDPoint]) -> list[RDPoint]:
    """The points no other point beats on both rate and distortion, sorted by rate."""
    ordered = sorted(points, key=lambda p: (p.rate, p.distortion))
    front: list[RDPoint] = []
    for p in ordered:
        if not front or p.distortion < front[-1].distortion:
            front.append(p)
    return front
