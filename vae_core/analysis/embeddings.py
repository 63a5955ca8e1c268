"""2-D views of the latent means μ: raw axes, PCA and t-SNE, in scikit-learn's style.

``__init__`` stores settings only, ``fit`` returns ``self``, learned results end in ``_``.
Inputs are (N, K) tensors or arrays; outputs are NumPy float64 arrays, ready for a plot.
``project(name, mu, **settings)`` picks a projection by name for the UI.

t-SNE (van der Maaten & Hinton 2008) runs on openTSNE (Poličar et al. 2024) when it is installed
(it reports progress, and it scales better), else on scikit-learn; both are deterministic for a
seed. ``n_iter`` counts *all* gradient steps, the early-exaggeration phase included
(scikit-learn's ``max_iter`` convention). ``n_jobs`` bounds the threads of either backend; on a
machine shared with other busy processes ``n_jobs=1`` can be several times faster than 2
(threads that wait for each other at every step lose whole time slices).
"""

from __future__ import annotations

import inspect
import os
import time
from collections.abc import Callable
from typing import Any

import numpy as np
from sklearn.decomposition import PCA
from torch import Tensor

from vae_core.messages import AnalysisError

ArrayLike = Tensor | np.ndarray
Progress = Callable[[int, int], None]

TSNE_BACKENDS = ("auto", "opentsne", "sklearn")
EARLY_EXAGGERATION_ITER = 250  # scikit-learn's fixed exploration phase; openTSNE's default
SKLEARN_MIN_ITER = 250         # scikit-learn refuses max_iter < 250
PROGRESS_EVERY = 25            # openTSNE calls the progress callback every this many iterations
# openTSNE settings measured on 2 cores, one thread, clustered 8-d latents (see README, row 6):
# exact neighbours took 0.23 s at 5,000 points where openTSNE's default (Annoy) took 2.0 s;
# the FFT gradient overtakes Barnes-Hut between 3,500 points (6.8 s vs 6.5 s) and 4,200 (6.5 vs
# 7.9); at 5,000 it is 6.9 s vs 8.7 s.
FFT_FROM_POINTS = 4000
EXACT_NEIGHBOURS_UP_TO_DIM = 64


def _as_numpy(x: ArrayLike) -> np.ndarray:
    """A float64 NumPy copy of a tensor or array (callers' arrays are never changed)."""
    a = x.detach().cpu().numpy() if isinstance(x, Tensor) else x
    return np.array(a, dtype=np.float64)


def _as_2d(x: ArrayLike, name: str = "mu") -> np.ndarray:
    """(N, K) float64 NumPy copy of a tensor or array; refuses NaN/inf and other ranks."""
    a = _as_numpy(x)
    if a.ndim != 2:
        raise AnalysisError("not_2d", name=name, shape=a.shape)
    if not np.isfinite(a).all():
        raise AnalysisError("not_finite", name=name)
    return a


def opentsne_available() -> bool:
    try:
        import openTSNE  # noqa: F401
    except ImportError:
        return False
    return True


class PCAProjection:
    """Principal components of μ (a wrapper of ``sklearn.decomposition.PCA``) with an inverse,
    so a click on the 2-D map can be decoded: inverse_transform(coords) lies in μ's space."""

    def __init__(self, n_components: int = 2) -> None:
        self.n_components = n_components

    def fit(self, mu: ArrayLike) -> PCAProjection:
        a = _as_2d(mu)
        n, k = a.shape
        if not isinstance(self.n_components, int) or self.n_components < 1:
            raise AnalysisError("pca_components", value=repr(self.n_components))
        if self.n_components > min(n, k):
            raise AnalysisError("pca_too_few", n_components=self.n_components, n=n, k=k)
        self.pca_ = PCA(n_components=self.n_components, svd_solver="full").fit(a)
        self.mean_ = self.pca_.mean_                          # (K,)
        self.components_ = self.pca_.components_              # (n_components, K)
        self.explained_variance_ratio_ = self.pca_.explained_variance_ratio_
        self.n_features_in_ = k
        return self

    def transform(self, mu: ArrayLike) -> np.ndarray:
        """(N, K) -> (N, n_components)."""
        return self.pca_.transform(_as_2d(mu))

    def fit_transform(self, mu: ArrayLike) -> np.ndarray:
        return self.fit(mu).transform(mu)

    def inverse_transform(self, coords: ArrayLike) -> np.ndarray:
        """(N, n_components) -> (N, K): the point of the principal plane at those coordinates."""
        return self.pca_.inverse_transform(_as_2d(coords, "coords"))


class RawProjection:
    """Two latent axes as they are. ``inverse_transform`` puts the coordinates into ``dims`` of a
    copy of ``base`` (zeros by default), so the other dims sit at the prior's mean."""

    def __init__(self, dims: tuple[int, int] = (0, 1), *,
                 base: ArrayLike | None = None) -> None:
        self.dims = dims
        self.base = base

    def fit(self, mu: ArrayLike) -> RawProjection:
        k = _as_2d(mu).shape[1]
        dims = tuple(int(d) for d in self.dims)
        if len(dims) != 2 or dims[0] == dims[1] or not all(0 <= d < k for d in dims):
            raise AnalysisError("raw_dims", last=k - 1, value=repr(self.dims))
        base = np.zeros(k) if self.base is None else _as_2d(np.reshape(
            _as_numpy(self.base), (1, -1)), "base")[0]  # (K,) -> (1, K) -> (K,)
        if base.shape != (k,):
            raise AnalysisError("raw_base", k=k, n=base.shape[0])
        self.dims_ = dims
        self.base_ = base
        self.n_features_in_ = k
        return self

    def transform(self, mu: ArrayLike) -> np.ndarray:
        """(N, K) -> (N, 2)."""
        return _as_2d(mu)[:, list(self.dims_)]

    def fit_transform(self, mu: ArrayLike) -> np.ndarray:
        return self.fit(mu).transform(mu)

    def inverse_transform(self, coords: ArrayLike) -> np.ndarray:
        """(N, 2) -> (N, K): ``base_`` with ``dims_`` replaced by the coordinates."""
        c = _as_2d(coords, "coords")
        if c.shape[1] != 2:
            raise AnalysisError("coords_shape", shape=c.shape)
        z = np.tile(self.base_, (c.shape[0], 1))  # (K,) -> (N, K)
        z[:, list(self.dims_)] = c
        return z


class TSNEProjection:
    """t-SNE of μ to 2-D; ``fit_transform`` only (t-SNE has no out-of-sample map).

    Learned: ``embedding_`` (N, 2), ``backend_`` ("opentsne" or "sklearn"), ``kl_divergence_``
    (the final KL(P‖Q)), ``n_iter_`` (steps run; scikit-learn runs at least 250).
    """

    def __init__(self, perplexity: float = 30.0, n_iter: int = 500, seed: int = 0,
                 n_jobs: int = 1, backend: str = "auto") -> None:
        self.perplexity = perplexity
        self.n_iter = n_iter
        self.seed = seed
        self.n_jobs = n_jobs
        self.backend = backend

    def _check(self, n: int) -> None:
        if self.backend not in TSNE_BACKENDS:
            raise AnalysisError("tsne_backend", value=repr(self.backend),
                                choices=", ".join(TSNE_BACKENDS))
        if isinstance(self.perplexity, bool) or not isinstance(self.perplexity, (int, float)) \
                or not self.perplexity > 0:
            raise AnalysisError("tsne_perplexity", value=repr(self.perplexity))
        if self.perplexity >= n:
            raise AnalysisError("tsne_perplexity_points", perplexity=self.perplexity, n=n)
        if isinstance(self.n_iter, bool) or not isinstance(self.n_iter, int) or self.n_iter < 1:
            raise AnalysisError("tsne_n_iter", value=repr(self.n_iter))
        if isinstance(self.n_jobs, bool) or not isinstance(self.n_jobs, int) \
                or not (self.n_jobs >= 1 or self.n_jobs == -1):
            raise AnalysisError("tsne_n_jobs", value=repr(self.n_jobs))

    def resolve_backend(self) -> str:
        """The backend ``fit_transform`` uses: "auto" is openTSNE whenever it is installed (as fast
        as scikit-learn at 1k-5k points within the noise of bench_latent.py, 5× faster at 70k
        and it reports progress)."""
        if self.backend != "auto":
            if self.backend == "opentsne" and not opentsne_available():
                raise AnalysisError("no_opentsne")
            return self.backend
        return "opentsne" if opentsne_available() else "sklearn"

    def fit_transform(self, mu: ArrayLike, *, progress: Progress | None = None) -> np.ndarray:
        """(N, K) -> (N, 2). ``progress(iteration, total)`` is called as the optimisation goes
        (openTSNE: every 25 iterations; scikit-learn: at the start and the end only)."""
        a = _as_2d(mu)
        self._check(a.shape[0])
        self.backend_ = self.resolve_backend()
        run = self._opentsne if self.backend_ == "opentsne" else self._sklearn
        self.embedding_ = np.asarray(run(a, progress), dtype=np.float64)
        return self.embedding_

    def _sklearn(self, a: np.ndarray, progress: Progress | None) -> np.ndarray:
        from sklearn.manifold import TSNE
        from threadpoolctl import threadpool_limits

        total = max(self.n_iter, SKLEARN_MIN_ITER)
        if progress is not None:
            progress(0, total)
        # scikit-learn < 1.5 calls max_iter n_iter
        iter_key = "max_iter" if "max_iter" in inspect.signature(TSNE).parameters else "n_iter"
        tsne = TSNE(n_components=2, perplexity=float(self.perplexity), **{iter_key: total},
                    init="pca" if a.shape[1] >= 2 else "random", learning_rate="auto",
                    random_state=self.seed, n_jobs=self.n_jobs)
        # n_jobs only reaches scikit-learn's neighbour search; its Barnes-Hut gradient takes
        # every OpenMP thread unless limited here
        threads = (os.cpu_count() or 1) if self.n_jobs == -1 else self.n_jobs
        with threadpool_limits(limits=threads, user_api="openmp"):
            out = tsne.fit_transform(a)
        self.kl_divergence_ = float(tsne.kl_divergence_)
        self.n_iter_ = int(tsne.n_iter_) + 1  # scikit-learn reports the last index
        if progress is not None:
            progress(total, total)
        return out

    def _opentsne(self, a: np.ndarray, progress: Progress | None) -> np.ndarray:
        from openTSNE import TSNE

        early = min(EARLY_EXAGGERATION_ITER, self.n_iter // 2)
        phases = (early, self.n_iter - early)
        tracker = _PhaseProgress(phases, progress)
        if progress is not None:
            progress(0, self.n_iter)
        n, dim = a.shape
        tsne = TSNE(n_components=2, perplexity=float(self.perplexity),
                    early_exaggeration_iter=phases[0], n_iter=phases[1],
                    neighbors="exact" if dim <= EXACT_NEIGHBOURS_UP_TO_DIM else "auto",
                    negative_gradient_method="fft" if n >= FFT_FROM_POINTS else "bh",
                    initialization="pca" if dim >= 2 else "random",
                    n_jobs=self.n_jobs, random_state=self.seed,
                    callbacks=[tracker] if progress is not None else None,
                    callbacks_every_iters=PROGRESS_EVERY)
        embedding = tsne.fit(a)
        self.kl_divergence_ = float(embedding.kl_divergence)
        self.n_iter_ = self.n_iter
        if progress is not None:
            progress(self.n_iter, self.n_iter)
        return embedding


class _PhaseProgress:
    """openTSNE counts iterations from 1 in each phase (early exaggeration, then the rest); this
    turns them into one count over both. ``optimization_about_to_start`` is openTSNE's hook."""

    def __init__(self, phases: tuple[int, int], progress: Progress | None) -> None:
        self.phases = phases
        self.progress = progress
        self.phase = -1

    def optimization_about_to_start(self) -> None:
        self.phase += 1

    def __call__(self, iteration: int, error: float, embedding: Any) -> bool:
        offset = sum(self.phases[:max(self.phase, 0)])
        total = sum(self.phases)
        if self.progress is not None and offset + iteration < total:
            self.progress(offset + iteration, total)
        return False  # never interrupt


PROJECTIONS = ("raw", "pca", "tsne")


def project(name: str, mu: ArrayLike, **settings: Any) -> tuple[np.ndarray, dict[str, Any]]:
    """Project μ (N, K) to 2-D coordinates (N, 2) with the projection called ``name``.

    ``settings`` go to the projection's constructor (``progress`` to t-SNE's fit). ``info`` holds
    ``name``, ``seconds``, ``invertible`` and ``projection`` (the fitted object: use its
    ``inverse_transform`` to decode a clicked spot); PCA adds ``explained_variance_ratio``
    (a list), t-SNE ``backend``, ``kl_divergence`` and ``n_iter``.
    """
    t0 = time.perf_counter()
    if name == "raw":
        proj: Any = RawProjection(**settings).fit(mu)
        coords = proj.transform(mu)
        info: dict[str, Any] = {"invertible": True}
    elif name == "pca":
        proj = PCAProjection(**settings).fit(mu)
        coords = proj.transform(mu)
        info = {"invertible": True,
                "explained_variance_ratio": proj.explained_variance_ratio_.tolist()}
    elif name == "tsne":
        progress = settings.pop("progress", None)
        proj = TSNEProjection(**settings)
        coords = proj.fit_transform(mu, progress=progress)
        info = {"invertible": False, "backend": proj.backend_,
                "kl_divergence": proj.kl_divergence_, "n_iter": proj.n_iter_}
    else:
        raise AnalysisError("unknown_projection", value=repr(name))
    info.update(name=name, projection=proj, seconds=time.perf_counter() - t0)
    return coords, info
