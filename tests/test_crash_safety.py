"""A save killed at any moment leaves the old model or the new one, never a half-written file.

A child process saves two different models to the same path in a loop; we SIGKILL it at
staggered moments and check after each kill that the file at the path loads and is one of the two.
"""

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import torch

from vae_core.checkpoints import load_checkpoint, save_checkpoint
from vae_core.config import ModelConfig
from vae_core.models import build_model

CFG = ModelConfig(hidden=(512, 256), latent_dim=16)  # ~1 MB: each write takes a moment

WRITER = textwrap.dedent("""
    import sys, torch
    from vae_core.checkpoints import save_checkpoint
    from vae_core.config import ModelConfig
    from vae_core.models import build_model
    cfg = ModelConfig(hidden=(512, 256), latent_dim=16)
    models = []
    for seed in (1, 2):
        torch.manual_seed(seed)
        models.append(build_model(cfg))
    print("ready", flush=True)
    i = 0
    while True:
        save_checkpoint(sys.argv[1], models[i % 2], name=f"seed{1 + i % 2}")
        i += 1
""")


@pytest.mark.e2e  # a whole program in a subprocess
def test_killed_writer_never_leaves_a_broken_file(tmp_path: Path):
    target = tmp_path / "model.safetensors"
    torch.manual_seed(0)
    save_checkpoint(target, build_model(CFG), name="original")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    seen = set()
    for delay in (0.0, 0.02, 0.06, 0.15, 0.3):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(target)], env=env,
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        ckpt = load_checkpoint(target)  # raises if half-written
        assert ckpt.name in {"original", "seed1", "seed2"}
        seen.add(ckpt.name)
        # leftover temp files are hidden dot-files that a library listing must skip
        for leftover in tmp_path.glob(".*.tmp"):
            leftover.unlink()
    assert seen - {"original"}, "the writer never completed a save; the test proved nothing"
