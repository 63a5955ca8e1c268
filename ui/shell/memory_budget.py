"""The memory one browser session may hold: its session models and its uploaded datasets
together, counted in bytes (``vae_core.footprint``), at most ``cap_bytes()``.

Counting items let a tab hold over 1 GB (12 models of 48 MB and 2 uploads of 330 MB), so a
class of 30 on one server had no bound. Past the cap, the least recently used session models go
first (saved ones stay in the library; the picker names them), and a new upload first lets the
session's older uploads go. What cannot fit even then is refused: an upload bigger than the cap
less the selected model, a model file bigger than the cap. The plan here is pure (sizes in,
names out); ``ui.shell.state`` holds the session's things and lets them go.
"""

from __future__ import annotations

import os

SESSION_MB_ENV = "VAE_LAB_SESSION_MB"
# 128 MB: a normal session fits with room to spare (an MNIST MLP 784-400-20 is 2.6 MB, the
# Train page's default model 1.9 MB; an upload of 5,000 MNIST-sized images is 16 MB, and the
# largest one resized to 28×28, 20,000 images, is 63 MB), and the cases that filled a tab do
# not: 20,000 images kept at 64×64 are 328 MB, 13 models of 48 MB are 624 MB. A class of 30
# then holds at most 3.75 GB by the count, about 5 GB of RSS (bench/bench_session.py).
DEFAULT_SESSION_MB = 128
MB = 2**20


def cap_mb() -> int:
    """``$VAE_LAB_SESSION_MB`` (a positive integer, read at each call), else 128."""
    try:
        value = int(os.environ.get(SESSION_MB_ENV, ""))
    except ValueError:
        return DEFAULT_SESSION_MB
    return value if value >= 1 else DEFAULT_SESSION_MB


def cap_bytes() -> int:
    return cap_mb() * MB


def in_mb(n_bytes: int) -> float:
    return n_bytes / MB


def to_let_go(models: dict[str, int], last_used: dict[str, int], datasets: dict[str, int], *,
              keep: set, new_dataset: str | None = None) -> tuple[list[str], list[str]]:
    """(uploads, model keys) to let go so that the session holds at most ``cap_bytes()``.

    ``models``: session model key -> bytes; ``last_used``: key -> when it was last selected;
    ``datasets``: upload name -> bytes, oldest first. When ``new_dataset`` was just added, the
    older uploads go first, oldest first: a model (trained on an upload) only makes room for
    another model, so that training never takes the images its model was trained on. Then the
    least recently used models not in ``keep``. What is in ``keep`` (and ``new_dataset``) stays
    even when the session is still over: the caller refuses what could not fit beforehand.
    """
    total, cap = sum(models.values()) + sum(datasets.values()), cap_bytes()
    uploads: list[str] = []
    if new_dataset is not None:
        for name in datasets:
            if total <= cap:
                break
            if name != new_dataset:
                uploads.append(name)
                total -= datasets[name]
    keys: list[str] = []
    for key in sorted((k for k in models if k not in keep), key=lambda k: last_used.get(k, 0)):
        if total <= cap:
            break
        keys.append(key)
        total -= models[key]
    return uploads, keys
