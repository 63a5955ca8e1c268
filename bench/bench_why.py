"""The "Why variational?" page's comparison at its defaults (row 16): a plain autoencoder and a
VAE with the same layers, seed and data (mnist-5k, MLP 128-64, K = 8, 30 epochs, batch 64,
lr 2e-3, one torch thread as the app's server runs them), trained one after the other as one
background job exactly as the page starts it, then measured. Prints the wall time of each
model, both together (target ≤ 30 s) and the prior shares: decoded prior samples that the
page's digit classifier labels with p ≥ 0.9, with the test images' own share as the ceiling.

    python bench/bench_why.py            # 3 repetitions, medians
    python bench/bench_why.py --quick    # 2 epochs, 1 repetition (a smoke run)
    python bench/bench_why.py --by-epochs 5 10 15 20 30 --seeds 0 1
                                         # the prior shares as training goes on
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # the app's default, before torch is imported
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import IssueRow, table, write_rows  # noqa: E402
from vae_core.analysis.why_variational import (  # noqa: E402
    DEFAULT_TRAIN,
    WhyVariational,
    default_spec,
)
from vae_core.data import load_dataset  # noqa: E402

TARGET_S = 30.0


def one_run(data, epochs: int, seed: int) -> dict:
    run = WhyVariational(default_spec(data.input_shape, epochs=epochs, seed=seed), data=data)
    run.start().join()
    snap, result = run.snapshot(), run.result()
    if result is None:
        raise RuntimeError(f"the comparison ended {snap.status}: {snap.params}")
    return {"vae_s": result["vae"].train_s, "ae_s": result["ae"].train_s,
            "wall_s": snap.elapsed_s, "vae": result["vae"].prior_share,
            "ae": result["ae"].prior_share, "ceiling": result.ceiling}


def by_epochs(data, epochs: list[int], seeds: list[int]) -> None:
    """The prior shares after each number of epochs: how long the VAE takes to lead."""
    print("| epochs | seed | VAE share | AE share | both trained |")
    print("|---|---|---|---|---|")
    for n in epochs:
        for seed in seeds:
            r = one_run(data, n, seed)
            print(f"| {n} | {seed} | {r['vae']:.1%} | {r['ae']:.1%} | "
                  f"{r['vae_s'] + r['ae_s']:.1f} s |", flush=True)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--reps", type=int, default=3)
    p.add_argument("--quick", action="store_true", help="2 epochs, 1 repetition")
    p.add_argument("--json", help="write the issue rows here (python -m bench)")
    p.add_argument("--by-epochs", type=int, nargs="+", metavar="N",
                   help="instead: the shares after N epochs, for each N")
    p.add_argument("--seeds", type=int, nargs="+", default=[0], help="with --by-epochs")
    args = p.parse_args(argv)
    if args.by_epochs:
        by_epochs(load_dataset(default_spec((1, 28, 28)).data_cfg), args.by_epochs, args.seeds)
        return 0
    epochs, reps = (2, 1) if args.quick else (DEFAULT_TRAIN.epochs, args.reps)
    data = load_dataset(default_spec((1, 28, 28)).data_cfg)
    one_run(data, 1, 0)  # warm-up: the first optimizer imports torch._dynamo (the app preloads it)
    runs = []
    print(f"{os.cpu_count()} cores; {epochs} epochs per model, {reps} repetition(s)\n")
    print("| rep | VAE | autoencoder | both trained | with the measuring | VAE share | AE share "
          "| ceiling |")
    print("|---|---|---|---|---|---|---|---|")
    for rep in range(reps):
        r = one_run(data, epochs, 0)
        runs.append(r)
        print(f"| {rep + 1} | {r['vae_s']:.1f} s | {r['ae_s']:.1f} s | "
              f"{r['vae_s'] + r['ae_s']:.1f} s | {r['wall_s']:.1f} s | {r['vae']:.1%} | "
              f"{r['ae']:.1%} | {r['ceiling']:.1%} |", flush=True)
    med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    both = statistics.median(r["vae_s"] + r["ae_s"] for r in runs)
    rows = [
        IssueRow("16", "“Why variational?”: a VAE and a plain autoencoder on mnist-5k at the "
                 f"page's defaults (MLP 128-64, K = 8, {epochs} epochs, batch 64, 1 thread), "
                 "trained one after the other in one job", "—",
                 f"VAE {med['vae_s']:.1f} s + autoencoder {med['ae_s']:.1f} s = {both:.1f} s "
                 f"(with the measuring: {med['wall_s']:.1f} s)", f"{both:.1f} s",
                 f"≤ {TARGET_S:.0f} s together", both <= TARGET_S),
        IssueRow("16", "its prior samples that are digits: 1,000 draws z ~ N(0, I) decoded, "
                 "classified with p ≥ 0.9 (logistic regression on the training images' 50 "
                 "principal components)", f"ceiling: the test images, {med['ceiling']:.1%}",
                 f"VAE {med['vae']:.1%}; autoencoder {med['ae']:.1%}",
                 f"{med['vae'] / med['ceiling']:.0%} and {med['ae'] / med['ceiling']:.0%} of the "
                 "ceiling", "report", None),
    ]
    print()
    print(table(rows))
    write_rows(args.json, rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
