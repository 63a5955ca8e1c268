"""The conditional VAE against the unconditional one: for each label d, the share of samples
that the app's digit classifier (``why_variational.DigitClassifier``, fitted on mnist-5k's
training images) calls d with p ≥ 0.9. The zoo's ``mnist-cvae-z2`` decodes z ~ N(0, I) with
label d; the zoo's ``mnist-z2-bce`` (same layers, same 2-D latent, no label) cannot be asked for
a digit, so its prior samples are counted per label the classifier gives them. With ``--train``
both are retrained from their zoo settings (one torch thread, as the zoo is built) and timed.

    python bench/bench_conditional.py               # 1,000 samples per label, 3 seeds
    python bench/bench_conditional.py --train       # and the training times
    python bench/bench_conditional.py --quick       # 50 samples per label, 1 seed (a smoke run)
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # the app's default, before torch is imported
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402
import torch  # noqa: E402

from vae_core.analysis.conditional import SCORED_PER_LABEL, label_shares  # noqa: E402
from vae_core.analysis.why_variational import digit_classifier  # noqa: E402
from vae_core.checkpoints import load_checkpoint  # noqa: E402
from vae_core.data import load_dataset  # noqa: E402
from vae_core.zoo import ASSETS_DIR, zoo_entry  # noqa: E402

CONDITIONAL, UNCONDITIONAL = "mnist-cvae-z2", "mnist-z2-bce"


def train_seconds(name: str) -> float:
    from vae_core.training import train_model

    entry = zoo_entry(name)
    torch.set_num_threads(1)
    data = load_dataset(entry.data_cfg)
    t0 = time.perf_counter()
    train_model(entry.model_cfg, data, entry.train_cfg)
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--n", type=int, default=SCORED_PER_LABEL, help="samples per label")
    p.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    p.add_argument("--train", action="store_true", help="retrain both models and time them")
    p.add_argument("--quick", action="store_true")
    args = p.parse_args(argv)
    n, seeds = (50, [0]) if args.quick else (args.n, args.seeds)
    cond = load_checkpoint(ASSETS_DIR / f"{CONDITIONAL}.safetensors")
    uncond = load_checkpoint(ASSETS_DIR / f"{UNCONDITIONAL}.safetensors")
    data = load_dataset(cond.data_cfg)
    t0 = time.perf_counter()
    clf = digit_classifier(data, cond.data_cfg)
    fit_s = time.perf_counter() - t0
    rows = {"c": [], "u": []}
    t0 = time.perf_counter()
    for seed in seeds:
        for key, model in (("c", cond.model), ("u", uncond.model)):
            rows[key].append(label_shares(model, clf, n_per_label=n,
                                          generator=torch.Generator().manual_seed(seed)).shares)
    score_s = time.perf_counter() - t0
    c, u = np.mean(rows["c"], axis=0), np.mean(rows["u"], axis=0)
    names = list(data.class_names)
    print(f"samples: {n:,} per label per seed for {CONDITIONAL}, {n * len(names):,} prior "
          f"samples per seed for {UNCONDITIONAL}; seeds {seeds}; classifier p ≥ 0.9 "
          f"(fit {fit_s:.1f} s, scoring {score_s:.1f} s)")
    print(f"| label d | {CONDITIONAL}: asked for d, called d | {UNCONDITIONAL}: called d |")
    print("|---|---|---|")
    for d, name in enumerate(names):
        spread = np.ptp([r[d] for r in rows["c"]])
        print(f"| {name} | {c[d]:.1%} (± {spread / 2:.1%}) | {u[d]:.1%} |")
    print(f"| all | {c.mean():.1%} (mean over labels) | {u.sum():.1%} (any digit) |")
    if args.train:
        for name in (CONDITIONAL, UNCONDITIONAL):
            e = zoo_entry(name).train_cfg
            print(f"train {name}: {train_seconds(name):.1f} s ({e.epochs} epochs, batch "
                  f"{e.batch_size}, one thread)", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
