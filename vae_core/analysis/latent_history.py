"""The latent space while a model trains: a trainer callback that encodes a fixed subset of
test images every ``interval_s`` and keeps their means as 2-D points, aligned from one
snapshot to the next so that a replay shows the space organising itself, not jumping.

K = 2: the raw axes (they are the space). K > 2: each snapshot's own PCA plane, rotated and
reflected onto the previous snapshot's points by orthogonal Procrustes (Schönemann 1966),
which removes PCA's arbitrary signs and the plane's spin without distorting distances.

Memory is bounded: at most ``MAX_SNAPSHOTS`` snapshots of ``n`` points × 2 float32 (with the
defaults 1,000 points: 8 kB a snapshot, 1.6 MB a job); past the cap every other snapshot is
dropped and the interval doubles, as the step history does.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import numpy as np
import torch

MAX_SNAPSHOTS = 200
DEFAULT_POINTS = 1000


@dataclass(frozen=True)
class LatentSnapshot:
    step: int
    epoch: float
    points: np.ndarray          # (n, 2) float32, aligned with the previous snapshot


def project_2d(mu: np.ndarray, previous: np.ndarray | None) -> np.ndarray:
    """(n, K) means -> (n, 2): raw for K ≤ 2, else the PCA plane aligned onto ``previous``."""
    if mu.shape[1] == 1:
        return np.column_stack([mu[:, 0], np.zeros(len(mu))]).astype(np.float32)
    if mu.shape[1] == 2:
        return mu.astype(np.float32)
    centred = mu - mu.mean(0)
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    plane = centred @ vt[:2].T                                   # (n, K) -> (n, 2)
    if previous is not None:
        from scipy.linalg import orthogonal_procrustes  # scipy's import: not at app start

        rotation, _ = orthogonal_procrustes(plane, previous - previous.mean(0))
        plane = plane @ rotation
    return plane.astype(np.float32)


class LatentRecorder:
    """A ``Trainer`` callback (``on_step`` / ``on_epoch``) run in the training thread, where the
    weights cannot change under it; ``snapshots()`` is safe from any thread."""

    def __init__(self, model: torch.nn.Module, x: torch.Tensor, labels: torch.Tensor, *,
                 n: int = DEFAULT_POINTS, interval_s: float = 0.5, seed: int = 0) -> None:
        index = torch.randperm(x.shape[0], generator=torch.Generator().manual_seed(seed))[:n]
        self.model, self.x = model, x[index]
        self.labels = labels[index].numpy().astype(np.int64)
        self.interval_s = interval_s
        self._lock = threading.Lock()
        self._snapshots: list[LatentSnapshot] = []
        self._last_t = -float("inf")

    def _record(self, step: int, epoch: float) -> None:
        if self.model is None or (self._snapshots and self._snapshots[-1].step == step):
            return
        was_training = self.model.training
        self.model.eval()
        device = next(self.model.parameters()).device
        cfg = getattr(self.model, "cfg", None)
        labels = ({"y": torch.from_numpy(self.labels).to(device)}  # q(z|x, y) needs the label
                  if cfg is not None and cfg.conditional else {})
        with torch.no_grad():
            mu, _ = self.model.encode(self.x.to(device), **labels)
        self.model.train(was_training)
        mu = mu.float().cpu().numpy().astype(np.float64)
        if not np.isfinite(mu).all():
            return  # a diverging step: the trainer restores the weights; nothing to show
        with self._lock:
            previous = self._snapshots[-1].points if self._snapshots else None
            self._snapshots.append(LatentSnapshot(step, epoch, project_2d(mu, previous)))
            if len(self._snapshots) > MAX_SNAPSHOTS:
                self._snapshots = self._snapshots[::2] + (
                    [self._snapshots[-1]] if len(self._snapshots) % 2 == 0 else [])
                self.interval_s *= 2
        self._last_t = time.perf_counter()

    def on_step(self, metrics) -> None:
        if metrics.step == 1 or time.perf_counter() - self._last_t >= self.interval_s:
            self._record(metrics.step, metrics.epoch)

    def on_epoch(self, metrics) -> None:
        self._record(metrics.step, float(metrics.epoch))  # every epoch's end is in the replay

    @classmethod
    def replay(cls, snapshots: list[LatentSnapshot], labels: np.ndarray) -> LatentRecorder:
        """A recorder that records nothing more: the snapshots of a run that has ended."""
        recorder = cls.__new__(cls)
        recorder.model = recorder.x = None
        recorder.labels = np.asarray(labels, dtype=np.int64)
        recorder.interval_s = float("inf")
        recorder._lock = threading.Lock()
        recorder._snapshots = list(snapshots)
        recorder._last_t = 0.0
        return recorder

    def go_on_from(self, snapshots: list[LatentSnapshot]) -> None:
        """Start from another recorder's snapshots (a run resumed from a fork point): the replay
        shows the whole run, and the next snapshot is aligned onto the last of these."""
        with self._lock:
            self._snapshots = list(snapshots)

    def snapshots(self) -> list[LatentSnapshot]:
        with self._lock:
            return list(self._snapshots)

    def release(self) -> None:
        """Drop the model and images once the job ends (the snapshots stay)."""
        self.model = self.x = None
