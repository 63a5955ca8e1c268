"""How many bytes of memory a model or an uploaded dataset holds while a session keeps it.

The app bounds what one browser session keeps by these counts (``ui.shell.memory_budget``). It
counts bytes, not items, because items differ by a factor of a thousand: a digits MLP is 60 KB
and an imported model 48 MB; an upload of 20,000 images is 63 MB resized to 28×28 and 328 MB
kept at 64×64 (uploads are kept as float32).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Any

from torch import Tensor, nn

from vae_core.data.base import DataBundle
from vae_core.data.uploads import UploadedDataset

# The Python side of a built VAE (its modules, their dicts and hooks): 25 KB for a small MLP and
# 50 KB for a conv model, measured with tracemalloc; rounded up, so that thousands of tiny models
# are not counted as free.
MODEL_OVERHEAD_BYTES = 64 * 2**10


def tensor_bytes(tensors: Iterable[Tensor | None]) -> int:
    """Bytes of the storages behind ``tensors``, each storage counted once: a view holds its
    whole storage alive, and two names for one storage (tied weights) hold it once."""
    storages: dict[int, int] = {}
    for t in tensors:
        if t is not None:
            storage = t.untyped_storage()
            storages[storage.data_ptr()] = storage.nbytes()
    return sum(storages.values())


def module_footprint(model: nn.Module) -> int:
    """A model's parameters and buffers, plus its Python objects (``MODEL_OVERHEAD_BYTES``)."""
    return tensor_bytes([*model.parameters(), *model.buffers()]) + MODEL_OVERHEAD_BYTES


def object_footprint(value: Any) -> int:
    """``sys.getsizeof`` over a JSON-like value and everything inside it (a summary's lists)."""
    size = sys.getsizeof(value)
    if isinstance(value, dict):
        return size + sum(object_footprint(k) + object_footprint(v) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return size + sum(object_footprint(v) for v in value)
    return size


def checkpoint_footprint(ckpt: Any) -> int:
    """A ``Checkpoint`` in memory: its model and its summary (configs and name are small)."""
    return module_footprint(ckpt.model) + object_footprint(ckpt.summary)


def bundle_footprint(bundle: DataBundle) -> int:
    """A preloaded dataset's tensors: images, labels and ground-truth factors."""
    return tensor_bytes([bundle.train_x, bundle.train_y, bundle.test_x, bundle.test_y,
                         bundle.train_factors, bundle.test_factors])


def upload_footprint(uploaded: UploadedDataset) -> int:
    """What an accepted upload keeps: its bundle (the file's bytes are not kept). Before
    decoding, ``vae_core.data.uploads.kept_bytes`` tells the same from the headers."""
    return bundle_footprint(uploaded.bundle)
