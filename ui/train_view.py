"""The Train page's parts: the settings, starting a job, and the live panel that polls it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import streamlit as st
import torch

from ui import datasets, figures, state, train_latent
from ui.jobs import QueueFull, ServerClosing
from ui.text import JOBMSG, LABELS, LIVE, TRAIN
from vae_core.analysis.traversal import manifold_grid
from vae_core.config import (
    MAX_LATENT,
    RECONS,
    REDUCTIONS,
    SCHEDULES,
    DataConfig,
    ModelConfig,
    TrainConfig,
)
from vae_core.data import DatasetUnavailable

POLL_S = 0.5
MANIFOLD_N = 8   # the live decoded plane of a 2-D model: 8 × 8 images of 84 px
N_PREVIEW = 8
ARCHS = {  # key -> (arch, hidden, preset)
    "mlp-256-128": ("mlp", (256, 128), None),
    "mlp-128-64": ("mlp", (128, 64), None),
    "h512": ("mlp", (512,), "h512"),
    "examples": ("mlp", (400,), "examples"),
    "conv": ("conv", (256,), None),
}
BATCHES = (16, 32, 64, 128, 256, 512)
LR_DIVERGES = 10.0  # far too large on purpose: the run blows up and shows the NaN guard at work
LRS = (1e-4, 3e-4, 1e-3, 2e-3, 3e-3, 1e-2, 3e-2, LR_DIVERGES)
MAX_EPOCHS = 1000   # per run from this page; TrainConfig itself allows 10,000 (CLI)
MAX_BETA = 1000.0
MAX_SEED = 2**31 - 1
MAX_WARMUP = 1000.0
MAX_CYCLES = 100
MAX_CAPACITY = 1000.0
MAX_FREE_BITS = 10.0
KEEP = "session"  # widget values survive a trip to another page (``persist_state``)


@dataclass(frozen=True)
class Settings:
    """What the user chose; ``configs`` turns it into validated core configs."""

    dataset: str = "mnist-5k"
    arch: str = "mlp-256-128"
    latent_dim: int = 8
    recon: str = "bce"
    beta: float = 1.0
    schedule: str = "constant"
    epochs: int = 30
    batch_size: int = 64
    lr: float = 2e-3  # mnist-5k, 30 epochs: best test −ELBO of 1e-3, 2e-3, 3e-3 (bench_data)
    seed: int = 0
    reduction: str = "sum"
    binarize: bool = False
    warmup_epochs: float = 10.0
    cycles: int = 4
    cycle_ratio: float = 0.5
    capacity_max: float = 25.0
    free_bits: float = 0.5
    upload_hash: str | None = None  # your own images: the content the run trains on

    def configs(self, input_shape: tuple[int, int, int]) -> tuple[Any, Any, Any]:
        """(ModelConfig, DataConfig, TrainConfig); ``ValueError`` names a bad field."""
        arch, hidden, preset = ARCHS[self.arch]
        model_cfg = ModelConfig(arch=arch, input_shape=input_shape, hidden=hidden,
                                latent_dim=int(self.latent_dim), recon=self.recon, preset=preset)
        data_cfg = self.data_config()
        train_cfg = TrainConfig(
            epochs=int(self.epochs), batch_size=int(self.batch_size), lr=float(self.lr),
            beta=float(self.beta), schedule=self.schedule, warmup_epochs=float(self.warmup_epochs),
            cycles=int(self.cycles), cycle_ratio=float(self.cycle_ratio),
            capacity_max=float(self.capacity_max), free_bits=float(self.free_bits),
            reduction=self.reduction, seed=int(self.seed))
        return model_cfg, data_cfg, train_cfg

    def data_config(self) -> DataConfig:
        return DataConfig(dataset=self.dataset, binarize=self.binarize, seed=0,
                          upload_hash=self.upload_hash)


def settings_form(*, disabled: bool = False) -> Settings:
    """The settings widgets (the defaults train on 4,000 real MNIST digits in about ten seconds).
    They keep their values across page switches and are locked while a job runs. Choosing
    "your own images" shows the uploader; a dataset not on disk, the Download button."""
    d = Settings()

    def w(key: str, lo: Any = None, hi: Any = None) -> dict[str, Any]:
        """Keyword arguments of a widget; with a range, its help states it (Streamlit refuses
        a typed value outside it, naming the range, so the help and the refusal agree)."""
        kw = {"key": f"tr_{key}", "persist_state": KEEP, "disabled": disabled}
        if lo is not None:
            kw["help"] = TRAIN[f"{key}_help"].format(lo=lo, hi=hi)
        return kw

    c1, c2, c3, c4 = st.columns(4)
    choices = datasets.train_choices()
    state.apply_pending_dataset(choices)
    dataset = c1.selectbox(TRAIN["dataset"], choices, format_func=datasets.label, **w("dataset"))
    arch = c2.selectbox(TRAIN["arch"], list(ARCHS), format_func=TRAIN["arch_labels"].get,
                        **w("arch"))
    latent = c3.number_input(TRAIN["latent"], 1, MAX_LATENT, d.latent_dim,
                             **w("latent", 1, MAX_LATENT))
    recon = c4.selectbox(TRAIN["recon"], RECONS, format_func=LABELS["recon"].get, **w("recon"))
    c1, c2, c3, c4 = st.columns(4)
    beta = c1.number_input(TRAIN["beta"], 0.0, MAX_BETA, d.beta, 0.1, **w("beta", 0.0, MAX_BETA))
    schedule = c2.selectbox(TRAIN["schedule"], SCHEDULES,
                            format_func=TRAIN["schedule_labels"].get, **w("schedule"))
    epochs = c3.number_input(TRAIN["epochs"], 1, MAX_EPOCHS, d.epochs,
                             **w("epochs", 1, MAX_EPOCHS))
    batch = c4.selectbox(TRAIN["batch"], BATCHES, index=BATCHES.index(d.batch_size),
                         **w("batch"))
    st.caption(datasets.caption(dataset))
    datasets.show_notice()
    if dataset == datasets.UPLOAD_CHOICE:
        datasets.upload_box(disabled=disabled)
    elif not datasets.ready(dataset):
        datasets.missing_dataset(dataset)
    with st.expander(TRAIN["advanced"]):
        c1, c2, c3 = st.columns(3)
        lr = c1.select_slider(TRAIN["lr"], LRS, value=d.lr, format_func=_lr_label,
                              help=TRAIN["lr_help"].format(big=LR_DIVERGES), **w("lr"))
        seed = c2.number_input(TRAIN["seed"], 0, MAX_SEED, d.seed, **w("seed", 0, MAX_SEED))
        reduction = c3.selectbox(TRAIN["reduction"], REDUCTIONS,
                                 format_func=LABELS["reduction"].get, **w("reduction"))
        c1, c2, c3 = st.columns(3)
        binarize = c1.checkbox(TRAIN["binarize"], **w("binarize"))
        extra: dict[str, Any] = {}
        if schedule == "warmup":
            extra["warmup_epochs"] = c2.number_input(TRAIN["warmup_epochs"], 0.0, MAX_WARMUP,
                                                     d.warmup_epochs,
                                                     **w("warmup", 0.0, MAX_WARMUP))
        elif schedule == "cyclical":
            extra["cycles"] = c2.number_input(TRAIN["cycles"], 1, MAX_CYCLES, d.cycles,
                                              **w("cycles", 1, MAX_CYCLES))
            extra["cycle_ratio"] = c3.slider(TRAIN["cycle_ratio"], 0.05, 1.0, d.cycle_ratio,
                                             **w("cycle_ratio"))
        elif schedule == "capacity":
            extra["capacity_max"] = c2.number_input(TRAIN["capacity_max"], 0.0, MAX_CAPACITY,
                                                    d.capacity_max,
                                                    **w("capacity", 0.0, MAX_CAPACITY))
        elif schedule == "free_bits":
            extra["free_bits"] = c2.number_input(TRAIN["free_bits"], 0.0, MAX_FREE_BITS,
                                                 d.free_bits, 0.1,
                                                 **w("free_bits", 0.0, MAX_FREE_BITS))
    st.caption(TRAIN["ranges"])
    return Settings(dataset=dataset, arch=arch, latent_dim=int(latent), recon=recon,
                    beta=float(beta), schedule=schedule, epochs=int(epochs),
                    batch_size=int(batch), lr=float(lr), seed=int(seed), reduction=reduction,
                    binarize=bool(binarize), **extra,
                    upload_hash=_upload_hash(dataset))


def _upload_hash(dataset: str) -> str | None:
    uploaded = state.session_datasets().get(dataset)
    return None if uploaded is None else uploaded.content_hash


def _lr_label(lr: float) -> str:
    return TRAIN["lr_too_large"].format(value=lr) if lr >= LR_DIVERGES else f"{lr:g}"


# -- Start that fails --------------------------------------------------------------------------
@dataclass(frozen=True)
class _Failure:
    settings: Settings
    job: Any                  # the slot's job then: a run started since makes the failure old
    kind: str                 # "error" or "warning"
    key: str                  # TRAIN key, worded when shown (the language may change)
    params: dict[str, Any]


class _TrainMemory:
    """Per session: the last failed Start."""

    def __init__(self) -> None:
        self.failure: _Failure | None = None


@st.cache_resource(scope="session", show_spinner=False)
def _memory() -> _TrainMemory:
    return _TrainMemory()


def try_start(settings: Settings) -> bool:
    """Start (or queue) a run; True if it did. Otherwise the reason is kept for
    ``start_failure`` and shown alone until the settings change or a run starts."""
    memory = _memory()
    memory.failure = None
    try:
        start(settings)
    except ServerClosing:
        kind, key, params = "warning", "closing", {}
    except QueueFull as full:
        kind, key = "warning", "busy"
        params = {"running": full.running, "limit": full.limit, "queued": full.queued}
    except DatasetUnavailable as exc:
        kind, key, params = "error", "data_error", {"error": datasets.error_message(exc)}
    except ValueError as exc:  # a config field out of range, named in the message
        kind, key, params = "error", "bad_config", {"error": exc}
    else:
        return True
    memory.failure = _Failure(settings, state.job_slot().job, kind, key, params)
    return False


def start_failure(settings: Settings) -> tuple[str, str] | None:
    """``(kind, message)`` of the last failed Start while it still applies: the same settings
    and no run started since; else None (and it is forgotten)."""
    memory = _memory()
    failure = memory.failure
    if failure is None or failure.settings != settings or \
            state.job_slot().job is not failure.job:
        memory.failure = None
        return None
    return failure.kind, TRAIN[failure.key].format(**failure.params)


def start(settings: Settings, *, name: str = "") -> Any:
    """Load the data (cached), build the configs and start (or queue) the session's job.

    Raises ``QueueFull``, ``DatasetUnavailable`` or ``ValueError`` (bad settings).
    """
    data = state.load_data(settings.data_config())
    model_cfg, data_cfg, train_cfg = settings.configs(data.input_shape)
    return state.start_job(model_cfg, data_cfg, train_cfg, data=data, name=name)


# -- live view -------------------------------------------------------------------------------
@torch.no_grad()
def preview_images(model: Any, data: Any, *, n: int = N_PREVIEW) -> dict[str, Any]:
    """Fixed test images with their reconstructions (from μ) and fixed prior samples."""
    idx = torch.linspace(0, data.n_test - 1, n).long()
    x = data.test_x[idx].cpu()
    mu, _ = model.encode(x)
    recon = model.decode(mu)
    z = torch.randn(n, model.latent_dim, generator=torch.Generator().manual_seed(0))
    samples = model.decode(z)
    out = {"recons": figures.image_grid(torch.cat([x, recon]), nrow=n),
           "samples": figures.image_grid(samples, nrow=n)}
    if model.latent_dim == 2:  # the decoded plane, as it forms
        grid = manifold_grid(model, MANIFOLD_N)
        out["manifold"] = figures.image_grid(
            grid.images.reshape(-1, *grid.images.shape[2:]), nrow=MANIFOLD_N, pad=1)
    return out


def _fmt_eta(seconds: float | None) -> str:
    return "—" if seconds is None else LIVE["seconds"].format(value=seconds)


def _controls(job: Any, snap: Any, slot: Any) -> None:
    c1, c2, _ = st.columns([1, 2, 3], vertical_alignment="bottom")
    c1.button(LIVE["stop"], key="live_stop", type="primary", icon=":material/stop:",
              on_click=slot.stop, kwargs={"timeout": 0})  # the panel polls for the end
    beta = c2.number_input(LIVE["live_beta"], 0.0, 1000.0, float(snap.beta), 0.1,
                           key=f"live_beta_{id(job)}")
    if float(beta) != snap.beta:
        job.set_beta(float(beta))


def _progress(snap: Any, epochs: int) -> None:
    status = LIVE["status"].get(snap.status, snap.status)
    st.progress(snap.progress, text=LIVE["progress_main"].format(
        status=status, epoch=snap.epoch, epochs=epochs, step=snap.step, total=snap.total_steps))
    last = snap.epochs[-1] if snap.epochs else None
    cols = st.columns(6)
    cols[0].metric(LIVE["epoch"], f"{snap.epoch}")
    cols[1].metric(LIVE["step"], f"{snap.step:,}")
    cols[2].metric(LIVE["speed"], f"{snap.samples_per_s:,.0f}")
    cols[3].metric(LIVE["eta"], _fmt_eta(snap.eta_s))
    cols[4].metric(LIVE["test_elbo"], f"{last.test_elbo:.2f}" if last else "—")
    cols[5].metric(LIVE["active"], f"{last.active_units}" if last else "—")


def _charts(snap: Any) -> None:
    last = snap.epochs[-1] if snap.epochs else None
    c1, c2 = st.columns(2)
    with c1:
        st.markdown(f"**{LIVE['losses']}**")
        chart = st.container()
        t1, t2 = st.columns(2)
        stacked = t1.toggle(LIVE["stacked"], key="live_stacked", persist_state=KEEP)
        log = t2.toggle(LIVE["log_scale"], key="live_log", persist_state=KEEP,
                        help=LIVE["log_help"])
        chart.plotly_chart(figures.loss_figure(snap.steps, snap.epochs, stacked=stacked,
                                               log=log), key="live_loss")
    with c2:
        st.markdown(f"**{LIVE['kl_map']}**")
        st.plotly_chart(figures.kl_heatmap(snap.steps, active_units=last and last.active_units),
                        key="live_kl")


def _images(job: Any, ended: bool) -> None:
    if job.data is not None and (ended or state.preview_due(job)):
        model = job.model_copy()  # None until the job has built its model
        if model is not None:
            state.store_preview(job, preview_images(model, job.data))
    images = state.last_preview(job)
    if images is None:
        st.caption(LIVE["no_images"])
        return
    # one above the other: side by side, a column would shrink 28×28 digits below 84 px
    st.image(images["recons"], caption=LIVE["recons"])
    st.image(images["samples"], caption=LIVE["samples"])
    if "manifold" in images:
        st.image(images["manifold"], caption=LIVE["manifold"])


def _queued(place: tuple[int, int], slot: Any) -> None:
    position, queued = place
    st.info(LIVE["queued"].format(position=position, queued=queued,
                                  limit=state.job_registry().limit), icon=":material/schedule:")
    st.button(LIVE["stop"], key="live_unqueue", icon=":material/stop:", on_click=slot.stop,
              kwargs={"timeout": 0})


def live_panel() -> None:
    """Poll the session's job every ``POLL_S`` seconds while it waits or runs (a fragment),
    else draw its final state once. When it ends, rerun the whole app so the picker gets the
    model."""
    slot = state.job_slot()
    job = slot.job
    if job is None:
        st.info(TRAIN["idle"])
        return
    if slot.cancelled:
        st.info(LIVE["left_queue"])
        return
    running = slot.running()

    @st.fragment(run_every=POLL_S if running else None)
    def panel() -> None:
        place = slot.queue_position()
        alive = slot.running()
        if place is not None:
            _queued(place, slot)
            return
        if slot.cancelled:  # Stop took it out of the queue: say so in a full rerun
            st.rerun()
        snap = job.snapshot()
        if alive:
            _controls(job, snap, slot)
        _progress(snap, job.train_cfg.epochs)
        _charts(snap)
        train_latent.section(job, ended=not alive)
        _images(job, ended=not alive)
        if running and not alive:
            st.rerun()  # full rerun: harvest the model into the picker, stop polling

    panel()
    if not running:
        snap = job.snapshot()
        outcome = {"finished": st.success, "stopped": st.info, "diverged": st.warning,
                   "failed": st.error}.get(snap.status)
        if outcome is not None:
            message = job_words(snap)
            outcome(LIVE[snap.status].format(message=message[:1].upper() + message[1:]))


def job_words(snap: Any) -> str:
    """How a job ended, worded from its code in the current language (without a final full
    stop: the page's sentence goes on); an error's own text otherwise."""
    template = JOBMSG.get(snap.code) if snap.code else None
    words = template.format(**snap.params) if template else snap.message
    return words.rstrip("。.")


def job_progress(*, where: str, poll_s: float = POLL_S) -> None:
    """A compact, self-refreshing progress bar for the session's running job (sidebar, home).

    When the job ends it reruns the whole app, so its model shows up in the picker whatever
    page the user is on."""
    slot = state.job_slot()
    if not slot.running():
        return

    @st.fragment(run_every=poll_s, key=f"job_progress_{where}")
    def bar() -> None:
        place = slot.queue_position()
        if place is not None:
            st.info(LIVE["queued_short"].format(position=place[0], queued=place[1]),
                    icon=":material/schedule:")
        else:
            snap = slot.job.snapshot()
            st.progress(snap.progress, text=LIVE["progress"].format(
                status=LIVE["status"].get(snap.status, snap.status), epoch=snap.epoch,
                step=snap.step, total=snap.total_steps or "?"))
        if not slot.running():
            st.rerun()

    bar()
