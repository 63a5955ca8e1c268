"""The numbers lessons 6 and 7 and the β lab quote, measured from the exact runs their buttons
start: the lessons' (``ui.lessons.runs``: the Train page's defaults, mnist-5k, 10 epochs) and
the β lab's (``ui.compare.beta_lab.beta_spec`` / ``schedule_spec`` with the page's defaults),
one torch thread. Prints one line per run.

    OMP_NUM_THREADS=1 nice -n 10 python bench/measure_lessons.py            # everything
    OMP_NUM_THREADS=1 nice -n 10 python bench/measure_lessons.py "β=8"      # some runs
    OMP_NUM_THREADS=1 nice -n 10 python bench/measure_lessons.py --beta-lab # the β lab's
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
    "β=32 warm-up": {"beta": 32.0, "schedule": "warmup", "warmup_epochs": 5.0},
    "β=32 cyclical": {"beta": 32.0, "schedule": "cyclical"},
    "β=16 free bits 0.5": {"beta": 16.0, "schedule": "free_bits", "free_bits": 0.5},
    "β=32 free bits 0.5": {"beta": 32.0, "schedule": "free_bits", "free_bits": 0.5},
    "β=32 free bits 1": {"beta": 32.0, "schedule": "free_bits", "free_bits": 1.0},
}


def show(label: str, s: dict) -> None:
    kl = ", ".join(f"{v:.2f}" for v in sorted(s["kl_per_dim"], reverse=True))
    print(f"{label:26s} −ELBO {s['test_elbo']:7.1f}  recon {s['test_recon']:7.1f}  "
          f"KL {s['test_kl']:6.2f}  active {s['active_units']}/8  KL/dim [{kl}]", flush=True)


def measure(label: str, changes: dict, data) -> None:
    settings = RunSettings(**{"dataset": "mnist-5k", "epochs": EPOCHS, **changes})
    model_cfg, data_cfg, train_cfg = settings.configs(data.input_shape)
    job = TrainingJob(model_cfg, data_cfg, train_cfg, data=data, name=label).start()
    job.join()
    show(label, job.snapshot().summary)


def beta_lab(data) -> None:
    """The β lab's default β sweep and its schedules at β = 32, as its Start buttons train them."""
    from ui.compare import beta_lab as page
    from ui.compare import share
    from ui.compare import sweeps as compare
    from vae_core.sweeps import Sweep

    epochs = compare.default_epochs("mnist-5k")
    specs = [page.beta_spec(compare.parse_numbers(share.DEFAULT_BETAS), dataset="mnist-5k",
                            input_shape=data.input_shape, epochs=epochs),
             page.schedule_spec(list(share.SCHEDULES), dataset="mnist-5k",
                                input_shape=data.input_shape, beta=32.0, epochs=epochs)]
    for spec in specs:
        sweep = Sweep(spec, data=data).start()
        sweep.join()
        for r in sweep.results():
            show(f"β lab {r.label}" + (" (β=32)" if spec.kind == "schedule" else ""), r.summary)


if __name__ == "__main__":
    torch.set_num_threads(1)
    only = sys.argv[1:]
    data = load_dataset(RunSettings(dataset="mnist-5k").data_config())
    if "--beta-lab" in only:
        beta_lab(data)
        sys.exit()
    for label, changes in RUNS.items():
        if not only or label in only:
            measure(label, changes, data)
