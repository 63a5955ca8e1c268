"""The "Why variational?" page's latent map (no Streamlit here): one model's test codes on a
plane through z = 0, coloured by class with ``ui.shell.figures.class_colour``, over the prior's
circles."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from ui.shell.figures import class_colour
from ui.shell.strings import FIGURES

RINGS = (1, 2, 3)  # the prior N(0, I₂)'s 1σ, 2σ, 3σ circles


def latent_map(coords: np.ndarray, labels: np.ndarray, names: Sequence[str], *,
               limit: float | None, axis_titles: tuple[str, str],
               height: int = 380) -> go.Figure:
    """``coords`` (N, 2), ``labels`` (N,); ``limit``: both axes span [−limit, limit] (None: the
    codes' own range). x and y share one scale, so circles stay round."""
    fig = go.Figure()
    theta = np.linspace(0, 2 * np.pi, 97)
    for r in RINGS:
        fig.add_scatter(x=r * np.cos(theta), y=r * np.sin(theta), mode="lines",
                        name=FIGURES["prior"].format(n=r), hoverinfo="skip", showlegend=False,
                        line=dict(color="#555555", dash="dash", width=1))  # named in the text
    for value in np.unique(labels):
        mask = labels == value
        fig.add_scatter(x=coords[mask, 0], y=coords[mask, 1], mode="markers",
                        name=str(names[int(value)]) if int(value) < len(names) else str(value),
                        showlegend=False,  # one legend for both maps: ``class_legend``
                        marker=dict(size=5, color=class_colour(value),
                                    opacity=0.8),
                        hovertemplate="(%{x:.2f}, %{y:.2f})<extra>%{fullData.name}</extra>")
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=10, b=10),
                      xaxis=dict(title=dict(text=axis_titles[0]), zeroline=False),
                      yaxis=dict(title=dict(text=axis_titles[1]), zeroline=False,
                                 scaleanchor="x", scaleratio=1))
    if limit is not None:
        fig.update_xaxes(range=[-limit, limit])
        fig.update_yaxes(range=[-limit, limit])
    return fig


def class_legend(labels: np.ndarray, names: Sequence[str], *, height: int = 64) -> go.Figure:
    """The classes' colours as one legend strip for both maps: each map's own legend, in half
    a page at 800 px, wrapped into a column of ten rows that squeezed the map itself."""
    fig = go.Figure()
    for value in np.unique(labels):
        fig.add_scatter(x=[0], y=[0], mode="markers", hoverinfo="skip",
                        name=str(names[int(value)]) if int(value) < len(names) else str(value),
                        marker=dict(size=9, color=class_colour(value)))
    hidden = dict(visible=False, range=[1, 2])  # the markers sit outside: only the legend shows
    fig.update_layout(height=height, margin=dict(l=0, r=0, t=0, b=0), xaxis=hidden,
                      yaxis=hidden, legend=dict(orientation="h", x=0, y=1, yanchor="top",
                                  entrywidth=40, entrywidthmode="pixels", maxheight=1.0),
                      plot_bgcolor="rgba(0,0,0,0)", paper_bgcolor="rgba(0,0,0,0)")
    return fig
