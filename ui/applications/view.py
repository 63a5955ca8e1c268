"""The Applications page's sections: generation, denoising, completion, compression and a short
anomaly-detection summary that links to the Library's full view.

Results are cached per model (``st.cache_data`` keyed by the fingerprint, the model and data as
underscore arguments). No session state of its own: every choice is a widget value.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import streamlit as st
import torch

from ui.applications import sequences
from ui.applications.compress import compression  # noqa: F401  (the page's tab)
from ui.applications.denoise import denoising  # noqa: F401  (the page's tab)
from ui.applications.strings import ANOMALY, APPS, COMPLETE, GENERATE
from ui.shell import downloads, figures
from ui.shell.inert import inert
from vae_core.analysis.anomaly import elbo_scores, extremes
from vae_core.analysis.applications import complete, region_mask
from vae_core.analysis.traversal import prior_samples
from vae_core.checkpoints import Checkpoint
from vae_core.data import DataBundle
from vae_core.models.base import VAE

N_SAMPLES = 16
N_STRIP = 8            # completion passes shown as images
N_MEAN = 100           # test images behind the completion's mean error curve
N_ODD = 8
HOLE_RGB = (0.25, 0.45, 0.95)  # the hidden part, drawn blue so black ink and a hole differ
SEED_MAX = 10_000


def tab_labels() -> list[str]:
    labels = APPS["tabs"]
    return [labels[k] for k in ("generate", "denoise", "complete", "compress", "anomaly")]


def _seed(key: str) -> int:
    return int(st.number_input(APPS["seed"], 0, SEED_MAX, 0, key=key, help=APPS["seed_help"]))


def _image_index(data: DataBundle, key: str, label: str | None = None, *,
                 last_offset: int = 0) -> int:
    last = data.test_x.shape[0] - 1 - last_offset
    return int(st.number_input(label or APPS["image_index"], 0, last, 0, key=key,
                               help=APPS["image_help"].format(last=last)))


def _label(data: DataBundle, index: int) -> str:
    y = int(data.test_y[index])
    names = data.class_names
    return APPS["test_label"].format(index=index, label=inert(names[y]) if y < len(names) else y)


def label_links() -> None:
    """The uses that need labels live on their own pages: one line that leads there."""
    row = st.container(horizontal=True)
    row.markdown(APPS["with_labels"])
    row.page_link("pages/conditional.py", label=APPS["to_conditional"], icon=":material/draw:")
    row.page_link("pages/few_labels.py", label=APPS["to_few"], icon=":material/label:")


# -- generation ------------------------------------------------------------------------------
def generation(ckpt: Checkpoint) -> None:
    st.markdown(GENERATE["intro"])
    c1, c2 = st.columns([3, 1])
    t = c1.slider(GENERATE["temperature"], 0.0, 2.0, 1.0, 0.1, key="app_gen_temperature")
    with c2:
        seed = _seed("app_gen_seed")
    images = prior_samples(ckpt.model, N_SAMPLES, temperature=t, seed=seed)
    downloads.grid(figures.image_grid(images, nrow=8),
                   GENERATE["caption"].format(t=t, seed=seed), key="app_gen")


# -- completion ------------------------------------------------------------------------------
def _square(h: int, w: int) -> tuple[int, int, int]:
    """The learner's square, moved inside the image if it sticks out (and said so)."""
    side = min(h, w)
    c1, c2, c3 = st.columns(3)
    row = c1.slider(COMPLETE["row"], 0, h - 1, h // 4, key="app_fill_row")
    col = c2.slider(COMPLETE["col"], 0, w - 1, w // 4, key="app_fill_col")
    size = c3.slider(COMPLETE["size"], 1, side, max(1, side // 2), key="app_fill_size")
    new_row, new_col = min(row, h - size), min(col, w - size)
    if (new_row, new_col) != (row, col):
        st.warning(COMPLETE["moved"].format(size=size, row=row, col=col, h=h, w=w,
                                            new_row=new_row, new_col=new_col))
    return new_row, new_col, size


@st.cache_data(max_entries=32, show_spinner=False)
def _completion(fp: str, index: int, hole: tuple, iterations: int, _model: VAE,
                _x: torch.Tensor) -> tuple[torch.Tensor, np.ndarray, np.ndarray]:
    missing = region_mask(*_x.shape[-2:], hole[0], top=hole[1], left=hole[2], size=hole[3])
    one = complete(_model, _x[index:index + 1], missing, iterations=iterations)
    many = complete(_model, _x[:N_MEAN], missing, iterations=iterations)
    return (one.steps[:, 0], one.masked_mse[:, 0].numpy(),
            many.masked_mse.mean(1).numpy())  # (T + 1, C, H, W), (T + 1,), (T + 1,)


def _with_hole(image: torch.Tensor, missing: torch.Tensor) -> torch.Tensor:
    """(C, H, W) -> (3, H, W): grey where known, blue where hidden."""
    rgb = image[:1].expand(3, -1, -1) if image.shape[0] == 1 else image[:3]
    hole = torch.tensor(HOLE_RGB).view(3, 1, 1).expand_as(rgb)
    return torch.where(missing.expand_as(rgb), hole, rgb)


def _error_figure(mine: np.ndarray, mean: np.ndarray, m: int) -> go.Figure:
    steps = list(range(len(mine)))
    fig = go.Figure()
    fig.add_scatter(x=steps, y=mine, mode="lines+markers", name=COMPLETE["this_image"],
                    line=dict(color=figures.COLORS["recon"], width=3))
    fig.add_scatter(x=steps, y=mean, mode="lines", name=COMPLETE["mean_images"].format(m=m),
                    line=dict(color=figures.COLORS["beta"], width=1))
    fig.update_layout(height=300, margin=dict(l=10, r=10, t=30, b=10),
                      title=dict(text=COMPLETE["error_title"], font=dict(size=13)),
                      xaxis=dict(title=dict(text=COMPLETE["axis_step"])),
                      yaxis=dict(title=dict(text=COMPLETE["axis_error"]), rangemode="tozero"),
                      legend=dict(orientation="h", yanchor="top", y=-0.25, x=0))
    return fig


def completion(fp: str, ckpt: Checkpoint, data: DataBundle) -> None:
    st.markdown(COMPLETE["intro"])
    h, w = data.test_x.shape[-2:]
    regions = COMPLETE["regions"]
    c1, c2, c3 = st.columns([3, 1, 1])
    region = c1.radio(COMPLETE["region"], list(regions), format_func=regions.__getitem__,
                      key="app_fill_region", horizontal=True)
    with c2:
        index = _image_index(data, "app_fill_image")
    iterations = int(c3.number_input(COMPLETE["iterations"], 1, 50, 10, key="app_fill_iters"))
    hole = (region, *_square(h, w)) if region == "square" else (region, 0, 0, 0)
    with st.spinner(COMPLETE["running"]):
        steps, mine, mean = _completion(fp, index, hole, iterations, ckpt.model, data.test_x)
    missing = region_mask(h, w, hole[0], top=hole[1], left=hole[2], size=hole[3])
    left, right = st.columns(2)
    left.image(figures.single_image(_with_hole(data.test_x[index], missing)),
               caption=f"{COMPLETE['masked']} · {_label(data, index)}", output_format="PNG")
    right.image(figures.single_image(steps[-1]), output_format="PNG",
                caption=COMPLETE["final"].format(n=iterations))
    shown = np.unique(np.linspace(0, iterations, min(N_STRIP, iterations + 1)).round()).astype(int)
    downloads.grid(figures.image_grid(steps[shown], nrow=len(shown)),
                   COMPLETE["steps"].format(steps=", ".join(map(str, shown))), key="app_fill")
    m = min(N_MEAN, data.test_x.shape[0])
    st.plotly_chart(_error_figure(mine, mean, m), key="app_fill_error")
    best = int(np.argmin(mine[1:])) + 1
    st.caption(COMPLETE["error_caption"].format(
        start=mine[0], first=mine[1], best=mine[best], best_at=best, last=mine[-1], n=iterations,
        m=m, m_first=mean[1], m_last=mean[-1]))


# -- anomaly detection -----------------------------------------------------------------------
@st.cache_data(max_entries=16, show_spinner=False)
def _scores(fp: str, _model: VAE, _x: torch.Tensor) -> np.ndarray:
    return elbo_scores(_model, _x, n_samples=4, seed=0).numpy()


def anomaly(fp: str, ckpt: Checkpoint, data: DataBundle) -> None:
    if data.anomaly_x is not None:  # signals: held-out anomalies to catch, with a ROC
        sequences.held_out_anomalies(fp, ckpt, data)
    k = min(N_ODD, data.test_x.shape[0])
    st.markdown(ANOMALY["intro"].format(k=k))
    with st.spinner(ANOMALY["scoring"]):
        scores = _scores(fp, ckpt.model, data.test_x)
    _, odd = extremes(torch.from_numpy(scores), k)
    # a sequence is drawn twice as wide as high: four to a row stay readable
    nrow = min(k, 4) if data.is_sequence else k
    downloads.grid(figures.image_grid(data.test_x[odd], nrow=nrow),
                   ANOMALY["odd"].format(scores=", ".join(f"{s:.0f}" for s in scores[odd.numpy()])),
                   key="app_odd")
    st.caption(ANOMALY["summary"].format(median=float(np.median(scores)),
                                         p99=float(np.percentile(scores, 99))))
    st.page_link("pages/library.py", label=ANOMALY["link"], icon=":material/inventory_2:")
