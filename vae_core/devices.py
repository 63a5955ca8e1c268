"""Where a run computes: the device a ``TrainConfig.device`` name means, and the autocast dtype
of ``--amp`` there (refused, with a clear message, where it would not pay)."""

from __future__ import annotations

import torch


def resolve_device(name: str) -> torch.device:
    if name == "cuda" or (name == "auto" and torch.cuda.is_available()):
        if not torch.cuda.is_available():
            raise ValueError("device 'cuda' was asked for but no CUDA GPU is available; "
                             "use --device cpu or auto")
        return torch.device("cuda")
    if name not in ("auto", "cpu"):
        raise ValueError(f"unknown device {name!r}; choose auto, cpu or cuda")
    return torch.device("cpu")


def cpu_has_bf16() -> bool:
    """Whether this CPU multiplies bfloat16 natively (AVX512-BF16 or AMX), where torch's CPU
    autocast pays off. The probes are private torch functions (there since 2.1): absent, no."""
    probes = ("_is_avx512_bf16_supported", "_is_amx_tile_supported")
    return any(bool(getattr(torch.cpu, p, lambda: False)()) for p in probes)


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
    raise ValueError(f"amp (mixed precision) needs a CUDA GPU or a CPU with bfloat16 hardware "
                     f"(AVX512-BF16 or AMX), and this run's {device.type} has neither; drop "
                     f"--amp / amp=True")
