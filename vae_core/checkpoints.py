"""Checkpoints: one safetensors file holding the weights, with the configs and a summary as JSON
in the header's ``__metadata__["vae_lab"]``.

Files may come from anywhere (uploads, downloads), so loading checks everything before trusting
it: file size, the 8-byte header length (before safetensors sees it), the header JSON, our
metadata, the configs (``from_dict`` refuses unknown keys and out-of-range values), and every
tensor's name, shape, dtype (float32) and finiteness against ``build_model(model_cfg)``. Any
problem raises ``CheckpointError`` with a one-line message. Nothing is ever unpickled, except
through ``torch.load(weights_only=True)`` in ``vae_core.importers``.

Layout of a safetensors file: ``u64 little-endian N | N bytes of JSON header | tensor data``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import json
import math
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import safetensors.torch
import torch

from vae_core.config import ConfigError, DataConfig, ModelConfig, TrainConfig
from vae_core.file_checks import (  # noqa: F401  (CheckpointError, Source: this API's too)
    MAX_CHECKPOINT_BYTES,
    CheckpointError,
    Source,
    as_path,
    check_size,
    check_tensors,
    key_mismatch,
    one_line,
    read_all,
)
from vae_core.models import VAE, build_model

FORMAT = "vae-lab/1"
META_KEY = "vae_lab"
MAX_HEADER_BYTES = 2**20
MAX_NAME_CHARS = 100
MAX_OWNER_CHARS = 128  # ``saved_by``: opaque to the core (the app stores a sha256 hex digest)
DEFAULT_NAME = "checkpoint"
_DTYPE = "F32"  # safetensors' name for torch.float32, the only dtype we read or write
_FIELDS = {"format", "name", "model_cfg", "data_cfg", "train_cfg", "summary", "saved_by"}

@dataclass
class Checkpoint:
    model: VAE                      # built from model_cfg, weights loaded, eval() mode
    model_cfg: ModelConfig
    data_cfg: DataConfig | None
    train_cfg: TrainConfig | None
    summary: dict                   # JSON-able metrics: test_elbo, active_units, epochs, ...
    name: str                       # display name: the header's, else the file stem
    saved_by: str | None = None     # who saved it, as the app records it; None: nobody said


# ---------------------------------------------------------------------------------------- save

def save_checkpoint(path: str | Path, model: VAE, *, data_cfg: DataConfig | None = None,
                    train_cfg: TrainConfig | None = None, summary: dict | None = None,
                    name: str | None = None, saved_by: str | None = None,
                    exclusive: bool = False) -> Path:
    """Write ``model`` and its configs to ``path`` atomically; return the path.

    Refuses (``CheckpointError``) a model whose file could not be loaded back: wrong dtype,
    non-finite weights, a summary that is not JSON. Non-finite floats in ``summary`` become null.
    OS errors (missing folder, disk full) propagate; the old file, if any, is then untouched.
    ``exclusive``: raise ``FileExistsError`` rather than replace a file that exists, decided
    atomically, so that two processes saving the same name never silently drop one model.
    ``saved_by``: an opaque owner string kept in the header (the app decides what it means).
    """
    path = Path(path)
    data = checkpoint_bytes(model, data_cfg=data_cfg, train_cfg=train_cfg, summary=summary,
                            name=name, saved_by=saved_by)
    _atomic_write(path, data, exclusive=exclusive)
    return path


def checkpoint_bytes(model: VAE, *, data_cfg: DataConfig | None = None,
                     train_cfg: TrainConfig | None = None, summary: dict | None = None,
                     name: str | None = None, saved_by: str | None = None) -> bytes:
    """The bytes ``save_checkpoint`` would write (for download buttons)."""
    if not isinstance(model, VAE) or not isinstance(getattr(model, "cfg", None), ModelConfig):
        raise TypeError(f"model must be a vae_core VAE, got {type(model).__name__}")
    for arg, value, cls in (("data_cfg", data_cfg, DataConfig),
                            ("train_cfg", train_cfg, TrainConfig)):
        if value is not None and not isinstance(value, cls):
            raise TypeError(f"{arg} must be a {cls.__name__} or None, got {type(value).__name__}")
    if name is not None and not isinstance(name, str):
        raise TypeError(f"name must be a string or None, got {type(name).__name__}")
    if saved_by is not None and not _good_owner(saved_by):
        raise CheckpointError("bad_saved_by", limit=MAX_OWNER_CHARS)
    # copy to CPU so a training thread cannot change the weights while they are serialised
    state = {k: v.detach().to("cpu", copy=True).contiguous() for k, v in model.state_dict().items()}
    check_tensors(state, _expected_spec(model.cfg))
    info = {
        "format": FORMAT,
        "name": _clean_name(name) if name is not None else None,
        "model_cfg": model.cfg.to_dict(),
        "data_cfg": data_cfg.to_dict() if data_cfg is not None else None,
        "train_cfg": train_cfg.to_dict() if train_cfg is not None else None,
        "summary": _jsonable(summary if summary is not None else {}, "summary"),
    }
    if saved_by is not None:  # absent otherwise: a file without an owner stays what earlier
        info["saved_by"] = saved_by  # versions wrote, and they read it (they refuse the key)
    meta = json.dumps(info, allow_nan=False, ensure_ascii=False)
    if len(meta.encode("utf-8")) > MAX_HEADER_BYTES // 2:
        raise CheckpointError("metadata_too_large", n=len(meta))
    # one metadata key only: safetensors orders several keys at random, and equal models should
    # give equal bytes (caches fingerprint them)
    return safetensors.torch.save(state, metadata={META_KEY: meta})


def _atomic_write(path: Path, data: bytes, *, exclusive: bool = False) -> None:
    """Temp file in the same folder, fsync, ``os.replace`` (``exclusive``: ``os.link``, which
    fails if the name exists); the temp file never outlives the call."""
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    tmp_name = None
    try:
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.",
                                         suffix=".tmp", delete=False) as tmp:
            tmp_name = tmp.name
            tmp.write(data)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.chmod(tmp_name, mode)  # NamedTemporaryFile creates 0600
        if exclusive:
            _link_new(tmp_name, path)
        else:
            os.replace(tmp_name, path)
            tmp_name = None
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
    with contextlib.suppress(OSError):  # make the rename itself durable (POSIX); best effort
        fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _link_new(tmp_name: str, path: Path) -> None:
    """Give the finished temp file the name ``path`` unless that name exists. A hard link is
    created or refused in one step, also between processes (and machines, on NFS), where an
    ``exists()`` check before ``os.replace`` lets two savers of one name both pass. File
    systems without hard links (some SMB mounts) fall back to that check."""
    try:
        os.link(tmp_name, path)
    except FileExistsError:
        raise
    except OSError:
        if path.exists():
            raise FileExistsError(errno.EEXIST, "file exists", str(path)) from None
        os.replace(tmp_name, path)


# ---------------------------------------------------------------------------------------- load

def load_checkpoint(source: Source, *, map_location: str | torch.device = "cpu",
                    default_name: str | None = None) -> Checkpoint:
    """Read, validate and rebuild a checkpoint from a path or bytes.

    ``default_name`` is the display name when the header has none (e.g. an uploaded file's
    name); for a path it defaults to the file stem.
    """
    data = read_all(source)
    _, info = parse_header(data[:MAX_HEADER_BYTES + 8], len(data))
    model_cfg = info["model_cfg"]
    try:
        state = safetensors.torch.load(data)
    except Exception as exc:  # safetensors' own validation: offsets, sizes
        raise CheckpointError("corrupt_data", error=one_line(exc)) from None
    check_tensors(state, _expected_spec(model_cfg))
    try:
        model = build_model(model_cfg)
        model.load_state_dict(state, strict=True)
    except Exception as exc:  # should not happen after the checks above
        raise CheckpointError("weights_misfit", error=one_line(exc)) from None
    model.eval()
    return Checkpoint(model=model.to(map_location), model_cfg=model_cfg,
                      data_cfg=info["data_cfg"], train_cfg=info["train_cfg"],
                      summary=info["summary"], name=_display_name(info, source, default_name),
                      saved_by=info["saved_by"])


def read_checkpoint_info(source: Source, *, default_name: str | None = None) -> dict[str, Any]:
    """Name, configs and summary from the header alone (no weights read), validated like
    ``load_checkpoint`` except for the tensor values (NaN weights are only caught on load).

    Returns ``{"name", "model_cfg", "data_cfg", "train_cfg", "summary", "saved_by",
    "n_params"}`` with the configs as ``ModelConfig`` / ``DataConfig`` / ``TrainConfig`` (or
    None).
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = read_all(source)
        size = len(data)
    else:
        path = as_path(source)
        try:
            with open(path, "rb") as f:
                size = os.fstat(f.fileno()).st_size
                check_size(None, size)
                data = f.read(8)
                if len(data) == 8:
                    data += f.read(min(int.from_bytes(data, "little"), MAX_HEADER_BYTES))
        except OSError as exc:
            raise CheckpointError("read_failed", file=path.name,
                                  reason=exc.strerror or str(exc)) from None
    header, info = parse_header(data, size)
    n_params = sum(math.prod(v["shape"]) for k, v in header.items() if k != "__metadata__")
    return {"name": _display_name(info, source, default_name), "model_cfg": info["model_cfg"],
            "data_cfg": info["data_cfg"], "train_cfg": info["train_cfg"],
            "summary": info["summary"], "saved_by": info["saved_by"], "n_params": n_params}


def parse_header(data: bytes, size: int) -> tuple[dict, dict]:
    """Check the header of a file of ``size`` bytes whose first bytes are ``data``; return the
    header and our metadata (configs rebuilt)."""
    if size < 8:
        raise CheckpointError("too_short", size=size)
    n = int.from_bytes(data[:8], "little")
    if n > MAX_HEADER_BYTES:
        if data.startswith(b"PK\x03\x04") or data.startswith(b"\x80"):  # zip / pickle
            raise CheckpointError("looks_like_pt")
        raise CheckpointError("header_too_long", n=n, limit=MAX_HEADER_BYTES)
    if n > size - 8 or len(data) < 8 + n:
        raise CheckpointError("header_truncated", n=n, have=size - 8)
    if not data[8:9] == b"{":  # safetensors insists on it too
        raise CheckpointError("header_not_json")
    try:
        header = json.loads(data[8:8 + n].decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise CheckpointError("header_not_json") from None
    if not isinstance(header, dict):
        raise CheckpointError("header_not_json")
    meta = header.get("__metadata__")
    if not isinstance(meta, dict) or META_KEY not in meta:
        raise CheckpointError("no_metadata", key=META_KEY)
    if not all(isinstance(v, str) for v in meta.values()):
        raise CheckpointError("metadata_not_strings")
    info = _parse_info(meta[META_KEY])
    _check_header_tensors(header, _expected_spec(info["model_cfg"]), size - 8 - n)
    return header, info


def _parse_info(raw: Any) -> dict[str, Any]:
    if not isinstance(raw, str):
        raise CheckpointError("metadata_not_json", key=META_KEY)
    try:
        info = json.loads(raw)
    except (ValueError, RecursionError):
        raise CheckpointError("metadata_not_json", key=META_KEY) from None
    if not isinstance(info, dict):
        raise CheckpointError("metadata_not_json", key=META_KEY)
    if info.get("format") != FORMAT:
        raise CheckpointError("unsupported_format", found=str(info.get("format"))[:40],
                              expected=FORMAT)
    unknown = sorted(map(str, set(info) - _FIELDS))
    if unknown:
        raise CheckpointError("unknown_keys", key=META_KEY, keys=", ".join(unknown)[:200])
    name = info.get("name")
    if name is not None and (not isinstance(name, str) or len(name) > MAX_NAME_CHARS):
        raise CheckpointError("bad_name", limit=MAX_NAME_CHARS)
    saved_by = info.get("saved_by")
    if saved_by is not None and not _good_owner(saved_by):
        raise CheckpointError("bad_saved_by", limit=MAX_OWNER_CHARS)
    summary = info.get("summary", {})
    if summary is None:
        summary = {}
    if not isinstance(summary, dict):
        raise CheckpointError("bad_summary", where="summary")
    out = {"name": name, "saved_by": saved_by,
           "summary": _jsonable(summary, "summary")}  # NaN -> null
    for key, cls in (("model_cfg", ModelConfig), ("data_cfg", DataConfig),
                     ("train_cfg", TrainConfig)):
        value = info.get(key)
        if value is None and key != "model_cfg":
            out[key] = None
            continue
        try:
            out[key] = cls.from_dict(value)
        except (ValueError, TypeError) as exc:
            # the config's own code rides along, so the app words the reason too, not only
            # the frame around it ({error} stays the English for the CLI)
            why = exc.wrapped() if isinstance(exc, ConfigError) else {}
            raise CheckpointError("bad_config", section=key, error=one_line(exc), **why) \
                from None
    if out["data_cfg"] is not None:
        # where the files were on the machine that trained it: a file must not choose where
        # a server reads, writes or downloads, so the reader's own data folder is used
        out["data_cfg"] = dataclasses.replace(out["data_cfg"], data_dir=None)
    return out


# ------------------------------------------------------------------------------ tensor checks

def _expected_spec(cfg: ModelConfig) -> dict[str, tuple[int, ...]]:
    """Names and shapes of ``build_model(cfg).state_dict()``, built on the meta device so a
    huge (hostile) config allocates nothing."""
    try:
        with torch.device("meta"):
            model = build_model(cfg)
    except Exception as exc:
        raise CheckpointError("cannot_build", error=one_line(exc)) from None
    return {k: tuple(v.shape) for k, v in model.state_dict().items()}


def _check_header_tensors(header: dict, expected: dict, data_len: int) -> None:
    """Names, dtypes, shapes and byte ranges from the header, before any tensor is read."""
    entries = {k: v for k, v in header.items() if k != "__metadata__"}
    problem = key_mismatch(entries, expected)
    if problem:
        raise CheckpointError("tensor_names", **problem)
    spans = []
    for key, entry in entries.items():
        if not isinstance(entry, dict):
            raise CheckpointError("tensor_entry", tensor=key)
        shape, offsets = entry.get("shape"), entry.get("data_offsets")
        if entry.get("dtype") != _DTYPE:
            raise CheckpointError("tensor_dtype", tensor=key, dtype=str(entry.get("dtype"))[:20])
        if not isinstance(shape, list) or tuple(shape) != expected[key] or not all(
                type(s) is int for s in shape):
            raise CheckpointError("tensor_shape", tensor=key, shape=str(shape)[:60],
                                  expected=list(expected[key]))
        if (not isinstance(offsets, list) or len(offsets) != 2
                or not all(type(o) is int for o in offsets)
                or offsets[1] - offsets[0] != 4 * math.prod(shape)):
            raise CheckpointError("tensor_offsets", tensor=key, offsets=str(offsets)[:60])
        spans.append(offsets)
    end = 0
    for begin, stop in sorted(spans):
        if begin != end:
            raise CheckpointError("offsets_overlap")
        end = stop
    if end != data_len:
        raise CheckpointError("data_truncated" if end > data_len else "data_trailing",
                              expected=end, have=data_len)


# ----------------------------------------------------------------------------- small helpers

def _clean_name(name: str) -> str:
    """Display names: control characters become spaces, at most ``MAX_NAME_CHARS``."""
    cleaned = "".join(" " if not ch.isprintable() else ch for ch in name)
    return " ".join(cleaned.split())[:MAX_NAME_CHARS]


def _good_owner(saved_by: Any) -> bool:
    return isinstance(saved_by, str) and 0 < len(saved_by) <= MAX_OWNER_CHARS \
        and saved_by.isprintable()


def _display_name(info: dict, source: Any, default_name: str | None) -> str:
    for candidate in (info["name"], default_name,
                      Path(source).stem if isinstance(source, (str, Path)) else None):
        if candidate and _clean_name(candidate):
            return _clean_name(candidate)
    return DEFAULT_NAME


def _jsonable(value: Any, where: str, depth: int = 0) -> Any:
    """Plain JSON copy of ``value``; numpy / torch scalars become numbers, NaN / inf become null."""
    if depth > 32:
        raise CheckpointError("bad_summary", where=where)
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            raise CheckpointError("bad_summary", where=where)
        return {k: _jsonable(v, f"{where}[{k!r}]", depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v, where, depth + 1) for v in value]
    item = getattr(value, "item", None)
    if callable(item) and getattr(value, "ndim", None) == 0:
        return _jsonable(item(), where, depth + 1)
    raise CheckpointError("bad_summary", where=where)
