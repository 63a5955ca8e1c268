"""Training benchmarks (issue 7, rows 1-3): prints a markdown table.

1. Throughput of the pytorch/examples model (784-400-20, BCE, Adam 1e-3, batch 128) on
   MNIST-shaped data: our trainer vs a reference loop in pytorch/examples' style.
2. The same as a share of this machine's matrix-multiply throughput, measured in the same run.
3. Time to quality on digits at the app's default settings vs the reference loop's 50 epochs.

MNIST itself cannot be downloaded here, so the 28×28 data are scikit-learn's digits upsampled
to 28×28 and tiled to 60,000 images: the same shapes and bytes per epoch as MNIST.

    python bench/bench_train.py            # full run (a few minutes on 2 cores)
    python bench/bench_train.py --quick    # smoke run
"""

from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import IssueRow, table, write_rows  # noqa: E402
from bench.reference_loop import run_reference  # noqa: E402
from vae_core.config import DataConfig, ModelConfig, TrainConfig, preset_model  # noqa: E402
from vae_core.data import DataBundle, load_dataset  # noqa: E402
from vae_core.devices import cpu_has_bf16, resolve_device  # noqa: E402
from vae_core.training import Trainer, TrainerCallback  # noqa: E402


def app_defaults() -> tuple[ModelConfig, dict]:
    """The Train page's defaults, read from the app itself so the two cannot drift apart."""
    from ui.train.form import Settings

    s = Settings()
    model_cfg, _, train_cfg = s.configs((1, 8, 8))
    return model_cfg, {"batch_size": train_cfg.batch_size, "lr": train_cfg.lr}


def mnist_shaped(n_train: int, n_test: int) -> tuple[np.ndarray, np.ndarray]:
    digits = load_dataset(DataConfig(dataset="digits"))
    x = torch.cat([digits.train_x, digits.test_x])  # (1797, 1, 8, 8)
    big = F.interpolate(x, size=(28, 28), mode="bilinear", align_corners=False)
    u8 = (big.clamp(0, 1) * 255).round().to(torch.uint8)[:, 0].numpy()  # (N, 28, 28)
    reps = -(-(n_train + n_test) // len(u8))
    tiled = np.concatenate([u8] * reps)
    return tiled[:n_train], tiled[n_train:n_train + n_test]


def bundle(train_u8: np.ndarray, test_u8: np.ndarray, name: str) -> DataBundle:
    def to_x(a):  # (N, H, W) uint8 -> (N, 1, H, W) float in [0, 1], what ToTensor gives
        return torch.from_numpy(a).float().div_(255).unsqueeze(1).contiguous()

    return DataBundle(name=name, train_x=to_x(train_u8),
                      train_y=torch.zeros(len(train_u8), dtype=torch.long), test_x=to_x(test_u8),
                      test_y=torch.zeros(len(test_u8), dtype=torch.long),
                      class_names=("x",))


class StepClock(TrainerCallback):
    """Samples/s over the steps after the first (which pays one-off allocation costs)."""

    def __init__(self) -> None:
        self.t_first, self.t_last, self.samples = None, None, 0

    def on_step(self, m) -> None:
        now = time.perf_counter()
        if self.t_first is None:
            self.t_first = now
        else:
            self.samples += self.batch
        self.t_last = now

    def rate(self) -> float:
        return self.samples / (self.t_last - self.t_first)


def ours_throughput(data: DataBundle, *, batch_size: int = 128,
                    amp: bool = False) -> tuple[float, float]:
    """Samples/s of one epoch, and the test −ELBO after it."""
    torch.manual_seed(0)
    from vae_core.models import build_model

    model = build_model(preset_model("examples"))
    clock = StepClock()
    clock.batch = batch_size
    trainer = Trainer(model, data,
                      TrainConfig(epochs=1, batch_size=batch_size, lr=1e-3, amp=amp),
                      callbacks=[clock])
    result = trainer.fit()
    return clock.rate(), result.final_test["elbo"]


def linear_flops_per_sample(dims: list[tuple[int, int]]) -> float:
    """Forward 2·in·out per layer; backward 2× that, minus the first layer's input gradient."""
    fwd = sum(2 * i * o for i, o in dims)
    first_input_grad = 2 * dims[0][0] * dims[0][1]
    return 3 * fwd - first_input_grad


def matmul_gflops(n: int = 2048, reps: int = 5) -> float:
    a, b = torch.randn(n, n), torch.randn(n, n)
    torch.mm(a, b)
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        torch.mm(a, b)
        times.append(time.perf_counter() - t0)
    return 2 * n ** 3 / statistics.median(times) / 1e9


def time_to_quality(digits_u8, *, ref_epochs: int, max_epochs: int) -> dict:
    train_u8, test_u8 = digits_u8
    ref = run_reference(train_u8, test_u8, epochs=ref_epochs, hidden=400, latent=20)
    target = ref["test_elbo"]
    data = bundle(train_u8, test_u8, "digits")
    stop = threading.Event()
    reached: dict = {}

    class Watch(TrainerCallback):
        def on_epoch(self, m) -> None:
            if m.test_elbo <= target and not reached:
                reached.update(epoch=m.epoch, seconds=m.seconds, elbo=m.test_elbo)
                stop.set()

    from vae_core.models import build_model

    model_cfg, train_kw = app_defaults()
    torch.manual_seed(0)
    t0 = time.perf_counter()
    trainer = Trainer(build_model(model_cfg), data,
                      TrainConfig(epochs=max_epochs, **train_kw),
                      callbacks=[Watch()], stop_event=stop)
    result = trainer.fit()
    wall = time.perf_counter() - t0
    return {"target": target, "ref_s": ref["wall_s"], "ours_s": reached.get("seconds", wall),
            "ours_epochs": reached.get("epoch"), "ours_elbo": reached.get("elbo"),
            "reached": bool(reached), "ours_final": result.final_test.get("elbo"),
            "settings": f"MLP {'-'.join(map(str, model_cfg.hidden))}, K={model_cfg.latent_dim}, "
                        f"batch {train_kw['batch_size']}, lr {train_kw['lr']:g}"}


def digits_as_u8() -> tuple[np.ndarray, np.ndarray]:
    d = load_dataset(DataConfig(dataset="digits"))

    def u8(x):  # (N, 1, 8, 8) float -> (N, 8, 8) uint8
        return (x[:, 0] * 255).round().to(torch.uint8).numpy()

    return u8(d.train_x), u8(d.test_x)


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="tiny sizes: a smoke run")
    p.add_argument("--reps", type=int, default=3)
    p.add_argument("--threads", type=int, default=None)
    p.add_argument("--json", help="also write the issue rows to this file (python -m bench)")
    args = p.parse_args(argv)
    if args.threads:
        torch.set_num_threads(args.threads)
    n_train, n_test = (2_000, 256) if args.quick else (60_000, 1_000)
    reps = 1 if args.quick else args.reps
    ref_epochs, max_epochs = (2, 4) if args.quick else (50, 200)

    train_u8, test_u8 = mnist_shaped(n_train, n_test)
    data = bundle(train_u8, test_u8, "mnist-shaped")
    with_amp = cpu_has_bf16() and torch.device("cpu") == resolve_device("auto")
    runs: dict[str, list[tuple[float, float]]] = {"ref": [], "ours": [], "amp": []}
    for _ in range(reps):  # interleaved, so drifts in machine load hit every side alike
        ref = run_reference(train_u8, test_u8, epochs=1)
        runs["ref"].append((ref["samples_per_s"], ref["test_elbo"]))
        runs["ours"].append(ours_throughput(data))
        if with_amp:
            runs["amp"].append(ours_throughput(data, amp=True))
    ref_rates = [r for r, _ in runs["ref"]]
    our_rates = [r for r, _ in runs["ours"]]
    ratios = [o / r for o, r in zip(our_rates, ref_rates)]
    amp_ratios = [a / r for (a, _), r in zip(runs["amp"], ref_rates)]
    elbo = {k: statistics.median(e for _, e in v) for k, v in runs.items() if v}
    peak = matmul_gflops(512 if args.quick else 2048)
    flops = linear_flops_per_sample([(784, 400), (400, 20), (400, 20), (20, 400), (400, 784)])
    ours_med = statistics.median(our_rates)
    achieved = ours_med * flops / 1e9
    digits_u8 = digits_as_u8()
    ttqs = [time_to_quality(digits_u8, ref_epochs=ref_epochs, max_epochs=max_epochs)
            for _ in range(reps)]  # each rep runs the reference, then ours
    ttq = sorted(ttqs, key=lambda t: t["ref_s"] / t["ours_s"] if t["reached"] else 0.0)[
        len(ttqs) // 2]  # the rep with the median ratio

    ratio1 = statistics.median(ratios)
    ratio3 = ttq["ref_s"] / ttq["ours_s"] if ttq["reached"] else None
    reached = (f"{ttq['ours_s']:.2f} s ({ttq['ours_epochs']} epochs, −ELBO {ttq['ours_elbo']:.2f})"
               if ttq["reached"] else f"not reached (final {ttq['ours_final']:.2f})")
    rows = [
        IssueRow("1", f"training samples/s, 784-400-20 BCE, Adam 1e-3, batch 128, "
                 f"{n_train:,} MNIST-shaped images, float32 ({reps} reps, ratios per rep; "
                 f"test −ELBO after the epoch: reference {elbo['ref']:.1f}, ours "
                 f"{elbo['ours']:.1f})",
                 f"{statistics.median(ref_rates):,.0f} (pytorch/examples-style loop)",
                 f"{ours_med:,.0f}", f"{ratio1:.2f}× (per rep: "
                 f"{', '.join(f'{r:.2f}' for r in ratios)})", "≥ 2.0×", ratio1 >= 2.0),
        IssueRow("2", f"the same as GFLOP/s of the linear layers vs sgemm ({peak:.0f} GFLOP/s "
                 "in this run)", "—", f"{achieved:.1f} GFLOP/s", f"{achieved / peak:.0%}",
                 "report; aim ≥ 50%", None),
        IssueRow("3", f"digits at the app's defaults ({ttq['settings']}): time to the test "
                 f"−ELBO the reference reaches after {ref_epochs} epochs ({ttq['target']:.2f})",
                 f"{ttq['ref_s']:.2f} s", reached,
                 f"{ratio3:.1f}×" if ratio3 else "—", "≥ 3×", bool(ratio3 and ratio3 >= 3)),
    ]
    if with_amp:
        amp_ratio = statistics.median(amp_ratios)
        rows.insert(1, IssueRow(
            "1", f"the same with `--amp`: bfloat16 autocast on this CPU's bfloat16 units (test "
            f"−ELBO after the epoch {elbo['amp']:.1f})", "(same runs)",
            f"{statistics.median(r for r, _ in runs['amp']):,.0f}",
            f"{amp_ratio:.2f}× (per rep: {', '.join(f'{r:.2f}' for r in amp_ratios)})",
            "≥ 2.0×", amp_ratio >= 2.0))
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, "
          f"{reps} repetitions (medians)\n")
    print(table(rows))
    write_rows(args.json, rows)


if __name__ == "__main__":
    main()
