"""What every model file is checked for, whether it is our safetensors checkpoint
(``vae_core.checkpoints``) or a pytorch/examples ``.pt`` (``vae_core.importers``): its size, and
tensors whose names, shapes, dtype and values match the model they are for. A refusal raises
``CheckpointError`` with a one-line message for the user."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import torch

MAX_CHECKPOINT_BYTES = 256 * 2**20

Source = str | Path | bytes | bytearray | memoryview


class CheckpointError(ValueError):
    """A checkpoint file was refused; the message is one line, meant for the user."""


def as_path(source: Any) -> Path:
    if not isinstance(source, (str, Path)):
        raise TypeError(f"source must be a path or bytes, got {type(source).__name__}")
    return Path(source)


def read_all(source: Source) -> bytes:
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        return check_size(data, len(data))
    path = as_path(source)
    try:
        with open(path, "rb") as f:
            check_size(None, os.fstat(f.fileno()).st_size)
            data = f.read(MAX_CHECKPOINT_BYTES + 1)
    except OSError as exc:
        raise CheckpointError(f"cannot read {path.name}: {exc.strerror or exc}") from None
    return check_size(data, len(data))


def check_size(data, size: int):
    if size > MAX_CHECKPOINT_BYTES:
        raise CheckpointError(f"file is too large for a checkpoint ({size / 2**20:.0f} MiB > "
                              f"{MAX_CHECKPOINT_BYTES / 2**20:.0f} MiB)")
    return data


def key_mismatch(found, expected) -> str | None:
    missing = sorted(set(expected) - set(found))
    unexpected = sorted(set(found) - set(expected))
    if not missing and not unexpected:
        return None
    parts = []
    for label, keys in (("missing", missing), ("unexpected", unexpected)):
        if keys:
            shown = ", ".join(repr(str(k)[:60]) for k in keys[:5])
            parts.append(f"{label} {shown}" + (f" and {len(keys) - 5} more" if len(keys) > 5
                                                else ""))
    return "; ".join(parts)


def check_tensors(state: dict, expected: dict, *, action: str) -> None:
    """Same keys, shapes, float32 and finite values: refuse anything else."""
    problem = key_mismatch(state, expected)
    if problem:
        raise CheckpointError(f"cannot {action}: tensors do not match the model config: {problem}")
    for key, t in state.items():
        if not isinstance(t, torch.Tensor) or t.layout != torch.strided:
            raise CheckpointError(f"cannot {action}: {key!r} is not a dense tensor")
        if t.dtype != torch.float32:
            raise CheckpointError(f"cannot {action}: tensor {key!r} has dtype "
                                  f"{str(t.dtype).removeprefix('torch.')}, expected float32")
        if tuple(t.shape) != expected[key]:
            raise CheckpointError(f"cannot {action}: tensor {key!r} has shape {list(t.shape)}, "
                                  f"expected {list(expected[key])}")
        if not bool(torch.isfinite(t).all()):
            raise CheckpointError(f"cannot {action}: tensor {key!r} has NaN or infinite values")


def one_line(exc: BaseException, limit: int = 300) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= limit else text[:limit - 1] + "…"
