"""Memory one browser session can hold (issue 26, item 5): the worst case the session's cap
allows, built in one process through the app's own upload and session-model code (an AppTest
session), with the server's RSS read after each step.

Steps: the tester's upload (20,000 PNGs of 64×64, about 4.5 MB zipped, "keep size": refused
now); an upload of 64×64 images kept at their size filling half the cap (accepted); the
tester's 13 models of 48 MB added one after another, as 13 uploads in one tab; then 40 MNIST
MLPs (784-400-20, 2.6 MB each). The cap lets the least recently used models go, so the
session ends full: one upload and as many models as fit. RSS is read after ``gc.collect`` and
``malloc_trim`` (what the server does when a session's work ends); "peak" is the highest RSS
during the step (``VmHWM``, reset before it).

    python bench/bench_session.py                        # the default cap, 128 MB
    VAE_LAB_SESSION_MB=256 python bench/bench_session.py
"""

from __future__ import annotations

import argparse
import gc
import io
import os
import sys
import tempfile
import time
import zipfile
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # the app's default, before torch is imported
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from ui.shell import memory_budget, state  # noqa: E402
from vae_core import footprint, threads  # noqa: E402
from vae_core.data.uploads import kept_bytes  # noqa: E402

BIG_MODEL = {"input_shape": (1, 28, 28), "hidden": (7680,), "latent_dim": 20}   # 47.8 MB
MNIST_MODEL = {"input_shape": (1, 28, 28), "hidden": (400,), "latent_dim": 20}  # 2.6 MB


def _status(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} in /proc/self/status")


def rss_mb() -> float:
    gc.collect()
    threads.return_freed_memory()
    return _status("VmRSS")


def reset_peak() -> None:
    Path("/proc/self/clear_refs").write_text("5")  # VmHWM := VmRSS (Linux 4.0+)


def image_zip(n: int, side: int = 64) -> bytes:
    """``n`` distinct greyscale PNGs in 10 label folders: smooth, so that 20,000 of them zip to
    a few MB, as the tester's did."""
    ramp = np.add.outer(np.arange(side), np.arange(side))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for i in range(n):
            png = io.BytesIO()
            Image.fromarray(((ramp * (1 + i % 7) + i) % 256).astype(np.uint8)).save(png, "PNG")
            zf.writestr(f"c{i % 10}/{i:05d}.png", png.getvalue())
    return out.getvalue()


def _session() -> None:
    """The AppTest script: the Train page's uploader, or models added as a finished job's are."""
    import streamlit as st

    from ui.shell import datasets, state
    from vae_core.checkpoints import Checkpoint
    from vae_core.config import ModelConfig
    from vae_core.models import build_model

    todo = st.session_state.pop("add_models", None)
    if todo is not None:
        shape, count = todo
        cfg = ModelConfig(**shape)
        for i in range(count):
            state.add_session_model(Checkpoint(model=build_model(cfg), model_cfg=cfg,
                                               data_cfg=None, train_cfg=None, summary={},
                                               name=f"{shape['hidden'][0]}-{i}"))
    datasets.upload_box()


def held(at: AppTest) -> tuple[int, int, int]:
    """(bytes the session's models and uploads hold, models, uploads)."""
    models = at.session_state.get(state.K_MODELS, {})
    uploads = at.session_state.get(state.K_DATASETS, {})
    total = sum(map(footprint.checkpoint_footprint, models.values()))
    total += sum(map(footprint.upload_footprint, uploads.values()))
    return total, len(models), len(uploads)


def steps() -> list[tuple[str, object, str]]:
    """(kind, argument, what) of each step, the zips made beforehand (outside the baseline)."""
    half = memory_budget.cap_bytes() // 2 // kept_bytes(1, 64, 64)
    tester, filling = image_zip(20_000), image_zip(half)
    return [("upload", tester, f"20,000 PNGs 64×64, keep size ({len(tester) / 2**20:.1f} MB "
                               "zip: the tester's)"),
            ("upload", filling, f"{half:,} PNGs 64×64, keep size ({len(filling) / 2**20:.1f} "
                                "MB zip: half the cap)"),
            ("models", (BIG_MODEL, 13), "13 models of 47.8 MB, one after another (the tester's)"),
            ("models", (MNIST_MODEL, 40), "40 MNIST MLPs 784-400-20 of 2.6 MB")]


def run_step(at: AppTest, kind: str, arg: object) -> str:
    if kind == "upload":
        at.file_uploader(key="tr_upload").set_value((f"own{len(arg)}.zip", arg, "")).run()
        outcome = "refused" if at.error else "kept"
    else:
        at.session_state["add_models"] = arg
        at.run()
        outcome = "added"
    if at.exception:
        raise RuntimeError(at.exception)
    total, n_models, n_uploads = held(at)
    return f"{outcome}; holds {total / 2**20:.1f} MB: {n_models} model(s), {n_uploads} upload(s)"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.parse_args(argv)
    todo = steps()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["VAE_LAB_LIBRARY"] = str(Path(tmp) / "library")
        at = AppTest.from_function(_session, default_timeout=600)
        at.run()
        at.checkbox(key="tr_upload_keep").check().run()
        baseline = rss_mb()
        rows = []
        for kind, arg, what in todo:
            reset_peak()
            t0 = time.perf_counter()
            outcome = run_step(at, kind, arg)
            seconds, peak = time.perf_counter() - t0, _status("VmHWM")
            rows.append((what, outcome, seconds, rss_mb(), peak))
        reset_peak()
        del at  # the session ends: what it held goes
        rows.append(("the session closed", "holds nothing", 0.0, rss_mb(), _status("VmHWM")))
    print(f"one session, cap {memory_budget.cap_mb()} MB (${memory_budget.SESSION_MB_ENV}); "
          f"baseline RSS {baseline:.0f} MB (the zips already made)\n")
    print("| step | outcome | s | RSS after | vs baseline | peak during |")
    print("|---|---|---|---|---|---|")
    for what, outcome, seconds, rss, peak in rows:
        print(f"| {what} | {outcome} | {seconds:.1f} | {rss:.0f} MB | {rss - baseline:+.0f} MB "
              f"| {peak:.0f} MB |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
