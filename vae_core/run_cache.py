"""Finished runs by identity: a run's key is a hash of everything that decides its weights, and
a finished run is kept under that key, so that starting the same run again returns it at once.

The key covers the model, data and training configs (an upload's data config carries its
content hash), the device the run trains on, the seed and schedule (both in the training
config) and the code that trains: this package's source and torch's version. Two runs with
one key give bit-identical weights (one generator per run, ``vae_core.training``).

On disk a run is three files in one folder (the app's is beside the library, shared by its
replicas and kept over restarts): ``<key>.safetensors`` (a checkpoint: weights, configs,
summary), ``<key>.json`` (how it ended, its epochs) and ``<key>.npz`` (its step curves and
latent replay, numbers only: read without pickle). The checkpoint is written last, so a run
whose checkpoint is there is whole; anything unreadable is a miss, not an error.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import torch

from vae_core.analysis.latent_history import LatentSnapshot
from vae_core.checkpoints import load_checkpoint, save_checkpoint
from vae_core.config import ConfigError, DataConfig, ModelConfig, TrainConfig
from vae_core.data import DataBundle
from vae_core.devices import resolve_device
from vae_core.jobs import JobSnapshot, TrainingJob
from vae_core.training import EpochMetrics, StepMetrics

PACKAGE = Path(__file__).resolve().parent
DEFAULT_MAX_RUNS = 64  # about 3 MB a run (weights, 2,000 steps, 200 latent snapshots)
_STEP_FIELDS = ("step", "epoch", "recon", "kl", "beta", "kl_term", "total", "elbo",
                "samples_per_s")


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of the training code: every source file of this package and torch's version."""
    digest = hashlib.sha256(torch.__version__.encode())
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(str(path.relative_to(PACKAGE)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def run_key(model_cfg: ModelConfig, data_cfg: DataConfig, train_cfg: TrainConfig) -> str:
    """The run's identity (32 hex digits): equal keys, bit-identical weights."""
    try:
        device = resolve_device(train_cfg.device).type
    except ConfigError:  # the run will fail to start; its key only has to be its own
        device = train_cfg.device
    payload = json.dumps({"model": model_cfg.to_dict(), "data": data_cfg.to_dict(),
                          "train": {**train_cfg.to_dict(), "device": device},
                          "code": code_version()}, sort_keys=True, default=list)
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


def cacheable(job: TrainingJob) -> bool:
    """Only a run that went to its end with the β it started with is that key's run."""
    snap = job.snapshot()
    return snap.status == "finished" and snap.beta == job.train_cfg.beta


class RunCache:
    """Finished runs in ``directory``, at most ``max_runs`` (the least recently used go)."""

    def __init__(self, directory: Path, max_runs: int = DEFAULT_MAX_RUNS) -> None:
        self.directory, self.max_runs = Path(directory), max_runs

    def _path(self, key: str, suffix: str) -> Path:
        return self.directory / f"{key}{suffix}"

    def put(self, key: str, job: TrainingJob) -> bool:
        """Keep the ended ``job`` under ``key``; False when it is not a cacheable run."""
        if not cacheable(job) or job.model is None:
            return False
        self.directory.mkdir(parents=True, exist_ok=True)
        snap = job.snapshot()
        steps = snap.steps
        latent = job.latent.snapshots() if job.latent is not None else []
        labels = job.latent.labels if job.latent is not None else np.zeros(0, np.int64)
        arrays = {
            "steps": np.array([[getattr(m, f) for f in _STEP_FIELDS] for m in steps],
                              dtype=np.float64).reshape(len(steps), len(_STEP_FIELDS)),
            "steps_kl": np.array([m.kl_per_dim for m in steps], dtype=np.float64)
            .reshape(len(steps), -1 if steps else 0),
            "latent_steps": np.array([s.step for s in latent], dtype=np.int64),
            "latent_epochs": np.array([s.epoch for s in latent], dtype=np.float64),
            "latent_points": (np.stack([s.points for s in latent]) if latent
                              else np.zeros((0, 0, 2), np.float32)),
            "latent_labels": np.asarray(labels, dtype=np.int64)}
        meta = {"status": snap.status, "message": snap.message, "code": snap.code,
                "params": snap.params, "summary": snap.summary, "beta": snap.beta,
                "total_steps": snap.total_steps, "elapsed_s": snap.elapsed_s,
                "epochs": [dataclasses.asdict(e) for e in snap.epochs]}
        _write_atomic(self._path(key, ".npz"), lambda f: np.savez(f, **arrays))
        _write_atomic(self._path(key, ".json"),
                      lambda f: f.write(json.dumps(meta, allow_nan=True).encode()))
        save_checkpoint(self._path(key, ".safetensors"), job.model, data_cfg=job.data_cfg,
                        train_cfg=job.train_cfg, summary=snap.summary, name=job.name)
        self._trim()
        return True

    def get(self, key: str, *, data: DataBundle | None = None,
            name: str = "") -> TrainingJob | None:
        """The run kept under ``key`` as an ended job, or None (not there, or unreadable)."""
        ckpt_path = self._path(key, ".safetensors")
        if not ckpt_path.exists():
            return None
        try:
            ckpt = load_checkpoint(ckpt_path)
            meta = json.loads(self._path(key, ".json").read_text(encoding="utf-8"))
            with np.load(self._path(key, ".npz"), allow_pickle=False) as arrays:
                steps, latent, labels = _curves(arrays)
            epochs = [EpochMetrics(**{**e, "test_kl_per_dim": tuple(e["test_kl_per_dim"]),
                                      "test_mu_var_per_dim":
                                          tuple(e.get("test_mu_var_per_dim", ()))})
                      for e in meta["epochs"]]
            snap = JobSnapshot(status=meta["status"], message=meta["message"], steps=steps,
                               epochs=epochs, step=steps[-1].step if steps else 0,
                               total_steps=int(meta["total_steps"]), epoch=len(epochs),
                               samples_per_s=steps[-1].samples_per_s if steps else 0.0,
                               elapsed_s=float(meta["elapsed_s"]), eta_s=None,
                               beta=float(meta["beta"]), summary=dict(meta["summary"]),
                               code=meta["code"], params=dict(meta["params"]))
        except Exception:  # noqa: BLE001  (a damaged or half-copied entry is a miss)
            return None
        os.utime(ckpt_path)  # recently used: trimmed last
        return TrainingJob.ended(ckpt.model, ckpt.model_cfg, ckpt.data_cfg, ckpt.train_cfg,
                                 snap, latent, labels, data=data, name=name or ckpt.name)

    def _trim(self) -> None:
        runs = sorted(self.directory.glob("*.safetensors"), key=_mtime, reverse=True)
        for old in runs[self.max_runs:]:
            for suffix in (".safetensors", ".json", ".npz"):
                old.with_suffix(suffix).unlink(missing_ok=True)


def _curves(arrays: Any) -> tuple[list[StepMetrics], list[LatentSnapshot], np.ndarray]:
    rows, kl = arrays["steps"], arrays["steps_kl"]
    steps = [StepMetrics(**{f: (int(v) if f == "step" else float(v))
                            for f, v in zip(_STEP_FIELDS, row, strict=True)},
                         kl_per_dim=tuple(float(k) for k in kl_row))
             for row, kl_row in zip(rows, kl, strict=True)]
    latent = [LatentSnapshot(int(s), float(e), p.astype(np.float32))
              for s, e, p in zip(arrays["latent_steps"], arrays["latent_epochs"],
                                 arrays["latent_points"], strict=True)]
    return steps, latent, arrays["latent_labels"]


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _write_atomic(path: Path, write: Any) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
