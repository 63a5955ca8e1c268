"""How many training slots a server should have (issue 18): k default Train-page runs
(mnist-5k, MLP 256-128, K = 8, batch 64, one torch thread each, as the app's server runs them)
trained at once as background jobs in one process, for k = 1, 2, …; prints samples/s per job
and in all, and the wall time of one run. Past the number of cores the total stops growing
and every run gets slower: that is where ``VAE_LAB_MAX_JOBS`` should stop.

    python bench/bench_slots.py              # k = 1, 2, 3; 10 epochs each
    python bench/bench_slots.py --max 4 --epochs 30
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # the app's default, before torch is imported
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from vae_core.config import DataConfig, ModelConfig, TrainConfig  # noqa: E402
from vae_core.data import load_dataset  # noqa: E402
from vae_core.jobs import TrainingJob  # noqa: E402


def run_together(k: int, data, epochs: int) -> tuple[float, float]:
    """(mean samples/s of one job, wall seconds until all k ended) for k jobs at once."""
    model_cfg = ModelConfig(input_shape=data.input_shape, hidden=(256, 128), latent_dim=8)
    jobs = [TrainingJob(model_cfg, DataConfig(dataset="mnist-5k"),
                        TrainConfig(epochs=epochs, batch_size=64, lr=2e-3, seed=i), data=data)
            for i in range(k)]
    t0 = time.perf_counter()
    for job in jobs:
        job.start()
    for job in jobs:
        job.join()
    wall = time.perf_counter() - t0
    rates = []
    for job in jobs:
        snap = job.snapshot()
        if snap.status != "finished":
            raise RuntimeError(f"a job ended {snap.status}: {snap.message}")
        rates.append(snap.step * job.train_cfg.batch_size / snap.elapsed_s)
    return statistics.mean(rates), wall


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--max", type=int, default=3, help="largest number of jobs at once")
    p.add_argument("--epochs", type=int, default=10)
    args = p.parse_args(argv)
    data = load_dataset(DataConfig(dataset="mnist-5k"))
    run_together(1, data, 1)  # warm-up: the first optimizer imports torch._dynamo
    print(f"{os.cpu_count()} cores, {args.epochs} epochs of mnist-5k per job\n")
    print("| jobs at once | samples/s per job | samples/s in all | wall time of the batch |")
    print("|---|---|---|---|")
    for k in range(1, args.max + 1):
        rate, wall = run_together(k, data, args.epochs)
        print(f"| {k} | {rate:,.0f} | {rate * k:,.0f} | {wall:.1f} s |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
