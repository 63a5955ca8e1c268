"""scikit-learn's 8×8 handwritten digits: the embedded default dataset (no download, ever).

1,797 images of 8×8 pixels with grey levels 0..16 (UCI "Optical Recognition of Handwritten Digits",
test part), scaled /16 to [0, 1] and shaped (N, 1, 8, 8). There is no official split: a seeded
random share ``test_fraction`` is held out.
"""

from __future__ import annotations

import torch

from vae_core.data.base import DataBundle, split_indices

N_DIGITS = 1797
MAX_GREY = 16.0  # load_digits pixels are integers 0..16
CLASS_NAMES = tuple(str(d) for d in range(10))


def load_digits_bundle(*, test_fraction: float = 0.2, seed: int = 0) -> DataBundle:
    """The digits as a ``DataBundle``, split by ``split_indices(1797, test_fraction, seed)``."""
    from sklearn.datasets import load_digits  # imported here: sklearn's import takes ~1 s

    raw = load_digits()
    images = torch.from_numpy(raw.images).to(torch.float32).div_(MAX_GREY)  # (N, 8, 8)
    images = images.unsqueeze(1).contiguous()  # (N, 8, 8) -> (N, 1, 8, 8)
    labels = torch.from_numpy(raw.target).to(torch.int64)  # (N,)
    train_idx, test_idx = split_indices(images.shape[0], test_fraction, seed)
    return DataBundle(
        name="digits",
        train_x=images[train_idx], train_y=labels[train_idx],
        test_x=images[test_idx], test_y=labels[test_idx],
        class_names=CLASS_NAMES,
    )
