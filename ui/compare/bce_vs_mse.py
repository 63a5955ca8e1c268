"""The BCE vs MSE page: models that differ only in their likelihood, the loss pitfalls of
tutorials reproduced, and the common tutorial mistakes explained (``pages/bce_vs_mse.py`` draws
it)."""

import streamlit as st

from ui.compare import likelihood as compare_likelihood
from ui.compare import mistakes
from ui.compare import share as compare_links
from ui.compare import sweeps as compare
from ui.compare import views as compare_views
from ui.compare.share import DEFAULT_RECONS, DEFAULT_SIGMA, LIKELIHOOD_PATH
from ui.compare.strings import LIKELIHOOD, SWEEP
from ui.shell import datasets, state, widgets
from ui.shell.strings import LABELS
from vae_core.config import RECONS
from vae_core.sweeps import PITFALLS, likelihood_sweep


def render() -> None:
    """The whole page: title, settings link, and its three tabs."""
    st.title(LIKELIHOOD["title"])
    st.markdown(LIKELIHOOD["intro"])
    compare_links.apply(LIKELIHOOD_PATH)
    compare_links.share_box(LIKELIHOOD_PATH)
    tab_compare, tab_pitfalls, tab_mistakes = st.tabs(
        [LIKELIHOOD["tab_compare"], LIKELIHOOD["tab_pitfalls"], LIKELIHOOD["tab_mistakes"]])
    with tab_compare:
        likelihood_tab()
    with tab_pitfalls:
        p_epochs = pitfalls_tab()
    with tab_mistakes:
        mistakes.mistakes_tab(epochs=p_epochs)


def likelihood_tab() -> None:
    """Models that differ only in p(x|z): comparable numbers, pictures, σ ⇔ β."""
    c1, c2 = st.columns([1, 2])  # two rows: four columns cut the labels at 800 px
    c3, c4 = st.columns([2, 1])
    dataset = c1.selectbox(SWEEP["dataset"], datasets.sweep_choices(), key="bm_dataset")
    recons = c2.multiselect(LIKELIHOOD["choose"], RECONS, default=list(DEFAULT_RECONS),
                            format_func=LABELS["recon"].get, key="bm_recons",
                            placeholder=widgets.choose_many())
    sigma = c3.slider(LIKELIHOOD["sigma"], 0.05, 2.0, DEFAULT_SIGMA, 0.01,
                      help=LIKELIHOOD["sigma_help"], key="bm_sigma")
    epochs = compare.epochs_input(c4, compare.default_epochs(dataset),
                                  key=f"bm_epochs_{dataset}")
    compare.network_note(dataset)
    values = [("mse", sigma) if r == "mse" and abs(sigma - DEFAULT_SIGMA) > 1e-3 else r
              for r in recons]
    if values:
        compare.controls("likelihood", lambda data: likelihood_sweep(
            values, model_cfg=compare.model_cfg_for(dataset, data.input_shape),
            data_cfg=state.data_config(dataset), train_cfg=compare.train_cfg(epochs)),
            dataset=dataset)
    else:
        st.info(LIKELIHOOD["need_one"])
    results = [r for r in compare.progress("likelihood") if r.model is not None]
    if results:
        compare_likelihood.results_view(results, compare.sweep("likelihood").data)
    with st.expander(LIKELIHOOD["sigma_title"], expanded=not results):
        st.markdown(LIKELIHOOD["sigma_text"])
        st.latex(r"-\log \mathcal{N}(x;\hat x,\sigma^2 I) = \frac{\lVert x-\hat x\rVert^2}"
                 r"{2\sigma^2} + \frac{D}{2}\log(2\pi\sigma^2)")
        # one statement a line: in this expander at 1024 px the column is about 530 px wide
        st.latex(r"\begin{aligned}\sigma^2=\tfrac12:\quad -\log p(x|z) &= \lVert x-\hat x"
                 r"\rVert^2 + C,\\ \frac{\lVert x-\hat x\rVert^2}{2\sigma^2} + \mathrm{KL}"
                 r" &\;\propto\; \lVert x-\hat x\rVert^2 + 2\sigma^2\,\mathrm{KL}\end{aligned}")
        st.markdown(LIKELIHOOD["sigma_text2"])
    compare_likelihood.continuous_bernoulli()


def pitfalls_tab() -> int:
    """The two loss pitfalls of tutorials, trained on purpose; returns their epochs."""
    st.markdown(LIKELIHOOD["pitfalls_intro"])
    pitfall_names = LIKELIHOOD["pitfall_names"]
    for name in PITFALLS:
        st.markdown(f"- **{pitfall_names[name]}**: " +
                    LIKELIHOOD["pitfall_text"][name].format(
                        pixels=compare.PIXELS[compare.PITFALL_DATASET]))
    p_epochs = compare.epochs_input(st, compare.default_epochs(compare.PITFALL_DATASET),
                                    key="bm_p_epochs")
    compare.controls("pitfall", mistakes.pitfall_spec(PITFALLS, p_epochs),
                     dataset=compare.PITFALL_DATASET)
    p_results = [r for r in compare.progress("pitfall") if r.model is not None]
    if p_results:
        st.subheader(LIKELIHOOD["what_you_see"])
        compare_views.pitfall_view(p_results, compare.sweep("pitfall").data)
        st.dataframe(compare_views.summary_rows(p_results), hide_index=True)
    return p_epochs
