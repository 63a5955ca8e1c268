"""Where a run computes: the device a ``TrainConfig.device`` name means, and the autocast dtype
of ``--amp`` there (refused, with a clear message, where it would not pay)."""

from __future__ import annotations

import functools
import time

import torch

from vae_core.config import DEVICES, ConfigError, shown


def resolve_device(name: str) -> torch.device:
    if name == "cuda" or (name == "auto" and torch.cuda.is_available()):
        if not torch.cuda.is_available():
            raise ConfigError("no_cuda")
        return torch.device("cuda")
    if name not in ("auto", "cpu"):
        raise ConfigError("unknown_choice", field="device", value=shown(name),
                          choices=", ".join(DEVICES))
    return torch.device("cpu")


PROBE_SHAPE = (256, 784, 400)  # batch, in, out: the MNIST MLP's first layer
PAYS_OFF = 0.8                  # bfloat16 must take at most this share of float32's time
PROBE_WARMUP, PROBE_REPEATS = 3, 8


def _step_seconds(layer: torch.nn.Linear, x: torch.Tensor, dtype: torch.dtype | None) -> float:
    """One timed forward+backward pass of ``layer``, in ``dtype`` under autocast (None: float32)."""
    t0 = time.perf_counter()
    with torch.autocast("cpu", dtype=dtype or torch.bfloat16, enabled=dtype is not None):
        layer(x).float().square().mean().backward()
    return time.perf_counter() - t0


@functools.cache
def cpu_has_bf16() -> bool:
    """Whether torch's CPU autocast to bfloat16 pays off here, measured once per process: a
    forward+backward of the MNIST MLP's first layer in bfloat16 must take at most 80 % of its
    float32 time. CPUs with bfloat16 hardware (AVX512-BF16, AMX) run it 1.5-2x faster; on the
    others autocast is several times slower, so the answer is not a close call. torch has no
    public query for the instruction set (only private ``torch.cpu._is_*_supported``), and a
    timing answers the question that matters. Costs about 20-100 ms, only when ``amp`` is asked
    for on the CPU."""
    gen = torch.Generator().manual_seed(0)
    batch, n_in, n_out = PROBE_SHAPE
    layer = torch.nn.Linear(n_in, n_out)
    x = torch.rand(batch, n_in, generator=gen)
    # warmed up (oneDNN builds its bfloat16 kernels on first use), interleaved, and the fastest
    # of each: a shared or throttled CPU only ever adds time
    times = [(_step_seconds(layer, x, None), _step_seconds(layer, x, torch.bfloat16))
             for _ in range(PROBE_WARMUP + PROBE_REPEATS)][PROBE_WARMUP:]
    return probe_ratio(times) <= PAYS_OFF


def probe_ratio(times: list[tuple[float, float]]) -> float:
    """bfloat16's best time over float32's, from (float32, bfloat16) pairs."""
    return min(b for _, b in times) / min(f for f, _ in times)


def resolve_amp(enabled: bool, device: torch.device) -> torch.dtype | None:
    """The autocast dtype for ``TrainConfig.amp`` on ``device``; None when amp is off.

    CUDA: bfloat16 where the GPU has it, else float16 (the trainer then adds a GradScaler).
    CPU: bfloat16, only on CPUs with bfloat16 hardware: there it ran the 784-400-20 MNIST step
    1.5-1.8x faster than float32 with the same −ELBO after an epoch (README, benchmark row 1);
    elsewhere CPU autocast slows these networks down, so it is refused."""
    if not enabled:
        return None
    if device.type == "cuda":
        return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
    if device.type == "cpu" and cpu_has_bf16():
        return torch.bfloat16
    raise ConfigError("amp_unsupported", device=device.type)
