"""Why variational? A plain autoencoder and a VAE with the same layers, seed and data, trained
one after the other in one background job, then compared where they differ: the latent codes
of the test images, what the prior N(0, I) decodes to, and an interpolation.

The number behind the comparison is the **prior share**: the share of decoded prior samples
z ~ N(0, I) that a digit classifier fitted on the training images labels with probability
≥ 0.9; the test images' own share is its ceiling. A VAE's KL term pulls every code towards the
prior, so the prior's draws land where the decoder learned to draw digits; an autoencoder's
codes sit wherever the reconstruction put them, and most prior draws fall in the gaps.

Nothing here knows any UI: a ``WhyVariational`` reports codes and numbers (``snapshot``,
``result``), like ``vae_core.sweeps.Sweep``.
"""

from __future__ import annotations

import dataclasses
import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from torch import Tensor

from vae_core.analysis.encode import encode
from vae_core.analysis.traversal import interpolate, sample_prior
from vae_core.config import ConfigError, DataConfig, ModelConfig, TrainConfig, shown
from vae_core.data import DataBundle, load_dataset
from vae_core.jobs import BackgroundWork, JobSnapshot, TrainingJob
from vae_core.models.base import VAE

KINDS = ("vae", "ae")            # the VAE first: its result is what a learner waits for
CONFIDENT = 0.9                  # a decoded sample "is a digit" at this max class probability
N_SHOWN = 16                     # prior samples shown per model (the same z for both)
N_SCORED = 1000                  # prior samples behind the share
N_INTERPOLATION = 8              # images in each interpolation strip, both ends included
PAIR_LABELS = (0, 7)             # the interpolation runs between the first test 0 and 7
CLASSIFIER_COMPONENTS = 50       # PCA before the logistic regression (see DigitClassifier)
MAX_CLASSIFIERS = 4              # fitted classifiers kept per process, one per dataset
POLL_S = 0.05
TRAIN_SHARE = 0.45               # of the progress bar per model; the measuring gets the rest
DEFAULT_DATA = DataConfig()      # mnist-5k
DEFAULT_TRAIN = TrainConfig(epochs=30, batch_size=64, lr=2e-3)  # the app's sweep defaults
DEFAULT_LATENT = 8


# -- the digit classifier ------------------------------------------------------------------------
class DigitClassifier:
    """Logistic regression on the training images' first principal components
    (scikit-learn ``PCA`` → ``LogisticRegression``).

    The PCA step keeps the classifier honest on images that are not digits: on raw pixels a
    logistic regression confident enough for blurry decoded digits also calls about half of
    uniform-noise images a digit with p ≥ 0.9; projected onto the digits' own 50 directions,
    noise has nothing to be confident about (checked in tests/test_why_variational.py).
    """

    def __init__(self, n_components: int = CLASSIFIER_COMPONENTS, *, C: float = 1.0,
                 max_iter: int = 300, seed: int = 0) -> None:
        self.n_components, self.C, self.max_iter, self.seed = n_components, C, max_iter, seed

    def fit(self, x: Tensor, y: Tensor) -> DigitClassifier:
        a = _flat(x)
        k = min(self.n_components, a.shape[0], a.shape[1])
        self.pipeline_ = Pipeline([
            ("pca", PCA(n_components=k, random_state=self.seed)),
            ("lr", LogisticRegression(C=self.C, max_iter=self.max_iter)),
        ]).fit(a, np.asarray(y))
        self.classes_ = self.pipeline_.classes_
        return self

    def probabilities(self, x: Tensor) -> np.ndarray:
        """Each image's class probabilities, (N, classes), columns in ``classes_`` order."""
        return self.pipeline_.predict_proba(_flat(x))

    def confidence(self, x: Tensor) -> np.ndarray:
        """The largest class probability of each image, (N,)."""
        if len(x) == 0:
            return np.zeros(0)
        return self.pipeline_.predict_proba(_flat(x)).max(axis=1)

    def predict(self, x: Tensor) -> np.ndarray:
        """The most likely class of each image, (N,) (the Applications page's denoising)."""
        if len(x) == 0:
            return np.zeros(0, dtype=np.int64)
        return self.pipeline_.predict(_flat(x))

    def share(self, x: Tensor, *, threshold: float = CONFIDENT) -> float:
        """The share of ``x`` classified with max probability ≥ ``threshold``."""
        p = self.confidence(x)
        return float((p >= threshold).mean()) if len(p) else 0.0


def _flat(x: Tensor | np.ndarray) -> np.ndarray:
    a = x.detach().cpu().numpy() if isinstance(x, Tensor) else np.asarray(x)
    a = np.nan_to_num(a.astype(np.float32), nan=0.0, posinf=1.0, neginf=0.0)
    return a.reshape(a.shape[0], -1)  # (N, C, H, W) -> (N, C*H*W)


_CLASSIFIERS: dict[str, DigitClassifier] = {}
_CLASSIFIERS_LOCK = threading.Lock()


def digit_classifier(data: DataBundle, data_cfg: DataConfig) -> DigitClassifier:
    """The classifier of ``data``'s training images, fitted once per dataset and process
    (about 0.2 s on mnist-5k)."""
    key = json.dumps(data_cfg.to_dict(), sort_keys=True)
    with _CLASSIFIERS_LOCK:
        clf = _CLASSIFIERS.get(key)
        if clf is None:
            clf = DigitClassifier().fit(data.train_x, data.train_y)
            while len(_CLASSIFIERS) >= MAX_CLASSIFIERS:
                _CLASSIFIERS.pop(next(iter(_CLASSIFIERS)))
            _CLASSIFIERS[key] = clf
        return clf


# -- what to compare -----------------------------------------------------------------------------
@dataclass(frozen=True)
class WhySpec:
    model_cfg: ModelConfig          # the shared architecture; its ``variational`` is ignored
    data_cfg: DataConfig = DEFAULT_DATA
    train_cfg: TrainConfig = DEFAULT_TRAIN
    prior_seed: int = 0             # the z ~ N(0, I) drawn for both models
    n_scored: int = N_SCORED

    def __post_init__(self) -> None:
        for name, cls in (("model_cfg", ModelConfig), ("data_cfg", DataConfig),
                          ("train_cfg", TrainConfig)):
            if not isinstance(getattr(self, name), cls):
                raise ConfigError("sweep_config_type", field=name, expected=cls.__name__,
                                  type=type(getattr(self, name)).__name__)
        where = {"field": "n_scored", "allowed": f"[{N_SHOWN}, 100000]",
                 "value": shown(self.n_scored)}
        if isinstance(self.n_scored, bool) or not isinstance(self.n_scored, int):
            raise ConfigError("not_integer", **where)
        if not N_SHOWN <= self.n_scored <= 100_000:
            raise ConfigError("out_of_range", **where)

    def model_config(self, kind: str) -> ModelConfig:
        return dataclasses.replace(self.model_cfg, variational=kind == "vae")


def default_spec(input_shape: tuple[int, int, int], *, epochs: int = DEFAULT_TRAIN.epochs,
                 latent_dim: int = DEFAULT_LATENT, seed: int = 0) -> WhySpec:
    """The page's comparison (and the benchmark's): the app's default MLP (128-64) with
    ``latent_dim`` dims on mnist-5k, the sweeps' training settings, and one seed for the
    weights, the batches, ε and the prior draws."""
    return WhySpec(model_cfg=ModelConfig(input_shape=tuple(input_shape), latent_dim=latent_dim),
                   data_cfg=DEFAULT_DATA,
                   train_cfg=dataclasses.replace(DEFAULT_TRAIN, epochs=epochs, seed=seed),
                   prior_seed=seed)


@dataclass(frozen=True, eq=False)
class ModelView:
    kind: str                       # "vae" or "ae"
    model: VAE
    summary: dict                   # the job's (test_elbo, test_recon, ...)
    train_s: float                  # wall time of its job: building, training, test passes
    coords: np.ndarray              # (N, 2) test codes on the model's own top-2 PCA axes
    explained: tuple[float, float]  # variance ratio of those axes
    prior_images: Tensor            # (N_SHOWN, C, H, W): the shared z, decoded
    interpolation: Tensor           # (N_INTERPOLATION, C, H, W)
    prior_share: float              # of n_scored prior samples, classified with p ≥ 0.9
    code_radius: float              # median ‖μ(x)‖ of the test images (prior: about √K)


@dataclass(frozen=True, eq=False)
class WhyResult:
    views: dict[str, ModelView]     # by kind
    labels: np.ndarray              # (N,) test labels, the colours of both maps
    class_names: tuple[str, ...]
    pair: tuple[int, int]           # the test indices the interpolation joins
    ceiling: float                  # the test images' own share
    limit: float                    # both maps' axes run over [−limit, limit]
    n_scored: int
    threshold: float = CONFIDENT
    classifier_s: float = 0.0

    def __getitem__(self, kind: str) -> ModelView:
        return self.views[kind]


@dataclass(frozen=True)
class WhySnapshot:
    status: str                     # pending, loading, training, measuring, finished, stopped,
    #                                 failed
    jobs: tuple[JobSnapshot, ...]   # one per kind, in ``KINDS`` order
    progress: float                 # 0..1 over both models and the measuring
    elapsed_s: float
    params: dict = field(default_factory=dict)  # "kind" while training, "error" when failed

    @property
    def ended(self) -> bool:
        return self.status in ("finished", "stopped", "failed")


def interpolation_pair(labels: Tensor, wanted: tuple[int, int] = PAIR_LABELS) -> tuple[int, int]:
    """The first test image of each wanted label; (0, 1) where a label is missing."""
    out = []
    for fallback, label in enumerate(wanted):
        hits = (labels == label).nonzero()
        out.append(int(hits[0]) if len(hits) else min(fallback, len(labels) - 1))
    return out[0], out[1]


def plane(mu: Tensor) -> tuple[np.ndarray, tuple[float, float]]:
    """(N, K) codes -> (N, 2) coordinates along their top two principal directions, measured
    from z = 0 (no centring): any orthonormal projection of N(0, I) is N(0, I₂), so the prior's
    1σ/2σ/3σ circles mean the same on every model's map."""
    a = mu.double().numpy()
    if a.shape[1] == 1:
        return np.column_stack([a[:, 0], np.zeros(len(a))]), (1.0, 0.0)
    pca = PCA(n_components=2, svd_solver="full").fit(a)
    ratio = pca.explained_variance_ratio_
    return a @ pca.components_.T, (float(ratio[0]), float(ratio[1]))  # (N, K) @ (K, 2)


def measure(kind: str, model: VAE, summary: dict, train_s: float, data: DataBundle,
            clf: DigitClassifier, spec: WhySpec, pair: tuple[int, int]) -> ModelView:
    """One trained model's half of the comparison."""
    mu, _ = encode(model, data.test_x)
    coords, explained = plane(mu)
    z = sample_prior(model.latent_dim, spec.n_scored, seed=spec.prior_seed)  # local generator
    with torch.no_grad():
        images = torch.cat([model.decode(z[i:i + 1024].to(model.device)).cpu()
                            for i in range(0, len(z), 1024)])
    strip = interpolate(model, data.test_x[pair[0]], data.test_x[pair[1]], N_INTERPOLATION)
    return ModelView(kind=kind, model=model, summary=summary, train_s=train_s, coords=coords,
                     explained=explained, prior_images=images[:N_SHOWN], interpolation=strip,
                     prior_share=clf.share(images),
                     code_radius=float(mu.norm(dim=1).median()) if len(mu) else 0.0)


def axis_limit(views: list[ModelView], *, quantile: float = 0.995, least: float = 3.5,
               outlier: float = 1.5) -> float:
    """One half-width for both maps, set by the widest model: its farthest code (its markers
    whole: × 1.05), unless that lies beyond ``outlier`` × its 99.5th percentile of
    |coordinate|, and never less than the prior's 3σ circle. Per model, not pooled: pooled with
    a VAE's small codes, the percentile fell inside the autoencoder's cloud and cut it off."""
    limits = []
    for v in views:
        if v.coords.size:
            values = np.abs(v.coords)
            top = float(np.quantile(values, quantile))
            limits.append(1.05 * min(float(values.max()), outlier * top))
    limit = max(limits, default=0.0)
    return max(least, limit) if np.isfinite(limit) else least


# -- the background job --------------------------------------------------------------------------
class WhyVariational(BackgroundWork):
    """Trains the VAE, then the autoencoder (one ``TrainingJob`` each, one at a time: it uses
    one slot of the server's ``JobRegistry``), then measures both."""

    def __init__(self, spec: WhySpec, *, data: DataBundle | None = None) -> None:
        self.spec, self.data = spec, data
        self.jobs = {kind: TrainingJob(spec.model_config(kind), spec.data_cfg, spec.train_cfg,
                                       data=data, name=kind) for kind in KINDS}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._status, self._params = "pending", {}
        self._result: WhyResult | None = None
        self._t0: float | None = None
        self._t_end: float | None = None

    def start(self) -> WhyVariational:
        self._t0 = time.perf_counter()
        self._start_thread("vae-why")
        return self

    def stop(self, timeout: float | None = 5.0) -> None:
        self._stop.set()
        for job in self.jobs.values():
            job.stop(timeout=0)
        self._join_unless_inside(timeout)

    def snapshot(self) -> WhySnapshot:
        jobs = tuple(self.jobs[k].snapshot() for k in KINDS)
        with self._lock:
            status, params = self._status, dict(self._params)
            now = self._t_end or time.perf_counter()
            elapsed = now - self._t0 if self._t0 is not None else 0.0
        trained = sum(1.0 if j.ended else j.progress for j in jobs)
        progress = 1.0 if status == "finished" else TRAIN_SHARE * trained
        return WhySnapshot(status=status, jobs=jobs, progress=min(1.0, progress),
                           elapsed_s=elapsed, params=params)

    def result(self) -> WhyResult | None:
        with self._lock:
            return self._result

    def _set(self, status: str, **params: Any) -> None:
        with self._lock:
            self._status, self._params = status, params

    def _run(self) -> None:
        try:
            self._set("loading", dataset=self.spec.data_cfg.dataset)
            if self.data is None:
                self.data = load_dataset(self.spec.data_cfg)
            for kind in KINDS:
                if self._stop.is_set():
                    break
                self._set("training", kind=kind)
                job = self.jobs[kind]
                job.data = self.data
                job.start()
                while job.is_alive():
                    job.join(POLL_S)
                if job.snapshot().status != "finished":
                    break  # stopped, diverged or failed: the other model would compare nothing
            ended = [self.jobs[k].snapshot() for k in KINDS]
            if self._stop.is_set() or any(s.status != "finished" for s in ended):
                failed = next((s for s in ended if s.status in ("failed", "diverged")), None)
                if failed is not None and not self._stop.is_set():
                    self._set("failed", error=failed.message)
                else:
                    self._set("stopped")
                return
            self._set("measuring")
            result = self._measure()
            with self._lock:
                self._result = result
            self._set("finished")
        except Exception as exc:  # the thread must report, never die silently
            for job in self.jobs.values():
                job.stop(timeout=None)
            self._set("failed", error=f"{type(exc).__name__}: {exc}")
        finally:
            with self._lock:
                self._t_end = time.perf_counter()

    def _measure(self) -> WhyResult:
        data, spec = self.data, self.spec
        assert data is not None
        t0 = time.perf_counter()
        clf = digit_classifier(data, spec.data_cfg)
        classifier_s = time.perf_counter() - t0
        pair = interpolation_pair(data.test_y)
        views = {}
        for kind in KINDS:
            job = self.jobs[kind]
            snap, model = job.snapshot(), job.model_copy()
            assert model is not None
            views[kind] = measure(kind, model, dict(snap.summary), snap.elapsed_s, data, clf,
                                  spec, pair)
        return WhyResult(views=views, labels=data.test_y.numpy(),
                         class_names=tuple(data.class_names), pair=pair,
                         ceiling=clf.share(data.test_x), limit=axis_limit(list(views.values())),
                         n_scored=spec.n_scored, classifier_s=classifier_s)
