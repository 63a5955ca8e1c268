"""The few-labels page's curve (no Streamlit here): test accuracy against the number of labels,
one line per method and baseline, with the spread over seeds as error bars."""

from __future__ import annotations

from collections.abc import Mapping

import plotly.graph_objects as go

from ui.shell.figures import PALETTE, layout

METHOD_COLOURS = {"m1": PALETTE[0], "m2": PALETTE[1], "m1m2": PALETTE[2],
                  "pixels": "#555555", "pca": "#999999"}


def accuracy_curve(summary: list[dict], names: Mapping[str, str], *, x_title: str,
                   y_title: str, height: int = 380) -> go.Figure:
    """``summary``: rows of ``vae_core.semi_supervised.summarise``."""
    fig = go.Figure()
    methods = list(dict.fromkeys(r["method"] for r in summary))
    for method in methods:
        rows = [r for r in summary if r["method"] == method]
        fig.add_scatter(x=[r["labels"] for r in rows], y=[r["accuracy"] for r in rows],
                        error_y=dict(type="data", array=[r["spread"] for r in rows]),
                        mode="lines+markers", name=names[method],
                        line=dict(color=METHOD_COLOURS[method], width=3))
    by_n = {r["labels"]: r for r in summary}  # the baselines are the same for every method
    ns = sorted(by_n)
    for key, field in (("pixels", "baseline_pixels"), ("pca", "baseline_pca")):
        fig.add_scatter(x=ns, y=[by_n[n][field] for n in ns], mode="lines+markers",
                        name=names[key], line=dict(color=METHOD_COLOURS[key], dash="dash"))
    layout(fig, height=height)
    fig.update_layout(xaxis=dict(type="log", title=dict(text=x_title), tickvals=ns),
                      yaxis=dict(title=dict(text=y_title), tickformat=".0%"),
                      legend=dict(orientation="h", yanchor="top", y=-0.3, x=0))
    return fig
