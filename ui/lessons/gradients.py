"""Lesson 3's gradient view: the reparameterisation and score-function estimates of the
reconstruction term's gradient on the picked model, for the walk-through's test image, and
how their variance falls with the number of draws (``vae_core.analysis.gradient_estimators``).
The learner reads off how many times noisier the score function is; the task checks it."""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go
import streamlit as st
import torch

from ui.home.explain import test_image
from ui.lessons import progress
from ui.lessons.facts import Facts
from ui.lessons.strings import LESSON3
from ui.lessons.tasks import ENOUGH_DRAWS as ENOUGH
from ui.lessons.tasks import variance_ratio
from ui.shell import figures, model_store, state
from vae_core.analysis.gradient_estimators import KINDS, GradientSamples, compare_on_image

SAMPLES = (10, 100, 1000, 4000)   # draws offered; the task asks for at least ENOUGH
COLOURS = {"reparam": "#1f77b4", "score": "#d62728"}
K_SEED = "lesson3_grad_seed"


@st.cache_data(max_entries=8, show_spinner=False)
def _samples(_model: torch.nn.Module, fp: str, _x: torch.Tensor, index: int, n: int,
             seed: int) -> GradientSamples:
    """Cached per (model, image, draws, seed): the lesson page reruns while a run trains."""
    return compare_on_image(_model, _x, n, seed=seed)


def running_figure(g: GradientSamples) -> go.Figure:
    """The estimate of ∂/∂μ₁ from the first m draws, m = 1 … n, for both estimators."""
    m = np.arange(1, g.n + 1)
    fig = go.Figure()
    for kind in KINDS:
        running = np.cumsum(g.of(kind)[:, 0]) / m
        fig.add_trace(go.Scatter(x=m, y=running, mode="lines", name=LESSON3["grad_kinds"][kind],
                                 line=dict(color=COLOURS[kind])))
    fig.add_hline(y=float(g.mean("reparam")[0]), line=dict(color="grey", dash="dot"))
    # the x axis has no title (the chart's says "draws"): it would sit on the legend below
    fig.update_layout(xaxis=dict(type="log", dtick=1),
                      yaxis=dict(title=dict(text=LESSON3["grad_estimate"])))
    return figures.layout(fig, height=300, title=LESSON3["grad_running_title"])


def variance_figure(g: GradientSamples) -> go.Figure:
    """Total variance of the n-draw estimate against n (log–log): two parallel lines."""
    draws = np.unique(np.logspace(0, math.log10(g.n), 30).astype(int))
    fig = go.Figure()
    for kind in KINDS:
        fig.add_trace(go.Scatter(x=draws, y=g.variance_curve(kind, draws), mode="lines",
                                 name=LESSON3["grad_kinds"][kind],
                                 line=dict(color=COLOURS[kind])))
    fig.update_layout(xaxis=dict(type="log", dtick=1),
                      yaxis=dict(type="log", exponentformat="power",
                                 title=dict(text=LESSON3["grad_variance"])))
    return figures.layout(fig, height=320, title=LESSON3["grad_variance_title"])


def _plain_number(value: float) -> str:
    """Digits a student can divide (582,785 rather than 5.828e+05)."""
    return f"{value:,.0f}" if value >= 100 else f"{value:.3g}"


def _check(g: GradientSamples, answer: float) -> None:
    """Record what the learner read off; say whether it is right."""
    seen = {"draws": g.n, "ratio": g.ratio, "answer": answer}
    progress.record_lesson_fact("gradients", seen)
    if variance_ratio(Facts(actions={"gradients": seen})):  # the task's own check
        st.success(LESSON3["grad_right"].format(ratio=g.ratio))
    elif g.n < ENOUGH:
        st.info(LESSON3["grad_more"].format(enough=ENOUGH))
    else:
        st.warning(LESSON3["grad_wrong"].format(answer=answer))


def gradient_comparison() -> None:
    """The two estimators on the picked model and the walk-through's test image."""
    _, ckpt = state.selected_checkpoint()
    if ckpt is None:
        return  # the walk-through above has said to pick a model
    index = state.example_state()["index"]
    x, error = test_image(ckpt, index)
    if x is None:
        st.warning(error)
        return
    st.markdown(f"**{LESSON3['grad_title']}**")
    st.markdown(LESSON3["grad_intro"])
    row = st.container(horizontal=True, vertical_alignment="bottom")
    n = row.select_slider(LESSON3["grad_samples"], options=SAMPLES, value=SAMPLES[1],
                          key="lesson3_grad_n", width=360)
    seed = st.session_state.setdefault(K_SEED, 0)
    if row.button(LESSON3["grad_again"], key="lesson3_grad_again", icon=":material/casino:"):
        seed = st.session_state[K_SEED] = seed + 1
    g = _samples(ckpt.model, model_store.fingerprint(ckpt), x, index, int(n), seed)
    st.markdown(LESSON3["grad_var_label"])
    cols = st.columns(2)
    for col, kind in zip(cols, KINDS, strict=True):
        col.metric(LESSON3["grad_kinds"][kind], _plain_number(g.variance(kind)))
    # one above the other: side by side at 800 px each chart is too narrow for its title
    st.plotly_chart(running_figure(g), key="lesson3_grad_running")
    st.plotly_chart(variance_figure(g), key="lesson3_grad_variance")
    st.caption(LESSON3["grad_caption"])
    answer = st.number_input(LESSON3["grad_answer"], min_value=0.0, value=0.0, step=1.0,
                             format="%.0f", key="lesson3_grad_answer",
                             help=LESSON3["grad_answer_help"])
    if answer > 0:
        _check(g, float(answer))
    else:
        st.caption(LESSON3["grad_how"].format(enough=ENOUGH))
