"""Plotly figures and image grids built from core results (no Streamlit here)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import plotly.graph_objects as go
import torch
from plotly.subplots import make_subplots

from ui.shell.strings import FIGURES
from vae_core.analysis.gif import grid_image
from vae_core.analysis.traversal import COLLAPSED_KL
from vae_core.evaluation import ACTIVE_UNIT_THRESHOLD

MAX_POINTS = 400          # curves are thinned to this many points before plotting
IMAGE_PX = 84             # least on-screen size of one image in a grid: 28×28 × 3 (readable)
SINGLE_PX = 168           # least on-screen size of an image shown alone: 28×28 × 6
# One palette for classes (and compared models) in every view, Python and the latent JS alike:
# Okabe & Ito's eight colour-blind-safe colours ("Color Universal Design", 2008), ordered so 0 is
# blue and 1 orange as before, then grey and Tol's wine for the 9th and 10th class (Paul Tol,
# "Colour schemes", SRON/EPS/TN/09-002), then two of Tol's muted for a 11th and 12th model.
CLASS_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442",
                 "#000000", "#999999", "#882255")
PALETTE = CLASS_COLOURS + ("#44AA99", "#999933")


def class_colour(label: int) -> str:
    """The colour of class (or model, or factor value) ``label`` in every figure."""
    return PALETTE[int(label) % len(PALETTE)]


COLORS = {"recon": "#1f77b4", "kl": "#ff7f0e", "kl_term": "#d62728", "total": "#2ca02c",
          "beta": "#7f7f7f", "mu": "#1f77b4", "sigma": "#ff7f0e", "z": "#2ca02c"}
# Past this many steps a slider's labels run into each other ("187189191..."): they are hidden
# and the current value above the slider names the step instead.
MAX_STEP_LABELS = 12
TEXT_COLOR = "#1f2430"  # .streamlit/config.toml's theme.textColor


def thin(items: Sequence[Any], max_points: int = MAX_POINTS) -> list[Any]:
    """Every n-th item so at most ``max_points`` remain; the last item is always kept."""
    items = list(items)
    if len(items) <= max_points:
        return items
    stride = -(-len(items) // max_points)
    out = items[::stride]
    if out[-1] is not items[-1]:
        out.append(items[-1])
    return out


def layout(fig: go.Figure, *, height: int = 340, title: str = "",
           hovermode: str | None = None) -> go.Figure:
    """The app's one chart frame: tight margins, the legend in a row under the plot (beside
    it, it squeezed the plot at 800 px), an optional title."""
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=40 if title else 30, b=10),
                      legend=dict(orientation="h", yanchor="top", y=-0.2, x=0))
    if title:
        fig.update_layout(title=dict(text=title))
    if hovermode:
        fig.update_layout(hovermode=hovermode)
    return fig


def loss_figure(steps: Sequence[Any], epochs: Sequence[Any] = (), *, stacked: bool = False,
                log: bool = False, pixels: int | None = None) -> go.Figure:
    """Two panels on one step axis. Top: reconstruction and total loss per step
    (``StepMetrics``), with the train and test −ELBO after each epoch (``EpochMetrics``).
    Bottom: the KL and β·KL on their own axis (beside a reconstruction of ~100 nats, a KL of
    ~15 sits flat near 0) and β on the right.

    ``stacked``: recon and β·KL as stacked areas on top, whose edge is the total loss.
    ``log``: log-scale loss axes, for runs whose first steps spike.
    ``pixels``: the run averaged its reconstruction over this many pixels (``reduction="mean"``),
    so what it minimised, recon ÷ D + β·KL, is in other units than the nats per image beside it:
    that loss (and the stacked areas) goes on its own axis at the right of the top panel.
    """
    steps = thin(steps)
    x = [s.step for s in steps]
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.6, 0.4],
                        vertical_spacing=0.07,
                        specs=[[{"secondary_y": pixels is not None}], [{"secondary_y": True}]])
    if pixels is not None:
        _minimised(fig, x, steps, pixels, stacked=stacked)
    elif stacked:
        for field in ("recon", "kl_term"):
            fig.add_scatter(x=x, y=[getattr(s, field) for s in steps], name=FIGURES[field],
                            mode="lines", stackgroup="loss", line=dict(color=COLORS[field]),
                            row=1, col=1)
    else:
        for field in ("recon", "total"):
            fig.add_scatter(x=x, y=[getattr(s, field) for s in steps], name=FIGURES[field],
                            mode="lines", line=dict(color=COLORS[field]), row=1, col=1)
    ex = [e.step for e in epochs]
    fig.add_scatter(x=ex, y=[e.train_elbo for e in epochs], name=FIGURES["train_elbo"],
                    mode="lines+markers", line=dict(color="#9467bd", width=1),
                    marker=dict(symbol="circle-open", size=7), row=1, col=1)
    fig.add_scatter(x=ex, y=[e.test_elbo for e in epochs], name=FIGURES["test_elbo"],
                    mode="lines+markers", line=dict(color="#17becf", width=2),
                    marker=dict(size=7), row=1, col=1)
    for field in ("kl", "kl_term"):
        fig.add_scatter(x=x, y=[getattr(s, field) for s in steps], name=FIGURES[field],
                        mode="lines", line=dict(color=COLORS[field],
                                                dash="dot" if field == "kl_term" else None),
                        row=2, col=1, secondary_y=False)
    fig.add_scatter(x=x, y=[s.beta for s in steps], name=FIGURES["beta"], mode="lines",
                    line=dict(color=COLORS["beta"], dash="dash", width=1), row=2, col=1,
                    secondary_y=True)
    kind = "log" if log else "linear"
    fig.update_yaxes(title_text=FIGURES["nats"], type=kind, row=1, col=1,
                     secondary_y=False if pixels is not None else None,
                     rangemode="normal" if log else "tozero")
    fig.update_yaxes(title_text=FIGURES["kl_nats"], type=kind, row=2, col=1, secondary_y=False,
                     rangemode="normal" if log else "tozero")
    top = max((s.beta for s in steps), default=1.0) or 1.0
    # ticks of our own: Plotly's, on this overlaying axis, put its lowest at 0.000036, not 0
    fig.update_yaxes(title_text=FIGURES["beta_axis"], row=2, col=1, secondary_y=True,
                     showgrid=False, range=[0, 1.1 * top], rangemode="tozero",
                     tickmode="array", tickvals=[0, top / 2, top], tickformat=".2~g")
    fig.update_xaxes(title_text=FIGURES["step"], row=2, col=1)
    if not steps:  # the empty frame before Start: made-up ticks would read as numbers
        fig.update_xaxes(showticklabels=False)
        fig.update_yaxes(showticklabels=False)
    return layout(fig, height=480, hovermode="x unified")


def _minimised(fig: go.Figure, x: list, steps: Sequence[Any], pixels: int, *,
               stacked: bool) -> None:
    """A mean-over-pixels run: the reconstruction in nats per image on the left axis, what the
    optimiser minimised (recon ÷ D + β·KL, a few tenths of a nat) on its own right axis; on
    one axis the minimised loss would lie flat at 0 under a reconstruction near 200."""
    fig.add_scatter(x=x, y=[s.recon for s in steps], name=FIGURES["recon"], mode="lines",
                    line=dict(color=COLORS["recon"]), row=1, col=1)
    if stacked:
        parts = (("recon_term", [s.total - s.kl_term for s in steps]),
                 ("kl_term", [s.kl_term for s in steps]))
        for field, y in parts:
            fig.add_scatter(x=x, y=y, name=FIGURES["mean_parts"][field].format(d=pixels),
                            mode="lines", stackgroup="minimised",
                            line=dict(color=COLORS["total" if field == "recon_term" else field]),
                            row=1, col=1, secondary_y=True)
    else:
        fig.add_scatter(x=x, y=[s.total for s in steps],
                        name=FIGURES["minimised"].format(d=pixels), mode="lines",
                        # dashed: scaled to its own axis it traces the reconstruction's shape
                        line=dict(color=COLORS["total"], dash="dash"), row=1, col=1,
                        secondary_y=True)
    # short: the panel is too low for the formula at 800 px; the legend names it
    fig.update_yaxes(title_text=FIGURES["minimised_axis"], row=1, col=1,
                     secondary_y=True, showgrid=False, rangemode="tozero")


def kl_heatmap(steps: Sequence[Any], *, active_units: int | None = None,
               active_kl: Sequence[float] | None = None) -> go.Figure:
    """KL per latent dim (rows) over steps (columns): bright rows carry information, dark rows
    have collapsed onto the prior. ``active_kl``: the test KL of each active unit
    (``vae_core.evaluation.active_kl``), named in the title beside their count: a unit can be
    active and carry 0.05 nats."""
    steps = thin(steps, 200)
    k = len(steps[-1].kl_per_dim) if steps else 0
    z = np.array([s.kl_per_dim for s in steps], dtype=float).T if steps else np.zeros((0, 0))
    fig = go.Figure(go.Heatmap(
        x=[s.step for s in steps], y=[f"z{i + 1}" for i in range(k)], z=z, zmin=0,
        colorscale="Viridis", colorbar=dict(title=dict(text=FIGURES["kl_nats"])),
        hovertemplate=FIGURES["kl_hover"]))
    two_lines = False
    if active_units is None:
        title = FIGURES["au_pending"]
    elif active_kl:
        title = FIGURES["au_title_kl"].format(active=active_units, k=k,
                                              kls=", ".join(f"{v:.2f}" for v in active_kl))
        two_lines = True
    else:
        title = FIGURES["au_title"].format(active=active_units, k=k)
    fig.update_layout(title=dict(text=title, font=dict(size=13)),
                      xaxis=dict(title=dict(text=FIGURES["step"])),
                      yaxis=dict(title=dict(text=FIGURES["dim"]), autorange="reversed"))
    fig = layout(fig, height=400, hovermode="x unified")
    if two_lines:  # on one line the KLs of 8 units ran past the chart at 800 px
        fig.update_layout(margin=dict(t=60))
    return fig


def latent_bars(mu: np.ndarray, sigma: np.ndarray, z: np.ndarray) -> go.Figure:
    """μ and σ as bars and the sampled z as diamonds, one group per latent dimension."""
    dims = [f"z{i + 1}" for i in range(len(mu))]
    fig = go.Figure()
    fig.add_bar(x=dims, y=mu, name=FIGURES["mu"], marker_color=COLORS["mu"])
    fig.add_bar(x=dims, y=sigma, name=FIGURES["sigma"], marker_color=COLORS["sigma"])
    fig.add_scatter(x=dims, y=z, name=FIGURES["z"], mode="markers",
                    marker=dict(symbol="diamond", size=11, color=COLORS["z"],
                                line=dict(width=1, color="white")))
    fig.update_layout(barmode="group", yaxis=dict(title=dict(text=FIGURES["latent_value"])))
    return layout(fig, height=300, hovermode="x unified")


def image_grid(images: torch.Tensor, *, nrow: int, px: int = IMAGE_PX, pad: int = 2) -> np.ndarray:
    """(N, C, H, W) in [0, 1] -> one uint8 picture (H', W', 3) with white gaps
    (``vae_core.analysis.gif.grid_image``), each image upscaled by a whole factor to at least
    ``px`` pixels high."""
    scale = max(1, -(-px // images.shape[-2]))  # ceil: never smaller than px
    return grid_image(images, nrow=nrow, scale=scale, padding=pad)


def single_image(image: torch.Tensor, *, px: int = SINGLE_PX) -> np.ndarray:
    """One (C, H, W) image as an upscaled uint8 picture."""
    return image_grid(image.unsqueeze(0), nrow=1, px=px)


def vae_diagram() -> str:
    """Graphviz DOT source of encoder → (μ, log σ²) → z = μ + σ⊙ε → decoder."""
    d = {k: v.replace("\n", "\\n") for k, v in FIGURES["diagram"].items()}
    return f"""digraph VAE {{
  rankdir=LR; bgcolor="transparent";
  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=12,
        fillcolor="#eef3fb", color="#4c78a8"];
  edge [color="#555555", fontname="Helvetica", fontsize=10];
  x [label="{d['x']}", shape=note, fillcolor="#ffffff"];
  enc [label="{d['encoder']}", shape=trapezium, orientation=270, fillcolor="#dbe8f7"];
  mu [label="{d['mu']}", shape=ellipse];
  lv [label="{d['logvar']}", shape=ellipse];
  eps [label="{d['eps']}", shape=ellipse, style="dashed", fillcolor="#ffffff"];
  z [label="{d['z']}", shape=box, fillcolor="#fde9d9", color="#e45756"];
  dec [label="{d['decoder']}", shape=trapezium, orientation=90, fillcolor="#dbe8f7"];
  xhat [label="{d['xhat']}", shape=note, fillcolor="#ffffff"];
  x -> enc; enc -> mu; enc -> lv; mu -> z; lv -> z; eps -> z; z -> dec; dec -> xhat;
  mu -> kl [style=dotted, arrowhead=none]; lv -> kl [style=dotted, arrowhead=none];
  kl [label="{d['kl']}", shape=plaintext, style="", fontcolor="#e45756"];
  xhat -> rec [style=dotted, arrowhead=none];
  rec [label="{d['recon']}", shape=plaintext, style="", fontcolor="#1f77b4"];
}}"""


def animation_controls(names: Sequence[str], prefix: str, *, frame_ms: int, y: float,
                       active: int) -> dict:
    """Play / Pause buttons and a slider over the frames ``names``: layout keys for
    ``update_layout``. Stepping runs in the browser, with no rerun."""
    still = dict(mode="immediate", frame=dict(duration=0, redraw=True),
                 transition=dict(duration=0))
    play = dict(frame=dict(duration=frame_ms, redraw=True), fromcurrent=True,
                transition=dict(duration=0))
    crowded = len(names) > MAX_STEP_LABELS
    # the current value's font inherits the slider's unless it sets its own colour
    labels_font = dict(color="rgba(0,0,0,0)") if crowded else {}
    return dict(
        updatemenus=[dict(type="buttons", showactive=False, x=0, y=y, xanchor="left",
                          yanchor="top", direction="left", buttons=[
                              dict(label=FIGURES["play"], method="animate", args=[None, play]),
                              dict(label=FIGURES["pause"], method="animate",
                                   args=[[None], still])])],
        sliders=[dict(active=active, x=0.16, len=0.84, y=y, yanchor="top", pad=dict(t=30),
                      font=labels_font,
                      currentvalue=dict(prefix=prefix, xanchor="right",
                                        font=dict(size=14, color=TEXT_COLOR)),
                      steps=[dict(label=n, method="animate", args=[[n], still])
                             for n in names])])


def kl_bars(kl_per_dim: Sequence[float],
            mu_var_per_dim: Sequence[float] | None = None) -> go.Figure:
    """KL per latent dimension; inactive units in grey. With ``mu_var_per_dim`` (Cov_x E[z_u])
    a unit is inactive by the rule the active-unit counts use (Burda et al.), so the blue bars
    are the counted ones and their heights say how little some carry; without it (models
    measured before it was kept) by KL < 0.01 nats."""
    kl = [float(v) for v in kl_per_dim]
    var = [float(v) for v in mu_var_per_dim] if mu_var_per_dim else None
    on = ([v > ACTIVE_UNIT_THRESHOLD for v in var] if var and len(var) == len(kl)
          else [v >= COLLAPSED_KL for v in kl])
    bar = dict(hovertemplate=FIGURES["hover_kl"])
    if var and len(var) == len(kl):
        bar = dict(customdata=var, hovertemplate=FIGURES["hover_kl_cov"])
    fig = go.Figure(go.Bar(
        x=[f"z{i + 1}" for i in range(len(kl))], y=kl,
        marker_color=["#1f77b4" if v else "#bbbbbb" for v in on], **bar))
    # exponentformat "e": Plotly's default SI prefixes write 2e-5 nats as "20μ", read as μ
    fig.update_layout(xaxis=dict(title=dict(text=FIGURES["dim"])),
                      yaxis=dict(title=dict(text=FIGURES["kl_nats"]), rangemode="tozero",
                                 exponentformat="e"))
    return layout(fig, height=280)


def mig_bars(per_factor: dict[str, float], top_latent: dict[str, int]) -> go.Figure:
    names = list(per_factor)
    fig = go.Figure(go.Bar(
        x=names, y=[per_factor[n] for n in names],
        text=[f"z{top_latent.get(n, -1) + 1}" for n in names], textposition="outside",
        hovertemplate=FIGURES["hover_mig"]))
    fig.update_layout(xaxis=dict(title=dict(text=FIGURES["factor"])),
                      yaxis=dict(title=dict(text=FIGURES["gap"]), range=[0, 1]))
    return layout(fig, height=280)
