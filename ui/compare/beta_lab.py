"""The β lab page: one model per β on the rate–distortion plane, and β schedules side by
side (``pages/beta_lab.py`` draws it)."""

import streamlit as st

from ui.compare import figures as compare_figures
from ui.compare import share as compare_links
from ui.compare import sweeps as compare
from ui.compare import views as compare_views
from ui.compare.share import BETA_PATH, DEFAULT_BETAS, SCHEDULES
from ui.compare.strings import BETA, SWEEP
from ui.shell import datasets, downloads, state
from ui.shell.strings import LABELS, RUN_SETTINGS
from vae_core.run_settings import ARCHITECTURES
from vae_core.sweeps import MAX_SWEEP_MODELS, beta_sweep, schedule_sweep


def render() -> None:
    """The whole page: title, settings link, and its two tabs."""
    st.title(BETA["title"])
    st.markdown(BETA["intro"])
    compare_links.apply(BETA_PATH)
    compare_links.share_box(BETA_PATH)
    tab_sweep, tab_schedules = st.tabs([BETA["tab_sweep"], BETA["tab_schedules"]])
    with tab_sweep:
        beta_sweep_tab()
    with tab_schedules:
        schedules_tab()


def beta_sweep_tab() -> None:
    """One model per β: the rate–distortion plane, a model's view, the table."""
    c1, c2 = st.columns(2)  # two rows: four columns cut the labels at 800 px
    c3, c4 = st.columns([2, 1])
    dataset = c1.selectbox(SWEEP["dataset"], datasets.sweep_choices(), key="bl_dataset")
    arch = c2.selectbox(RUN_SETTINGS["arch"]["label"], list(ARCHITECTURES),
                        index=list(ARCHITECTURES).index(compare.SWEEP_ARCH),
                        format_func=LABELS["arch_labels"].get, help=BETA["arch_help"],
                        key="bl_arch")
    text = c3.text_input(BETA["betas"].format(max=MAX_SWEEP_MODELS), DEFAULT_BETAS,
                         help=BETA["betas_help"], key="bl_betas")
    epochs = compare.epochs_input(c4, compare.default_epochs(dataset),
                                  key=f"bl_epochs_{dataset}")
    try:
        betas = compare.parse_numbers(text)
    except ValueError as exc:
        betas = None
        st.error(BETA["bad_betas"].format(error=exc))
    if betas is not None:
        compare.controls("beta", lambda data: beta_sweep(
            betas, model_cfg=compare.model_cfg_for(dataset, data.input_shape, arch=arch),
            data_cfg=state.data_config(dataset), train_cfg=compare.train_cfg(epochs)),
            dataset=dataset)
    results = compare.progress("beta")
    sweep = compare.sweep("beta")
    if results:
        st.subheader(BETA["rd_title"])
        chosen = compare_views.rd_plane(results, key=f"bl_rd_{compare.token('beta')}")
        if chosen is not None and chosen.model is not None:
            compare_views.beta_model_view("beta", chosen, sweep.data)
        st.subheader(BETA["table"])
        st.dataframe(compare_views.summary_rows(results), hide_index=True)
        compare_views.save_box("beta", results, sweep.spec.data_cfg)


def schedules_tab() -> None:
    """Constant, warm-up, cyclical and capacity schedules trained side by side."""
    st.markdown(BETA["schedules_intro"])
    c1, c2 = st.columns([1, 2])  # two rows: four columns cut the labels at 800 px
    c3, c4 = st.columns(2)
    s_dataset = c1.selectbox(SWEEP["dataset"], datasets.sweep_choices(), key="bl_s_dataset")
    schedule_names = BETA["schedule_names"]  # a plain dict: format_func may run after the run
    chosen_schedules = c2.multiselect(BETA["schedules"], SCHEDULES, default=SCHEDULES,
                                      format_func=schedule_names.__getitem__, key="bl_schedules")
    s_beta = c3.number_input(BETA["schedule_beta"], 0.0, 100.0, 2.0, 0.5, key="bl_s_beta")
    s_epochs = compare.epochs_input(c4, compare.default_epochs(s_dataset),
                                    key=f"bl_s_epochs_{s_dataset}")
    compare.network_note(s_dataset)
    if chosen_schedules:
        compare.controls("schedule", lambda data: schedule_sweep(
            chosen_schedules, model_cfg=compare.model_cfg_for(s_dataset, data.input_shape),
            data_cfg=state.data_config(s_dataset),
            train_cfg=compare.train_cfg(s_epochs, beta=float(s_beta),
                                        warmup_epochs=max(1.0, s_epochs / 2),
                                        capacity_max=compare.capacity(s_dataset))),
            dataset=s_dataset)
    s_results = compare.progress("schedule")
    if s_results:
        labels = [compare.label(r.label) for r in s_results]
        downloads.chart(compare_figures.schedule_curves(s_results, labels,
                                                        compare.capacity_targets(s_results)),
                        BETA["tab_schedules"], key="bl_schedule_curves")
        st.dataframe(compare_views.summary_rows(s_results), hide_index=True)
