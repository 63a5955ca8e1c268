"""Plotly figures of the Explore pages (no Streamlit here): the latent scatter, μ/σ bars, the
aggregate posterior histograms and the animated traversal."""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence

import numpy as np
import plotly.express as px
import plotly.graph_objects as go
from PIL import Image

from ui.explore.strings import EXPLORE_FIGURES
from ui.shell.figures import animation_controls, class_colour
from ui.shell.inert import plot_text

MAX_ELLIPSES = 600


def latent_scatter(coords: np.ndarray, index: np.ndarray, labels: np.ndarray,
                   names: Sequence[str], *, axis_titles: tuple[str, str],
                   picked: Sequence[int] = (), ellipses: np.ndarray | None = None,
                   prior_rings: bool = False) -> go.Figure:
    """One trace per label value (``ui.shell.figures.class_colour``); ``customdata`` is the (N, 1)
    test-set index (2-D, so a click returns the index, not a scalar). ``ellipses``: outline
    vertices from ``ellipse_outlines``; ``prior_rings``: circles of radius 1, 2, 3."""
    fig = go.Figure()
    if prior_rings:
        theta = np.linspace(0, 2 * np.pi, 97)
        for r in (1, 2, 3):
            fig.add_scatter(x=r * np.cos(theta), y=r * np.sin(theta), mode="lines",
                            name=EXPLORE_FIGURES["prior"].format(n=r), hoverinfo="skip",
                            line=dict(color="#888888", dash="dash", width=1), showlegend=r == 1)
    if ellipses is not None:
        fig.add_scatter(x=ellipses[:, 0], y=ellipses[:, 1], mode="lines", hoverinfo="skip",
                        name=EXPLORE_FIGURES["ellipses"], line=dict(color="rgba(80,80,80,0.25)",
                                                                    width=1))
    for value in np.unique(labels):
        mask = labels == value
        fig.add_scatter(
            x=coords[mask, 0], y=coords[mask, 1], mode="markers", name=plot_text(names[int(value)]),
            customdata=index[mask][:, None],  # (n,) -> (n, 1)
            marker=dict(size=7, color=class_colour(value), opacity=0.85,
                        line=dict(width=0.5, color="white")),
            hovertemplate="#%{customdata[0]}<extra>%{fullData.name}</extra>")
    if len(picked):
        where = {int(i): k for k, i in enumerate(index)}
        rows = [where[i] for i in picked if i in where]
        if rows:
            fig.add_scatter(x=coords[rows, 0], y=coords[rows, 1], mode="markers+text",
                            name=EXPLORE_FIGURES["picked"], hoverinfo="skip",
                            text=[f"#{index[r]}" for r in rows], textposition="top center",
                            marker=dict(size=16, symbol="circle-open", color="black",
                                        line=dict(width=2)))
    fig.update_layout(height=560, margin=dict(l=10, r=10, t=10, b=10), clickmode="event+select",
                      xaxis=dict(title=dict(text=axis_titles[0])),
                      yaxis=dict(title=dict(text=axis_titles[1])),
                      legend=dict(itemsizing="constant"))
    if prior_rings or ellipses is not None:
        fig.update_yaxes(scaleanchor="x", scaleratio=1)
    return fig


def mu_sigma_bars(mu: np.ndarray, sigma: np.ndarray) -> go.Figure:
    """μ per dim as bars with ±σ error bars."""
    dims = [f"z{i + 1}" for i in range(len(mu))]
    fig = go.Figure(go.Bar(x=dims, y=mu, name=EXPLORE_FIGURES["mu"], marker_color="#1f77b4",
                           error_y=dict(type="data", array=sigma, color="#ff7f0e", thickness=2)))
    fig.update_layout(height=260, margin=dict(l=10, r=10, t=10, b=10))
    return fig


def aggregate_figure(
    centres: np.ndarray,
    density: np.ndarray,
    prior: np.ndarray,
    dims: Sequence[int],
    *,
    cols: int = 4,
) -> go.Figure:
    """Small multiples: per dim the aggregate posterior density (bars) and N(0, 1) (line)."""
    from plotly.subplots import make_subplots

    rows = -(-len(dims) // cols)
    fig = make_subplots(rows=rows, cols=cols, subplot_titles=[f"z{d + 1}" for d in dims],
                        shared_xaxes=True, vertical_spacing=0.12 / max(rows, 1) + 0.04)
    width = float(centres[1] - centres[0]) if len(centres) > 1 else 1.0
    for k, d in enumerate(dims):
        r, c = divmod(k, cols)
        fig.add_bar(x=centres, y=density[d], width=width, marker_color="#4c78a8",
                    name=EXPLORE_FIGURES["posterior"], showlegend=k == 0, row=r + 1, col=c + 1)
        fig.add_scatter(x=centres, y=prior, mode="lines", line=dict(color="#e45756"),
                        name=EXPLORE_FIGURES["prior_pdf"], showlegend=k == 0, row=r + 1, col=c + 1)
    fig.update_layout(height=170 * rows + 60, margin=dict(l=10, r=10, t=30, b=10), bargap=0,
                      legend=dict(orientation="h", y=-0.08))
    return fig


def traversal_waves(waves: np.ndarray, values: np.ndarray, dims: Sequence[int]) -> go.Figure:
    """Traversals of a sequence model drawn as waveforms: one panel per dim (rows), the n
    decoded sequences of each overlaid, coloured from blue (−k σ) to red (+k σ) so a learner
    sees what moving that dim does to the wave. ``waves`` (D, n, L), ``values`` (D, n)."""
    from plotly.subplots import make_subplots

    d_count, n, length = waves.shape
    height = 110 * d_count + 60
    # 28 px between panels, room for the next title, whatever the number of rows (as a share
    # of the height, a fixed fraction is refused past 1/(rows − 1))
    fig = make_subplots(rows=d_count, cols=1, shared_xaxes=True, vertical_spacing=28 / height,
                        subplot_titles=[f"z{d + 1}" for d in dims])
    colors = px.colors.sample_colorscale("RdBu_r", np.linspace(0, 1, n))
    steps = np.arange(length)
    for r in range(d_count):
        for j in range(n):
            fig.add_scatter(x=steps, y=waves[r, j], mode="lines", showlegend=False,
                            line=dict(color=colors[j], width=1.5), row=r + 1, col=1,
                            name=EXPLORE_FIGURES["wave_value"].format(dim=dims[r] + 1,
                                                                      value=values[r, j]),
                            hovertemplate="%{y:.2f}<extra>%{fullData.name}</extra>")
    fig.update_yaxes(range=[0, 1], showticklabels=False)
    fig.update_xaxes(title_text=EXPLORE_FIGURES["wave_step"], row=d_count, col=1)
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=30, b=10))
    return fig


def png_uri(pixels: np.ndarray) -> str:
    """A uint8 (H, W, 3) picture as a PNG data URI (far smaller in the figure's JSON than the
    raw pixel array)."""
    buf = io.BytesIO()
    Image.fromarray(pixels).save(buf, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def traversal_animation(
    pictures: Sequence[np.ndarray], values: Sequence[float], dim: int
) -> go.Figure:
    """Plotly frames, one per value of z[dim], with a play button and a slider: scrubbing runs
    in the browser with no rerun."""
    uris = [png_uri(p) for p in pictures]
    names = [f"{v:+.2f}" for v in values]
    fig = go.Figure(go.Image(source=uris[0]),
                    frames=[go.Frame(data=[go.Image(source=u)], name=n)
                            for u, n in zip(uris, names, strict=True)])
    fig.update_layout(height=440, margin=dict(l=10, r=10, t=10, b=70),
                      xaxis=dict(visible=False), yaxis=dict(visible=False),
                      **animation_controls(names, EXPLORE_FIGURES["frame"].format(dim=dim + 1),
                                           frame_ms=120, y=-0.02, active=0))
    return fig
