"""Issue 29: one colour-blind-safe class palette in every view (with a legend on the Train
page's live plot), β axes that start at 0, and a replay whose title and caption agree."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

from ui.shell import figures
from ui.shell.figures import CLASS_COLOURS, class_colour
from vae_core.analysis import latent_history as lh
from vae_core.training import StepMetrics

ROOT = Path(__file__).resolve().parents[1]
OKABE_ITO = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
             "#000000"}
LABELS = np.arange(10).repeat(3)
NAMES = [str(d) for d in range(10)]


def marker_colours(fig) -> dict[str, str]:
    """Legend name -> marker colour of every trace that has a single colour and a name."""
    return {t.name: t.marker.color for t in fig.data
            if t.name is not None and isinstance(getattr(t.marker, "color", None), str)}


def test_the_class_palette_is_okabe_ito_then_two_more_and_declared_once():
    assert len(CLASS_COLOURS) == len(set(CLASS_COLOURS)) == 10
    assert set(CLASS_COLOURS[:8]) == OKABE_ITO
    assert figures.PALETTE[:10] == CLASS_COLOURS  # the β lab's models take the same colours
    # no view keeps a palette of its own (t-SNE had Plotly's, 0 indigo and 1 red)
    for path in (ROOT / "ui").rglob("*.py"):
        assert "colors.qualitative" not in path.read_text(), path
    for path in (ROOT / "ui").rglob("*.js"):
        text = path.read_text()
        assert "colours[" not in text or "H.colours" in text, path


def test_every_view_colours_a_class_the_same():
    from ui.explore.figures import latent_scatter
    from ui.why.figures import class_legend, latent_map

    coords = np.random.default_rng(0).normal(size=(len(LABELS), 2))
    want = {name: CLASS_COLOURS[d] for d, name in enumerate(NAMES)}
    tsne = latent_scatter(coords, np.arange(len(LABELS)), LABELS, NAMES,
                          axis_titles=("t-SNE 1", "t-SNE 2"))
    assert marker_colours(tsne) == want
    assert marker_colours(latent_map(coords, LABELS, NAMES, limit=3.0, axis_titles=("a", "b"))) \
        == want
    assert marker_colours(class_legend(LABELS, NAMES)) == want


def test_the_live_latent_plot_has_a_legend_in_the_class_palette():
    from ui.train.live_latent import live_figure, point_styles, replay_figure

    colours, labels, classes = point_styles(LABELS.tolist(), NAMES)
    assert colours == [class_colour(y) for y in LABELS]
    snaps = [lh.LatentSnapshot(step=i + 1, epoch=i / 10,
                               points=np.zeros((len(LABELS), 2), np.float32)) for i in range(3)]
    for fig in (live_figure(snaps[-1], 2, colours, labels, [-3, 3, -3, 3], classes),
                replay_figure(snaps, 2, colours, labels, [-3, 3, -3, 3], classes)):
        shown = {t.name: t.marker.color for t in fig.data if t.showlegend is not False}
        assert shown == {name: CLASS_COLOURS[d] for d, name in enumerate(NAMES)}
        assert fig.layout.legend.title.text == "Class"


def test_the_latent_plane_is_sent_the_palette():
    text = (ROOT / "ui" / "explore" / "pointer.py").read_text()
    assert re.search(r'"colours": list\(figures\.PALETTE\)', text)


def _steps(betas: list[float]) -> list[StepMetrics]:
    return [StepMetrics(step=i + 1, epoch=i / 10, recon=50.0, kl=1.0, beta=b, kl_term=b,
                        total=51.0, elbo=51.0, kl_per_dim=(0.5, 0.5), samples_per_s=1.0)
            for i, b in enumerate(betas)]


def test_every_beta_axis_starts_at_zero_under_a_warm_up():
    from types import SimpleNamespace

    from ui.compare.figures import schedule_curves

    warm = [3.6e-5 * (i + 1) for i in range(50)]
    loss = figures.loss_figure(_steps(warm))
    beta = loss.layout.yaxis3
    assert beta.range[0] == 0 and beta.tickvals[0] == 0  # the lowest tick read 0.000036
    result = SimpleNamespace(steps=_steps(warm), index=0)
    curves = schedule_curves([result], ["warm-up"], {})
    beta_axis = curves.layout.yaxis  # the first row: β per step
    assert beta_axis.title.text == "β" and beta_axis.rangemode == "tozero"


def test_the_replay_title_and_caption_count_the_same_snapshots():
    from ui.train.live_latent import MAX_FRAMES, replay_figure, replay_frames
    from ui.train.strings import LIVE_LATENT

    snaps = [lh.LatentSnapshot(step=i + 1, epoch=i / 10, points=np.zeros((3, 2), np.float32))
             for i in range(73)]
    fig = replay_figure(snaps, 2, ["#000"] * 3, ["0"] * 3, [-3, 3, -3, 3])
    assert "60 of 73 snapshots" in fig.layout.title.text
    done = LIVE_LATENT["count_done"].format(snapshots=73, shown=replay_frames(73))
    assert "73 snapshots recorded" in done and "shows 60 of them" in done
    assert "so far" not in LIVE_LATENT["caption_raw"] + LIVE_LATENT["caption_pca"]
    assert replay_frames(20) == 20 and replay_frames(500) == MAX_FRAMES
