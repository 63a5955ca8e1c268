"""The pretrained models that ship in ``assets/``: built deterministically by
``python -m vae_core zoo build`` so every page has something to show the moment the app starts.

Each entry is trained with a fixed seed on one CPU thread (thread count changes float summation
order), saved as ``assets/<name>.safetensors``, and summarised in ``assets/zoo.json`` with its
test −ELBO measured by ``vae_core.analysis.evaluate(seed=0)``, which a test re-measures.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import torch

from vae_core.config import DataConfig, ModelConfig, TrainConfig

ASSETS_DIR = Path(__file__).resolve().parents[1] / "assets"
INDEX_FILE = "zoo.json"
DEFAULT_MODEL = "mnist-z8-bce"  # the model the app opens on: the Train page's default run


@dataclass(frozen=True)
class ZooEntry:
    name: str
    description: str
    model_cfg: ModelConfig
    data_cfg: DataConfig
    train_cfg: TrainConfig


MNIST_SHAPE = (1, 28, 28)
# the Applications page's denoising VAE: the default model's layers; 60 epochs, as noisy
# inputs take longer to learn (digits read right at salt and pepper 0.2: 81% after 30, 84%)
DENOISING_MODEL = "mnist-z8-denoise"
DENOISING_DATA = DataConfig(dataset="mnist-5k", noise_sigma=0.5, noise_fraction=0.2)


def _mnist(name: str, description: str, *, latent: int, recon: str = "bce", beta: float = 1.0,
           arch: str = "mlp", hidden: tuple[int, ...] = (256, 128), preset: str | None = None,
           batch_size: int = 64, lr: float = 2e-3, epochs: int = 30,
           data: DataConfig | None = None, n_classes: int = 0) -> ZooEntry:
    return ZooEntry(name, description,
                    ModelConfig(arch=arch, input_shape=MNIST_SHAPE, hidden=hidden,
                                latent_dim=latent, recon=recon, preset=preset,
                                n_classes=n_classes),
                    data or DataConfig(dataset="mnist-5k"),
                    TrainConfig(epochs=epochs, batch_size=batch_size, lr=lr, beta=beta,
                                device="cpu"))


def _digits(name: str, description: str, *, latent: int, recon: str = "bce", beta: float = 1.0,
            epochs: int = 60) -> ZooEntry:
    return ZooEntry(name, description,
                    ModelConfig(hidden=(256, 128), latent_dim=latent, recon=recon),
                    DataConfig(dataset="digits"),
                    TrainConfig(epochs=epochs, batch_size=64, lr=2e-3, beta=beta, device="cpu"))


def _shapes(name: str, description: str, *, latent: int, beta: float, epochs: int = 20) -> ZooEntry:
    return ZooEntry(name, description,
                    ModelConfig(input_shape=(1, 32, 32), hidden=(128, 64), latent_dim=latent),
                    DataConfig(dataset="shapes"),
                    TrainConfig(epochs=epochs, batch_size=64, lr=1e-3, beta=beta, device="cpu"))


ZOO: tuple[ZooEntry, ...] = (
    _mnist("mnist-z8-bce", "MNIST (mnist-5k), MLP 256-128, 8-D latent, Bernoulli (BCE), β = 1",
           latent=8),
    _mnist("mnist-z20-examples", "MNIST (mnist-5k), pytorch/examples' 784-400-20, BCE, β = 1",
           latent=20, hidden=(400,), preset="examples", batch_size=128, lr=1e-3),
    _mnist("mnist-z2-bce", "MNIST (mnist-5k), 2-D latent (see the whole latent plane), BCE, β = 1",
           latent=2),
    _mnist("mnist-conv-z16", "MNIST (mnist-5k), convolutional, 16-D latent, BCE, β = 1",
           latent=16, arch="conv", hidden=(128,), lr=1e-3, epochs=20),
    _mnist("mnist-z8-beta4", "MNIST (mnist-5k), 8-D latent, BCE, β = 4 (fewer active dims, "
           "blurrier)", latent=8, beta=4.0),
    _mnist("mnist-z8-mse", "MNIST (mnist-5k), 8-D latent, Gaussian σ² = ½ (summed MSE), β = 1",
           latent=8, recon="mse"),
    _mnist("mnist-z8-cb", "MNIST (mnist-5k), 8-D latent, continuous Bernoulli, β = 1",
           latent=8, recon="cb"),
    _mnist(DENOISING_MODEL, "MNIST (mnist-5k), the default model trained as a denoising VAE: "
           "it encodes noisy digits (Gaussian σ = 0.5 or salt and pepper on 20% of the pixels) "
           "and is scored on the clean ones", latent=8, data=DENOISING_DATA, epochs=60),
    _mnist("mnist-cvae-z2", "MNIST (mnist-5k), conditional VAE: the digit's label joins x and z, "
           "2-D style latent, BCE, β = 1", latent=2, n_classes=10),
    _digits("digits-z8-bce", "digits (8×8, the fastest), 8-D latent, Bernoulli (BCE), β = 1",
            latent=8),
    _shapes("shapes-z10-beta1", "shapes, 10-D latent, BCE, β = 1", latent=10, beta=1.0),
    _shapes("shapes-z10-beta4", "shapes, 10-D latent, BCE, β = 4 (more disentangled)",
            latent=10, beta=4.0),
)


def zoo_entry(name: str) -> ZooEntry:
    for entry in ZOO:
        if entry.name == name:
            return entry
    raise ValueError(f"unknown zoo model {name!r}; choose one of "
                     f"{', '.join(e.name for e in ZOO)}")


def build_entry(entry: ZooEntry, out_dir: Path) -> dict:
    """Train one entry deterministically, save it, and return its index record."""
    from vae_core.analysis import evaluate
    from vae_core.checkpoints import save_checkpoint
    from vae_core.data import load_dataset
    from vae_core.training import train_model

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        data = load_dataset(entry.data_cfg)
        t0 = time.perf_counter()
        noise = (entry.data_cfg.noise_sigma, entry.data_cfg.noise_fraction)
        model, result = train_model(entry.model_cfg, data, entry.train_cfg, noise=noise)
        wall = time.perf_counter() - t0
        labels = {"y": data.test_y} if entry.model_cfg.conditional else {}
        metrics = evaluate(model, data.test_x, seed=0, **labels)
    finally:
        torch.set_num_threads(threads)
    summary = {**result.summary(), "dataset": data.name, "test_elbo": metrics["elbo"],
               "test_recon": metrics["recon"], "test_kl": metrics["kl"],
               "kl_per_dim": metrics["kl_per_dim"], "active_units": metrics["active_units"],
               "description": entry.description, "pretrained": True}
    path = out_dir / f"{entry.name}.safetensors"
    save_checkpoint(path, model, data_cfg=entry.data_cfg, train_cfg=entry.train_cfg,
                    summary=summary, name=entry.name)
    return {"name": entry.name, "file": path.name, "description": entry.description,
            "test_elbo": metrics["elbo"], "test_recon": metrics["recon"],
            "test_kl": metrics["kl"], "active_units": metrics["active_units"],
            "bytes": path.stat().st_size, "train_s": round(wall, 2)}


def build_zoo(out_dir: Path = ASSETS_DIR, *, only: list[str] | None = None,
              progress: Callable[[str], None] | None = None) -> list[dict]:
    out_dir.mkdir(parents=True, exist_ok=True)
    entries = [zoo_entry(n) for n in only] if only else list(ZOO)
    index_path = out_dir / INDEX_FILE
    index = {r["name"]: r for r in load_index(out_dir)} if index_path.exists() else {}
    for entry in entries:
        if progress:
            progress(entry.name)
        index[entry.name] = build_entry(entry, out_dir)
    records = [index[e.name] for e in ZOO if e.name in index]
    tmp = index_path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps({"default": DEFAULT_MODEL, "models": records}, indent=2) + "\n")
    tmp.replace(index_path)
    return records


def load_index(assets_dir: Path = ASSETS_DIR) -> list[dict]:
    path = assets_dir / INDEX_FILE
    if not path.exists():
        return []
    return list(json.loads(path.read_text())["models"])
