"""Randomness per job: every trainer, job and evaluation draws from its own ``torch.Generator``
(weight init, ε, binarisation), never from torch's global one, so jobs running at once in one
server cannot reseed each other: "same seed, same weights" holds for each of them."""

from __future__ import annotations

import ast
import threading
import time
from pathlib import Path

import pytest
import torch

from vae_core.analysis import evaluate
from vae_core.config import RECONS, DataConfig, ModelConfig, TrainConfig, preset_model
from vae_core.jobs import TrainingJob
from vae_core.models import build_model
from vae_core.training import train_model

ROOT = Path(__file__).resolve().parents[1]
SMALL = ModelConfig(hidden=(64,), latent_dim=4)


@pytest.mark.parametrize("cfg", [
    SMALL, preset_model("examples"),
    ModelConfig(arch="conv", input_shape=(1, 28, 28), hidden=(32,)),
    *(ModelConfig(hidden=(16,), recon=recon) for recon in RECONS)],  # σ, learned σ: constants
    ids=["mlp", "examples", "conv", *RECONS])
def test_weights_come_from_the_generator_with_pytorchs_default_init(cfg):
    torch.manual_seed(3)
    default = build_model(cfg).state_dict()  # PyTorch's own reset_parameters, global RNG
    ours = build_model(cfg, generator=torch.Generator().manual_seed(3)).state_dict()
    torch.manual_seed(99)  # whatever the global generator's state, the same weights
    again = build_model(cfg, generator=torch.Generator().manual_seed(3)).state_dict()
    assert all(torch.equal(again[k], ours[k]) for k in ours)
    assert default.keys() == ours.keys()
    assert all(torch.equal(default[k], ours[k]) for k in default)  # same draws, same order
    other = build_model(cfg, generator=torch.Generator().manual_seed(4)).state_dict()
    assert not all(torch.equal(other[k], ours[k]) for k in ours)


def _weights(job: TrainingJob) -> dict[str, torch.Tensor]:
    job.join(60)
    assert job.snapshot().status == "finished", job.snapshot().message
    return job.model_copy().state_dict()


def test_jobs_at_the_same_moment_end_with_the_weights_of_one_alone(digits):
    """Binarisation on, so every source of noise (init, ε, binarisation, shuffling) is used;
    a third thread keeps reseeding and drawing from the global generator meanwhile."""
    data_cfg = DataConfig(dataset="digits", binarize=True)
    train_cfg = TrainConfig(epochs=2, batch_size=64, seed=5)
    alone = _weights(TrainingJob(SMALL, data_cfg, train_cfg, data=digits).start())

    done = threading.Event()

    def meddle() -> None:
        i = 0
        while not done.is_set():
            torch.manual_seed(i)
            torch.randn(64)
            i += 1
            time.sleep(0.0005)

    meddler = threading.Thread(target=meddle, daemon=True)
    meddler.start()
    try:
        jobs = [TrainingJob(SMALL, data_cfg, train_cfg, data=digits) for _ in range(2)]
        for job in jobs:
            job.start()
        together = [_weights(job) for job in jobs]
    finally:
        done.set()
        meddler.join(5)
    for weights in together:
        assert all(torch.equal(weights[k], alone[k]) for k in alone)


def test_training_ignores_and_evaluation_leaves_the_global_generator(digits):
    results = []
    for global_seed in (1, 2):
        torch.manual_seed(global_seed)
        model, _ = train_model(SMALL, digits, TrainConfig(epochs=1, seed=1))
        results.append(model.state_dict())
    assert all(torch.equal(results[0][k], results[1][k]) for k in results[0])
    before = torch.get_rng_state()
    evaluate(model, digits.test_x, seed=0)
    evaluate(model, digits.test_x[:20], iwae_k=3, seed=0)
    assert torch.equal(torch.get_rng_state(), before)


def test_no_global_seeding_in_vae_core():
    calls = []
    for path in (ROOT / "vae_core").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                    node.func.attr in ("manual_seed", "seed") and \
                    isinstance(node.func.value, ast.Name) and node.func.value.id == "torch":
                calls.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not calls, f"torch.manual_seed in vae_core (pass a torch.Generator): {calls}"
