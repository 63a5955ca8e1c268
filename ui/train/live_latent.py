"""The Train page's live latent space: the test means the job records while it trains
(``vae_core.analysis.latent_history``), redrawn on every poll of the live panel; after the
run, every snapshot as Plotly frames with a slider and Play, which step in the browser."""

from __future__ import annotations

from typing import Any

import numpy as np
import plotly.graph_objects as go
import streamlit as st

from ui.shell import datasets, downloads, i18n, run_figures
from ui.shell.figures import animation_controls, class_colour
from ui.shell.inert import plot_text
from ui.train.strings import LIVE_LATENT

MAX_FRAMES = 60   # the replay's frames (evenly thinned): 1,000 points each, ~30 kB of JSON


def replay_frames(snapshots: int) -> int:
    """How many of a run's snapshots its replay shows (the title and the caption both say it)."""
    return min(MAX_FRAMES, snapshots)


def _extent(snaps: list[Any]) -> list[float]:
    allp = np.concatenate([s.points for s in snaps])
    lo, hi = np.percentile(allp, 0.5, axis=0), np.percentile(allp, 99.5, axis=0)
    pad = 0.08 * (hi - lo).max()
    return [float(lo[0] - pad), float(hi[0] + pad), float(lo[1] - pad), float(hi[1] + pad)]


def _axes(k: int) -> tuple[str, str]:
    return ("z1", "z2") if k <= 2 else (LIVE_LATENT["pc1"], LIVE_LATENT["pc2"])


def _scatter(points: np.ndarray, colours: list[str], labels: list[str]) -> go.Scattergl:
    return go.Scattergl(x=points[:, 0], y=points[:, 1], mode="markers", text=labels,
                        marker=dict(color=colours, size=5, opacity=0.75),
                        hovertemplate="%{text}<extra></extra>", showlegend=False)


def _legend(fig: go.Figure, classes: list[tuple[int, str]]) -> go.Figure:
    """One legend entry per class, from empty traces after the points: the points are one trace
    (coloured per point, so a replay frame carries only coordinates) and have no entries."""
    for value, name in classes:
        fig.add_trace(go.Scattergl(x=[None], y=[None], mode="markers", name=name,
                                   marker=dict(color=class_colour(value), size=8)))
    fig.update_layout(legend=dict(itemsizing="constant", title=dict(text=LIVE_LATENT["legend"])))
    return fig


def _plane_layout(fig: go.Figure, k: int, extent: list[float], title: str) -> go.Figure:
    ax, ay = _axes(k)
    fig.update_layout(height=430, margin=dict(l=10, r=10, t=36, b=10),
                      title=dict(text=title, font=dict(size=14)),
                      # the plot area narrows to keep the aspect, instead of the x range growing
                      xaxis=dict(title=dict(text=ax), range=extent[:2], constrain="domain"),
                      yaxis=dict(title=dict(text=ay), range=extent[2:], scaleanchor="x"))
    return fig


def live_figure(snap: Any, k: int, colours: list[str], labels: list[str],
                extent: list[float], classes: list[tuple[int, str]] = ()) -> go.Figure:
    fig = _legend(go.Figure(_scatter(snap.points, colours, labels)), list(classes))
    return _plane_layout(fig, k, extent, LIVE_LATENT["at"].format(step=snap.step, epoch=snap.epoch))


def replay_figure(snaps: list[Any], k: int, colours: list[str], labels: list[str],
                  extent: list[float], classes: list[tuple[int, str]] = ()) -> go.Figure:
    """Every snapshot (at most ``MAX_FRAMES``, the last always) as frames of one trace."""
    keep = np.unique(np.linspace(0, len(snaps) - 1, replay_frames(len(snaps))).astype(int))
    shown = [snaps[i] for i in keep]
    names = [str(s.step) for s in shown]
    fig = go.Figure(_scatter(shown[-1].points, colours, labels),
                    # a frame carries only the points: Plotly keeps the trace's colours and
                    # labels (validating those 60 times took 1.7 s of the run's last rerun)
                    frames=[go.Frame(data=[go.Scattergl(x=s.points[:, 0], y=s.points[:, 1])],
                                     name=n)
                            for s, n in zip(shown, names, strict=True)])
    fig = _legend(fig, list(classes))
    fig.update_layout(**animation_controls(names, LIVE_LATENT["step_prefix"], frame_ms=150,
                                           y=-0.1, active=len(names) - 1))
    fig = _plane_layout(fig, k, extent, LIVE_LATENT["replay_title"].format(
        n=len(shown), total=len(snaps)))
    fig.update_layout(height=500, margin=dict(l=10, r=10, t=36, b=90))
    return fig


def point_styles(ys: list[int], names: list[str]) -> tuple[list[str], list[str], list]:
    """Each point's colour and hover label, and the legend's (class, name) pairs."""
    colours = [class_colour(y) for y in ys]
    labels = [plot_text(names[y]) if y < len(names) else str(y) for y in ys]  # uploads
    classes = [(y, labels[ys.index(y)]) for y in sorted(set(ys))]
    return colours, labels, classes


def section(job: Any, ended: bool) -> None:
    """The live scatter while the job runs; the replay once it has ended (or was stopped)."""
    st.markdown(f"**{LIVE_LATENT['title']}**")
    recorder = getattr(job, "latent", None)
    snaps = recorder.snapshots() if recorder is not None else []
    if not snaps:
        st.caption(LIVE_LATENT["pending"])
        return
    k = job.model_cfg.latent_dim
    ys = recorder.labels.tolist()

    def build() -> go.Figure:
        names = datasets.class_names(job.data) if job.data is not None else []
        colours, labels, classes = point_styles(ys, names)
        extent = _extent(snaps)
        if ended:
            return replay_figure(snaps, k, colours, labels, extent, classes)
        return live_figure(snaps[-1], k, colours, labels, extent, classes)

    # one figure for every session showing this run (``ui.shell.run_figures``)
    version = (ended, len(snaps), snaps[-1].step, i18n.current_language())
    fig = run_figures.of_job(job, "latent", version, build)
    downloads.chart(fig, LIVE_LATENT["title"], width="stretch",
                    key="live_latent_replay" if ended else "live_latent")
    count = (LIVE_LATENT["count_done"].format(snapshots=len(snaps), shown=replay_frames(len(snaps)))
             if ended else LIVE_LATENT["count_live"].format(snapshots=len(snaps)))
    st.caption(LIVE_LATENT["caption_raw" if k <= 2 else "caption_pca"].format(n=len(ys))
               + " " + count)
