"""scikit-learn's 8×8 handwritten digits: the embedded default dataset (no download, ever).

1,797 images of 8×8 pixels with grey levels 0..16 (UCI "Optical Recognition of Handwritten Digits",
test part), scaled /16 to [0, 1] and shaped (N, 1, 8, 8). There is no official split: a seeded
random share ``test_fraction`` is held out.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import torch

from vae_core.data.base import DataBundle, split_indices

N_DIGITS = 1797
MAX_GREY = 16.0  # load_digits pixels are integers 0..16
CLASS_NAMES = tuple(str(d) for d in range(10))


def load_digits_bundle(*, test_fraction: float = 0.2, seed: int = 0) -> DataBundle:
    """The digits as a ``DataBundle``, split by ``split_indices(1797, test_fraction, seed)``."""
    pixels, target = read_digits()
    images = torch.from_numpy(pixels).to(torch.float32).div_(MAX_GREY)  # (N, 64)
    images = images.view(-1, 1, 8, 8).contiguous()  # (N, 64) -> (N, 1, 8, 8)
    labels = torch.from_numpy(target).to(torch.int64)  # (N,)
    train_idx, test_idx = split_indices(images.shape[0], test_fraction, seed)
    return DataBundle(
        name="digits",
        train_x=images[train_idx], train_y=labels[train_idx],
        test_x=images[test_idx], test_y=labels[test_idx],
        class_names=CLASS_NAMES,
    )


def read_digits() -> tuple[np.ndarray, np.ndarray]:
    """The (1797, 64) uint8 pixels and (1797,) labels of ``sklearn.datasets.load_digits``.

    Read straight from the CSV that scikit-learn ships, because importing ``sklearn.datasets``
    costs 1-1.5 s of the app's cold start; ``load_digits`` is the fallback should the file move.
    """
    spec = importlib.util.find_spec("sklearn")  # finds the package without importing it
    for root in (spec.submodule_search_locations or []) if spec else []:
        csv = Path(root) / "datasets" / "data" / "digits.csv.gz"
        if csv.is_file():
            table = np.loadtxt(csv, delimiter=",", dtype=np.uint8)  # (N, 64 pixels + label)
            if table.shape == (N_DIGITS, 65):
                return table[:, :64], table[:, 64]
    from sklearn.datasets import load_digits

    raw = load_digits()
    return raw.data.astype(np.uint8), raw.target
