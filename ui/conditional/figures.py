"""The conditional page's figure (no Streamlit here): per label, the share of samples the
classifier calls that label, conditional next to unconditional."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from ui.conditional.strings import COND
from ui.shell.figures import COLORS, layout


def shares_figure(names: Sequence[str], cond: np.ndarray, uncond: np.ndarray | None) -> go.Figure:
    fig = go.Figure()
    fig.add_bar(x=list(names), y=cond, name=COND["legend_cond"], marker_color=COLORS["recon"],
                hovertemplate="%{x}: %{y:.1%}<extra></extra>")
    if uncond is not None:
        fig.add_bar(x=list(names), y=uncond, name=COND["legend_uncond"],
                    marker_color=COLORS["kl"], hovertemplate="%{x}: %{y:.1%}<extra></extra>")
    layout(fig, height=320)
    fig.update_layout(barmode="group",
                      xaxis=dict(title=dict(text=COND["figure_x"]), type="category"),
                      yaxis=dict(title=dict(text=COND["figure_y"]), tickformat=".0%",
                                 range=[0, 1]))
    return fig
