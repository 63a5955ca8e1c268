"""BCE vs MSE's results: comparable numbers on shared axes, each likelihood's own nats in its
own panel, why the Gaussian model looks blurry (σ acts like β, with a "try σ = 0.1" button),
the pictures side by side and posterior collapse named."""

from __future__ import annotations

from typing import Any

import streamlit as st

from ui.compare import figures as compare_figures
from ui.compare import sweeps as compare
from ui.compare.strings import LIKELIHOOD
from ui.compare.views import summary_rows
from ui.shell import collapse, state
from vae_core.data import DataBundle

SIGMA_KEY = "bm_sigma"   # the page's σ slider
TRY_SIGMA = 0.1
BLURRY_SIGMA = 0.3       # a fixed σ above this weighs the KL like β = 2σ² > 0.18


def results_view(results: list[Any], data: DataBundle) -> None:
    labels = [compare.label(r.label) for r in results]
    st.subheader(LIKELIHOOD["curves"])
    st.caption(LIKELIHOOD["curves_caption"])
    st.plotly_chart(compare_figures.comparable_figure(results, labels), key="bm_curves")
    st.markdown(f"**{LIKELIHOOD['own_nats']}**")
    st.caption(LIKELIHOOD["own_nats_caption"])
    st.plotly_chart(compare_figures.own_nats_figure(results, labels, [
        LIKELIHOOD["recon_panel"].format(label=name) for name in labels]), key="bm_own_nats")
    blur_note(results)
    st.subheader(LIKELIHOOD["side_by_side"])
    errors = [compare.error_map("likelihood", r, data) for r in results]
    zmax = max(float(e.max()) for e in errors) or 1.0
    for col, res, err, name in zip(st.columns(len(results)), results, errors, labels):
        with col:
            st.markdown(f"**{name}**")
            st.image(compare.recon_image("likelihood", res, data), caption=LIKELIHOOD["recons"])
            st.caption(LIKELIHOOD["errors"])
            st.plotly_chart(compare_figures.error_heatmap(err, zmax=zmax),
                            key=f"bm_err_{res.index}")
            st.image(compare.sample_image("likelihood", res), caption=LIKELIHOOD["samples"])
    for res in results:
        k = len(res.summary.get("kl_per_dim", ())) or res.model_cfg.latent_dim
        if collapse.few_active(res.summary.get("active_units"), k):
            st.markdown(f"**{compare.label(res.label)}**")
            collapse.collapse_note(res.summary.get("active_units"), k)
    st.subheader(LIKELIHOOD["numbers"])
    st.warning(LIKELIHOOD["not_comparable"])
    st.dataframe(summary_rows(results, comparable_elbo=False), hide_index=True)


def blur_note(results: list[Any]) -> None:
    """Next to a fixed-σ Gaussian trained with a large σ: it is blurry because σ acts like β."""
    gaussian = [r for r in results if r.model_cfg.recon == "mse"
                and r.model_cfg.sigma > BLURRY_SIGMA]
    if not gaussian:
        return
    sigma = gaussian[0].model_cfg.sigma
    st.info(LIKELIHOOD["blur_note"].format(sigma=sigma, beta=2 * sigma ** 2),
            icon=":material/blur_on:")
    if abs(float(state.widget_value(SIGMA_KEY, sigma)) - TRY_SIGMA) < 1e-9:
        st.caption(LIKELIHOOD["try_sigma_done"])
    else:
        st.button(LIKELIHOOD["try_sigma"], key="bm_try_sigma", icon=":material/tune:",
                  on_click=state.set_widget_values, args=({SIGMA_KEY: TRY_SIGMA},))


def continuous_bernoulli() -> None:
    """Why BCE on grey pixels is not a normalised likelihood, and what fixes it."""
    with st.expander(LIKELIHOOD["cb_title"]):
        st.markdown(LIKELIHOOD["cb_text"])
        st.latex(r"\begin{aligned}p(x\mid\lambda) &= C(\lambda)\,\lambda^{x}(1-\lambda)^{1-x},"
                 r"\quad x\in[0,1],\\ -\log p(x\mid\lambda) &= \mathrm{BCE}(x,\lambda) "
                 r"- \log C(\lambda)\end{aligned}")
        st.markdown(LIKELIHOOD["cb_text2"])
