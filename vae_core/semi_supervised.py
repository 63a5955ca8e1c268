"""Learning from few labels: the semi-supervised methods of Kingma, Rezende, Mohamed & Welling
(2014) on mnist-5k, each given n labelled training images (balanced, seeded) and the rest of the
4,000 without labels, scored on the 1,000 test images.

- **M1**: the codes μ(x) of a VAE trained without labels (the zoo's convolutional
  ``mnist-conv-z16``, trained on the 4,000 training images) and an RBF SVM on the n labelled
  codes (the paper used a transductive SVM).
- **M2**: the generative semi-supervised model (``vae_core.models.m2``) on the pixels: its
  classifier q(y|x) learns from the labelled and the unlabelled images together.
- **M1+M2**: M2 on M1's codes, the paper's best.
- Baselines on the same labels: logistic regression on the pixels, and on the first K principal
  components (PCA fitted on all 4,000 training images: the unlabelled ones are free to use).

Nothing here knows any UI: a ``SemiSupervised`` job reports rows and progress (``snapshot``).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import torch
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC
from torch import Tensor

from vae_core.analysis.encode import encode
from vae_core.config import DataConfig
from vae_core.data import DataBundle, load_dataset
from vae_core.models.m2 import M2
from vae_core.threads import BackgroundWork

METHODS = ("m1", "m2", "m1m2")
LABEL_COUNTS = (10, 50, 100, 500, 1000)
M1_MODEL = "mnist-conv-z16"      # the zoo VAE whose μ are M1's features
PCA_K = 16                       # the PCA baseline's components: as many as M1's code has
ALPHA = 10.0                     # Eq. 9's α: the weight of the labels' cross-entropy
EPOCHS = {"m2": 10, "m1m2": 50}  # M2's passes over the 4,000 images (see README's table)
BATCH = 100                      # unlabelled images per step, and as many labelled ones
LR = {"m2": 1e-3, "m1m2": 3e-3}
EPOCH_S = {"m2": 3.6, "m1m2": 0.7}  # one epoch alone on one core (measured); M1: about 0 s
TASK_S = 0.5                     # a run's baselines and classifier fits
DATA = DataConfig()              # mnist-5k
Progress = Callable[[float], None]


class Stopped(Exception):
    """Raised inside a training loop when its job was asked to stop."""


def balanced_labels(y: np.ndarray, n: int, seed: int) -> np.ndarray:
    """Indices of ``n`` training images, n/10 per class (the first ``n % 10`` classes get one
    more), drawn with ``seed``: every method and baseline of a seed sees the same labels."""
    classes = np.unique(y)
    rng = np.random.default_rng(seed)
    per = [n // len(classes) + (i < n % len(classes)) for i in range(len(classes))]
    picked = [rng.choice(np.flatnonzero(y == c), k, replace=False)
              for c, k in zip(classes, per) if k]
    return np.sort(np.concatenate(picked))


def _flat(x: Tensor) -> np.ndarray:
    return x.reshape(len(x), -1).numpy()  # (N, C, H, W) -> (N, C*H*W)


def pixel_baseline(data: DataBundle, idx: np.ndarray) -> float:
    """Test accuracy of a logistic regression on the labelled images' pixels."""
    clf = LogisticRegression(max_iter=1000).fit(_flat(data.train_x)[idx], data.train_y[idx])
    return float(clf.score(_flat(data.test_x), data.test_y.numpy()))


def pca_baseline(data: DataBundle, idx: np.ndarray, k: int = PCA_K, *, seed: int = 0) -> float:
    """Test accuracy of a logistic regression on the first ``k`` principal components, fitted
    on all training images (labels are not needed for PCA)."""
    pca = PCA(n_components=k, random_state=seed).fit(_flat(data.train_x))
    clf = LogisticRegression(max_iter=1000).fit(pca.transform(_flat(data.train_x)[idx]),
                                                data.train_y[idx])
    return float(clf.score(pca.transform(_flat(data.test_x)), data.test_y.numpy()))


@dataclass(frozen=True, eq=False)
class Codes:
    """M1's features: the VAE's μ of the training and test images, standardised with the
    training images' mean and spread (M2's Gaussian decoder and the SVM both want unit scale)."""

    train: Tensor                   # (N_train, K)
    test: Tensor                    # (N_test, K)


_CODES: dict[str, Codes] = {}
_CODES_LOCK = threading.Lock()


def m1_codes(data: DataBundle, model_name: str = M1_MODEL) -> Codes:
    """The zoo model's standardised codes of ``data``, once per process (about 0.3 s)."""
    from vae_core.checkpoints import load_checkpoint
    from vae_core.zoo import ASSETS_DIR

    with _CODES_LOCK:
        if model_name not in _CODES:
            model = load_checkpoint(ASSETS_DIR / f"{model_name}.safetensors").model
            mu, _ = encode(model, data.train_x)
            mu_test, _ = encode(model, data.test_x)
            mean, std = mu.mean(0), mu.std(0).clamp_min(1e-6)
            _CODES[model_name] = Codes((mu - mean) / std, (mu_test - mean) / std)
        return _CODES[model_name]


def m1_accuracy(codes: Codes, data: DataBundle, idx: np.ndarray) -> float:
    """M1: an RBF SVM on the labelled images' codes."""
    clf = make_pipeline(StandardScaler(), SVC(C=10.0)).fit(codes.train[idx].numpy(),
                                                           data.train_y[idx].numpy())
    return float(clf.score(codes.test.numpy(), data.test_y.numpy()))


def train_m2(x: Tensor, y: Tensor, idx: np.ndarray, *, likelihood: str, epochs: int,
             seed: int, lr: float, alpha: float = ALPHA, progress: Progress | None = None,
             stop: threading.Event | None = None) -> M2:
    """M2 trained on all of ``x`` without labels and on ``x[idx]`` with ``y[idx]`` (Eq. 9): each
    step takes a batch of every image and a batch drawn from the labelled ones."""
    g = torch.Generator().manual_seed(seed)
    wide = likelihood == "bernoulli"  # pixels: a wider net and z than for 16-dim codes
    model = M2(x.shape[1], int(y.max()) + 1, latent_dim=32 if wide else 8,
               hidden=256 if wide else 128, likelihood=likelihood, generator=g)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    xl, yl = x[torch.as_tensor(idx)], y[torch.as_tensor(idx)]
    steps = epochs * ((len(x) + BATCH - 1) // BATCH)
    done = 0
    for _ in range(epochs):
        for batch in torch.randperm(len(x), generator=g).split(BATCH):
            if stop is not None and stop.is_set():
                raise Stopped
            pick = torch.randint(0, len(xl), (BATCH,), generator=g)
            loss = (model.labelled_loss(xl[pick], yl[pick], alpha=alpha, generator=g)
                    + model.unlabelled_loss(x[batch], g))
            opt.zero_grad()
            loss.backward()
            opt.step()
            done += 1
            if progress is not None:
                progress(done / steps)
    return model.eval()


def m2_accuracy(model: M2, x_test: Tensor, y_test: Tensor) -> float:
    with torch.no_grad():
        return float((model.classify(x_test).argmax(1) == y_test).float().mean())


@dataclass(frozen=True)
class SemiRow:
    method: str
    labels: int
    seed: int
    accuracy: float                 # on the 1,000 test images
    baseline_pixels: float
    baseline_pca: float
    seconds: float                  # the method's own time (baselines not counted)

    def to_dict(self) -> dict:
        return {"method": self.method, "labels": self.labels, "seed": self.seed,
                "accuracy": self.accuracy, "baseline_pixels": self.baseline_pixels,
                "baseline_pca": self.baseline_pca, "seconds": self.seconds}


def run_method(method: str, labels: int, seed: int, data: DataBundle, *,
               epochs: int | None = None, progress: Progress | None = None,
               stop: threading.Event | None = None,
               baselines: tuple[float, float] | None = None) -> SemiRow:
    """One method with ``labels`` balanced labels drawn with ``seed``, and its baselines."""
    if method not in METHODS:
        raise ValueError(f"unknown semi-supervised method {method!r}")
    idx = balanced_labels(data.train_y.numpy(), labels, seed)
    if baselines is None:
        baselines = (pixel_baseline(data, idx), pca_baseline(data, idx, seed=seed))
    t0 = time.perf_counter()
    if method == "m1":
        acc = m1_accuracy(m1_codes(data), data, idx)
    else:
        if method == "m2":
            x, x_test, likelihood = data.train_x.flatten(1), data.test_x.flatten(1), "bernoulli"
        else:
            codes = m1_codes(data)
            x, x_test, likelihood = codes.train, codes.test, "gaussian"
        model = train_m2(x, data.train_y, idx, likelihood=likelihood, seed=seed,
                         epochs=EPOCHS[method] if epochs is None else epochs, lr=LR[method],
                         progress=progress, stop=stop)
        acc = m2_accuracy(model, x_test, data.test_y)
    if progress is not None:
        progress(1.0)
    return SemiRow(method, labels, seed, acc, *baselines, time.perf_counter() - t0)


@dataclass(frozen=True)
class SemiSpec:
    methods: tuple[str, ...] = METHODS
    labels: tuple[int, ...] = (10, 100, 1000)
    seeds: tuple[int, ...] = (0,)
    epochs: dict = field(default_factory=lambda: dict(EPOCHS))  # by method

    def tasks(self) -> list[tuple[str, int, int]]:
        return [(m, n, s) for n in self.labels for s in self.seeds for m in self.methods]

    def estimate_s(self) -> float:
        """About how long the whole comparison trains on an idle core."""
        return sum(TASK_S + EPOCH_S.get(m, 0.0) * self.epochs.get(m, 0)
                   for m, _, _ in self.tasks())


@dataclass(frozen=True)
class SemiSnapshot:
    status: str                     # pending, running, finished, stopped, failed
    progress: float                 # 0..1 over all tasks
    rows: tuple[SemiRow, ...]
    current: tuple[str, int, int] | None  # (method, labels, seed) being trained
    elapsed_s: float
    error: str = ""

    @property
    def ended(self) -> bool:
        return self.status in ("finished", "stopped", "failed")


class SemiSupervised(BackgroundWork):
    """Every (labels, seed, method) of a ``SemiSpec``, one after another in one thread."""

    def __init__(self, spec: SemiSpec, *, data: DataBundle | None = None) -> None:
        self.spec, self.data = spec, data
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._status, self._error = "pending", ""
        self._rows: list[SemiRow] = []
        self._current: tuple[str, int, int] | None = None
        self._part = 0.0
        self._t0: float | None = None
        self._t_end: float | None = None

    def start(self) -> SemiSupervised:
        self._t0 = time.perf_counter()
        self._start_thread("vae-semi")
        return self

    def stop(self, timeout: float | None = 5.0) -> None:
        self._stop.set()
        self._join_unless_inside(timeout)

    def snapshot(self) -> SemiSnapshot:
        with self._lock:
            n = max(1, len(self.spec.tasks()))
            progress = 1.0 if self._status == "finished" else (len(self._rows) + self._part) / n
            now = self._t_end or time.perf_counter()
            return SemiSnapshot(self._status, min(1.0, progress), tuple(self._rows),
                                self._current, now - self._t0 if self._t0 else 0.0, self._error)

    def _progress(self, part: float) -> None:
        with self._lock:
            self._part = part

    def _run(self) -> None:
        try:
            with self._lock:
                self._status = "running"
            data = self.data if self.data is not None else load_dataset(DATA)
            baselines: dict[tuple[int, int], tuple[float, float]] = {}
            for method, n, seed in self.spec.tasks():
                with self._lock:
                    self._current, self._part = (method, n, seed), 0.0
                if (n, seed) not in baselines:
                    idx = balanced_labels(data.train_y.numpy(), n, seed)
                    baselines[n, seed] = (pixel_baseline(data, idx),
                                          pca_baseline(data, idx, seed=seed))
                row = run_method(method, n, seed, data, epochs=self.spec.epochs.get(method),
                                 progress=self._progress, stop=self._stop,
                                 baselines=baselines[n, seed])
                with self._lock:
                    self._rows.append(row)
            self._end("finished")
        except Stopped:
            self._end("stopped")
        except Exception as exc:  # the thread must report, never die silently
            self._end("failed", f"{type(exc).__name__}: {exc}")

    def _end(self, status: str, error: str = "") -> None:
        with self._lock:
            self._status, self._error, self._current = status, error, None
            self._t_end = time.perf_counter()


def summarise(rows: list[SemiRow] | tuple[SemiRow, ...]) -> list[dict]:
    """Mean and spread (standard deviation over seeds) per (method, labels), with the
    baselines' means on the same labels; sorted by labels, then by ``METHODS``' order."""
    groups: dict[tuple[str, int], list[SemiRow]] = {}
    for r in rows:
        groups.setdefault((r.method, r.labels), []).append(r)
    out = []
    for (method, n), rs in sorted(groups.items(), key=lambda kv: (kv[0][1],
                                                                  METHODS.index(kv[0][0]))):
        acc = np.array([r.accuracy for r in rs])
        out.append({"method": method, "labels": n, "seeds": len(rs),
                    "accuracy": float(acc.mean()), "spread": float(acc.std()),
                    "baseline_pixels": float(np.mean([r.baseline_pixels for r in rs])),
                    "baseline_pca": float(np.mean([r.baseline_pca for r in rs])),
                    "seconds": float(np.mean([r.seconds for r in rs]))})
    return out
