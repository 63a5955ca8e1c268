"""Learning from few labels (issue 30): every method at every label count over a few seeds, on
mnist-5k (4,000 training images, the 1,000 test images scored), one torch thread. Prints a
Markdown table (mean ± standard deviation over the seeds, with the baselines on the same labels)
and one JSON object, and checks the target: the best method at 100 labels at least 10 points
above logistic regression on the pixels.

    python bench/bench_semi.py                       # 3 seeds, n = 10 50 100 500 1000 (~20 min)
    python bench/bench_semi.py --labels 100 --seeds 0 1 2 3 4
    python bench/bench_semi.py --quick               # 1 epoch, n = 100, 1 seed (a smoke run)
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # the app's default, before torch is imported
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import torch  # noqa: E402

from vae_core.data import load_dataset  # noqa: E402
from vae_core.semi_supervised import (  # noqa: E402
    DATA,
    EPOCHS,
    LABEL_COUNTS,
    METHODS,
    PCA_K,
    run_method,
    summarise,
)

TARGET_POINTS = 10.0
NAMES = {"m1": "M1", "m2": "M2", "m1m2": "M1+M2"}


def markdown(summary: list[dict]) -> str:
    lines = ["| labels | method | accuracy (mean ± sd) | pixels LR | PCA-" f"{PCA_K} LR | "
             "seconds |", "|---:|---|---:|---:|---:|---:|"]
    for r in summary:
        lines.append(f"| {r['labels']} | {NAMES[r['method']]} | {r['accuracy']:.1%} ± "
                     f"{r['spread']:.1%} | {r['baseline_pixels']:.1%} | {r['baseline_pca']:.1%}"
                     f" | {r['seconds']:.1f} |")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--labels", type=int, nargs="+", default=list(LABEL_COUNTS))
    ap.add_argument("--methods", nargs="+", choices=METHODS, default=list(METHODS))
    ap.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    if args.quick:
        args.labels, args.seeds = [100], [0]
    torch.set_num_threads(1)
    data = load_dataset(DATA)
    rows = []
    for n in args.labels:
        for seed in args.seeds:
            for method in args.methods:
                row = run_method(method, n, seed, data, epochs=1 if args.quick else None)
                rows.append(row)
                print(f"n={n} seed={seed} {method}: {row.accuracy:.1%} (pixels "
                      f"{row.baseline_pixels:.1%}, {row.seconds:.1f} s)", file=sys.stderr,
                      flush=True)
    summary = summarise(rows)
    print(markdown(summary))
    at_100 = [r for r in summary if r["labels"] == 100]
    if at_100:
        best = max(at_100, key=lambda r: r["accuracy"])
        gain = 100 * (best["accuracy"] - best["baseline_pixels"])
        print(f"\nbest at 100 labels: {NAMES[best['method']]} {best['accuracy']:.1%} ± "
              f"{best['spread']:.1%}, {gain:+.1f} points over pixels LR (target ≥ "
              f"{TARGET_POINTS:.0f}): {'met' if gain >= TARGET_POINTS else 'NOT met'}")
    print(json.dumps({"epochs": EPOCHS, "rows": [r.to_dict() for r in rows],
                      "summary": summary}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
