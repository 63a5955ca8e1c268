"""Generated 1-D sequences: sums of sinusoids with noise, four kinds, plus held-out anomalies.

A sequence is stored as a one-row image, (1, 1, L) with L = 256 steps, so every model, loss
and batching path that takes (C, H, W) takes it unchanged (the MLP flattens it to 256 inputs).
Values are mapped from the signal's range [−2.5, 2.5] into [0, 1] (``to_unit``), because the
app's likelihoods take their mean through a sigmoid; a Gaussian likelihood (``mse`` or the
learned-σ ``gaussian``) suits these real values better than BCE.

==========  ==================================================================================
kind        the clean signal (t ∈ [0, 1), random phase φ and amplitude a ∈ [0.7, 1.0])
==========  ==================================================================================
slow        a sin(2π f t + φ), f ∈ [1.5, 3] cycles
fast        a sin(2π f t + φ), f ∈ [8, 12] cycles
two tones   0.6 a (sin(2π f₁ t + φ₁) + sin(2π f₂ t + φ₂)), f₁ ∈ [1.5, 3], f₂ ∈ [8, 12]
square-ish  a (sin θ + sin 3θ / 3 + sin 5θ / 5), θ = 2π f t + φ, f ∈ [2, 4]: the first three
            terms of a square wave's Fourier series
==========  ==================================================================================

Every sequence gets Gaussian noise of σ = 0.05. The anomalies are further sequences of the
same kinds with one defect each, from a random step onward (or at it): a **spike** (±1.5 on
two steps), a **level shift** (±0.8 added from that step on) or a **frequency change** (the
rest of the sequence runs 2.5× faster, phase-continuous). They are in neither the train nor
the test split: a model never sees one while it trains, which is what anomaly detection by
−ELBO needs. The seed draws everything (the sequences, the defects and the split).
"""

from __future__ import annotations

import numpy as np
import torch

from vae_core.data.base import DataBundle, split_indices

LENGTH = 256             # steps per sequence
KIND_NAMES = ("slow", "fast", "two tones", "square-ish")
ANOMALY_NAMES = ("spike", "level shift", "frequency change")
PER_KIND = 600           # normal sequences of each kind (train + test)
PER_ANOMALY = 80         # held-out sequences of each anomaly
NOISE = 0.05             # σ of the additive Gaussian noise, in signal units
RANGE = 2.5              # signal values in [−RANGE, RANGE] map onto [0, 1]
SLOW, FAST = (1.5, 3.0), (8.0, 12.0)   # cycles per sequence
SPIKE, SHIFT, SPEEDUP = 1.5, 0.8, 2.5
_SEED_SALT = 0x5167  # separates the anomalies' draws from the normal ones' for the same seed


def to_unit(v: np.ndarray) -> np.ndarray:
    """Signal units -> [0, 1] (clipped): 0 maps to ½."""
    return np.clip(0.5 + v / (2 * RANGE), 0.0, 1.0)


def clean_signals(kind: int, n: int, rng: np.random.Generator,
                  speedup_at: np.ndarray | None = None) -> np.ndarray:
    """n clean sequences of kind ``kind``: (n, L) in signal units. ``speedup_at`` (n,) steps:
    from there on the sequence runs ``SPEEDUP``× faster (time is warped, so the phase stays
    continuous)."""
    t = np.arange(LENGTH) / LENGTH
    if speedup_at is not None:
        t0 = speedup_at[:, None] / LENGTH  # (n, 1)
        t = np.where(t[None, :] < t0, t[None, :], t0 + SPEEDUP * (t[None, :] - t0))[:, None, :]
    else:
        t = t[None, None, :]
    amp = rng.uniform(0.7, 1.0, size=(n, 1))

    def wave(lo: float, hi: float) -> np.ndarray:
        f = rng.uniform(lo, hi, size=(n, 1, 1))
        phase = rng.uniform(0, 2 * np.pi, size=(n, 1, 1))
        return (2 * np.pi * f * t + phase)[:, 0, :]  # (n, 1, L) -> (n, L)

    if kind == 0:
        return amp * np.sin(wave(*SLOW))
    if kind == 1:
        return amp * np.sin(wave(*FAST))
    if kind == 2:
        return 0.6 * amp * (np.sin(wave(*SLOW)) + np.sin(wave(*FAST)))
    if kind == 3:
        theta = wave(2.0, 4.0)
        return amp * (np.sin(theta) + np.sin(3 * theta) / 3 + np.sin(5 * theta) / 5)
    raise ValueError(f"unknown signal kind {kind!r}; choose 0..{len(KIND_NAMES) - 1}")


def _normal(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    waves = np.concatenate([clean_signals(k, PER_KIND, rng) for k in range(len(KIND_NAMES))])
    kinds = np.repeat(np.arange(len(KIND_NAMES)), PER_KIND)
    return waves + rng.normal(0, NOISE, size=waves.shape), kinds


def _anomalies(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """PER_ANOMALY sequences of each defect, their kinds cycling through KIND_NAMES."""
    out, labels = [], []
    n_kinds = len(KIND_NAMES)
    for defect in range(len(ANOMALY_NAMES)):
        kinds = np.arange(PER_ANOMALY) % n_kinds
        at = rng.integers(LENGTH // 4, 3 * LENGTH // 4, size=PER_ANOMALY)  # defect's step
        waves = np.empty((PER_ANOMALY, LENGTH))
        for k in range(n_kinds):
            rows = kinds == k
            waves[rows] = clean_signals(k, int(rows.sum()), rng,
                                        at[rows] if defect == 2 else None)
        sign = rng.choice((-1.0, 1.0), size=PER_ANOMALY)
        steps = np.arange(LENGTH)[None, :]
        if defect == 0:
            waves += SPIKE * sign[:, None] * ((steps == at[:, None]) | (steps == at[:, None] + 1))
        elif defect == 1:
            waves += SHIFT * sign[:, None] * (steps >= at[:, None])
        out.append(waves + rng.normal(0, NOISE, size=waves.shape))
        labels.append(np.full(PER_ANOMALY, defect))
    return np.concatenate(out), np.concatenate(labels)


def generate_signals(seed: int = 0) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor,
                                             torch.Tensor]:
    """(x, kinds, anomaly_x, anomaly_labels): (N, 1, 1, L) float32 in [0, 1] with N =
    4 × PER_KIND, (N,) int64, (A, 1, 1, L) float32 with A = 3 × PER_ANOMALY, (A,) int64."""
    normal, kinds = _normal(np.random.default_rng(seed))
    odd, defects = _anomalies(np.random.default_rng([seed, _SEED_SALT]))

    def as_images(v: np.ndarray) -> torch.Tensor:
        # (N, L) -> (N, 1, 1, L): a one-row image
        return torch.from_numpy(to_unit(v).astype(np.float32)).view(-1, 1, 1, LENGTH)

    return (as_images(normal), torch.from_numpy(kinds).long(), as_images(odd),
            torch.from_numpy(defects).long())


def load_signals_bundle(*, test_fraction: float = 0.2, seed: int = 0) -> DataBundle:
    """The sequences as a ``DataBundle``: labels are the kind; the anomalies ride along apart."""
    x, y, odd, defects = generate_signals(seed)
    train_idx, test_idx = split_indices(x.shape[0], test_fraction, seed)
    return DataBundle(
        name="signals",
        train_x=x[train_idx], train_y=y[train_idx],
        test_x=x[test_idx], test_y=y[test_idx],
        class_names=KIND_NAMES,
        anomaly_x=odd, anomaly_y=defects, anomaly_names=ANOMALY_NAMES,
    )
