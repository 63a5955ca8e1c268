"""The β lab page: one model per β on the rate–distortion plane, and β schedules side by
side (``pages/beta_lab.py`` draws it)."""

import streamlit as st

from ui.compare import figures as compare_figures
from ui.compare import share as compare_links
from ui.compare import sweeps as compare
from ui.compare import views as compare_views
from ui.compare.share import BETA_PATH, DEFAULT_BETAS, SCHEDULES
from ui.compare.strings import BETA, SWEEP
from ui.shell import datasets, downloads, state, widgets
from ui.shell.strings import LABELS, RUN_SETTINGS
from vae_core.config import DataConfig
from vae_core.run_settings import ARCHITECTURES
from vae_core.sweeps import MAX_SWEEP_MODELS, SweepSpec, beta_sweep, schedule_sweep

DATASET = DataConfig().dataset  # the lessons' (mnist-5k)


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
                        index=list(ARCHITECTURES).index(compare.LESSON_ARCH),
                        format_func=LABELS["arch_labels"].get, help=BETA["arch_help"],
                        key="bl_arch")
    text = c3.text_input(BETA["betas"].format(max=MAX_SWEEP_MODELS), DEFAULT_BETAS,
                         help=BETA["betas_help"], key="bl_betas")
    epochs = compare.epochs_input(c4, compare.default_epochs(dataset),
                                  key=f"bl_epochs_{dataset}")
    if dataset == DATASET and arch == compare.LESSON_ARCH:
        st.caption(BETA["lessons_note"].format(arch=LABELS["arch_labels"][arch], epochs=epochs))
    try:
        betas = compare.parse_numbers(text)
    except ValueError as exc:
        betas = None
        st.error(BETA["bad_betas"].format(error=exc))
    if betas is not None:
        compare.controls("beta", lambda data: beta_spec(
            betas, dataset=dataset, input_shape=data.input_shape, arch=arch, epochs=epochs),
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


def beta_spec(betas: list[float], *, dataset: str, input_shape: tuple,
              arch: str = compare.LESSON_ARCH, epochs: int) -> SweepSpec:
    """The β sweep the Start button trains (``bench/measure_lessons.py`` measures the same)."""
    return beta_sweep(betas, model_cfg=compare.model_cfg_for(dataset, input_shape, arch=arch),
                      data_cfg=state.data_config(dataset), train_cfg=compare.train_cfg(epochs))


def schedule_spec(schedules: list[str], *, dataset: str, input_shape: tuple, beta: float,
                  epochs: int) -> SweepSpec:
    """The schedules the Start button trains: the lessons' network; warm-up over half the run,
    free bits of ``FREE_BITS`` nats per dim (lesson 7's rescue)."""
    return schedule_sweep(
        schedules, model_cfg=compare.model_cfg_for(dataset, input_shape, arch=compare.LESSON_ARCH),
        data_cfg=state.data_config(dataset),
        train_cfg=compare.train_cfg(epochs, beta=beta, warmup_epochs=max(1.0, epochs / 2),
                                    capacity_max=compare.capacity(dataset),
                                    free_bits=compare.FREE_BITS))


def schedules_tab() -> None:
    """Constant, warm-up, cyclical and capacity schedules trained side by side."""
    st.markdown(BETA["schedules_intro"].format(free_bits=compare.FREE_BITS))
    c1, c2 = st.columns([1, 2])  # two rows: four columns cut the labels at 800 px
    c3, c4 = st.columns(2)
    s_dataset = c1.selectbox(SWEEP["dataset"], datasets.sweep_choices(), key="bl_s_dataset")
    schedule_names = BETA["schedule_names"]  # a plain dict: format_func may run after the run
    chosen_schedules = c2.multiselect(BETA["schedules"], SCHEDULES, default=SCHEDULES,
                                      format_func=schedule_names.__getitem__, key="bl_schedules",
                                      placeholder=widgets.choose_many())
    s_beta = c3.number_input(BETA["schedule_beta"], 0.0, 100.0, 2.0, 0.5, key="bl_s_beta")
    s_epochs = compare.epochs_input(c4, compare.default_epochs(s_dataset),
                                    key=f"bl_s_epochs_{s_dataset}")
    compare.network_note(s_dataset, arch=compare.LESSON_ARCH)
    if chosen_schedules:
        compare.controls("schedule", lambda data: schedule_spec(
            chosen_schedules, dataset=s_dataset, input_shape=data.input_shape,
            beta=float(s_beta), epochs=s_epochs), dataset=s_dataset)
    s_results = compare.progress("schedule")
    if s_results:
        labels = [compare.label(r.label) for r in s_results]
        downloads.chart(compare_figures.schedule_curves(s_results, labels,
                                                        compare.capacity_targets(s_results)),
                        BETA["tab_schedules"], key="bl_schedule_curves")
        st.dataframe(compare_views.summary_rows(s_results), hide_index=True)
