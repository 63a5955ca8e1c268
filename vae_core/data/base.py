"""What every dataset shares: the preloaded ``DataBundle``, the offline error, batching by index.

Datasets are preloaded once as float tensors in [0, 1] and batched by indexing (no per-sample
``Dataset`` / PIL path: it costs about 20 % of an MNIST epoch on a 2-core machine).
"""

from __future__ import annotations

import dataclasses
import math
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch
from torch import Tensor

from vae_core.messages import DATASET_MESSAGES

DATA_DIR_ENV = "VAE_LAB_DATA_DIR"


def default_data_dir() -> Path:
    """``$VAE_LAB_DATA_DIR`` if set, else ``~/.cache/vae-lab/data`` (read at call time)."""
    env = os.environ.get(DATA_DIR_ENV)
    return Path(env).expanduser() if env else Path("~/.cache/vae-lab/data").expanduser()


DEFAULT_DATA_DIR = default_data_dir()  # the value at import; loaders call default_data_dir()


def resolve_data_dir(data_dir: str | os.PathLike[str] | None) -> Path:
    """The folder torchvision datasets live in: ``data_dir`` if given, else the default."""
    return Path(data_dir).expanduser() if data_dir else default_data_dir()


class DatasetUnavailable(ValueError):
    """A dataset cannot be had: its files are missing and could not be downloaded, or cannot be
    read. ``code`` and ``params`` say why and where the files go (the app words them in each
    language); ``str()`` is the English of ``vae_core.messages.DATASET_MESSAGES``."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code, self.params = code, params
        super().__init__(DATASET_MESSAGES[code].format(**params))

    def __reduce__(self) -> tuple[Any, ...]:  # the default would call __init__(message)
        return _rebuild, (type(self), self.code, self.params, self.__dict__)


def _rebuild(cls: type, code: str, params: dict[str, Any],
             attrs: dict[str, Any]) -> DatasetUnavailable:
    exc = cls.__new__(cls)
    DatasetUnavailable.__init__(exc, code, **params)
    exc.__dict__.update(attrs)
    return exc


class UploadNotLoaded(DatasetUnavailable):
    """An uploaded dataset lives only in the browser session that uploaded it: a model trained
    on it can be opened later, but its test images are gone until the same file is uploaded
    again (``name`` and ``content_hash`` say which)."""

    def __init__(self, name: str, content_hash: str) -> None:
        super().__init__("upload_not_loaded", name=name, content_hash=content_hash)
        self.name, self.content_hash = name, content_hash


@dataclass(frozen=True, eq=False, repr=False)
class DataBundle:
    """One dataset, preloaded: images in [0, 1], labels and (for ``shapes``) ground-truth factors.

    ``eq=False`` keeps identity comparison and hashing (tensors have no truth value), and the
    ``repr`` is a one-line summary instead of the tensors' contents.
    """

    name: str
    train_x: Tensor                       # (N, C, H, W) float32 in [0, 1], contiguous
    train_y: Tensor                       # (N,) int64 class labels (shapes: the shape index)
    test_x: Tensor                        # (M, C, H, W) float32 in [0, 1], contiguous
    test_y: Tensor                        # (M,) int64
    class_names: tuple[str, ...]
    factor_names: tuple[str, ...] = ()    # shapes: ("shape", "scale", "rotation", "x", "y")
    factor_sizes: tuple[int, ...] = ()    # number of values of each factor
    train_factors: Tensor | None = None   # (N, F) int64 ground-truth factor indices
    test_factors: Tensor | None = None    # (M, F) int64
    anomaly_x: Tensor | None = None       # signals: (A, C, H, W) held-out anomalous sequences
    anomaly_y: Tensor | None = None       # (A,) int64 index into anomaly_names
    anomaly_names: tuple[str, ...] = ()   # signals: ("spike", "level shift", ...)

    def __post_init__(self) -> None:
        for split, x, y, factors in (("train", self.train_x, self.train_y, self.train_factors),
                                     ("test", self.test_x, self.test_y, self.test_factors)):
            if x.ndim != 4:
                raise ValueError(f"{split}_x must be (N, C, H, W), got shape {tuple(x.shape)}")
            if y.ndim != 1 or y.shape[0] != x.shape[0]:
                raise ValueError(f"{split}_y must be ({x.shape[0]},), got {tuple(y.shape)}")
            if factors is not None and tuple(factors.shape) != (x.shape[0], len(self.factor_names)):
                raise ValueError(f"{split}_factors must be ({x.shape[0]}, "
                                 f"{len(self.factor_names)}), got {tuple(factors.shape)}")
        if self.train_x.shape[1:] != self.test_x.shape[1:]:
            raise ValueError("train_x and test_x must have the same (C, H, W)")
        if len(self.factor_names) != len(self.factor_sizes):
            raise ValueError("factor_names and factor_sizes must have the same length")
        if self.anomaly_x is not None and (self.anomaly_x.shape[1:] != self.train_x.shape[1:]
                                           or self.anomaly_y is None
                                           or self.anomaly_y.shape != self.anomaly_x.shape[:1]):
            raise ValueError("anomaly_x must be (A, C, H, W) like train_x, with anomaly_y (A,)")

    @property
    def input_shape(self) -> tuple[int, int, int]:
        """(C, H, W) of one image."""
        c, h, w = self.train_x.shape[1:]
        return int(c), int(h), int(w)

    @property
    def n_pixels(self) -> int:
        c, h, w = self.input_shape
        return c * h * w

    @property
    def n_train(self) -> int:
        return int(self.train_x.shape[0])

    @property
    def n_test(self) -> int:
        return int(self.test_x.shape[0])

    @property
    def is_sequence(self) -> bool:
        """True for 1-D sequences stored as one-row images (C = H = 1): drawn as waveforms."""
        return is_sequence_shape(self.input_shape)

    @property
    def has_factors(self) -> bool:
        return self.train_factors is not None

    def to(self, device: torch.device | str) -> DataBundle:
        """A copy with every tensor on ``device`` (the bundle itself is not changed)."""
        def move(t: Tensor | None) -> Tensor | None:
            return None if t is None else t.to(device)

        return dataclasses.replace(
            self, train_x=move(self.train_x), train_y=move(self.train_y),
            test_x=move(self.test_x), test_y=move(self.test_y),
            train_factors=move(self.train_factors), test_factors=move(self.test_factors),
            anomaly_x=move(self.anomaly_x), anomaly_y=move(self.anomaly_y))

    def __repr__(self) -> str:
        c, h, w = self.input_shape
        factors = f", factors={self.factor_names}" if self.factor_names else ""
        return (f"DataBundle(name={self.name!r}, train={self.n_train}, test={self.n_test}, "
                f"input_shape=({c}, {h}, {w}), classes={len(self.class_names)}{factors}, "
                f"device={self.train_x.device})")


def is_sequence_shape(shape) -> bool:
    """(C, H, W) with C = H = 1 and W > 1: a 1-D sequence of W steps, not a picture."""
    c, h, w = (int(v) for v in shape[-3:])
    return c == 1 and h == 1 and w > 1


def split_indices(n: int, test_fraction: float, seed: int) -> tuple[Tensor, Tensor]:
    """A deterministic random train/test split of ``range(n)``: (train_idx, test_idx), each sorted.

    ``round(n * test_fraction)`` items (at least 1, at most n - 1) go to the test set.
    """
    if n < 2:
        raise ValueError(f"need at least 2 items to split, got {n}")
    n_test = min(max(round(n * test_fraction), 1), n - 1)
    generator = torch.Generator().manual_seed(seed)
    perm = torch.randperm(n, generator=generator)
    return perm[n_test:].sort().values, perm[:n_test].sort().values


def iterate_minibatches(x: Tensor, batch_size: int, *, generator: torch.Generator | None,
                        shuffle: bool = True) -> Iterator[Tensor]:
    """Yield index tensors (int64, on ``x.device``) that cover ``range(len(x))`` exactly once.

    Batch by indexing the preloaded tensor: ``for idx in iterate_minibatches(x, 128, ...):
    xb = x[idx]``. The last batch is shorter when ``batch_size`` does not divide N. With
    ``shuffle`` the order is a permutation drawn from ``generator`` (the global RNG of x's
    device when None); the same seed gives the same batches, whatever device x is on.
    """
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise ValueError(f"batch_size must be a positive integer, got {batch_size!r}")
    n = int(x.shape[0])
    if shuffle:
        device = generator.device if generator is not None else x.device
        order = torch.randperm(n, generator=generator, device=device).to(x.device)
    else:
        order = torch.arange(n, device=x.device)
    for start in range(0, n, batch_size):
        yield order[start:start + batch_size]


def binarize(x: Tensor, generator: torch.Generator | None = None) -> Tensor:
    """Dynamic binarisation: each pixel is 1 with probability equal to its grey level.

    Drawn afresh for every batch, so a Bernoulli decoder sees true binary data (the usual
    protocol for binarised MNIST). ``generator`` must live on x's device.
    """
    return torch.bernoulli(x, generator=generator)


NOISE_KINDS = ("gaussian", "salt_pepper")


def add_noise(x: Tensor, kind: str, level: float, *,
              generator: torch.Generator | None = None) -> Tensor:
    """A noisy copy of images ``x`` in [0, 1], on x's device (``generator`` must live there).

    ``gaussian``: x + level·ε, ε ~ N(0, 1) per pixel, clipped to [0, 1] (level = σ ≥ 0).
    ``salt_pepper``: each pixel, with probability ``level`` ∈ [0, 1], becomes 0 or 1 (even odds).
    """
    if not (isinstance(level, (int, float)) and math.isfinite(level) and level >= 0):
        raise ValueError(f"noise level must be a finite number ≥ 0, got {level!r}")
    if kind == "gaussian":
        eps = torch.randn(x.shape, generator=generator, device=x.device)
        return (x + level * eps).clamp(0, 1)
    if kind == "salt_pepper":
        if level > 1:
            raise ValueError(f"salt-and-pepper level is a fraction in [0, 1], got {level!r}")
        hit = torch.rand(x.shape, generator=generator, device=x.device) < level
        salt = (torch.rand(x.shape, generator=generator, device=x.device) < 0.5).to(x.dtype)
        return torch.where(hit, salt, x)
    raise ValueError(f"unknown noise kind {kind!r} (one of {', '.join(NOISE_KINDS)})")


def corrupt(x: Tensor, *, sigma: float, fraction: float,
            generator: torch.Generator | None = None) -> Tensor:
    """The encoder's input of a denoising VAE (Vincent et al. 2008; Im et al. 2017): Gaussian
    noise of ``sigma`` or salt and pepper on ``fraction`` of the pixels; with both > 0 each
    image gets one of the two, even odds, so one model learns to undo either."""
    kinds = [(kind, level) for kind, level in (("gaussian", sigma), ("salt_pepper", fraction))
             if level > 0]
    if not kinds:
        return x
    noisy = [add_noise(x, kind, level, generator=generator) for kind, level in kinds]
    if len(noisy) == 1:
        return noisy[0]
    pick = torch.rand(x.shape[0], generator=generator, device=x.device) < 0.5
    pick = pick.view(-1, *([1] * (x.ndim - 1)))  # (N,) -> (N, 1, 1, 1)
    return torch.where(pick, noisy[0], noisy[1])
