"""The numbers lessons 6 and 7 quote, measured from the exact runs their buttons start
(``ui.lessons.runs``: the Train page's defaults, mnist-5k, 10 epochs, one torch thread) and
from the β lab's default sweep (``ui.compare``): prints one line per run.

    OMP_NUM_THREADS=1 nice -n 10 python bench/measure_lessons.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from vae_core.data import load_dataset  # noqa: E402
from vae_core.jobs import TrainingJob  # noqa: E402
from vae_core.run_settings import RunSettings  # noqa: E402

EPOCHS = 10  # ui.lessons.runs.EPOCHS
RUNS = {
    "β=0.5": {"beta": 0.5}, "β=1": {"beta": 1.0}, "β=4": {"beta": 4.0}, "β=8": {"beta": 8.0},
    "mean over pixels": {"reduction": "mean"},
    "β=16": {"beta": 16.0}, "β=32": {"beta": 32.0},
    "β=16 warm-up": {"beta": 16.0, "schedule": "warmup", "warmup_epochs": 5.0},
    "β=16 cyclical": {"beta": 16.0, "schedule": "cyclical"},
    "β=16 free bits 0.5": {"beta": 16.0, "schedule": "free_bits", "free_bits": 0.5},
    "β=32 free bits 0.5": {"beta": 32.0, "schedule": "free_bits", "free_bits": 0.5},
    "β=32 free bits 1": {"beta": 32.0, "schedule": "free_bits", "free_bits": 1.0},
}


def measure(label: str, changes: dict, data) -> None:
    settings = RunSettings(**{"dataset": "mnist-5k", "epochs": EPOCHS, **changes})
    model_cfg, data_cfg, train_cfg = settings.configs(data.input_shape)
    job = TrainingJob(model_cfg, data_cfg, train_cfg, data=data, name=label).start()
    job.join()
    s = job.snapshot().summary
    kl = ", ".join(f"{v:.2f}" for v in sorted(s["kl_per_dim"], reverse=True))
    print(f"{label:22s} −ELBO {s['test_elbo']:7.1f}  recon {s['test_recon']:7.1f}  "
          f"KL {s['test_kl']:6.2f}  active {s['active_units']}/8  KL/dim [{kl}]", flush=True)


if __name__ == "__main__":
    torch.set_num_threads(1)
    only = sys.argv[1:]
    data = load_dataset(RunSettings(dataset="mnist-5k").data_config())
    for label, changes in RUNS.items():
        if not only or label in only:
            measure(label, changes, data)
