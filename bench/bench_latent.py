"""Latent-space benchmarks (issue 4): prints a markdown table of medians.

Models: the app's default MLP (8×8 digits, hidden 256-128, K = 8) trained for a few seconds in
this script, and an *untrained* pytorch/examples MLP (784-400-20) for MNIST-sized decode timings
(weights do not change the cost of a forward pass). Latents for the t-SNE / PCA rows are the
digits model's posterior means (1,000 points) and posterior samples z ~ q(z|x) (5,000 points:
3 draws for each of the 1,797 digits), so the points are distinct, as real test sets are.

t-SNE runs at the app's settings (perplexity 30, 500 iterations in all, early exaggeration
included) on both backends with n_jobs = 2 and 1, interleaved so all see the same machine load.
On a shared machine n_jobs = 1 can be much faster: OpenMP threads that wait on each other at
every gradient step lose whole time slices when another process holds a core.

    python bench/bench_latent.py            # full run (a few minutes on 2 cores)
    python bench/bench_latent.py --quick    # smoke run (tiny sizes)
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from vae_core.analysis.aggregate import aggregate_posterior_histograms  # noqa: E402
from vae_core.analysis.embeddings import (  # noqa: E402
    PCAProjection,
    TSNEProjection,
    opentsne_available,
)
from vae_core.analysis.encode import encode  # noqa: E402
from vae_core.analysis.gif import frames_to_gif  # noqa: E402
from vae_core.analysis.traversal import (  # noqa: E402
    decode_point,
    manifold_grid,
    traversal_grid,
)
from vae_core.config import DataConfig, ModelConfig, TrainConfig, preset_model  # noqa: E402
from vae_core.data import load_dataset  # noqa: E402
from vae_core.models import build_model  # noqa: E402
from vae_core.training import train_model  # noqa: E402

APP_DEFAULT_MODEL = ModelConfig(hidden=(256, 128), latent_dim=8)  # as in bench_train.py


def time_ms(fn: Callable[[], object], reps: int, *, warmup: int = 1) -> list[float]:
    """Wall-clock milliseconds of ``reps`` calls after ``warmup`` untimed ones."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        times.append(1000 * (time.perf_counter() - t0))
    return times


def fmt(ms: float) -> str:
    return f"{ms / 1000:.2f} s" if ms >= 1000 else f"{ms:.3g} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes: a smoke run")
    args = parser.parse_args()
    quick = args.quick
    torch.set_num_threads(2)
    torch.manual_seed(0)

    digits = load_dataset(DataConfig(dataset="digits"))
    t0 = time.perf_counter()
    model, _ = train_model(APP_DEFAULT_MODEL, digits,
                           TrainConfig(epochs=30, batch_size=64, lr=2e-3,
                                       max_steps=5 if quick else None))
    train_s = time.perf_counter() - t0
    model.eval()
    examples = build_model(preset_model("examples")).eval()  # untrained 784-400-20

    x_all = torch.cat([digits.train_x, digits.test_x])  # (1797, 1, 8, 8)
    mu, logvar = encode(model, x_all)
    gen = torch.Generator().manual_seed(0)
    draws = mu + torch.exp(0.5 * logvar) * torch.randn(3, *mu.shape, generator=gen)  # (3, N, K)
    samples = draws.reshape(-1, mu.shape[1])  # (3, N, K) -> (3N, K)

    reps_fast = 20 if quick else 200
    reps_slow = 1 if quick else 3
    n_pca = 500 if quick else 5000
    tsne_sizes = (100, 200) if quick else (1000, 5000)
    tsne_iter = 250 if quick else 500
    z8, z20 = torch.zeros(8), torch.zeros(20)
    rows: list[tuple[str, str, str, str, int]] = []
    load_start = _load()

    def add(step: str, setting: str, times: list[float]) -> None:
        spread = f"{fmt(min(times))} – {fmt(max(times))}"
        rows.append((step, setting, fmt(statistics.median(times)), spread, len(times)))

    add("decode one latent", "digits MLP 8×8, K=8 (trained)",
        time_ms(lambda: decode_point(model, z8), reps_fast, warmup=5))
    add("decode one latent", "examples MLP 784-400-20 (untrained)",
        time_ms(lambda: decode_point(examples, z20), reps_fast, warmup=5))
    add("decode one latent, raw forward", "examples MLP, `model.decode` under no_grad",
        time_ms(lambda: _raw_decode(examples, z20), reps_fast, warmup=5))
    add("manifold grid 20×20", "digits MLP (400 decodes)",
        time_ms(lambda: manifold_grid(model, n=20), reps_fast // 4))
    add("manifold grid 20×20", "examples MLP (400 decodes, 28×28)",
        time_ms(lambda: manifold_grid(examples, n=20), reps_fast // 4))
    add("traversal grid", "digits MLP, 8 dims × 9 steps",
        time_ms(lambda: traversal_grid(model, z8, range(8)), reps_fast // 4))
    frames = traversal_grid(examples, z20, [0], n=16)[0]  # (16, 1, 28, 28)
    add("GIF encode", "16 frames 28×28, scale 4",
        time_ms(lambda: frames_to_gif(frames), reps_slow * 3))
    add("PCA fit + transform", f"{n_pca}×{mu.shape[1]}",
        time_ms(lambda: PCAProjection().fit_transform(samples[:n_pca]), reps_slow * 3))
    mu_n, logvar_n = mu.repeat(3, 1)[:n_pca], logvar.repeat(3, 1)[:n_pca]  # (3N, K) -> (n, K)
    add("aggregate posterior histograms", f"{n_pca}×{mu.shape[1]}, exact mixture, 40 bins",
        time_ms(lambda: aggregate_posterior_histograms(mu_n, logvar=logvar_n), reps_slow * 3))

    backends = ["sklearn"] + (["opentsne"] if opentsne_available() else [])
    configs = [(b, j) for b in backends for j in ((1,) if quick else (2, 1))]
    for n in tsne_sizes:
        points = mu[:n] if n <= mu.shape[0] else samples[:n]
        times: dict[tuple[str, int], list[float]] = {c: [] for c in configs}
        for _ in range(reps_slow):  # interleaved: every setting sees the same load
            for b, j in configs:
                t = time.perf_counter()
                TSNEProjection(n_iter=tsne_iter, n_jobs=j, backend=b).fit_transform(points)
                times[b, j].append(1000 * (time.perf_counter() - t))
        for b, j in configs:
            add(f"t-SNE {n:,} points", f"{b}, {n}×{points.shape[1]}, {tsne_iter} iter, "
                f"n_jobs={j}", times[b, j])

    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, "
          f"{os.cpu_count()} CPUs, 1-min load average {load_start:.1f} at the start, "
          f"{_load():.1f} at the end; "
          f"digits model trained {train_s:.1f} s" + (" (quick)" if quick else ""))
    print()
    print("| step | setting | median | min – max | reps |")
    print("|---|---|---|---|---|")
    for step, setting, value, spread, reps in rows:
        print(f"| {step} | {setting} | {value} | {spread} | {reps} |")


def _load() -> float:
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")


def _raw_decode(model, z: torch.Tensor) -> torch.Tensor:
    with torch.no_grad():
        return model.decode(z[None])


if __name__ == "__main__":
    main()
