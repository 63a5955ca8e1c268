"""KL weighting schedules as pure functions chosen by name.

Each schedule maps (step, total_steps, settings) to a ``KLWeight``: the β multiplying the KL,
plus, for the two schedules that change the *shape* of the KL term, a capacity C or a free-bits
floor λ. ``vae_core.losses.kl_term`` turns a ``KLWeight`` into the number added to the loss.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from vae_core.config import TrainConfig


@dataclass(frozen=True)
class KLWeight:
    beta: float                    # multiplies the KL term (γ for capacity control)
    capacity: float | None = None  # Burgess et al. 2018: loss uses γ·|KL − C|
    free_bits: float | None = None  # Kingma et al. 2016: loss uses β·Σ_j max(KL_j, λ)


def constant(step: int, total_steps: int, *, beta: float) -> KLWeight:
    return KLWeight(beta)


def warmup(step: int, total_steps: int, *, beta: float, warmup_steps: int) -> KLWeight:
    """Linear KL annealing from 0 to β over ``warmup_steps`` (Bowman et al. 2016)."""
    if warmup_steps <= 0:
        return KLWeight(beta)
    return KLWeight(beta * min(1.0, step / warmup_steps))


def cyclical(step: int, total_steps: int, *, beta: float, cycles: int, ratio: float) -> KLWeight:
    """Cyclical annealing (Fu et al. 2019): ``cycles`` ramps, each rising over ``ratio`` of its
    period and holding β for the rest."""
    period = max(total_steps / cycles, 1.0)
    tau = (step % period) / period
    return KLWeight(beta * min(1.0, tau / ratio))


def capacity(step: int, total_steps: int, *, beta: float, capacity_max: float) -> KLWeight:
    """Capacity control (Burgess et al. 2018): C rises linearly from 0 to ``capacity_max`` nats."""
    c = capacity_max * min(1.0, step / max(total_steps, 1))
    return KLWeight(beta, capacity=c)


def free_bits(step: int, total_steps: int, *, beta: float, free_bits: float) -> KLWeight:
    """Free bits (Kingma et al. 2016, IAF appendix): no pressure below λ nats per latent dim."""
    return KLWeight(beta, free_bits=free_bits)


SCHEDULE_FUNCTIONS: dict[str, Callable[..., KLWeight]] = {
    "constant": constant,
    "warmup": warmup,
    "cyclical": cyclical,
    "capacity": capacity,
    "free_bits": free_bits,
}


def get_schedule(name: str) -> Callable[..., KLWeight]:
    try:
        return SCHEDULE_FUNCTIONS[name]
    except KeyError:
        raise ValueError(f"unknown beta schedule {name!r}") from None


def kl_weight_at(cfg: TrainConfig, step: int, total_steps: int, steps_per_epoch: int, *,
                 beta: float | None = None) -> KLWeight:
    """The schedule named in ``cfg`` at ``step``; ``beta`` overrides ``cfg.beta`` (live changes)."""
    base = cfg.beta if beta is None else beta
    fn = get_schedule(cfg.schedule)
    if cfg.schedule == "warmup":
        return fn(step, total_steps, beta=base,
                  warmup_steps=round(cfg.warmup_epochs * steps_per_epoch))
    if cfg.schedule == "cyclical":
        return fn(step, total_steps, beta=base, cycles=cfg.cycles, ratio=cfg.cycle_ratio)
    if cfg.schedule == "capacity":
        return fn(step, total_steps, beta=base, capacity_max=cfg.capacity_max)
    if cfg.schedule == "free_bits":
        return fn(step, total_steps, beta=base, free_bits=cfg.free_bits)
    return fn(step, total_steps, beta=base)
