"""vae_core.analysis.latent_history: the latent space recorded while a model trains, aligned
between snapshots (Procrustes) and bounded in memory."""

from __future__ import annotations

import tomllib
from pathlib import Path

import numpy as np
import torch
from scipy.stats import ortho_group

from vae_core.analysis import latent_history as lh
from vae_core.config import DataConfig, ModelConfig, TrainConfig
from vae_core.jobs import TrainingJob

ROOT = Path(__file__).resolve().parents[1]

SMALL = ModelConfig(hidden=(64,), latent_dim=4)


def test_two_dims_are_the_raw_axes():
    mu = np.random.default_rng(0).normal(size=(50, 2))
    np.testing.assert_allclose(lh.project_2d(mu, None), mu, rtol=1e-6)


def test_a_rotated_latent_space_is_aligned_back_onto_the_previous_snapshot():
    rng = np.random.default_rng(1)
    mu = rng.normal(size=(300, 6)) * np.array([3, 2, 1, 0.5, 0.2, 0.1])
    first = lh.project_2d(mu, None)
    spun = mu @ ortho_group.rvs(6, random_state=2)  # the same space, turned and reflected
    raw = lh.project_2d(spun, None)
    aligned = lh.project_2d(spun, first)
    assert np.abs(aligned - first).max() < 1e-4          # no jump between the snapshots
    assert np.abs(raw - first).max() > 0.5               # which plain PCA would show


def test_a_job_records_snapshots_while_it_trains_and_drops_its_data_after(digits):
    job = TrainingJob(SMALL, DataConfig(), TrainConfig(epochs=2), data=digits).start()
    job.join(60)
    snaps = job.latent.snapshots()
    assert snaps[0].step == 1 and len(snaps) >= 3             # the first step, each epoch end
    assert all(s.points.shape == (len(job.latent.labels), 2) for s in snaps)
    assert [s.step for s in snaps] == sorted({s.step for s in snaps})
    assert snaps[-1].step == job.snapshot().step
    assert job.latent.model is None and job.latent.x is None   # released with the job


def test_snapshots_are_capped(monkeypatch, digits):
    monkeypatch.setattr(lh, "MAX_SNAPSHOTS", 8)
    model = torch.nn.Linear(1, 1)
    model.encode = lambda x: (x.flatten(1)[:, :3], None)    # any (n, K) means will do
    rec = lh.LatentRecorder(model, digits.test_x, digits.test_y, n=40, interval_s=0.0)

    class Step:
        def __init__(self, step):
            self.step, self.epoch = step, step / 10

    for step in range(1, 60):
        rec.on_step(Step(step))
    snaps = rec.snapshots()
    assert len(snaps) <= 8 and snaps[0].step == 1 and snaps[-1].step == 59


def test_the_replay_has_at_most_60_frames_ending_on_the_last_snapshot():
    from ui.train.live_latent import MAX_FRAMES, live_figure, replay_figure

    rng = np.random.default_rng(3)
    snaps = [lh.LatentSnapshot(step=10 * i + 1, epoch=i / 10,
                               points=rng.normal(size=(20, 2)).astype(np.float32))
             for i in range(150)]
    colours, labels = ["#000"] * 20, ["0"] * 20
    fig = replay_figure(snaps, 8, colours, labels, [-3, 3, -3, 3])
    assert len(fig.frames) == MAX_FRAMES and fig.frames[-1].name == "1491"
    assert fig.layout.sliders[0].active == MAX_FRAMES - 1
    assert fig.layout.xaxis.title.text == "PC 1 (aligned)"
    live = live_figure(snaps[-1], 2, colours, labels, [-3, 3, -3, 3])
    assert live.layout.xaxis.title.text == "z1" and "1,491" in live.layout.title.text


def test_a_long_replay_names_its_step_above_the_slider_not_under_every_tick():
    """60 step labels under one slider ran into each other; 5 still fit and stay."""
    from ui.shell.figures import MAX_STEP_LABELS, TEXT_COLOR
    from ui.train.live_latent import replay_figure

    def slider(n):
        snaps = [lh.LatentSnapshot(step=i + 1, epoch=i / 10, points=np.zeros((3, 2), np.float32))
                 for i in range(n)]
        return replay_figure(snaps, 2, ["#000"] * 3, ["0"] * 3, [-3, 3, -3, 3]).layout.sliders[0]

    long, short = slider(60), slider(5)
    assert 5 <= MAX_STEP_LABELS < 60
    theme = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["theme"]
    assert theme["textColor"] == TEXT_COLOR  # the step named in the page's own text colour
    assert long.font.color == "rgba(0,0,0,0)" and long.currentvalue.font.color == TEXT_COLOR
    assert short.font.color is None and [s.label for s in short.steps] == list("12345")
