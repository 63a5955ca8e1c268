"""The Models page's sections: the library table with load / rename / delete, evaluation on the
test set (−ELBO split, KL per dim, active units, IWAE with progress, MIG), the comparison table,
and anomaly detection by −ELBO with an out-of-distribution ROC. Figures are built here too.

Caches: evaluations live in a process-wide store keyed by (model fingerprint, k, n) because
``evaluate`` reports progress to a bar drawn outside it (``st.cache_data`` cannot replay that);
anomaly scores use ``st.cache_data`` with ``_model``. Session state: one flash message.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import Any

import numpy as np
import plotly.graph_objects as go
import streamlit as st
import torch

from ui.library.strings import ANOMALY_SCORES, EVAL, LIBRARY_FIGURES, LIBRARY_PAGE, MODELS
from ui.shell import (
    collapse,
    datasets,
    figures,
    model_store,
    ownership,
    picker,
    session_job,
    start_errors,
    state,
    widgets,
)
from ui.shell.config_words import failure_words
from ui.shell.inert import inert
from ui.shell.model_store import ModelEntry
from ui.shell.strings import LABELS
from vae_core import checkpoints, importers
from vae_core.analysis.anomaly import elbo_scores, extremes, fit_to_model, ood_auc
from vae_core.analysis.disentanglement import model_mig
from vae_core.analysis.metrics import MAX_IWAE_K, evaluate
from vae_core.checkpoints import Checkpoint
from vae_core.config import DataConfig
from vae_core.data import DataBundle
from vae_core.jobs import failure_params
from vae_core.messages import AnalysisError
from vae_core.models.base import VAE

K_FLASH = "_vl_models_flash"
DEFAULT_K, DEFAULT_N = 500, 200
IWAE_BUDGET = 1_000_000  # k × n per evaluation: k = 5000, n = 200 is ≈ 40 s for the MNIST MLP
STORE_SIZE = 64
OOD_CHOICES = ("none", "mnist-5k", "digits", "shapes", "noise")  # datasets that load offline
OOD_CAP = 2000          # outlier images scored at most
GRID_PX = figures.IMAGE_PX


# -- models, data, caches --------------------------------------------------------------------
def limits_text() -> str:
    """The upload and model-file limits, shown under the uploader."""
    return LIBRARY_PAGE["limits"].format(upload=st.get_option("server.maxUploadSize"),
                                model=checkpoints.MAX_CHECKPOINT_BYTES // 2**20,
                                header=checkpoints.MAX_HEADER_BYTES // 2**20,
                                members=importers.MAX_ZIP_MEMBERS)


def over_budget(k: int, n: int) -> str | None:
    """Why an IWAE evaluation of k samples on n images is refused, or None."""
    if k * n <= IWAE_BUDGET:
        return None
    return EVAL["over_budget"].format(kn=k * n, budget=IWAE_BUDGET)


def show_data_error(ckpt: Checkpoint, error: str) -> None:
    """Why the model cannot be evaluated (with the MNIST hint for imported models)."""
    st.error(error)
    dataset = ckpt.data_cfg.dataset if ckpt.data_cfg is not None else None  # a bare upload
    if dataset in ("mnist", "fashion-mnist", "kmnist"):
        st.info(MODELS["data_hint"])


class _Store:
    """A small LRU of evaluation results shared by all sessions (results are tiny dicts)."""

    def __init__(self) -> None:
        self.items: OrderedDict[tuple, dict] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: tuple) -> dict | None:
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
            return self.items.get(key)

    def put(self, key: tuple, value: dict) -> None:
        with self.lock:
            self.items[key] = value
            while len(self.items) > STORE_SIZE:
                self.items.popitem(last=False)

    def latest(self, fp: str) -> dict | None:
        with self.lock:
            return next((v for k, v in reversed(self.items.items()) if k[0] == fp), None)


@st.cache_resource(show_spinner=False)
def _store() -> _Store:
    return _Store()


class _Stopped(Exception):
    """The server is shutting down: an evaluation ends at its next progress report."""


def run_evaluation(fp: str, ckpt: Checkpoint, data: DataBundle, k: int, n: int,
                   label: str = "") -> dict | None:
    """Evaluate (with a progress bar) unless cached; MIG is added for datasets with factors.
    It takes one of the server's training slots meanwhile (an IWAE of k = 5000 on the conv
    network is minutes of a core): None, and the reason shown, when none is free or this
    session already has a job."""
    cached = _store().get((fp, k, n))
    if cached is not None:
        return cached
    registry = state.job_registry()
    slot, refusal = start_errors.attempt(lambda: registry.take(session_job.who("evaluation")))
    if refusal is not None:
        start_errors.show(*start_errors.explain(refusal, EVAL))
        return None
    try:
        return _evaluate(fp, ckpt, data, k, n, label, slot)
    except _Stopped:
        return None
    finally:
        registry.give_back(slot)


def _evaluate(fp: str, ckpt: Checkpoint, data: DataBundle, k: int, n: int, label: str,
              slot: Any) -> dict:
    bar = st.progress(0.0, text=label + EVAL["progress"].format(n=n, k=k, done=0))
    start = time.perf_counter()

    def progress(done: int, total: int) -> None:
        if slot.stopping:
            raise _Stopped
        bar.progress(done / max(total, 1), text=label + EVAL["progress"].format(n=n, k=k,
                                                                                 done=done))

    result = evaluate(ckpt.model, data.test_x, iwae_k=k, iwae_n=n, progress=progress)
    result["elbo_subset"] = float(elbo_scores(ckpt.model, data.test_x[:n], n_samples=1).mean())
    if data.has_factors:
        try:
            result.update(model_mig(ckpt.model, data).as_dict())
        except AnalysisError as exc:  # a diverged model's codes are NaN: say why, keep the rest
            result["mig_error"] = failure_params(exc)  # worded when shown, in that language
    result["seconds"] = time.perf_counter() - start
    bar.empty()
    _store().put((fp, k, n), result)
    return result


@st.cache_data(max_entries=32, show_spinner=False)
def _scores(fp: str, what: str, n_samples: int, _model: VAE, _x: torch.Tensor) -> np.ndarray:
    return elbo_scores(_model, _x, n_samples=n_samples).numpy()


def _outliers(name: str, ckpt: Checkpoint, n: int) -> torch.Tensor:
    if name == "noise":
        gen = torch.Generator().manual_seed(0)
        return torch.rand((min(n, OOD_CAP), *ckpt.model_cfg.input_shape), generator=gen)
    return state.load_data(DataConfig(dataset=name)).test_x[:OOD_CAP]


def _flash(message: str) -> None:
    """Keep a message to show after the rerun (see ``show_flash``)."""
    st.session_state[K_FLASH] = message


def show_flash() -> None:
    """The message of the last load / rename / delete, once."""
    message = st.session_state.pop(K_FLASH, None)
    if message:
        st.success(message)


# -- figures ---------------------------------------------------------------------------------
def score_hist(groups: dict[str, np.ndarray], title: str = "") -> go.Figure:
    fig = go.Figure([go.Histogram(x=v, name=k, opacity=0.6, histnorm="probability density")
                     for k, v in groups.items()])
    fig.update_layout(barmode="overlay", xaxis_title=LIBRARY_FIGURES["score"],
                      yaxis_title=LIBRARY_FIGURES["count"])
    return figures.layout(fig, height=300, title=title)


def roc_figure(fpr: np.ndarray, tpr: np.ndarray, auc: float) -> go.Figure:
    fig = go.Figure([go.Scatter(x=fpr, y=tpr, mode="lines",
                                name=LIBRARY_FIGURES["roc"].format(auc=auc)),
                     go.Scatter(x=[0, 1], y=[0, 1], mode="lines", name=LIBRARY_FIGURES["chance"],
                                line=dict(dash="dot", color="grey"))])
    fig.update_layout(xaxis_title=LIBRARY_FIGURES["fpr"], yaxis_title=LIBRARY_FIGURES["tpr"])
    return figures.layout(fig, height=300, title=LIBRARY_FIGURES["roc"].format(auc=auc))


# -- library ---------------------------------------------------------------------------------
def library_table(entries: list[ModelEntry], fps: dict[str, str]) -> None:
    """All models with config, stored test −ELBO and this server's latest evaluation."""
    cols = LIBRARY_PAGE["columns"]
    rows = []
    for e in entries:
        facts = [value for _, value in picker.info_rows(e.info)]
        evald = _store().latest(fps[e.key]) if e.key in fps else None
        size = e.path.stat().st_size / 1000 if e.path is not None and e.path.exists() else None
        rows.append({
            cols["name"]: e.name, cols["source"]: LIBRARY_PAGE["sources"][e.source],
            cols["dataset"]: facts[0], cols["arch"]: facts[1], cols["recon"]: facts[2],
            cols["beta"]: facts[3], cols["schedule"]: schedule_words(e.info.get("schedule")),
            cols["latent_dim"]: facts[4], cols["test_elbo"]: e.info["test_elbo"],
            cols["eval_elbo"]: evald["elbo"] if evald else None,
            cols["iwae"]: evald.get("iwae_nll") if evald else None, cols["size"]: size,
        })
    picker.number_table(rows, {cols["test_elbo"]: "{:.2f}", cols["eval_elbo"]: "{:.2f}",
                                cols["iwae"]: "{:.2f}", cols["size"]: "{:,.0f}"})


def schedule_words(schedule: str | None) -> str | None:
    """A β schedule as the page words it (the core keeps English names for the CLI); a name
    this version does not know (an older file) stays as written, and a missing one reads "—"."""
    return LABELS["schedule_labels"].get(schedule, schedule) if schedule else None


def manage(entries: list[ModelEntry]) -> None:
    """Pick a model: use it in the app, save / download it, rename or delete library files."""
    by_key = {e.key: e for e in entries}
    keys = list(by_key)
    current = state.selected_entry()
    index = keys.index(current.key) if current is not None and current.key in keys else 0
    sources = LIBRARY_PAGE["sources"]
    labels = {k: f"{sources[e.source]} · {e.name}" for k, e in by_key.items()}
    key = st.selectbox(LIBRARY_PAGE["manage"], keys, index=index, key="models_manage",
                       format_func=labels.__getitem__, help=LIBRARY_PAGE["manage_help"])
    entry = by_key[key]
    error = state.load_error(entry)
    if error:
        st.error(error)
    elif entry.info.get("conditional"):  # it needs a label: its own page shows it
        if st.button(LIBRARY_PAGE["open_conditional"], key="models_open_cond",
                     icon=":material/draw:"):
            st.session_state[state.CONDITIONAL_PICKER_KEY] = key
            st.switch_page("pages/conditional.py")
    elif st.button(LIBRARY_PAGE["load"], key="models_load", icon=":material/check_circle:",
                   disabled=current is not None and current.key == key):
        state.select_model(key)
        _flash(LIBRARY_PAGE["loaded"].format(name=inert(entry.name)))
        st.rerun()
    if not error:
        picker.model_actions(entry, state.load_entry(entry), key=entry.key)
    st.subheader(LIBRARY_PAGE["rename_title"])
    if entry.source != "library" or entry.path is None:
        st.caption(LIBRARY_PAGE["read_only"].format(name=inert(entry.name),
                                                    source=LIBRARY_PAGE["sources"][entry.source]))
        return
    # from the listed header, to choose what to show: rename_model and delete_model read the
    # file again before they act
    if not ownership.owns(entry.saved_by, state.owner_token()):
        st.caption(LIBRARY_PAGE["others" if entry.saved_by else "unowned"])
        return
    st.caption(LIBRARY_PAGE["yours"])
    rename_delete(entry)


def rename_delete(entry: ModelEntry) -> None:
    directory, me = model_store.library_dir(), state.owner_token()
    cols = st.columns([3, 1], vertical_alignment="bottom")
    new_name = cols[0].text_input(LIBRARY_PAGE["new_name"], value=entry.name,
                                  key=f"rename_{entry.key}",
                                  max_chars=model_store.MAX_NAME)
    if cols[1].button(LIBRARY_PAGE["rename"], key=f"rename_btn_{entry.key}",
                      icon=":material/edit:"):
        try:
            path = model_store.rename_model(entry.path, new_name, directory, by=me)
        except (ValueError, OSError) as exc:  # UnsafeName, NotOwner, FileExistsError, ...
            st.error(LIBRARY_PAGE["rename_error"].format(error=model_store.error_text(exc)))
        else:
            state.select_model(f"library:{path.name}")
            _flash(LIBRARY_PAGE["renamed"].format(name=inert(new_name), file=inert(path.name)))
            st.rerun()
    file = entry.path.name
    sure = st.checkbox(LIBRARY_PAGE["confirm_delete"].format(file=inert(file)),
                       key=f"confirm_{entry.key}")
    if st.button(LIBRARY_PAGE["delete"], key=f"delete_{entry.key}", disabled=not sure,
                 type="primary",
                 icon=":material/delete:"):
        try:
            model_store.delete_model(entry.path, directory, by=me)
        except (ValueError, OSError) as exc:
            st.error(LIBRARY_PAGE["delete_error"].format(error=model_store.error_text(exc)))
        else:
            _flash(LIBRARY_PAGE["deleted"].format(file=inert(file)))
            st.rerun()


# -- evaluation ------------------------------------------------------------------------------
def _nats(value: float) -> str:
    return EVAL["nats"].format(value=value)


def evaluate_section(entry: ModelEntry, ckpt: Checkpoint, data: DataBundle) -> tuple[int, int]:
    """Settings, the Evaluate button and the chosen model's numbers; returns (k, n)."""
    st.subheader(EVAL["title"])
    st.markdown(EVAL["intro"])
    c1, c2, c3 = st.columns([2, 2, 1], vertical_alignment="bottom")
    k = int(c1.number_input(EVAL["k"], 1, MAX_IWAE_K, DEFAULT_K, step=100, key="models_k",
                            help=EVAL["k_help"].format(cap=MAX_IWAE_K, budget=IWAE_BUDGET)))
    total = data.n_test
    n = int(c2.number_input(EVAL["n"], 1, total, min(DEFAULT_N, total), step=50, key="models_n",
                            help=EVAL["n_help"].format(total=total)))
    fp = model_store.fingerprint(ckpt)
    refused = over_budget(k, n)
    if refused:
        st.warning(refused)
    if c3.button(EVAL["run"], key="models_eval", type="primary", icon=":material/play_arrow:",
                 disabled=refused is not None):
        result = run_evaluation(fp, ckpt, data, k, n)
        if result is not None:
            st.caption(EVAL["done"].format(seconds=result["seconds"]))
    result = _store().get((fp, k, n))
    if result is None:
        st.info(EVAL["not_yet"])
        return k, n
    m = st.columns(5)
    m[0].metric(EVAL["elbo"], _nats(result["elbo"]))
    m[1].metric(EVAL["recon"], _nats(result["recon"]))
    m[2].metric(EVAL["kl"], _nats(result["kl"]))
    m[3].metric(EVAL["au"], f"{result['active_units']} / {len(result['kl_per_dim'])}",
                help=EVAL["au_help"])
    m[4].metric(EVAL["iwae"].format(k=k), _nats(result["iwae_nll"]))
    st.caption(EVAL["iwae_gap"].format(n=n, gap=result["elbo_subset"] - result["iwae_nll"]))
    collapse.collapse_note(result["active_units"], len(result["kl_per_dim"]))
    left, right = st.columns(2)
    bars = figures.kl_bars(result["kl_per_dim"], result.get("mu_var_per_dim"))
    left.plotly_chart(bars.update_layout(  # z1 … zK, as elsewhere
        title=dict(text=LIBRARY_FIGURES["kl_title"])), key="models_kl_chart")
    if "mig_error" in result:
        right.warning(EVAL["mig_error"].format(error=failure_words(result["mig_error"])))
    if "mig" in result:
        right.metric(EVAL["mig"], f"{result['mig']:.3f}", help=EVAL["mig_help"])
        right.plotly_chart(figures.layout(figures.mig_bars(result["mig_per_factor"],
                                                      result.get("mig_top_latent", {})),
                                          height=280,
                                          title=EVAL["mig_title"].format(score=result["mig"])),
                           key="models_mig_chart")
    return k, n


def compare_section(entries: list[ModelEntry], k: int, n: int) -> None:
    """A multiselect of models and one table of their numbers at the same k and n."""
    st.subheader(EVAL["compare"])
    by_key = {e.key: e for e in entries}
    names = {key: e.name for key, e in by_key.items()}
    chosen = st.multiselect(EVAL["compare"], list(by_key), key="models_compare",
                            format_func=names.__getitem__, help=EVAL["compare_help"],
                            placeholder=widgets.choose_many(),
                            label_visibility="collapsed")
    if len(chosen) < 2:
        return
    fps = {key: model_store.fingerprint(state.load_entry(by_key[key])) for key in chosen
           if state.load_error(by_key[key]) is None}
    missing = [key for key in fps if _store().get((fps[key], k, n)) is None]
    if missing:
        st.caption(EVAL["compare_missing"].format(count=len(missing), k=k, n=n))
        if st.button(EVAL["compare_run"], key="models_compare_run",
                     disabled=over_budget(k, n) is not None):
            for key in missing:
                ckpt = state.load_entry(by_key[key])
                data, error = datasets.test_data(ckpt)
                if data is None:
                    st.warning(EVAL["compare_skipped"].format(name=inert(by_key[key].name),
                                                                  error=error))
                    continue
                if run_evaluation(fps[key], ckpt, data, k, n,
                                  label=f"{by_key[key].name}: ") is None:
                    break  # refused (the reason is shown) or stopped: the others would be too
    rows = []
    for key in chosen:
        e = by_key[key]
        r = _store().get((fps[key], k, n)) if key in fps else None
        r = r or {}
        rows.append({EVAL["col_model"]: e.name, EVAL["col_dataset"]: e.info.get("dataset"),
                     EVAL["col_elbo"]: r.get("elbo"), EVAL["col_recon"]: r.get("recon"),
                     EVAL["col_kl"]: r.get("kl"), EVAL["col_au"]: r.get("active_units"),
                     EVAL["col_iwae"]: r.get("iwae_nll"), EVAL["col_mig"]: r.get("mig")})
    picker.number_table(rows, {EVAL[c]: "{:.2f}" for c in
                                ("col_elbo", "col_recon", "col_kl", "col_iwae")}
                         | {EVAL["col_mig"]: "{:.3f}", EVAL["col_au"]: "{:.0f}"})
    st.caption(EVAL["compare_note"])


# -- anomaly detection -----------------------------------------------------------------------
def _grid(images: torch.Tensor, scores: np.ndarray, title: str, col: Any) -> None:
    col.markdown(f"**{title}**")
    col.image(figures.image_grid(images, nrow=8, px=GRID_PX), output_format="PNG")
    col.caption(ANOMALY_SCORES["scores"].format(scores=", ".join(f"{s:.1f}" for s in scores)))


def anomaly_section(entry: ModelEntry, ckpt: Checkpoint, data: DataBundle) -> None:
    st.subheader(ANOMALY_SCORES["title"])
    st.markdown(ANOMALY_SCORES["intro"])
    fp = model_store.fingerprint(ckpt)
    n_samples = st.select_slider(ANOMALY_SCORES["samples"], [1, 2, 4, 8, 16], value=4,
                                 key="models_samples")
    scores = _scores(fp, "test", n_samples, ckpt.model, data.test_x)
    low, high = extremes(torch.from_numpy(scores), 8)
    left, right = st.columns(2)
    _grid(data.test_x[low], scores[low.numpy()], ANOMALY_SCORES["typical"], left)
    _grid(data.test_x[high], scores[high.numpy()], ANOMALY_SCORES["odd"], right)
    in_label = ANOMALY_SCORES["in_label"].format(name=data.name)
    st.plotly_chart(score_hist({in_label: scores},
                               ANOMALY_SCORES["hist_title"].format(n=scores.size)),
                    key="models_hist")

    st.subheader(ANOMALY_SCORES["ood_title"])
    options = [o for o in OOD_CHOICES if o != ckpt.data_cfg.dataset]
    default = next((i for i, o in enumerate(options) if o in ("digits", "shapes")), 0)
    labels = ANOMALY_SCORES["ood_labels"]
    name = st.selectbox(ANOMALY_SCORES["ood"], options, index=default, key="models_ood",
                        format_func=labels.__getitem__, help=ANOMALY_SCORES["ood_help"])
    if name == "none":
        return
    try:
        out_x = _outliers(name, ckpt, data.n_test)
        out_scores = _scores(fp, name, n_samples, ckpt.model, out_x)
        result = ood_auc(scores, out_scores)
    except ValueError as exc:  # DatasetUnavailable, channel mismatch, NaN scores
        st.error(ANOMALY_SCORES["ood_error"].format(name=inert(name),
                                                    error=datasets.error_message(exc)))
        return
    st.metric(ANOMALY_SCORES["auc"], f"{result.auc:.3f}", help=ANOMALY_SCORES["auc_help"])
    if result.auc < 0.5:
        st.warning(ANOMALY_SCORES["auc_low"])
    left, right = st.columns(2)
    out_label = ANOMALY_SCORES["out_label"].format(name=name)
    left.plotly_chart(score_hist({in_label: result.in_scores, out_label: result.out_scores}),
                      key="models_ood_hist")
    right.plotly_chart(roc_figure(result.fpr, result.tpr, result.auc), key="models_roc")
    most, _ = extremes(torch.from_numpy(out_scores), 8)
    _grid(fit_to_model(ckpt.model, out_x[most]), out_scores[most.numpy()],
          ANOMALY_SCORES["ood_typical"], st)
