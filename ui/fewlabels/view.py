"""The "Learning from few labels" page: the semi-supervised methods of Kingma et al. (2014)
against two baselines, trained in one background job (``vae_core.semi_supervised``), and the
selected model's code against PCA (``vae_core.analysis.features``)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from ui.fewlabels import runs
from ui.fewlabels.figures import accuracy_curve
from ui.fewlabels.strings import FEW
from ui.shell import datasets, downloads, job_panel, model_store, start_errors, state, widgets
from vae_core.analysis.features import FeatureReport, feature_report
from vae_core.semi_supervised import (
    DATA,
    EPOCHS,
    LABEL_COUNTS,
    METHODS,
    SemiSpec,
    SemiSupervised,
    summarise,
)

PAGE_EPOCHS = {"m2": 2, "m1m2": 20}  # short: the default run answers in about a minute
DEFAULT_LABELS = (10, 100, 1000)
MAX_SEEDS = 5
MAX_EPOCHS = 100
MAX_RUN_S = 600        # one comparison holds a job slot; longer runs belong to the benchmark
FEW_LABELS = 10        # one label per digit: luck of the draw more than method
# the README's table at 100 labels (bench/bench_semi.py, 3 seeds): quoted beside the curve
MEASURED_100 = {"pixels": "77.0 %", "m1": "82.0 %", "m2": "75.3 %", "m1m2": "89.4 %"}


def render() -> None:
    st.title(FEW["title"])
    st.markdown(FEW["intro"])
    with st.expander(FEW["methods_title"]):
        st.markdown(FEW["methods_text"])
    with st.expander(FEW["refs_title"]):
        st.markdown(FEW["refs_text"].format(**MEASURED_100))
    spec = _inputs()
    _controls(spec)
    snap = _progress(runs.few_run())
    if snap is not None and snap.rows:
        _results(snap.rows, runs.few_run().spec.epochs)
    st.divider()
    features()


def _inputs() -> SemiSpec | None:
    names = FEW["names"]
    c1, c2 = st.columns(2)
    methods = c1.multiselect(FEW["methods"], METHODS, default=list(METHODS), key="few_methods",
                             format_func=lambda m: names[m], help=FEW["methods_help"],
                             placeholder=widgets.choose_many())
    labels = c2.multiselect(FEW["labels"], LABEL_COUNTS, default=list(DEFAULT_LABELS),
                            key="few_labels", help=FEW["labels_help"],
                            placeholder=widgets.choose_many())
    c1, c2, c3 = st.columns(3)
    seeds = c1.number_input(FEW["seeds"], 1, MAX_SEEDS, 1, key="few_seeds",
                            help=FEW["seeds_help"])
    m2 = c2.number_input(FEW["epochs_m2"], 1, MAX_EPOCHS, PAGE_EPOCHS["m2"], key="few_ep_m2",
                         help=FEW["epochs_m2_help"].format(full=EPOCHS["m2"]))
    m1m2 = c3.number_input(FEW["epochs_m1m2"], 1, MAX_EPOCHS, PAGE_EPOCHS["m1m2"],
                           key="few_ep_m1m2",
                           help=FEW["epochs_m1m2_help"].format(full=EPOCHS["m1m2"]))
    if not methods or not labels:
        st.info(FEW["pick_something"])
        return None
    spec = SemiSpec(methods=tuple(m for m in METHODS if m in methods),
                    labels=tuple(sorted(labels)), seeds=tuple(range(int(seeds))),
                    epochs={"m2": int(m2), "m1m2": int(m1m2)})
    if spec.estimate_s() > MAX_RUN_S:
        st.warning(FEW["too_long"].format(minutes=spec.estimate_s() / 60,
                                          limit=MAX_RUN_S // 60))
        return None
    return spec


def _controls(spec: SemiSpec | None) -> None:
    run = runs.few_run()
    running = run is not None and run.is_alive()
    buttons = st.container(horizontal=True)
    if buttons.button(FEW["start"], type="primary", icon=":material/play_arrow:",
                      disabled=running or spec is None, key="few_start") and _launch(spec):
        st.rerun()
    if running:
        buttons.button(FEW["stop"], icon=":material/stop:", key="few_stop",
                       on_click=lambda: run.stop(timeout=2.0))


def _launch(spec: SemiSpec) -> bool:
    def begin() -> None:
        data = state.load_data(DATA)
        runs.start_few(lambda: SemiSupervised(spec, data=data))

    started, _ = start_errors.start_or_explain(begin, FEW)
    return started


def _progress(run: Any) -> Any:
    """Poll a running comparison in a fragment; once it has ended, say how it went and return
    its last snapshot (None while it runs, or when there is none)."""
    total = len(run.spec.tasks()) if run is not None else 0

    def draw(snap: Any) -> None:
        st.progress(snap.progress, text=FEW["progress"].format(
            done=len(snap.rows), total=total, elapsed=snap.elapsed_s))
        if snap.current is not None:
            method, n, seed = snap.current
            st.caption(FEW["now"].format(method=FEW["names"][method], labels=n, seed=seed))

    if not job_panel.live_panel(run, idle=FEW["idle"], draw=draw):
        return None
    snap = run.snapshot()
    if snap.status == "failed":
        st.error(FEW["failed"].format(error=snap.error))
    elif snap.status == "stopped":
        st.info(FEW["stopped"])
    else:
        st.success(FEW["done"].format(total=total, elapsed=snap.elapsed_s))
    return snap


def _results(rows: Any, epochs: dict) -> None:
    names, summary = FEW["names"], summarise(rows)
    st.subheader(FEW["chart_title"])
    downloads.chart(accuracy_curve(summary, names, x_title=FEW["axis_labels"],
                                   y_title=FEW["axis_accuracy"]), FEW["chart_title"],
                    key="few_curve")
    lines = []
    for n in sorted({r["labels"] for r in summary}):
        best = max((r for r in summary if r["labels"] == n), key=lambda r: r["accuracy"])
        gain = 100 * (best["accuracy"] - best["baseline_pixels"])
        lines.append("- " + FEW["best" if gain >= 0 else "best_below"].format(
            labels=n, method=names[best["method"]], acc=best["accuracy"],
            base=best["baseline_pixels"], gain=abs(gain)))
    st.markdown("\n".join(lines))
    _worse(summary, epochs)
    st.subheader(FEW["table_title"])
    st.dataframe([{FEW["col_labels"]: r["labels"], FEW["col_method"]: names[r["method"]],
                   FEW["col_accuracy"]: f"{r['accuracy']:.1%}",
                   FEW["col_spread"]: f"{r['spread']:.1%}" if r["seeds"] > 1 else "–",
                   FEW["col_gain"]: FEW["points"].format(
                       p=100 * (r["accuracy"] - r["baseline_pixels"])),
                   FEW["col_pixels"]: f"{r['baseline_pixels']:.1%}",
                   FEW["col_pca"]: f"{r['baseline_pca']:.1%}",
                   FEW["col_seconds"]: FEW["seconds"].format(s=r["seconds"])}
                  for r in summary], hide_index=True)


def _worse(summary: list[dict], epochs: dict) -> None:
    """Say where a method does worse than the pixels' baseline, and the likely reason."""
    names = FEW["names"]
    worse = [r for r in summary if r["accuracy"] < r["baseline_pixels"]]
    if not worse:
        return
    text = [FEW["worse"].format(which="; ".join(
        FEW["worse_item"].format(method=names[r["method"]], labels=r["labels"],
                                 acc=r["accuracy"], base=r["baseline_pixels"]) for r in worse))]
    if any(r["method"] == "m2" for r in worse):
        text.append(FEW["worse_m2"].format(epochs=epochs["m2"], full=EPOCHS["m2"]))
    if any(r["labels"] <= FEW_LABELS for r in worse):
        text.append(FEW["worse_few"])
    st.warning("\n\n".join(text))


# -- features against PCA ------------------------------------------------------------------------
@st.cache_data(show_spinner=False, max_entries=16)
def _report(fp: str, _model: Any, _data: Any) -> FeatureReport:
    return feature_report(_model, _data)


def features() -> None:
    st.subheader(FEW["features_title"])
    st.markdown(FEW["features_intro"])
    _, ckpt = state.selected_checkpoint()
    data, problem = datasets.test_data(ckpt) if ckpt is not None else (None, None)
    if ckpt is None or data is None:
        st.info(problem or FEW["no_model"])
    else:
        _show_report(_report(model_store.fingerprint(ckpt), ckpt.model, data))
    with st.expander(FEW["when_title"]):
        st.markdown(FEW["when_text"])


def _show_report(rep: FeatureReport) -> None:
    c1, c2 = st.columns(2)
    c3, c4 = st.columns(2)  # two by two: four in a row cut their labels at 800 px
    c1.metric(FEW["probe_vae"].format(k=rep.k), f"{rep.probe_vae:.1%}", help=FEW["probe_help"])
    c2.metric(FEW["probe_pca"].format(k=rep.k), f"{rep.probe_pca:.1%}", help=FEW["probe_help"])
    c3.metric(FEW["recon_vae"], f"{rep.recon_vae:.1f}",
              help=FEW["recon_help"].format(n=rep.n_test))
    c4.metric(FEW["recon_pca"].format(k=rep.k), f"{rep.recon_pca:.1f}",
              help=FEW["recon_help"].format(n=rep.n_test))
    st.caption(FEW["pca_share"].format(k=rep.k, share=rep.pca_variance))
    probe, recon = rep.probe_vae > rep.probe_pca, rep.recon_vae < rep.recon_pca
    key = {(True, True): "verdict_both", (True, False): "verdict_probe",
           (False, True): "verdict_recon", (False, False): "verdict_none"}[probe, recon]
    (st.success if probe or recon else st.warning)(FEW[key])
