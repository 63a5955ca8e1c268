"""Time to the reference's 30-epoch test −ELBO (issue 28, row 20): prints a markdown table.

The pytorch/examples-style loop (``bench/reference_loop.py``: per-sample PIL → tensor,
``DataLoader``) trains the Train page's default network (MLP 256-128, K = 8, BCE) on mnist-5k's
4,000 / 1,000 split with the settings the app's default run had before issue 28 (batch 64,
Adam 2e-3, 30 epochs). Its test −ELBO after those 30 epochs is the target. Our trainer trains
the app's default run (``TrainConfig``'s defaults: what the Train page and ``python -m vae_core
train`` start), the old default run for comparison and, on a CPU where ``cpu_has_bf16`` says
bfloat16 pays, the default run with ``--amp``. Every run tests after each epoch, as
pytorch/examples does; the time to the target is training time only (each side's tests left
out), from the first step to the end of the first epoch whose test −ELBO is at or below the
target. One torch thread (what a job gets in the app), the sides interleaved in each
repetition so that drifts in the machine's load hit every side alike.

    python bench/bench_time_to_elbo.py                # full run (about 3 minutes on 2 cores)
    python bench/bench_time_to_elbo.py --vary-seeds   # repetition r: seed r on every side
    python bench/bench_time_to_elbo.py --quick        # smoke run (the numbers mean nothing)
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import time
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_data import as_u8  # noqa: E402
from bench.common import IssueRow, write_rows  # noqa: E402
from bench.reference_loop import run_reference  # noqa: E402
from vae_core.config import DataConfig  # noqa: E402
from vae_core.data import load_dataset  # noqa: E402
from vae_core.devices import cpu_has_bf16, resolve_device  # noqa: E402
from vae_core.run_settings import RunSettings  # noqa: E402
from vae_core.training import TrainerCallback, train_model  # noqa: E402

# TrainConfig's defaults before issue 28; the reference trains these settings too
OLD_DEFAULTS = {"epochs": 30, "batch_size": 64, "lr": 2e-3}
TARGET_RATIO = 0.5  # the goal: the target in at most half the reference's time


class EpochClock(TrainerCallback):
    """(training seconds, test −ELBO) at each epoch's end: the time from ``start`` to the
    epoch's last step, less the time the earlier epochs' tests took (from an epoch's last step
    to its ``on_epoch``: the test pass and the trainer's bookkeeping)."""

    def __init__(self) -> None:
        self.t0 = self.last_step = 0.0
        self.tests = 0.0
        self.curve: list[tuple[float, float]] = []

    def start(self, _trainer=None) -> None:
        self.t0 = self.last_step = time.perf_counter()

    def on_step(self, m) -> None:
        self.last_step = time.perf_counter()

    def on_epoch(self, m) -> None:
        now = time.perf_counter()
        self.curve.append((self.last_step - self.t0 - self.tests, m.test_elbo))
        self.tests += now - self.last_step


def ours(data, model_cfg, train_cfg) -> dict:
    clock = EpochClock()
    t0 = time.perf_counter()
    _, result = train_model(model_cfg, data, train_cfg, callbacks=[clock], on_trainer=clock.start)
    return {"curve": clock.curve, "wall_s": time.perf_counter() - t0,
            "final": result.final_test["elbo"]}


def reference(data, model_cfg, *, epochs: int, seed: int) -> dict:
    ref = run_reference(as_u8(data.train_x), as_u8(data.test_x), epochs=epochs,
                        hidden=model_cfg.hidden, latent=model_cfg.latent_dim,
                        batch_size=OLD_DEFAULTS["batch_size"], lr=OLD_DEFAULTS["lr"], seed=seed,
                        eval_each_epoch=True)
    return {"curve": ref["train_curve"], "wall_s": ref["wall_s"], "final": ref["test_elbo"]}


def reached(curve: list[tuple[float, float]], target: float) -> tuple[int, float] | None:
    """(epoch, training seconds) of the first epoch whose test −ELBO is ≤ ``target``."""
    return next(((i, s) for i, (s, elbo) in enumerate(curve, start=1) if elbo <= target), None)


@dataclasses.dataclass
class Side:
    name: str
    settings: str
    runs: list[dict] = dataclasses.field(default_factory=list)

    def hits(self, targets: list[float]) -> list[tuple[int, float] | None]:
        return [reached(r["curve"], t) for r, t in zip(self.runs, targets)]

    def med(self, key: str) -> float:
        return statistics.median(r[key] for r in self.runs)


def _list(values) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


def summarise(side: Side, targets: list[float], ref_times: list[float]) -> dict:
    """Medians and per-repetition ratios to the reference's training time: to the target (the
    first epoch at or below it) and to the end of the run."""
    hits = side.hits(targets)
    got = [h for h in hits if h is not None]
    ends = [r["curve"][-1][0] for r in side.runs]
    out = {"all_reached": len(got) == len(hits), "missed": len(hits) - len(got),
           "ends_below": all(r["final"] <= t for r, t in zip(side.runs, targets)),
           "end_s": statistics.median(ends),
           "end_ratios": [e / t for e, t in zip(ends, ref_times)]}
    out["end_ratio"] = statistics.median(out["end_ratios"])
    if out["all_reached"]:
        out["to_target_all"] = [h[1] for h in got]
        out["to_target_s"] = statistics.median(out["to_target_all"])
        out["to_target_epoch"] = statistics.median(h[0] for h in got)
        out["ratios"] = [h[1] / t for h, t in zip(got, ref_times)]
        out["ratio"] = statistics.median(out["ratios"])
    return out


def describe(train_cfg) -> str:
    lr = f"{train_cfg.lr:.0e}".replace("e-0", "e-")  # 0.002 -> "2e-3", as the README writes it
    return f"batch {train_cfg.batch_size}, lr {lr}, {train_cfg.epochs} epochs"


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="2 epochs, 1 repetition: a smoke run")
    p.add_argument("--reps", type=int, default=5)
    p.add_argument("--vary-seeds", action="store_true",
                   help="repetition r uses seed r on every side (default: every repetition "
                        "trains the default run's seed)")
    p.add_argument("--json", help="also write the issue rows to this file (python -m bench)")
    args = p.parse_args(argv)
    torch.set_num_threads(1)
    reps = 1 if args.quick else args.reps
    defaults = RunSettings()
    data = load_dataset(DataConfig(dataset=defaults.dataset))
    model_cfg, _, new_cfg = defaults.configs(data.input_shape)
    old_cfg = dataclasses.replace(new_cfg, **OLD_DEFAULTS)
    ref_epochs = OLD_DEFAULTS["epochs"]
    if args.quick:
        new_cfg, old_cfg, ref_epochs = (dataclasses.replace(new_cfg, epochs=2),
                                        dataclasses.replace(old_cfg, epochs=2), 2)
    amp = cpu_has_bf16() and resolve_device(new_cfg.device).type == "cpu"
    sides = [Side("ours, the app's defaults", describe(new_cfg)),
             Side("ours, the old defaults", describe(old_cfg))]
    if amp:
        sides.append(Side("ours, the app's defaults with `--amp` (bf16)", describe(new_cfg)))
    ref = Side("reference (pytorch/examples-style loop)",
               describe(dataclasses.replace(old_cfg, epochs=ref_epochs)))

    # warm-up: one-off costs (kernels, allocator, Adam's first use) before anything is timed
    train_model(model_cfg, data, dataclasses.replace(new_cfg, epochs=1, max_steps=5))
    run_reference(as_u8(data.train_x[:256]), as_u8(data.test_x[:64]), epochs=1,
                  hidden=model_cfg.hidden, latent=model_cfg.latent_dim)
    for rep in range(reps):
        seed = rep if args.vary_seeds else new_cfg.seed
        ref.runs.append(reference(data, model_cfg, epochs=ref_epochs, seed=seed))
        configs = [new_cfg, old_cfg] + ([dataclasses.replace(new_cfg, amp=True)] if amp else [])
        for side, cfg in zip(sides, configs):
            side.runs.append(ours(data, model_cfg, dataclasses.replace(cfg, seed=seed)))
        print(f"repetition {rep + 1}/{reps} (seed {seed}): target {ref.runs[-1]['final']:.2f}, "
              + ", ".join(f"{s.name} {s.runs[-1]['final']:.2f}" for s in sides), flush=True)

    targets = [r["final"] for r in ref.runs]
    ref_times = [r["curve"][-1][0] for r in ref.runs]
    print(f"\ntorch {torch.__version__}, 1 thread, {reps} repetition(s) interleaved "
          f"({'seed r in repetition r' if args.vary_seeds else f'seed {new_cfg.seed}'} on every "
          f"side), medians; mnist-5k ({data.n_train:,} training, {data.n_test:,} test images), "
          f"MLP {'-'.join(map(str, model_cfg.hidden))}, K = {model_cfg.latent_dim}, "
          f"{model_cfg.recon.upper()}\n")
    print(f"target: the reference's test −ELBO after its {ref_epochs} epochs = "
          f"{statistics.median(targets):.2f} (per repetition: {_list(targets)})\n")
    print("| run | settings | test −ELBO at its end | time to the target (epoch) | "
          "/ the reference's | its whole training | / the reference's | whole run, tests "
          "included |")
    print("|---|---|---|---|---|---|---|---|")
    print(f"| {ref.name} | {ref.settings} | {ref.med('final'):.2f} | "
          f"{statistics.median(ref_times):.2f} s ({ref_epochs}) | 1 | "
          f"{statistics.median(ref_times):.2f} s | 1 | {ref.med('wall_s'):.2f} s |")
    summaries = {side.name: summarise(side, targets, ref_times) for side in sides}
    for side in sides:
        m = summaries[side.name]
        to_target = (f"{m['to_target_s']:.2f} s ({m['to_target_epoch']:g}); per rep: "
                     f"{_list(m['to_target_all'])}" if m["all_reached"]
                     else f"not reached in {m['missed']} of {reps}")
        ratio = f"{m['ratio']:.2f} ({_list(m['ratios'])})" if m["all_reached"] else "—"
        print(f"| {side.name} | {side.settings} | {side.med('final'):.2f} | {to_target} | "
              f"{ratio} | {m['end_s']:.2f} s | {m['end_ratio']:.2f} "
              f"({_list(m['end_ratios'])}) | {side.med('wall_s'):.2f} s |")

    target_text = statistics.median(targets)
    rows = []
    for side in sides[:2]:
        m, new = summaries[side.name], side is sides[0]
        what = (f"time to the reference's {ref_epochs}-epoch test −ELBO ({target_text:.2f}) on "
                f"mnist-5k: the app's default run ({side.settings}; −ELBO at its end "
                f"{side.med('final'):.2f}, its whole training {m['end_s']:.2f} s = "
                f"{m['end_ratio']:.2f}× the reference's) against the pytorch/examples-style loop "
                f"({ref.settings}), 1 thread, training time without the per-epoch tests, "
                f"{reps} repetition(s) interleaved" if new else
                f"the same, the old default run ({side.settings}; −ELBO at its end "
                f"{side.med('final'):.2f}, its whole training {m['end_s']:.2f} s = "
                f"{m['end_ratio']:.2f}×)")
        ours_text = (f"{m['to_target_s']:.2f} s (epoch {m['to_target_epoch']:g})"
                     if m["all_reached"] else "not reached")
        result = (f"{m['ratio']:.2f}× (per rep: {_list(m['ratios'])})" if m["all_reached"]
                  else "—")
        met = (m["all_reached"] and m["ends_below"] and m["end_ratio"] <= TARGET_RATIO
               and m["ratio"] <= TARGET_RATIO) if new else None
        rows.append(IssueRow(
            "20", what, f"{statistics.median(ref_times):.2f} s ({ref_epochs} epochs)" if new
            else "(same runs)", ours_text, result,
            f"the run ends at ≤ the target, in ≤ {TARGET_RATIO:g}× the reference's time" if new
            else "report", met))
    write_rows(args.json, rows)


if __name__ == "__main__":
    main()
