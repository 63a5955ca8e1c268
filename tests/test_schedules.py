import pytest

from vae_core.config import TrainConfig
from vae_core.schedules import (
    KLWeight,
    capacity,
    constant,
    cyclical,
    free_bits,
    get_schedule,
    kl_weight_at,
    warmup,
)


def test_constant():
    assert constant(0, 100, beta=2.5) == KLWeight(2.5)
    assert constant(99, 100, beta=2.5) == KLWeight(2.5)


def test_warmup_ramps_linearly_then_holds():
    assert warmup(0, 100, beta=2.0, warmup_steps=10).beta == 0.0
    assert warmup(5, 100, beta=2.0, warmup_steps=10).beta == pytest.approx(1.0)
    assert warmup(10, 100, beta=2.0, warmup_steps=10).beta == 2.0
    assert warmup(50, 100, beta=2.0, warmup_steps=10).beta == 2.0
    assert warmup(0, 100, beta=2.0, warmup_steps=0).beta == 2.0


def test_cyclical_fu_et_al():
    # 4 cycles of 25 steps, ramp over the first half (12.5 steps) of each
    assert cyclical(0, 100, beta=1.0, cycles=4, ratio=0.5).beta == 0.0
    assert cyclical(5, 100, beta=1.0, cycles=4, ratio=0.5).beta == pytest.approx(0.4)
    assert cyclical(20, 100, beta=1.0, cycles=4, ratio=0.5).beta == 1.0
    assert cyclical(25, 100, beta=1.0, cycles=4, ratio=0.5).beta == 0.0
    assert cyclical(30, 100, beta=1.0, cycles=4, ratio=0.5).beta == pytest.approx(0.4)


def test_capacity_rises_linearly():
    assert capacity(0, 100, beta=1000.0, capacity_max=25.0) == KLWeight(1000.0, capacity=0.0)
    assert capacity(50, 100, beta=1000.0, capacity_max=25.0).capacity == pytest.approx(12.5)
    assert capacity(100, 100, beta=1000.0, capacity_max=25.0).capacity == 25.0


def test_free_bits():
    assert free_bits(7, 100, beta=1.0, free_bits=0.25) == KLWeight(1.0, free_bits=0.25)


def test_unknown_name():
    with pytest.raises(ValueError, match="unknown beta schedule 'sawtooth'"):
        get_schedule("sawtooth")


def test_kl_weight_at_uses_epochs_and_live_beta():
    cfg = TrainConfig(schedule="warmup", warmup_epochs=2, beta=4.0)
    # 10 steps per epoch: warm-up lasts 20 steps
    assert kl_weight_at(cfg, 10, 100, 10).beta == pytest.approx(2.0)
    assert kl_weight_at(cfg, 10, 100, 10, beta=8.0).beta == pytest.approx(4.0)
    cap = TrainConfig(schedule="capacity", capacity_max=10.0, beta=100.0)
    assert kl_weight_at(cap, 50, 100, 10) == KLWeight(100.0, capacity=5.0)
