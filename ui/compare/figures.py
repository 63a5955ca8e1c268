"""Plotly figures of the Compare pages, from ``vae_core.sweeps.SweepResult`` (no Streamlit)."""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from typing import Any

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ui.compare.strings import COMPARE_FIGURES
from ui.shell.figures import PALETTE, layout, thin
from vae_core.analysis.rate_distortion import (
    RDPoint,
    beta_slope_line,
    constant_elbo_lines,
    elbo_levels,
)

SELECTED = "#e45756"
ERROR_SCALE = "Reds"  # white at 0, dark red at zmax


def fmt(value: Any, digits: int = 3) -> str:
    """A number for people: 12.3, 0.0123, 1.2e+22 (huge or tiny values in scientific form)."""
    if value is None or isinstance(value, str):
        return "—" if value is None else value
    value = float(value)
    if not math.isfinite(value):
        return str(value)
    if value != 0 and (abs(value) >= 1e6 or abs(value) < 1e-3):
        return f"{value:.{max(digits - 1, 1)}e}"
    return f"{value:.{digits}g}" if abs(value) < 1 else f"{value:.{digits - 1}f}"


def rd_figure(points: Sequence[RDPoint], indices: Sequence[int], *,
              selected: int | None = None, collapsed: Collection[int] = ()) -> go.Figure:
    """The rate–distortion plane: one marker per model (customdata = its result index, 2-D so
    a click returns it as a list), constant −ELBO lines and a short −β segment at each point.
    Models at (nearly) the same place, as collapsed ones are, share one label."""
    fig = go.Figure()
    if not points:
        return layout(fig, height=380)
    rates = [p.rate for p in points]
    dist = [p.distortion for p in points]
    r_span = max(max(rates) - min(rates), 0.2 * max(abs(r) for r in rates), 0.05)
    d_span = max(max(dist) - min(dist), 0.2 * r_span, 0.05)
    r_lo, r_hi = max(0.0, min(rates) - 0.15 * r_span), max(rates) + 0.15 * r_span
    d_lo, d_hi = min(dist) - 0.25 * d_span, max(dist) + 0.25 * d_span
    last_label = None
    for line in constant_elbo_lines(elbo_levels(points, n=3), (r_lo, r_hi)):
        fig.add_scatter(x=line.rate, y=line.distortion, mode="lines", hoverinfo="skip",
                        line=dict(color="#999999", dash="dot", width=1), showlegend=False)
        y_end = line.intercept - r_hi
        if d_lo <= y_end <= d_hi and (last_label is None or
                                      abs(y_end - last_label) > 0.06 * (d_hi - d_lo)):
            last_label = y_end
            fig.add_annotation(x=r_hi, y=y_end, text=COMPARE_FIGURES["elbo_line"].format(
                value=line.intercept), showarrow=False, xanchor="right", yanchor="bottom",
                font=dict(size=10, color="#777777"))
    for p, color in zip(points, PALETTE):
        if p.beta <= 0 or not math.isfinite(p.beta):
            continue
        # a segment of the same on-screen length whatever its slope: slope in axis units
        steep = p.beta * (r_hi - r_lo) / (d_hi - d_lo)
        half = 0.07 * (r_hi - r_lo) / math.sqrt(1 + steep ** 2)
        seg = beta_slope_line(p, p.beta, (p.rate - half, p.rate + half))
        fig.add_scatter(x=seg.rate, y=seg.distortion, mode="lines", hoverinfo="skip",
                        line=dict(color=color, width=2), showlegend=False)
    colors = [SELECTED if i == selected else PALETTE[k % len(PALETTE)]
              for k, i in enumerate(indices)]
    fig.add_scatter(
        x=rates, y=dist, mode="markers+text", name=COMPARE_FIGURES["models"],
        text=_point_texts(points, indices, collapsed, (r_hi - r_lo, d_hi - d_lo)),
        hovertext=[p.label for p in points], textposition="top right",
        customdata=np.array(list(indices)).reshape(-1, 1),
        marker=dict(size=[18 if i == selected else 13 for i in indices], color=colors,
                    line=dict(width=[3 if i == selected else 1 for i in indices],
                              color="black")),
        hovertemplate=COMPARE_FIGURES["hover_rd"])
    fig.update_layout(xaxis=dict(title=dict(text=COMPARE_FIGURES["rate"]), range=[r_lo, r_hi]),
                      yaxis=dict(title=dict(text=COMPARE_FIGURES["distortion"]), range=[d_lo,
                                                                                        d_hi]),
                      showlegend=False)
    return layout(fig, height=440)


def _point_texts(
    points: Sequence[RDPoint],
    indices: Sequence[int],
    collapsed: Collection[int],
    spans: tuple[float, float],
) -> list[str]:
    """One label per group of points closer than 4% of the axes (the rest get none), the
    group's names joined; a group of collapsed models says so."""
    texts = [""] * len(points)
    placed: set[int] = set()
    for a, p in enumerate(points):
        if a in placed:
            continue
        group = [b for b in range(a, len(points)) if b not in placed
                 and abs(points[b].rate - p.rate) < 0.04 * spans[0]
                 and abs(points[b].distortion - p.distortion) < 0.04 * spans[1]]
        placed.update(group)
        names = ", ".join(points[b].label for b in group)
        if all(indices[b] in collapsed for b in group):
            names = COMPARE_FIGURES["collapsed_label"].format(labels=names)
        texts[a] = names
    return texts


def schedule_curves(
    results: Sequence[Any], labels: Sequence[str], targets: Mapping[int, Sequence[float]]
) -> go.Figure:
    """The schedules side by side: β per step of the schedules that scale the KL; capacity's
    target C(t) with its KL in nats, and its γ on a right axis of its own (γ is not a β: it
    weighs |KL − C|); then every model's KL per step. ``targets``: result index -> C per step
    of ``thin(res.steps)``."""
    capacity = [k for k, r in enumerate(results) if r.index in targets]
    scaled = [k for k in range(len(results)) if k not in capacity]
    rows = [("beta", scaled)] * bool(scaled) + [("capacity", capacity)] * bool(capacity) + \
        [("kl", list(range(len(results))))]
    titles = {"beta": COMPARE_FIGURES["beta_rows"], "capacity": COMPARE_FIGURES["capacity_row"],
              "kl": COMPARE_FIGURES["kl_row"]}
    fig = make_subplots(rows=len(rows), cols=1, shared_xaxes=True, vertical_spacing=0.1,
                        subplot_titles=[titles[name] for name, _ in rows],
                        specs=[[{"secondary_y": name == "capacity"}] for name, _ in rows])
    for row, (name, members) in enumerate(rows, start=1):
        for k in members:
            res, color = results[k], PALETTE[k % len(PALETTE)]
            steps = thin(res.steps, 300)
            x = [st_.step for st_ in steps]
            line = dict(x=x, mode="lines", legendgroup=labels[k], line=dict(color=color))
            if name == "beta":
                fig.add_scatter(y=[st_.beta for st_ in steps], name=labels[k], row=row, col=1,
                                showlegend=True, **line)
            elif name == "capacity":
                fig.add_scatter(y=list(targets[res.index]), name=COMPARE_FIGURES["capacity_c"],
                                row=row,
                                col=1, **{**line, "line": dict(color=color, dash="dash")})
                fig.add_scatter(y=[st_.kl for st_ in steps], name=COMPARE_FIGURES["capacity_kl"],
                                row=row,
                                col=1, **line)
                fig.add_scatter(y=[st_.beta for st_ in steps], name=COMPARE_FIGURES["gamma"],
                                row=row,
                                col=1, secondary_y=True,
                                **{**line, "line": dict(color="#999999", dash="dot")})
            else:
                fig.add_scatter(y=[st_.kl for st_ in steps], name=labels[k], row=row, col=1,
                                showlegend=k in capacity, **line)  # the others: row 1
        if name == "beta":
            # from 0: autoscaled, a warm-up's axis began at its first step's β (0.000036)
            fig.update_yaxes(title=dict(text=COMPARE_FIGURES["beta"]), row=row, col=1,
                             rangemode="tozero")
        elif name == "capacity":
            fig.update_yaxes(title=dict(text=COMPARE_FIGURES["nats"]), row=row, col=1,
                             secondary_y=False)
            top = max((st_.beta for k in members for st_ in results[k].steps), default=1.0)
            fig.update_yaxes(title=dict(text=COMPARE_FIGURES["gamma_axis"]), row=row, col=1,
                             secondary_y=True, range=[0, 1.25 * top or 1.0], showgrid=False,
                             tickmode="array", tickvals=[0, top])  # γ is one constant
        else:
            fig.update_yaxes(title=dict(text=COMPARE_FIGURES["kl"]), row=row, col=1)
    fig.update_xaxes(title=dict(text=COMPARE_FIGURES["step"]), row=len(rows), col=1)
    return layout(fig, height=240 * len(rows) + 100)


def comparable_figure(results: Sequence[Any], labels: Sequence[str]) -> go.Figure:
    """What every likelihood can share an axis for: pixel MSE and pixel BCE of decode(μ) (one
    bar per model) and the test KL per epoch."""
    fig = make_subplots(rows=1, cols=3, horizontal_spacing=0.08,
                        subplot_titles=[COMPARE_FIGURES["pixel_mse"],
                                        COMPARE_FIGURES["pixel_bce"], COMPARE_FIGURES["test_kl"]])
    colors = [PALETTE[k % len(PALETTE)] for k in range(len(results))]
    for col, field in ((1, "pixel_mse"), (2, "pixel_bce")):
        fig.add_bar(x=list(labels), y=[r.summary.get(field) for r in results],
                    marker_color=colors, showlegend=False, row=1, col=col,
                    meta={"quantity": field}, hovertemplate="%{x}: %{y:.4f}<extra></extra>")
    for k, res in enumerate(results):
        fig.add_scatter(x=[e.epoch for e in res.history], y=[e.test_kl for e in res.history],
                        mode="lines+markers", name=labels[k], line=dict(color=colors[k]),
                        marker=dict(size=4), row=1, col=3, meta={"quantity": "test_kl"})
    fig.update_xaxes(showticklabels=False, row=1, col=1)
    fig.update_xaxes(showticklabels=False, row=1, col=2)
    fig.update_xaxes(title=dict(text=COMPARE_FIGURES["epoch"]), row=1, col=3)
    return layout(fig, height=340)


def own_nats_figure(
    results: Sequence[Any], labels: Sequence[str], titles: Sequence[str]
) -> go.Figure:
    """Each likelihood's −log p(x|z) per epoch in a panel (and on a y axis) of its own."""
    cols = max(len(results), 1)
    fig = make_subplots(rows=1, cols=cols, subplot_titles=list(titles), horizontal_spacing=0.08)
    for k, res in enumerate(results):
        fig.add_scatter(x=[e.epoch for e in res.history], y=[e.test_recon for e in res.history],
                        mode="lines+markers", name=labels[k], showlegend=False,
                        line=dict(color=PALETTE[k % len(PALETTE)]), marker=dict(size=4),
                        row=1, col=k + 1, meta={"quantity": "recon_nats", "model": labels[k]})
        fig.update_xaxes(title=dict(text=COMPARE_FIGURES["epoch"]), row=1, col=k + 1)
    fig.update_yaxes(title=dict(text=COMPARE_FIGURES["nats"]), row=1, col=1)
    return layout(fig, height=300)


def error_heatmap(error: np.ndarray, *, zmax: float) -> go.Figure:
    """(H, W) mean squared error per pixel, on a colour scale shared by the compared models:
    0 is its lowest colour, white like the page, so pixels without error (the digits' always
    black borders) show nothing."""
    fig = go.Figure(go.Heatmap(z=error, zmin=0, zmax=zmax, colorscale=ERROR_SCALE,
                               colorbar=dict(title=dict(text=COMPARE_FIGURES["mse"]), thickness=10),
                               hovertemplate="(%{x}, %{y}): %{z:.4f}<extra></extra>"))
    fig.update_layout(yaxis=dict(autorange="reversed", scaleanchor="x", showticklabels=False),
                      xaxis=dict(showticklabels=False))
    fig.update_layout(height=240, margin=dict(l=5, r=5, t=5, b=5))
    return fig
