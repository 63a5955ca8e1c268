"""The anomaly tab for a dataset with held-out anomalies (``signals``): the −ELBO of the test
sequences against that of the anomalous ones, as a ROC curve with its AUC, the AUC of each
kind of defect, and one example of each drawn with the model's reconstruction.

The anomalies are in neither split, so the model never trained on one: a high −ELBO is all
that can flag it. Cached per model like the rest of the page (fingerprint + underscore args).
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import streamlit as st
import torch
from plotly.subplots import make_subplots

from ui.applications.strings import SEQ_ANOMALY
from ui.shell import downloads, figures
from vae_core.analysis.anomaly import elbo_scores, ood_auc, ood_by_group
from vae_core.analysis.applications import reconstruct
from vae_core.checkpoints import Checkpoint
from vae_core.data import DataBundle
from vae_core.models.base import VAE

SAMPLES = 4  # z draws per sequence in the −ELBO score (the single-draw score is noisy)


@st.cache_data(max_entries=16, show_spinner=False)
def _scores(fp: str, what: str, _model: VAE, _x: torch.Tensor) -> np.ndarray:
    return elbo_scores(_model, _x, n_samples=SAMPLES, seed=0).numpy()


def _roc_figure(curves: list[tuple[str, np.ndarray, np.ndarray]]) -> go.Figure:
    fig = go.Figure()
    fig.add_scatter(x=[0, 1], y=[0, 1], mode="lines", name=SEQ_ANOMALY["chance"],
                    line=dict(color="#999999", dash="dash", width=1), hoverinfo="skip")
    for i, (name, fpr, tpr) in enumerate(curves):
        fig.add_scatter(x=fpr, y=tpr, mode="lines", name=name,
                        line=dict(color=figures.PALETTE[i], width=3 if i == 0 else 1.5))
    fig.update_layout(xaxis=dict(title=dict(text=SEQ_ANOMALY["fpr"]), range=[0, 1]),
                      yaxis=dict(title=dict(text=SEQ_ANOMALY["tpr"]), range=[0, 1.02]))
    figures.layout(fig, height=400)
    # inside, bottom right (the curves' empty corner): under the plot it ran into the x title
    fig.update_layout(legend=dict(orientation="v", x=0.99, y=0.02, xanchor="right",
                                  yanchor="bottom", bgcolor="rgba(255,255,255,0.85)"))
    return fig


def _examples_figure(x: np.ndarray, recon: np.ndarray, titles: list[str]) -> go.Figure:
    """One panel per example: the sequence (grey) and decode(μ) (blue); (n, L) each."""
    n, length = x.shape
    fig = make_subplots(rows=1, cols=n, subplot_titles=titles, horizontal_spacing=0.04)
    steps = np.arange(length)
    for i in range(n):
        fig.add_scatter(x=steps, y=x[i], mode="lines", name=SEQ_ANOMALY["input"],
                        line=dict(color="#7f7f7f", width=1.5), showlegend=i == 0,
                        row=1, col=i + 1)
        fig.add_scatter(x=steps, y=recon[i], mode="lines", name=SEQ_ANOMALY["recon"],
                        line=dict(color="#1f77b4", width=2), showlegend=i == 0,
                        row=1, col=i + 1)
    fig.update_yaxes(range=[0, 1], showticklabels=False)
    fig.update_annotations(font_size=13)
    figures.layout(fig, height=280)
    fig.update_layout(margin=dict(t=56))  # two-line panel titles
    return fig


def held_out_anomalies(fp: str, ckpt: Checkpoint, data: DataBundle) -> None:
    """The held-out anomalies' section; the page shows it above the generic summary."""
    names = [SEQ_ANOMALY["defects"].get(n, n) for n in data.anomaly_names]
    st.markdown(SEQ_ANOMALY["intro"].format(n_test=data.n_test, n_odd=len(data.anomaly_x),
                                            defects=SEQ_ANOMALY["sep"].join(names)))
    with st.spinner(SEQ_ANOMALY["scoring"]):
        normal = _scores(fp, "test", ckpt.model, data.test_x)
        odd = _scores(fp, "anomalies", ckpt.model, data.anomaly_x)
    overall = ood_auc(torch.from_numpy(normal), torch.from_numpy(odd))
    groups = data.anomaly_y.numpy()
    per_kind = ood_by_group(torch.from_numpy(normal), torch.from_numpy(odd), data.anomaly_y,
                            len(names))  # every kind has examples: none is None
    # a row that wraps: four equal columns cut "AUC, frequency changes" short at 800 px
    row = st.container(horizontal=True, gap="large")
    row.metric(SEQ_ANOMALY["auc_all"], f"{overall.auc:.3f}", help=SEQ_ANOMALY["auc_help"],
               width="content")
    for name, r in zip(names, per_kind):
        row.metric(SEQ_ANOMALY["auc_kind"].format(kind=name), f"{r.auc:.3f}", width="content")
    curves = [(SEQ_ANOMALY["all"].format(auc=overall.auc), overall.fpr, overall.tpr)]
    curves += [(f"{name} ({r.auc:.3f})", r.fpr, r.tpr) for name, r in zip(names, per_kind)]
    downloads.chart(_roc_figure(curves), SEQ_ANOMALY["all"].format(auc=overall.auc),
                    key="apps_seq_roc", width="stretch")
    st.caption(SEQ_ANOMALY["roc_caption"].format(median_in=float(np.median(normal)),
                                                 median_out=float(np.median(odd))))
    first = [int(np.flatnonzero(groups == g)[0]) for g in range(len(names))]
    x = data.anomaly_x[first]
    recon = reconstruct(ckpt.model, x)
    titles = [SEQ_ANOMALY["example"].format(kind=name, score=odd[i])
              for name, i in zip(names, first)]
    st.plotly_chart(_examples_figure(x.reshape(len(first), -1).numpy(),  # (n, 1, 1, L) -> (n, L)
                                     recon.reshape(len(first), -1).numpy(), titles),
                    key="apps_seq_examples", width="stretch")
    st.caption(SEQ_ANOMALY["examples_caption"])
