"""The Compare pages' sweeps: per session, their controls, live progress and per-model pictures
(the views of their results are ``ui.compare.views``, their settings links ``ui.compare.share``).

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

from ui.compare.strings import BETA, LIKELIHOOD, SWEEP
from ui.shell import compute_budget, job_panel, session_job, start_errors, state
from ui.shell.config_words import failure_words, job_words
from ui.shell.figures import image_grid, thin
from ui.shell.inert import inert
from ui.shell.strings import LABELS
from vae_core.analysis.encode import encode
from vae_core.analysis.traversal import order_dims_by_kl, prior_samples, traversal_grid
from vae_core.config import ModelConfig, TrainConfig
from vae_core.data import DataBundle
from vae_core.models.base import VAE
from vae_core.run_settings import ARCHITECTURES, DEFAULT_ARCH
from vae_core.schedules import kl_weight_at
from vae_core.sweeps import (
    DEFAULT_TRAIN,
    MAX_SWEEP_EPOCHS,
    MAX_SWEEP_MODELS,
    PITFALL_LABELS,
    Sweep,
    SweepResult,
    SweepSpec,
)

N_IMAGES = 8
N_TRAVERSE = 3                     # top-KL dims shown in a traversal
ERROR_IMAGES = 500                 # test images averaged into the per-pixel error map
DEFAULT_EPOCHS = {"mnist-5k": 10, "digits": 30, "shapes": 8}  # others (uploads): 10
LATENT = {"mnist-5k": 8, "digits": 8, "shapes": 10}
CAPACITY = {"mnist-5k": 25.0, "digits": 10.0, "shapes": 25.0}  # C (nats) capacity ends at
PIXELS = {"mnist-5k": 28 * 28, "digits": 8 * 8, "shapes": 32 * 32}  # D: the pitfall's β × D
PITFALL_DATASET = "mnist-5k"
# smaller than the Train page's MLP 256-128: a sweep trains up to 12 models one after the other
SWEEP_ARCH = "mlp-128-64"
# the β lab's default: the lessons' network (and the Train page's), so that its runs are the
# lessons' runs, with the numbers the lessons quote, and count for their tasks
LESSON_ARCH = DEFAULT_ARCH
FREE_BITS = 1.0  # λ of the β lab's free-bits schedule, nats per dim (lesson 7's rescue)
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


def model_cfg_for(dataset: str, input_shape: tuple, *, arch: str = SWEEP_ARCH,
                  **changes: Any) -> ModelConfig:
    """A sweep's network (``arch``, one of ``vae_core.run_settings.ARCHITECTURES``) with the
    dataset's latent size."""
    net = ARCHITECTURES[arch]
    return ModelConfig(arch=net.arch, input_shape=tuple(input_shape), hidden=net.hidden,
                       preset=net.preset, latent_dim=LATENT.get(dataset, 8), **changes)


def network_note(dataset: str, *, arch: str = SWEEP_ARCH) -> None:
    """Which network every model of a sweep on ``dataset`` has (the Train page's is larger)."""
    words = SWEEP["network_lessons" if arch == LESSON_ARCH else "network"]
    st.caption(words.format(arch=LABELS["arch_labels"][arch], latent=LATENT.get(dataset, 8)))


def epochs_input(col: Any, default: int, *, key: str) -> int:
    """Epochs per model, capped (``MAX_SWEEP_EPOCHS``) with the caps in the help."""
    return int(col.number_input(SWEEP["epochs"], 1, MAX_SWEEP_EPOCHS, default, key=key,
                                help=SWEEP["epochs_help"].format(
                                    max=MAX_SWEEP_EPOCHS, models=MAX_SWEEP_MODELS)))


def train_cfg(epochs: int, **changes: Any) -> TrainConfig:
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
            raise ValueError(BETA["err_not_number"].format(value=inert(repr(p)))) from None
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


def failure_lines(snap: Any) -> list[str]:
    """"label: why" for each of a sweep's models that failed, worded from its job's code in
    the current language (the core's ``failures`` are its English)."""
    return [f"{label}: {job_words(job)}" for label, job in zip(snap.labels, snap.jobs)
            if job.status == "failed"]


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
    if snap.code == "failed":  # the page's sentence says the sweep failed: add only why
        return failure_words(p) if "error" in p or "reason_code" in p else snap.message
    return snap.message


def launch(kind: str, dataset: str, make_spec: Callable[[Any], SweepSpec]) -> bool:
    """Load the data, build the spec (``make_spec(data)``) and start the sweep; any problem is
    shown as a message. True when it started."""
    runs = _runs()
    other = runs.running()
    if other is not None:
        st.warning(SWEEP["other_running"].format(what=other))
        return False

    def begin() -> Sweep:
        data = state.load_data(state.data_config(dataset))
        spec = make_spec(data)
        compute_budget.check(spec.model_cfg, data.n_train, spec.train_cfg.epochs,
                             models=len(spec.values))
        return state.job_registry().start(lambda: Sweep(spec, data=data),
                                          who=session_job.who("sweep"))

    started, new = start_errors.start_or_explain(begin, SWEEP)
    if not started:
        return False
    runs.counter += 1
    runs.sweeps[kind], runs.tokens[kind] = new, runs.counter
    runs.cache = {k: v for k, v in runs.cache.items() if k[0] != kind}
    return True


def controls(kind: str, make_spec: Callable[[Any], SweepSpec], *, dataset: str) -> None:
    """Start (and Stop while this kind runs). A started sweep reruns the app to poll it."""
    current = sweep(kind)
    running = current is not None and current.is_alive()
    row = st.container(horizontal=True)  # not columns: a narrow one cut "开始" to "开."
    clicked = row.button(SWEEP["start"], type="primary", icon=":material/play_arrow:",
                         disabled=running, key=f"cmp_start_{kind}")
    if clicked and launch(kind, dataset, make_spec):
        st.rerun()
    if running:
        row.button(SWEEP["stop"], icon=":material/stop:", key=f"cmp_stop_{kind}",
                   on_click=lambda: current.stop(timeout=2.0))


def progress(kind: str) -> list[SweepResult]:
    """Poll a running sweep (a fragment: overall and per-model bars); once it has ended, say how
    it went and return its results (empty while it runs or when there is none)."""
    current = sweep(kind)

    def draw(snap: Any) -> None:
        st.progress(snap.progress, text=SWEEP["progress"].format(
            status=SWEEP["status"].get(snap.status, snap.status), done=snap.n_results,
            total=len(snap.labels), elapsed=snap.elapsed_s))
        if not snap.ended:
            cols = st.columns(min(4, len(snap.labels)))
            for k, (name, job) in enumerate(zip(snap.labels, snap.jobs)):
                cols[k % len(cols)].progress(job.progress, text=SWEEP["model_progress"].format(
                    label=label(name), status=SWEEP["status"].get(job.status, job.status),
                    epoch=job.epoch, epochs=current.spec.train_cfg.epochs))

    if not job_panel.live_panel(current, idle=SWEEP["idle"], draw=draw):
        return []
    snap = current.snapshot()
    show = {"finished": st.success, "stopped": st.info, "failed": st.error}.get(snap.status)
    if show is not None:
        show(SWEEP[snap.status].format(message=sweep_words(snap)))
    failed = failure_lines(snap)
    if failed:
        st.warning(SWEEP["failures"].format(failures="; ".join(failed)))
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
def _recons(model: VAE, data: DataBundle) -> np.ndarray:
    idx = torch.linspace(0, data.n_test - 1, N_IMAGES).long()
    x = data.test_x[idx]
    mu, _ = encode(model, x)
    x_hat = model.decode(mu.to(model.device)).cpu()
    return image_grid(_safe(torch.cat([x, x_hat])), nrow=N_IMAGES)


def recon_image(kind: str, res: SweepResult, data: DataBundle) -> np.ndarray:
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
def error_map(kind: str, res: SweepResult, data: DataBundle) -> np.ndarray:
    """(H, W) squared error of decode(μ(x)) per pixel, mean over test images and channels."""
    def make() -> np.ndarray:
        x = data.test_x[:ERROR_IMAGES]
        mu, _ = encode(res.model, x)
        x_hat = _safe(res.model.decode(mu.to(res.model.device)).cpu())
        return ((x_hat - x) ** 2).mean(dim=(0, 1)).numpy()  # (N, C, H, W) -> (H, W)
    return _memo(kind, res.index, "error", make)


def capacity_targets(results: list[SweepResult]) -> dict[int, list[float]]:
    """Result index -> the capacity schedule's target C (nats) at each step the schedule
    figure draws (``thin(res.steps, 300)``): the trainer records γ, not C."""
    out = {}
    for r in results:
        if r.train_cfg.schedule != "capacity" or not r.steps:
            continue
        per_epoch = r.history[0].step if r.history else max(s.step for s in r.steps)
        total = per_epoch * r.train_cfg.epochs
        out[r.index] = [kl_weight_at(r.train_cfg, s.step, total, per_epoch).capacity
                        for s in thin(r.steps, 300)]
    return out
