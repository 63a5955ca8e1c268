"""MNIST, Fashion-MNIST and KMNIST through ``torchvision.datasets``, preloaded as tensors.

torchvision reads the four raw IDX files from ``<root>/<ClassName>/raw/``::

    <root>/MNIST/raw/train-images-idx3-ubyte   (60,000 × 28 × 28)
    <root>/MNIST/raw/train-labels-idx1-ubyte
    <root>/MNIST/raw/t10k-images-idx3-ubyte    (10,000 × 28 × 28)
    <root>/MNIST/raw/t10k-labels-idx1-ubyte

(``FashionMNIST/raw`` and ``KMNIST/raw`` likewise). ``<root>`` is ``DataConfig.data_dir``, else
``$VAE_LAB_DATA_DIR``, else ``~/.cache/vae-lab/data``. Files placed there as ``.gz`` are
decompressed next to themselves. When the files are missing, one download is tried with a short
socket timeout; if it fails (offline), ``DatasetUnavailable`` says where to put the files.

The whole split is read once through the dataset's ``.data`` / ``.targets`` tensors (uint8) and
scaled /255: never the per-sample ``__getitem__`` / PIL path.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import socket
from pathlib import Path
from typing import Any

import torch

from vae_core.data.base import DATA_DIR_ENV, DataBundle, DatasetUnavailable, resolve_data_dir

TORCHVISION_CLASSES = {"mnist": "MNIST", "fashion-mnist": "FashionMNIST", "kmnist": "KMNIST"}
RAW_FILES = ("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
             "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")
DOWNLOAD_TIMEOUT_S = 10.0  # socket timeout while downloading; offline fails fast, never hangs
MAX_PIXEL = 255.0


def raw_folder(name: str, data_dir: str | os.PathLike[str] | None = None) -> Path:
    """Where torchvision expects dataset ``name``'s raw IDX files."""
    return resolve_data_dir(data_dir) / _class_name(name) / "raw"


def files_present(name: str, data_dir: str | os.PathLike[str] | None = None) -> bool:
    """True when all four raw files (or their ``.gz``) are in ``raw_folder(name, data_dir)``."""
    raw = raw_folder(name, data_dir)
    return all((raw / f).is_file() or (raw / f"{f}.gz").is_file() for f in RAW_FILES)


def load_torchvision_bundle(name: str, *, data_dir: str | os.PathLike[str] | None = None,
                            download: bool = True,
                            timeout_s: float = DOWNLOAD_TIMEOUT_S) -> DataBundle:
    """Load ``name`` (mnist, fashion-mnist, kmnist) with its fixed 60k/10k split.

    Reads local files first (``download=False``); only when they are missing, and ``download``
    is true, tries torchvision's download. Raises ``DatasetUnavailable`` (a ``ValueError``) with
    the folder and file names when the data cannot be had.
    """
    from torchvision import datasets  # imported here: torchvision's import takes seconds

    cls = getattr(datasets, _class_name(name))
    root = resolve_data_dir(data_dir)
    raw = root / cls.__name__ / "raw"  # torchvision's MNIST.raw_folder
    _gunzip_missing(raw)
    train = _read_split(cls, root, name, train=True)
    if train is None:
        if not download:
            raise DatasetUnavailable(_missing_message(name, raw))
        train = _download(cls, root, name, timeout_s=timeout_s)
    test = _read_split(cls, root, name, train=False)
    if test is None:
        raise DatasetUnavailable(_missing_message(name, raw))
    return DataBundle(
        name=name,
        train_x=_to_images(train.data), train_y=train.targets.to(torch.int64),
        test_x=_to_images(test.data), test_y=test.targets.to(torch.int64),
        class_names=tuple(str(c) for c in cls.classes),
    )


def _class_name(name: str) -> str:
    try:
        return TORCHVISION_CLASSES[name]
    except KeyError:
        choices = ", ".join(TORCHVISION_CLASSES)
        raise ValueError(f"unknown torchvision dataset {name!r}; choose one of {choices}") from None


def _to_images(data: torch.Tensor) -> torch.Tensor:
    # (N, 28, 28) uint8 -> (N, 1, 28, 28) float32 in [0, 1]
    return data.to(torch.float32).div_(MAX_PIXEL).unsqueeze(1).contiguous()


def _missing_message(name: str, raw: Path, reason: str | None = None) -> str:
    """One line: what is missing, why, and exactly where to put which files."""
    files = ", ".join(f"{f}[.gz]" for f in RAW_FILES)
    why = f" and the download failed ({reason})" if reason else ""
    return (f"dataset {name!r} is not available: its files are not in {raw}{why}. "
            f"Put {files} into {raw}, or set data_dir / ${DATA_DIR_ENV} to a folder that holds "
            f"{raw.parent.name}/raw/.")


def _one_line(err: BaseException, limit: int = 160) -> str:
    """The error on one short line; for torchvision's multi-mirror report, the first cause."""
    text = " ".join(str(err).split()) or type(err).__name__
    cause = re.search(r"got: (.+?)(?: Tried |$)", text)  # "Tried <mirror>, got: <error> Tried …"
    if cause:
        text = cause.group(1)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _gunzip_missing(raw: Path) -> None:
    """Decompress ``X.gz`` to ``X`` for each raw file present only compressed (atomic rename)."""
    for f in RAW_FILES:
        target, packed = raw / f, raw / f"{f}.gz"
        if target.is_file() or not packed.is_file():
            continue
        partial = raw / f"{f}.partial"
        try:
            with gzip.open(packed, "rb") as src, open(partial, "wb") as dst:
                shutil.copyfileobj(src, dst)
            os.replace(partial, target)
        except (OSError, EOFError) as err:
            partial.unlink(missing_ok=True)
            raise DatasetUnavailable(f"could not decompress {packed}: {_one_line(err)}") from err


def _read_split(cls: Any, root: Path, name: str, *, train: bool) -> Any | None:
    """The torchvision dataset for one split read from local files, None if they are missing."""
    try:
        ds = cls(str(root), train=train, download=False)
    except Exception as err:  # missing: RuntimeError; corrupt: AssertionError, RuntimeError, …
        raw = root / cls.__name__ / "raw"
        if not all((raw / f).is_file() for f in RAW_FILES):
            return None
        raise DatasetUnavailable(f"dataset {name!r}: the files in {raw} could not be read "
                                 f"({_one_line(err)}); replace them with the original IDX "
                                 f"files {', '.join(RAW_FILES)}.") from err
    if ds.data.ndim != 3 or ds.data.shape[0] != ds.targets.shape[0]:
        raise DatasetUnavailable(f"dataset {name!r}: images and labels in {root / cls.__name__} "
                                 f"do not match ({tuple(ds.data.shape)} images, "
                                 f"{tuple(ds.targets.shape)} labels).")
    return ds


def _download(cls: Any, root: Path, name: str, *, timeout_s: float) -> Any:
    """Try torchvision's download once with a short socket timeout; the training split on success.

    The default socket timeout is process-wide, so it is restored right after the attempt.
    """
    previous = socket.getdefaulttimeout()
    socket.setdefaulttimeout(timeout_s)
    try:
        ds = cls(str(root), train=True, download=True)
    except Exception as err:  # URLError / TimeoutError (OSError), torchvision's RuntimeError, …
        raw = root / cls.__name__ / "raw"
        raise DatasetUnavailable(_missing_message(name, raw, _one_line(err))) from err
    finally:
        socket.setdefaulttimeout(previous)
    return ds
