"""The lessons' live views: the app's own sections (``ui.home.explain``, ``ui.train.live``,
``ui.explore.traverse``, ``ui.compare.figures``), drawn on the picked model or the session's run.
Lesson 8 records which test images the learner interpolated and how typical each step is;
lesson 9 links to the conditional and few-labels pages and says what they measured."""

from __future__ import annotations

import numpy as np
import streamlit as st
import torch

from ui.compare import figures as compare_figures
from ui.explore import traverse as traverse_view
from ui.home import explain
from ui.lessons import progress
from ui.lessons.facts import DATASET, Facts
from ui.lessons.strings import LESSON9, LESSONS
from ui.lessons.tasks import FEW_N
from ui.shell import datasets, model_store, session_job, state
from ui.train import live as train_live
from ui.why import view as why_view
from vae_core.analysis.anomaly import elbo_scores
from vae_core.analysis.encode import encode
from vae_core.analysis.rate_distortion import rd_point
from vae_core.analysis.traversal import interpolate

TYPICAL = 95          # percentile of the model's own test reconstructions' −ELBO
REFERENCE = 500       # test images that set it
STEPS = 10            # slerp steps checked (the traverse view's default)
DEFAULT_PAIR = (0, 1)  # the interpolation's first two test images, before any choice


def _model() -> tuple:
    entry, ckpt = state.selected_checkpoint()
    if ckpt is None:
        st.info(LESSONS["no_model"])
    return entry, ckpt


def walk_through() -> None:
    """The home page's walk-through: x -> (μ, σ) -> z = μ + σ⊙ε -> x̂ on the picked model."""
    entry, ckpt = _model()
    if ckpt is not None:
        explain.live_example(entry, ckpt)


def why_comparison() -> None:
    """Lesson 1: the "Why variational?" page's view, without its title."""
    why_view.render(embedded=True)


def live_training() -> None:
    """The Train page's live panel for this session's run (a lesson's or the Train page's)."""
    if session_job.job_slot().job is None:
        st.info(LESSONS["idle"])
        return
    train_live.live_panel()


def rd_plane(facts: Facts) -> None:
    """The session's BCE runs (correct loss) on the rate–distortion plane."""
    runs = [r for r in facts.measured(recon="bce")
            if r.reduction == "sum" and not r.kl_sign_bug and r.test_recon is not None]
    if not runs:
        st.caption(LESSONS["no_plane"])
        return
    points = [rd_point({"test_recon": r.test_recon, "test_kl": r.test_kl}, beta=r.beta,
                       label=f"β={r.beta:g}") for r in runs]
    st.plotly_chart(compare_figures.rd_figure(points, list(range(len(points)))), key="lesson6_rd")


def _threshold(fp: str, model: torch.nn.Module, x: torch.Tensor) -> float:
    """The ``TYPICAL`` percentile of the −ELBO of the model's reconstructions of test digits
    (computed once per model)."""
    memo = progress.lesson_facts().get("interp_threshold", {})
    if fp not in memo:
        mu, _ = encode(model, x[:REFERENCE])
        with torch.no_grad():
            recons = model.decode(mu.to(model.device)).cpu()
        memo = {**memo, fp: float(np.percentile(elbo_scores(model, recons).numpy(), TYPICAL))}
        progress.record_lesson_fact("interp_threshold", memo)
    return memo[fp]


def interpolation() -> None:
    """The traverse page's interpolation; records the pair and its slerp's worst step."""
    entry, ckpt = _model()
    if ckpt is None:
        return
    data, error = datasets.test_data(ckpt)
    if data is None:
        st.warning(error)
        return
    if ckpt.data_cfg is None or ckpt.data_cfg.dataset != DATASET:
        st.info(LESSONS["needs_mnist"])
    fp = model_store.fingerprint(ckpt)
    traverse_view.interpolation(ckpt, data, fp)
    a, b = state.widget_value("trav_from"), state.widget_value("trav_to")
    if a is None or b is None or ckpt.data_cfg is None or ckpt.data_cfg.dataset != DATASET:
        return
    if (int(a), int(b)) == DEFAULT_PAIR:  # the view's own start: the learner has not picked
        st.caption(LESSONS["interp_pick"])
        return
    path = interpolate(ckpt.model, data.test_x[int(a)], data.test_x[int(b)], STEPS, "slerp")
    scores = elbo_scores(ckpt.model, path).numpy()
    pair = {"a": int(a), "b": int(b), "label_a": int(data.test_y[int(a)]),
            "label_b": int(data.test_y[int(b)]), "worst": float(scores.max()),
            "threshold": _threshold(fp, ckpt.model, data.test_x)}
    st.caption(LESSONS["interp_score"].format(**pair))
    progress.record_lesson_fact("interp", pair)


def labels_summary(facts: Facts) -> None:
    """Lesson 9: the two pages its tasks are done on, and what they last measured here."""
    st.page_link("pages/conditional.py", label=LESSON9["to_conditional"], icon=":material/draw:")
    st.page_link("pages/few_labels.py", label=LESSON9["to_few"], icon=":material/label:")
    shares = facts.actions.get("cond_shares")
    if shares:
        key = "your_shares_alone" if shares.get("uncond") is None else "your_shares"
        st.markdown(LESSON9[key].format(**shares))
    few = [r for r in facts.actions.get("few_labels") or ()
           if r["method"] == "m1m2" and r["labels"] == FEW_N]
    if few:
        st.markdown(LESSON9["your_few"].format(n=FEW_N, acc=few[0]["accuracy"],
                                               base=few[0]["baseline_pixels"]))
