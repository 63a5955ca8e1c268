"""Plotly figures of the Compare pages, from ``vae_core.sweeps.SweepResult`` (no Streamlit)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ui.figures import PALETTE, thin
from ui.text_compare import FIGC
from vae_core.analysis.rate_distortion import (
    RDPoint,
    beta_slope_line,
    constant_elbo_lines,
    elbo_levels,
)
from vae_core.analysis.traversal import COLLAPSED_KL

SELECTED = "#e45756"


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


def _layout(fig: go.Figure, height: int = 380) -> go.Figure:
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=30, b=10),
                      legend=dict(orientation="h", yanchor="top", y=-0.18, x=0))
    return fig


def rd_figure(points: Sequence[RDPoint], indices: Sequence[int], *,
              selected: int | None = None) -> go.Figure:
    """The rate–distortion plane: one marker per model (customdata = its result index, 2-D so
    a click returns it as a list), constant −ELBO lines and a short −β segment at each point."""
    fig = go.Figure()
    if not points:
        return _layout(fig)
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
            fig.add_annotation(x=r_hi, y=y_end, text=FIGC["elbo_line"].format(
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
        x=rates, y=dist, mode="markers+text", name=FIGC["models"],
        text=[p.label for p in points], textposition="top right",
        customdata=np.array(list(indices)).reshape(-1, 1),
        marker=dict(size=[18 if i == selected else 13 for i in indices], color=colors,
                    line=dict(width=[3 if i == selected else 1 for i in indices],
                              color="black")),
        hovertemplate=FIGC["hover_rd"])
    fig.update_layout(xaxis=dict(title=dict(text=FIGC["rate"]), range=[r_lo, r_hi]),
                      yaxis=dict(title=dict(text=FIGC["distortion"]), range=[d_lo, d_hi]),
                      showlegend=False)
    return _layout(fig, height=440)


def kl_bars(kl_per_dim: Sequence[float]) -> go.Figure:
    """KL per latent dimension, collapsed dims (KL < 0.01 nats) in grey."""
    kl = [float(v) for v in kl_per_dim]
    fig = go.Figure(go.Bar(
        x=[f"z{i + 1}" for i in range(len(kl))], y=kl,
        marker_color=["#1f77b4" if v >= COLLAPSED_KL else "#bbbbbb" for v in kl],
        hovertemplate=FIGC["hover_kl"]))
    # exponentformat "e": Plotly's default SI prefixes write 2e-5 nats as "20μ", read as μ
    fig.update_layout(xaxis=dict(title=dict(text=FIGC["dim"])),
                      yaxis=dict(title=dict(text=FIGC["kl_nats"]), rangemode="tozero",
                                 exponentformat="e"))
    return _layout(fig, height=280)


def mig_bars(per_factor: dict[str, float], top_latent: dict[str, int]) -> go.Figure:
    names = list(per_factor)
    fig = go.Figure(go.Bar(
        x=names, y=[per_factor[n] for n in names],
        text=[f"z{top_latent.get(n, -1) + 1}" for n in names], textposition="outside",
        hovertemplate=FIGC["hover_mig"]))
    fig.update_layout(xaxis=dict(title=dict(text=FIGC["factor"])),
                      yaxis=dict(title=dict(text=FIGC["gap"]), range=[0, 1]))
    return _layout(fig, height=280)


def step_curves(results: Sequence[Any], fields: Sequence[tuple[str, str]], *,
                log_y: Sequence[bool] = (), labels: Sequence[str] | None = None) -> go.Figure:
    """One row per (StepMetrics field, title), one line per result, shared x (step);
    ``labels``: the legend's names (default: each result's label)."""
    fig = make_subplots(rows=len(fields), cols=1, shared_xaxes=True, vertical_spacing=0.08,
                        subplot_titles=[title for _, title in fields])
    names = list(labels) if labels is not None else [res.label for res in results]
    for k, res in enumerate(results):
        steps = thin(res.steps, 300)
        color = PALETTE[k % len(PALETTE)]
        for row, (field, _) in enumerate(fields, start=1):
            fig.add_scatter(x=[s.step for s in steps], y=[getattr(s, field) for s in steps],
                            mode="lines", name=names[k], legendgroup=names[k],
                            showlegend=row == 1, line=dict(color=color), row=row, col=1)
    for row, log in enumerate(log_y, start=1):
        if log:
            fig.update_yaxes(type="log", row=row, col=1)
    fig.update_xaxes(title=dict(text=FIGC["step"]), row=len(fields), col=1)
    return _layout(fig, height=220 * len(fields) + 80)


def epoch_curves(results: Sequence[Any], fields: Sequence[tuple[str, str]], *,
                 labels: Sequence[str] | None = None) -> go.Figure:
    """One column per (EpochMetrics field, title), one line per result, over epochs;
    ``labels``: the legend's names (default: each result's label)."""
    fig = make_subplots(rows=1, cols=len(fields), subplot_titles=[t for _, t in fields])
    names = list(labels) if labels is not None else [res.label for res in results]
    for k, res in enumerate(results):
        color = PALETTE[k % len(PALETTE)]
        for col, (field, _) in enumerate(fields, start=1):
            fig.add_scatter(x=[e.epoch for e in res.history],
                            y=[getattr(e, field) for e in res.history], mode="lines+markers",
                            name=names[k], legendgroup=names[k], showlegend=col == 1,
                            line=dict(color=color), marker=dict(size=4), row=1, col=col)
        fig.update_xaxes(title=dict(text=FIGC["epoch"]))
    return _layout(fig, height=340)


def error_heatmap(error: np.ndarray, *, zmax: float) -> go.Figure:
    """(H, W) mean squared error per pixel, on a colour scale shared by the compared models."""
    fig = go.Figure(go.Heatmap(z=error, zmin=0, zmax=zmax, colorscale="Inferno",
                               colorbar=dict(title=dict(text=FIGC["mse"]), thickness=10),
                               hovertemplate="(%{x}, %{y}): %{z:.4f}<extra></extra>"))
    fig.update_layout(yaxis=dict(autorange="reversed", scaleanchor="x", showticklabels=False),
                      xaxis=dict(showticklabels=False))
    fig.update_layout(height=240, margin=dict(l=5, r=5, t=5, b=5))
    return fig
