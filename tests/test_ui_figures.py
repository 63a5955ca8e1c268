"""Figures and image grids from core results (no Streamlit)."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from ui.shell import figures
from vae_core.training import EpochMetrics, StepMetrics


def steps(n: int, k: int = 3) -> list[StepMetrics]:
    return [StepMetrics(step=i + 1, epoch=i / 10, recon=50 - i * 0.1, kl=1 + i * 0.01,
                        beta=1.0 if i < n // 2 else 4.0, kl_term=(1 + i * 0.01) * 1.0,
                        total=51.0, elbo=51.0, kl_per_dim=tuple([0.1 * j for j in range(k)]),
                        samples_per_s=1000.0) for i in range(n)]


def test_thin_keeps_the_last_point():
    items = list(range(1001))
    out = figures.thin(items, 100)
    assert len(out) <= 101 and out[0] == 0 and out[-1] == 1000
    assert figures.thin([1, 2], 100) == [1, 2]


def epochs(n: int) -> list[EpochMetrics]:
    return [EpochMetrics(epoch=i + 1, step=10 * (i + 1), train_elbo=60.0 - i, test_elbo=62.0 - i,
                         test_recon=50.0, test_kl=12.0 - i, test_kl_per_dim=(1.0,),
                         active_units=1, seconds=float(i)) for i in range(n)]


def test_loss_figure_puts_the_kl_on_its_own_axis_beside_the_test_curve():
    fig = figures.loss_figure(steps(50), epochs(4))
    by_name = {t.name: t for t in fig.data}
    assert set(by_name) == {"reconstruction −log p(x|z)", "total loss", "KL(q‖p)",
                            "β·KL (in the loss)", "β (right axis)", "train −ELBO (per epoch)",
                            "test −ELBO (per epoch)"}
    assert by_name["reconstruction −log p(x|z)"].yaxis == "y"
    assert by_name["KL(q‖p)"].yaxis == "y2"            # the KL panel, not the loss axis
    assert by_name["β (right axis)"].yaxis == "y3"     # β on that panel's right
    assert list(by_name["test −ELBO (per epoch)"].x) == [10, 20, 30, 40]
    assert max(by_name["β (right axis)"].y) == 4.0     # a live β change shows in the curves
    stacked = figures.loss_figure(steps(50), stacked=True)
    assert [t.stackgroup for t in stacked.data[:2]] == ["loss", "loss"]
    logged = figures.loss_figure(steps(50), log=True)
    assert logged.layout.yaxis.type == "log" and logged.layout.yaxis2.type == "log"
    assert logged.layout.yaxis3.type != "log"          # β stays linear
    assert len(figures.loss_figure(steps(5000)).data[0].x) <= figures.MAX_POINTS + 1
    assert len(figures.loss_figure([]).data[0].x) == 0


def mean_steps(n: int) -> list[StepMetrics]:
    """A mean-over-pixels run: recon ≈ 200 nats per image, the minimised loss 200/784 + KL."""
    return [StepMetrics(step=i + 1, epoch=i / 10, recon=200.0, kl=0.01, beta=1.0, kl_term=0.01,
                        total=200.0 / 784 + 0.01, elbo=200.01, kl_per_dim=(0.01,),
                        samples_per_s=1000.0) for i in range(n)]


def test_a_mean_over_pixels_run_plots_its_minimised_loss_on_an_axis_of_its_own():
    """Issue 29: its total (≈ 0.27) drawn on the "nats per image" axis beside a reconstruction
    of 200 lay flat at 0 and read as a total below its own part."""
    fig = figures.loss_figure(mean_steps(20), epochs(2), pixels=784)
    by_name = {t.name: t for t in fig.data}
    assert "total loss" not in by_name
    minimised = by_name["minimised loss: recon ÷ 784 + β·KL (right axis)"]
    recon = by_name["reconstruction −log p(x|z)"]
    assert recon.yaxis == "y" and minimised.yaxis != recon.yaxis
    axis = fig.layout[f"yaxis{minimised.yaxis[1:]}"]
    assert axis.title.text == "minimised loss"  # the legend names its formula
    assert fig.layout.yaxis.title.text == "nats per image"
    stacked = figures.loss_figure(mean_steps(20), pixels=784, stacked=True)
    parts = [t for t in stacked.data if t.stackgroup == "minimised"]
    assert [round(t.y[0], 3) for t in parts] == [round(200 / 784, 3), 0.01]
    assert {t.yaxis for t in parts} == {minimised.yaxis}
    plain = figures.loss_figure(steps(20))  # a summed run keeps one axis for its total
    assert {t.name: t for t in plain.data}["total loss"].yaxis == "y"


def test_kl_bars_grey_the_units_the_active_count_leaves_out():
    """Issue 29: the bars greyed dims by KL < 0.01 while the count used Cov_x E[z_u] > 0.01.
    One rule now: z1 (KL 0.05, its mean barely moves) is grey, z2 (KL 0.008, Cov 0.02) blue."""
    fig = figures.kl_bars([0.05, 0.008, 1.2], [0.005, 0.02, 0.9])
    assert list(fig.data[0].marker.color) == ["#bbbbbb", "#1f77b4", "#1f77b4"]
    assert list(fig.data[0].customdata) == [0.005, 0.02, 0.9]   # Cov in the hover
    assert "Cov" in fig.data[0].hovertemplate


def test_kl_heatmap_names_the_kl_of_each_active_unit():
    """Issue 29: "5 of 8 active" for a run of 0.55 nats: the title now says what each carries."""
    fig = figures.kl_heatmap(steps(30, k=8), active_units=5,
                             active_kl=[0.42, 0.07, 0.04, 0.01, 0.01])
    assert fig.layout.title.text.startswith("5 of 8 units active (Cov_x E[z_u] > 0.01; test")
    assert "<br>KL of each: 0.42, 0.07, 0.04, 0.01, 0.01 nats" in fig.layout.title.text


def test_kl_heatmap_rows_are_latent_dims():
    fig = figures.kl_heatmap(steps(30, k=4), active_units=2)
    z = np.asarray(fig.data[0].z)
    assert z.shape == (4, 30) and "2 of 4" in fig.layout.title.text
    assert figures.kl_heatmap([]).data[0].z is not None


def test_image_grid_upscales_without_blur():
    images = torch.rand(8, 1, 8, 8)
    grid = figures.image_grid(images, nrow=8)
    assert grid.dtype == np.uint8 and grid.ndim == 3 and grid.shape[2] == 3
    scale = grid.shape[0] - 4  # one row, 2 px padding each side
    assert scale % 8 == 0 and scale >= figures.IMAGE_PX
    scale //= 8
    block = grid[2:2 + scale, 2:2 + scale, 0]
    assert (block == block[0, 0]).all()  # nearest neighbour: one flat block per pixel


@pytest.mark.parametrize("side", [8, 28, 32])
def test_images_are_shown_at_a_readable_size(side):
    """28×28 digits: at least 84 px in grids, 168 px alone; every size by a whole factor."""
    images = torch.rand(3, 1, side, side)
    cell = figures.image_grid(images, nrow=3).shape[0] - 4
    alone = figures.single_image(images[0]).shape[0] - 4
    assert cell >= 84 and alone >= 168
    assert cell % side == 0 and alone % side == 0


def test_latent_bars_and_diagram():
    fig = figures.latent_bars(np.zeros(3), np.ones(3), np.array([0.5, -1, 2]))
    assert [t.type for t in fig.data] == ["bar", "bar", "scatter"]
    dot = figures.vae_diagram()
    assert dot.startswith("digraph") and "z = μ + σ ⊙ ε" in dot and "ε ~ N(0, I)" in dot


def test_the_empty_loss_frame_before_start_shows_no_made_up_ticks():
    from ui.shell import figures

    empty = figures.loss_figure([], [])
    assert empty.layout.xaxis.showticklabels is False and empty.layout.yaxis.showticklabels is False
    assert [t.name for t in empty.data]  # the legend says what will be drawn
