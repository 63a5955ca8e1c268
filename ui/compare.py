"""The Compare pages' parts: the session's sweeps, their controls and live progress, and the
views of their results (rate–distortion plane, per-model images, tables, saving).

Per session, a ``SweepRuns`` lives in a session-scoped ``st.cache_resource`` whose ``on_release``
stops its sweeps when the tab closes. A sweep counts as one job against the server-wide
``JobRegistry`` (a ``Sweep`` has ``start`` / ``is_alive`` like a ``TrainingJob``; it trains one
model at a time, so one slot is what it uses).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import numpy as np
import streamlit as st
import torch

from ui import compare_figures as cf
from ui import library, state
from ui.figures import image_grid
from ui.jobs import ServerBusy
from ui.text_compare import BETA, LIKELIHOOD, SWEEP, TABLE
from vae_core.analysis.encode import encode
from vae_core.analysis.traversal import order_dims_by_kl, prior_samples, traversal_grid
from vae_core.config import DataConfig, ModelConfig
from vae_core.data import DatasetUnavailable
from vae_core.sweeps import (
    DEFAULT_TRAIN,
    MAX_PARALLEL,
    MAX_SWEEP_EPOCHS,
    MAX_SWEEP_MODELS,
    PITFALL_LABELS,
    Sweep,
    SweepResult,
    SweepSpec,
)

POLL_S = 0.5
N_IMAGES = 8
N_TRAVERSE = 3                     # top-KL dims shown in a traversal
ERROR_IMAGES = 500                 # test images averaged into the per-pixel error map
DEFAULT_EPOCHS = {"mnist-5k": 10, "digits": 30, "shapes": 8}  # others (uploads): 10
LATENT = {"mnist-5k": 8, "digits": 8, "shapes": 10}
CAPACITY = {"mnist-5k": 25.0, "digits": 10.0, "shapes": 25.0}  # C (nats) capacity ends at
PIXELS = {"mnist-5k": 28 * 28, "digits": 8 * 8, "shapes": 32 * 32}  # D: the pitfall's β × D
PITFALL_DATASET = "mnist-5k"
BASE_TRAIN = DEFAULT_TRAIN


# -- per-session sweeps ------------------------------------------------------------------------
class SweepRuns:
    """This session's sweeps, one per kind ("beta", "schedule", "likelihood", "pitfall")."""

    def __init__(self) -> None:
        self.sweeps: dict[str, Sweep] = {}
        self.tokens: dict[str, int] = {}   # bumped per new sweep: fresh widget keys, caches
        self.cache: dict[tuple, Any] = {}  # (token, index, what) -> images / arrays
        self.counter = 0

    def running(self) -> str | None:
        return next((k for k, s in self.sweeps.items() if s.is_alive()), None)

    def stop_all(self) -> None:
        for sweep in self.sweeps.values():
            sweep.stop(timeout=0.5)


@st.cache_resource(scope="session", on_release=lambda runs: runs.stop_all(), show_spinner=False)
def _runs() -> SweepRuns:
    return SweepRuns()


def sweep(kind: str) -> Sweep | None:
    return _runs().sweeps.get(kind)


def token(kind: str) -> int:
    return _runs().tokens.get(kind, 0)


def default_epochs(dataset: str) -> int:
    return DEFAULT_EPOCHS.get(dataset, 10)


def capacity(dataset: str) -> float:
    return CAPACITY.get(dataset, 25.0)


def model_cfg_for(dataset: str, input_shape: tuple, **changes: Any) -> ModelConfig:
    """The default architecture (MLP 128-64) with the dataset's latent size."""
    return ModelConfig(input_shape=tuple(input_shape), latent_dim=LATENT.get(dataset, 8),
                       **changes)


def epochs_input(col: Any, default: int, *, key: str) -> int:
    """Epochs per model, capped (``MAX_SWEEP_EPOCHS``) with the caps in the help."""
    return int(col.number_input(SWEEP["epochs"], 1, MAX_SWEEP_EPOCHS, default, key=key,
                                help=SWEEP["epochs_help"].format(
                                    max=MAX_SWEEP_EPOCHS, models=MAX_SWEEP_MODELS,
                                    parallel=MAX_PARALLEL)))


def train_cfg(epochs: int, **changes: Any) -> Any:
    """The sweeps' training settings; ``ValueError`` over the server's epoch cap (the number
    input stops the browser, this stops anything else that reaches the script)."""
    if not 1 <= int(epochs) <= MAX_SWEEP_EPOCHS:
        raise ValueError(SWEEP["err_epochs"].format(max=MAX_SWEEP_EPOCHS, n=int(epochs)))
    return dataclasses.replace(BASE_TRAIN, epochs=int(epochs), **changes)


def parse_numbers(text: str) -> list[float]:
    """"0.1, 0.5 1" -> [0.1, 0.5, 1.0]; ``ValueError`` with a message a learner understands."""
    parts = [p for p in text.replace(";", ",").replace(",", " ").split() if p]
    if not parts:
        raise ValueError(BETA["err_empty"])
    values = []
    for p in parts:
        try:
            values.append(float(p))
        except ValueError:
            raise ValueError(BETA["err_not_number"].format(value=repr(p))) from None
    if any(not np.isfinite(v) or v < 0 for v in values):
        raise ValueError(BETA["err_negative"])
    if len(set(values)) != len(values):
        raise ValueError(BETA["err_repeated"])
    if len(values) > MAX_SWEEP_MODELS:
        raise ValueError(BETA["err_too_many"].format(max=MAX_SWEEP_MODELS, n=len(values)))
    return values


def label(text: str) -> str:
    """A sweep's model label (``vae_core`` names them in English) in the current language:
    pitfall and schedule names are translated, β=… and likelihood names stay as they are."""
    names = LIKELIHOOD["pitfall_names"]
    translated = {PITFALL_LABELS[k]: names[k] for k in names if k in PITFALL_LABELS}
    translated.update(BETA["schedule_names"])
    return translated.get(text, text)


def sweep_words(snap: Any) -> str:
    """How a sweep stands, worded from its code (``vae_core.messages.SWEEP_MESSAGES``) in the
    current language; an error's own text otherwise."""
    p = snap.params
    if snap.code in ("trained", "trained_failed"):
        out = SWEEP["msg_trained"].format(n=p["n"])
        return out + SWEEP["msg_failed"].format(failed=p["failed"]) if p.get("failed") else out
    if snap.code == "stopped_after":
        return SWEEP["msg_stopped"].format(done=p["done"], total=p["total"])
    if snap.code == "loading":
        return SWEEP["msg_loading"].format(dataset=p["dataset"])
    return snap.message


def launch(kind: str, dataset: str, make_spec: Callable[[Any], SweepSpec]) -> bool:
    """Load the data, build the spec (``make_spec(data)``) and start the sweep; any problem is
    shown as a message. True when it started."""
    runs = _runs()
    other = runs.running()
    if other is not None:
        st.warning(SWEEP["other_running"].format(what=other))
        return False
    try:
        data = state.load_data(state.data_config(dataset))
        spec = make_spec(data)
        new = state.job_registry().start(lambda: Sweep(spec, data=data))
    except ServerBusy as busy:
        st.warning(SWEEP["busy"].format(running=busy.running, limit=busy.limit))
        return False
    except DatasetUnavailable as exc:
        st.error(SWEEP["data_error"].format(error=exc))
        return False
    except ValueError as exc:
        st.error(SWEEP["bad_config"].format(error=exc))
        return False
    runs.counter += 1
    runs.sweeps[kind], runs.tokens[kind] = new, runs.counter
    runs.cache = {k: v for k, v in runs.cache.items() if k[0] != kind}
    return True


def controls(kind: str, make_spec: Callable[[Any], SweepSpec], *, dataset: str) -> None:
    """Start (and Stop while this kind runs). A started sweep reruns the app to poll it."""
    current = sweep(kind)
    running = current is not None and current.is_alive()
    c1, c2, _ = st.columns([1, 1, 4])
    clicked = c1.button(SWEEP["start"], type="primary", icon=":material/play_arrow:",
                        disabled=running, key=f"cmp_start_{kind}")
    if clicked and launch(kind, dataset, make_spec):
        st.rerun()
    if running:
        c2.button(SWEEP["stop"], icon=":material/stop:", key=f"cmp_stop_{kind}",
                  on_click=lambda: current.stop(timeout=2.0))


def progress(kind: str) -> list[SweepResult]:
    """Poll a running sweep (a fragment: overall and per-model bars); once it has ended, say how
    it went and return its results (empty while it runs or when there is none)."""
    current = sweep(kind)
    if current is None:
        st.info(SWEEP["idle"])
        return []
    running = current.is_alive()

    @st.fragment(run_every=POLL_S if running else None)
    def panel() -> None:
        snap = current.snapshot()
        st.progress(snap.progress, text=SWEEP["progress"].format(
            status=SWEEP["status"].get(snap.status, snap.status), done=snap.n_results,
            total=len(snap.labels), elapsed=snap.elapsed_s))
        if not snap.ended:
            cols = st.columns(min(4, len(snap.labels)))
            for k, (name, job) in enumerate(zip(snap.labels, snap.jobs)):
                cols[k % len(cols)].progress(job.progress, text=SWEEP["model_progress"].format(
                    label=label(name), status=SWEEP["status"].get(job.status, job.status),
                    epoch=job.epoch, epochs=current.spec.train_cfg.epochs))
        if running and not current.is_alive():
            st.rerun()  # full rerun: draw the results

    panel()
    if running:
        return []
    snap = current.snapshot()
    show = {"finished": st.success, "stopped": st.info, "failed": st.error}.get(snap.status)
    if show is not None:
        show(SWEEP[snap.status].format(message=sweep_words(snap)))
    if snap.failures:
        st.warning(SWEEP["failures"].format(failures="; ".join(snap.failures)))
    return current.results()


# -- per-model pictures (memoised per sweep) ---------------------------------------------------
def _memo(kind: str, index: int, what: str, make: Callable[[], Any]) -> Any:
    runs = _runs()
    key = (kind, runs.tokens.get(kind, 0), index, what)
    if key not in runs.cache:
        runs.cache[key] = make()
    return runs.cache[key]


def _safe(images: torch.Tensor) -> torch.Tensor:
    return torch.nan_to_num(images.float(), nan=0.0, posinf=1.0, neginf=0.0)


@torch.no_grad()
def _recons(model: Any, data: Any) -> np.ndarray:
    idx = torch.linspace(0, data.n_test - 1, N_IMAGES).long()
    x = data.test_x[idx]
    mu, _ = encode(model, x)
    x_hat = model.decode(mu.to(model.device)).cpu()
    return image_grid(_safe(torch.cat([x, x_hat])), nrow=N_IMAGES)


def recon_image(kind: str, res: SweepResult, data: Any) -> np.ndarray:
    return _memo(kind, res.index, "recon", lambda: _recons(res.model, data))


def sample_image(kind: str, res: SweepResult) -> np.ndarray:
    return _memo(kind, res.index, "samples", lambda: image_grid(
        _safe(prior_samples(res.model, 2 * N_IMAGES, seed=0)), nrow=N_IMAGES))


def traversal_image(kind: str, res: SweepResult) -> tuple[np.ndarray | None, list[int]]:
    """The top-KL live dims traversed from z = 0, −3 … +3 prior σ; (None, []) if all collapsed."""
    def make() -> tuple[np.ndarray | None, list[int]]:
        order = order_dims_by_kl(res.summary.get("kl_per_dim", [0.0] * res.model.latent_dim))
        dims = [int(d) for d in order.order if not order.collapsed[d]][:N_TRAVERSE]
        if not dims:
            return None, []
        grid = traversal_grid(res.model, torch.zeros(res.model.latent_dim), dims, k=3.0, n=9)
        return image_grid(_safe(grid.reshape(-1, *grid.shape[2:])), nrow=9), dims
    return _memo(kind, res.index, "traversal", make)


@torch.no_grad()
def error_map(kind: str, res: SweepResult, data: Any) -> np.ndarray:
    """(H, W) squared error of decode(μ(x)) per pixel, mean over test images and channels."""
    def make() -> np.ndarray:
        x = data.test_x[:ERROR_IMAGES]
        mu, _ = encode(res.model, x)
        x_hat = _safe(res.model.decode(mu.to(res.model.device)).cpu())
        return ((x_hat - x) ** 2).mean(dim=(0, 1)).numpy()  # (N, C, H, W) -> (H, W)
    return _memo(kind, res.index, "error", make)


# -- tables and views ----------------------------------------------------------------------
def summary_rows(results: list[SweepResult], *, comparable_elbo: bool = True) -> list[dict]:
    rows = []
    for r in results:
        s = r.summary
        k = len(s.get("kl_per_dim", ())) or r.model_cfg.latent_dim
        row = {TABLE["model"]: label(r.label),
               TABLE["status"]: SWEEP["status"].get(r.status, r.status),
               TABLE["elbo" if comparable_elbo else "elbo_nc"]: cf.fmt(s.get("test_elbo")),
               TABLE["recon" if comparable_elbo else "recon_nc"]: cf.fmt(s.get("test_recon")),
               TABLE["kl"]: cf.fmt(s.get("test_kl")),
               TABLE["active"]: f"{s['active_units']} / {k}" if "active_units" in s else "—",
               TABLE["pixel_mse"]: cf.fmt(s.get("pixel_mse"), 4),
               TABLE["pixel_bce"]: cf.fmt(s.get("pixel_bce"), 4),
               TABLE["eff_beta"]: cf.fmt(s.get("effective_beta"))}
        if "mig" in s:
            row[TABLE["mig"]] = cf.fmt(s["mig"])
        rows.append(row)
    return rows


def rd_plane(results: list[SweepResult], *, key: str) -> SweepResult | None:
    """The clickable rate–distortion plane; returns the selected model (default: β closest
    to 1)."""
    plotted, points, skipped = [], [], []
    for r in results:
        try:
            points.append(r.rd_point())
            plotted.append(r)
        except (ValueError, KeyError):
            skipped.append(label(r.label))
    if skipped:
        st.caption(BETA["not_plotted"].format(labels=", ".join(skipped)))
    if not plotted:
        return None
    chosen = _selected_index(key)
    by_index = {r.index: r for r in plotted}
    if chosen not in by_index:
        chosen = min(plotted, key=lambda r: abs(np.log((r.value or 1e-3) + 1e-3))).index
    fig = cf.rd_figure(points, [r.index for r in plotted], selected=chosen)
    st.plotly_chart(fig, key=key, on_select="rerun", selection_mode=("points",))
    st.caption(BETA["rd_caption"])
    return by_index[chosen]


def _selected_index(key: str) -> int | None:
    event = st.session_state.get(key)
    try:
        points = event["selection"]["points"]
    except (KeyError, TypeError):
        return None
    for p in points:
        data = p.get("customdata")
        if isinstance(data, dict):  # a (n, 1) customdata row arrives as {"0": index}
            data = next(iter(data.values()), None)
        if isinstance(data, (list, tuple)) and data:
            data = data[0]
        if isinstance(data, (int, float)):
            return int(data)
    return None


def beta_model_view(kind: str, res: SweepResult, data: Any) -> None:
    s = res.summary
    k = len(s.get("kl_per_dim", ())) or res.model.latent_dim
    st.markdown(BETA["selected"].format(
        label=label(res.label), elbo=cf.fmt(s.get("test_elbo")), recon=cf.fmt(s.get("test_recon")),
        kl=cf.fmt(s.get("test_kl")), active=s.get("active_units", "—"), k=k))
    c1, c2 = st.columns(2)
    c1.image(recon_image(kind, res, data), caption=BETA["recons"])
    c2.image(sample_image(kind, res), caption=BETA["samples"])
    c1, c2 = st.columns(2)
    with c1:
        grid, dims = traversal_image(kind, res)
        if grid is None:
            st.info(BETA["no_traversal"])
        else:
            st.image(grid, caption=BETA["traversal"].format(
                dims=", z".join(str(d + 1) for d in dims)))
    with c2:
        st.markdown(f"**{BETA['kl_title']}**")
        st.plotly_chart(cf.kl_bars(s.get("kl_per_dim", [])), key=f"{kind}_kl_{res.index}")
    if "mig_per_factor" in s:
        st.markdown(f"**{BETA['mig_title']}**")
        st.plotly_chart(cf.mig_bars(s["mig_per_factor"], s.get("mig_top_latent", {})),
                        key=f"{kind}_mig_{res.index}")
        st.caption(BETA["mig_caption"].format(score=s.get("mig", float("nan"))))
    else:
        st.caption(BETA["no_mig"])


def save_box(kind: str, results: list[SweepResult], data_cfg: DataConfig) -> None:
    """Save one model of the sweep into the library (it then shows in the sidebar picker)."""
    keep = [r for r in results if r.model is not None]
    if not keep:
        return
    st.subheader(SWEEP["save_title"])
    c1, c2, c3 = st.columns([2, 3, 2], vertical_alignment="bottom")
    names = {r.index: label(r.label) for r in keep}
    res = c1.selectbox(SWEEP["save_which"], keep, format_func=lambda r: names[r.index],
                       key=f"cmp_save_which_{kind}_{token(kind)}")
    name = c2.text_input(SWEEP["save_name"], value=f"{data_cfg.dataset} {res.label}",
                         key=f"cmp_save_name_{kind}_{token(kind)}_{res.index}",
                         max_chars=library.MAX_NAME)
    memo_key = f"cmp_{kind}"
    if c3.button(SWEEP["save"], icon=":material/save:", key=f"cmp_save_{kind}"):
        try:
            path = library.save_model(res.model, name, library.library_dir(), data_cfg=data_cfg,
                                      train_cfg=res.train_cfg, summary=_json_summary(res))
        except (ValueError, OSError) as exc:
            state.remember_saved(memo_key, None)
            st.error(SWEEP["save_error"].format(error=exc))
        else:
            state.remember_saved(memo_key, SWEEP["saved"].format(file=path.name))
            st.rerun()  # redraw the picker with the new file
    message = state.saved_message(memo_key)
    if message:
        st.success(message)


def _json_summary(res: SweepResult) -> dict:
    """The summary without values a checkpoint header cannot hold (nested dicts stay)."""
    return {k: v for k, v in res.summary.items()
            if isinstance(v, (int, float, str, list, tuple, dict, bool)) or v is None}


def pitfall_view(results: list[SweepResult], data: Any) -> None:
    """Correct loss next to the mistakes: reconstructions, samples, KL and active units."""
    for col, res in zip(st.columns(len(results)), results):
        s = res.summary
        k = len(s.get("kl_per_dim", ())) or res.model_cfg.latent_dim
        with col:
            st.markdown(f"**{label(res.label)}**")
            c1, c2 = st.columns(2)
            c1.metric(TABLE["kl"], cf.fmt(s.get("test_kl")))
            c2.metric(TABLE["active"], f"{s.get('active_units', '—')} / {k}")
            kl = s.get("test_kl")
            if isinstance(kl, (int, float)) and abs(kl) > 1e6:
                st.warning(LIKELIHOOD["big_number"])
            st.image(recon_image("pitfall", res, data), caption=BETA["recons"])
            st.image(sample_image("pitfall", res), caption=BETA["samples"])
