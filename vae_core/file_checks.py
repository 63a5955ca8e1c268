"""What every model file is checked for, whether it is our safetensors checkpoint
(``vae_core.checkpoints``) or a pytorch/examples ``.pt`` (``vae_core.importers``): its size, and
tensors whose names, shapes, dtype and values match the model they are for. A refusal raises
``CheckpointError`` with a one-line message for the user."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import torch

from vae_core.messages import CHECKPOINT_MESSAGES

MAX_CHECKPOINT_BYTES = 256 * 2**20

Source = str | Path | bytes | bytearray | memoryview


class CheckpointError(ValueError):
    """A checkpoint file was refused: ``code`` and ``params`` say why (the app words them in
    each language); ``str()`` is the English line of ``vae_core.messages.CHECKPOINT_MESSAGES``."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code, self.params = code, params
        super().__init__(CHECKPOINT_MESSAGES[code].format(**params))


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
        raise CheckpointError("read_failed", file=path.name, reason=exc.strerror or str(exc)) \
            from None
    return check_size(data, len(data))


def check_size(data, size: int):
    if size > MAX_CHECKPOINT_BYTES:
        raise CheckpointError("too_large", mib=size / 2**20, limit_mib=MAX_CHECKPOINT_BYTES / 2**20)
    return data


def key_mismatch(found, expected) -> dict[str, str] | None:
    """``missing`` and ``unexpected`` tensor names (the first 5 of each, "—" for none), or
    None when the names match."""
    missing = sorted(set(expected) - set(found))
    unexpected = sorted(set(found) - set(expected))
    if not missing and not unexpected:
        return None

    def shown(keys: list) -> str:
        names = ", ".join(repr(str(k)[:60]) for k in keys[:5])
        return (names + f", … (+{len(keys) - 5})" if len(keys) > 5 else names) or "—"

    return {"missing": shown(missing), "unexpected": shown(unexpected)}


def check_tensors(state: dict, expected: dict) -> None:
    """Same keys, shapes, float32 and finite values: refuse anything else."""
    problem = key_mismatch(state, expected)
    if problem:
        raise CheckpointError("tensor_names", **problem)
    for key, t in state.items():
        if not isinstance(t, torch.Tensor) or t.layout != torch.strided:
            raise CheckpointError("tensor_not_dense", tensor=key)
        if t.dtype != torch.float32:
            raise CheckpointError("tensor_dtype", tensor=key,
                                  dtype=str(t.dtype).removeprefix("torch."))
        if tuple(t.shape) != expected[key]:
            raise CheckpointError("tensor_shape", tensor=key, shape=list(t.shape),
                                  expected=list(expected[key]))
        if not bool(torch.isfinite(t).all()):
            raise CheckpointError("tensor_not_finite", tensor=key)


def one_line(exc: BaseException, limit: int = 300) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= limit else text[:limit - 1] + "…"
