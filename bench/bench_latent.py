"""Latent-space benchmarks (issue 7, rows 4 and 6): prints a markdown table of medians.

Models: the digits model (``assets/digits-z8-bce``, 8×8 digits, MLP 256-128, K = 8; the app's
default until it moved to mnist-5k) and
an *untrained* pytorch/examples MLP (784-400-20) for MNIST-sized decode timings (weights do not
change the cost of a forward pass). Latents for the t-SNE / PCA rows are the default model's
posterior means (the latent map's default subset: min(1,000, test set) = 359 digits; 1,000
digits) and posterior samples z ~ q(z|x) (5,000 points: 3 draws for each of the 1,797 digits),
so the points are distinct, as real test sets are.

t-SNE runs exactly as the latent map runs it (``TSNEProjection`` at perplexity 30, 500
iterations in all with early exaggeration, one thread, openTSNE when installed); the full run
adds scikit-learn's t-SNE at 5,000 points for comparison.

    python bench/bench_latent.py            # full run (about 2 minutes on 2 cores)
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

from bench.common import IssueRow, write_rows  # noqa: E402
from ui.explore.latent_map import SUBSET_DEFAULT
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
from vae_core.checkpoints import load_checkpoint  # noqa: E402
from vae_core.config import DataConfig, preset_model  # noqa: E402
from vae_core.data import load_dataset  # noqa: E402
from vae_core.models import build_model  # noqa: E402
from vae_core.zoo import ASSETS_DIR  # noqa: E402

DIGITS_MODEL = "digits-z8-bce"  # 8×8: the small-decoder rows; the 28×28 rows use "examples"


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
    parser.add_argument("--json", help="also write the issue rows to this file (python -m bench)")
    args = parser.parse_args()
    quick = args.quick
    torch.set_num_threads(1)  # as the app runs (ui sets OMP_NUM_THREADS=1)
    torch.manual_seed(0)

    digits = load_dataset(DataConfig(dataset="digits"))
    model = load_checkpoint(ASSETS_DIR / f"{DIGITS_MODEL}.safetensors").model.eval()
    examples = build_model(preset_model("examples")).eval()  # untrained 784-400-20

    x_all = torch.cat([digits.train_x, digits.test_x])  # (1797, 1, 8, 8)
    mu, logvar = encode(model, x_all)
    gen = torch.Generator().manual_seed(0)
    draws = mu + torch.exp(0.5 * logvar) * torch.randn(3, *mu.shape, generator=gen)  # (3, N, K)
    samples = draws.reshape(-1, mu.shape[1])  # (3, N, K) -> (3N, K)
    default_subset = min(SUBSET_DEFAULT, digits.test_x.shape[0])
    test_mu = encode(model, digits.test_x)[0]

    reps_fast = 20 if quick else 200
    reps_slow = 1 if quick else 3
    n_pca = 500 if quick else 5000
    tsne_points = {"default": test_mu[:100 if quick else default_subset],
                   "1k": mu[:200 if quick else 1000], "5k": samples[:300 if quick else 5000]}
    tsne_iter = 250 if quick else 500
    z8, z20 = torch.zeros(8), torch.zeros(20)
    rows: list[tuple[str, str, str, str, int]] = []
    medians: dict[str, float] = {}
    load_start = _load()

    def add(step: str, setting: str, times: list[float], key: str | None = None) -> None:
        spread = f"{fmt(min(times))} – {fmt(max(times))}"
        rows.append((step, setting, fmt(statistics.median(times)), spread, len(times)))
        if key:
            medians[key] = statistics.median(times)

    add("decode one latent", "digits MLP 8×8, K=8 (digits-z8-bce)",
        time_ms(lambda: decode_point(model, z8), reps_fast, warmup=5))
    add("decode one latent", "examples MLP 784-400-20 (untrained)",
        time_ms(lambda: decode_point(examples, z20), reps_fast, warmup=5), key="decode")
    add("decode one latent, raw forward", "examples MLP, `model.decode` under no_grad",
        time_ms(lambda: _raw_decode(examples, z20), reps_fast, warmup=5))
    add("manifold grid 20×20", "digits MLP (400 decodes)",
        time_ms(lambda: manifold_grid(model, n=20), reps_fast // 4))
    add("manifold grid 20×20", "examples MLP (400 decodes, 28×28)",
        time_ms(lambda: manifold_grid(examples, n=20), reps_fast // 4), key="grid")
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

    configs = [(key, "auto") for key in tsne_points]
    if not quick and opentsne_available():
        configs.append(("5k", "sklearn"))
    times: dict[tuple[str, str], list[float]] = {c: [] for c in configs}
    backend_used: dict[tuple[str, str], str] = {}
    for _ in range(reps_slow):  # interleaved: every setting sees the same load
        for key, backend in configs:
            tsne = TSNEProjection(n_iter=tsne_iter, n_jobs=1, backend=backend)
            t = time.perf_counter()
            tsne.fit_transform(tsne_points[key])
            times[key, backend].append(1000 * (time.perf_counter() - t))
            backend_used[key, backend] = tsne.backend_
    for key, backend in configs:
        points = tsne_points[key]
        add(f"t-SNE {len(points):,} points", f"{backend_used[key, backend]}, "
            f"{len(points)}×{points.shape[1]}, {tsne_iter} iter, 1 thread",
            times[key, backend], key=f"tsne_{key}_{backend}")

    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, "
          f"{os.cpu_count()} CPUs, 1-min load average {load_start:.1f} at the start, "
          f"{_load():.1f} at the end" + (" (quick)" if quick else ""))
    print()
    print("| step | setting | median | min – max | reps |")
    print("|---|---|---|---|---|")
    for step, setting, value, spread, reps in rows:
        print(f"| {step} | {setting} | {value} | {spread} | {reps} |")
    write_rows(args.json, issue_rows(medians, tsne_points, backend_used, tsne_iter, quick))


def issue_rows(ms: dict[str, float], points: dict, backends: dict, n_iter: int,
               quick: bool) -> list[IssueRow]:
    n = {k: len(v) for k, v in points.items()}
    sk = (f"scikit-learn at {n['5k']:,}: {fmt(ms['tsne_5k_sklearn'])}"
          if "tsne_5k_sklearn" in ms else "—")
    return [
        IssueRow("4", "decode one latent; a 20×20 manifold grid (784-400-20 decoder, 1 thread)",
                 "—", f"{fmt(ms['decode'])}; {fmt(ms['grid'])}",
                 f"{fmt(ms['decode'])}; {fmt(ms['grid'])}", "< 1 ms; < 50 ms",
                 ms["decode"] < 1 and ms["grid"] < 50),
        IssueRow("6", f"t-SNE ({backends['default', 'auto']}, 1 thread, {n_iter} iter): the latent "
                 f"map's default subset on digits ({n['default']} points); {n['1k']:,} points; "
                 f"{n['5k']:,} points{' (quick sizes)' if quick else ''}", sk,
                 f"{fmt(ms['tsne_default_auto'])}; {fmt(ms['tsne_1k_auto'])}; "
                 f"{fmt(ms['tsne_5k_auto'])}",
                 f"{fmt(ms['tsne_default_auto'])}; {fmt(ms['tsne_5k_auto'])}", "≤ 5 s; ≤ 8 s",
                 ms["tsne_default_auto"] <= 5000 and ms["tsne_1k_auto"] <= 5000
                 and ms["tsne_5k_auto"] <= 8000),
    ]


def _load() -> float:
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")


def _raw_decode(model, z: torch.Tensor) -> torch.Tensor:
    with torch.no_grad():
        return model.decode(z[None])


if __name__ == "__main__":
    main()
