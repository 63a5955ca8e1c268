"""Memory a class leaves behind (issue 17): S sessions' work in one process, as the server
runs it. Each session trains a default Train-page model (mnist-5k, MLP 256-128, K = 8) and a
β sweep of two models, two jobs at a time (the server's default slots); every session keeps
what the app keeps (its last job with its curves, the sweep's results) until it "closes", when
all of it is dropped. Prints RSS at the baseline (after one warm-up session), with all sessions
open, and after they closed; ``--no-trim`` repeats it without ``malloc_trim`` at the end of each
work thread (``vae_core.threads.return_freed_memory``) to show what glibc's arenas keep.

    python bench/bench_memory.py             # 20 sessions, 2 epochs per model
    python bench/bench_memory.py 5 --epochs 1
    python bench/bench_memory.py --no-trim
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # the app's default, before torch is imported
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from vae_core import threads  # noqa: E402
from vae_core.config import DataConfig, ModelConfig, TrainConfig  # noqa: E402
from vae_core.data import load_dataset  # noqa: E402
from vae_core.jobs import TrainingJob  # noqa: E402
from vae_core.sweeps import Sweep, beta_sweep  # noqa: E402

SLOTS = 2


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def session_work(data, epochs: int, seed: int) -> list:
    """One session's run and sweep, ``SLOTS`` jobs at a time; returns what the session keeps."""
    model_cfg = ModelConfig(input_shape=data.input_shape, hidden=(256, 128), latent_dim=8)
    train_cfg = TrainConfig(epochs=epochs, batch_size=64, lr=2e-3, seed=seed)
    job = TrainingJob(model_cfg, DataConfig(dataset="mnist-5k"), train_cfg, data=data).start()
    sweep = Sweep(beta_sweep([0.5, 4.0], model_cfg=model_cfg, train_cfg=train_cfg),
                  data=data, max_parallel=SLOTS - 1).start()
    job.join()
    sweep.join()
    for snap in (job.snapshot(), sweep.snapshot()):
        if snap.status != "finished":
            raise RuntimeError(f"a run ended {snap.status}: {snap.message}")
    return [job, job.model_copy(), sweep, sweep.results()]  # the session model is a copy


def measure(sessions: int, epochs: int) -> dict[str, float]:
    data = load_dataset(DataConfig(dataset="mnist-5k"))
    kept = session_work(data, 1, seed=0)  # warm-up: the first optimizer imports torch._dynamo
    del kept
    gc.collect()
    threads.return_freed_memory()
    out = {"baseline": rss_mb()}
    t0 = time.perf_counter()
    open_sessions = [session_work(data, epochs, seed=i) for i in range(sessions)]
    out["seconds"] = time.perf_counter() - t0
    gc.collect()
    out["open"] = rss_mb()
    open_sessions.clear()
    gc.collect()
    out["closed"] = rss_mb()
    threads.return_freed_memory()
    out["trimmed"] = rss_mb()
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("sessions", type=int, nargs="?", default=20)
    p.add_argument("--epochs", type=int, default=2, help="per model (3 models a session)")
    p.add_argument("--no-trim", action="store_true", help="keep glibc's freed arena pages")
    args = p.parse_args(argv)
    if args.no_trim:
        threads.return_freed_memory = lambda: None
    r = measure(args.sessions, args.epochs)
    trim = "without" if args.no_trim else "with"
    print(f"{args.sessions} sessions × (1 run + a 2-model β sweep), {args.epochs} epochs of "
          f"mnist-5k each, {SLOTS} jobs at a time, {trim} malloc_trim; "
          f"{r['seconds']:.0f} s of training\n")
    print("| server RSS | MB | vs baseline |")
    print("|---|---|---|")
    for label, key in (("baseline (after a warm-up session)", "baseline"),
                       ("all sessions open", "open"), ("all sessions closed", "closed"),
                       ("closed, then malloc_trim", "trimmed")):
        print(f"| {label} | {r[key]:.0f} | {r[key] - r['baseline']:+.0f} MB |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
