"""The Train page's settings and starting a job (the live panel is ``ui.train.live``, the
settings link and command ``ui.train.share``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import streamlit as st

from ui.shell import datasets, start_errors, state
from ui.shell.strings import LABELS
from ui.train.strings import TRAIN
from vae_core.config import (
    MAX_LATENT,
    RECONS,
    REDUCTIONS,
    SCHEDULES,
    DataConfig,
    ModelConfig,
    TrainConfig,
)

POLL_S = 0.5
FIRST_STEP_WAIT_S = 0.4  # the Start run waits at most this long for the job's first step
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
SPLIT_SEED = 0  # every dataset is split the same way, whatever the run's seed
MAX_EPOCHS = 1000   # per run from this page; TrainConfig itself allows 10,000 (CLI)
MAX_BETA = 1000.0
MAX_SEED = 2**31 - 1
MAX_WARMUP = 1000.0
MAX_CYCLES = 100
MAX_CAPACITY = 1000.0
MAX_FREE_BITS = 10.0
KEEP = "session"  # widget values survive a trip to another page (``persist_state``)
FIELD_W = 215     # px: four settings a row on a wide screen, two at 800 px


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
        """(ModelConfig, DataConfig, TrainConfig); ``ConfigError`` names a bad field."""
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
        return DataConfig(dataset=self.dataset, binarize=self.binarize, seed=SPLIT_SEED,
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

    # one wrapping row, not columns: at 800 px four columns cut the choices' names short
    row = st.container(horizontal=True)
    f = {"width": FIELD_W}
    choices = datasets.train_choices()
    state.apply_pending_dataset(choices)
    dataset = row.selectbox(TRAIN["dataset"], choices, format_func=datasets.label,
                            **w("dataset"), **f)
    arch = row.selectbox(TRAIN["arch"], list(ARCHS), format_func=LABELS["arch_labels"].get,
                         **w("arch"), **f)
    latent = row.number_input(TRAIN["latent"], 1, MAX_LATENT, d.latent_dim,
                              **w("latent", 1, MAX_LATENT), **f)
    recon = row.selectbox(TRAIN["recon"], RECONS, format_func=LABELS["recon"].get,
                          **w("recon"), **f)
    beta = row.number_input(TRAIN["beta"], 0.0, MAX_BETA, d.beta, 0.1,
                            **w("beta", 0.0, MAX_BETA), **f)
    schedule = row.selectbox(TRAIN["schedule"], SCHEDULES,
                             format_func=TRAIN["schedule_labels"].get, **w("schedule"), **f)
    epochs = row.number_input(TRAIN["epochs"], 1, MAX_EPOCHS, d.epochs,
                              **w("epochs", 1, MAX_EPOCHS), **f)
    batch = row.selectbox(TRAIN["batch"], BATCHES, index=BATCHES.index(d.batch_size),
                          **w("batch"), **f)
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
        # its own row: in a third of the expander its label was cut at 800 px
        binarize = st.checkbox(TRAIN["binarize"], **w("binarize"))
        c2, c3, _ = st.columns(3)
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
    refusal: Exception        # worded when shown (the language may change meanwhile)


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
    _, refusal = start_errors.attempt(lambda: start(settings))
    if refusal is None:
        return True
    memory.failure = _Failure(settings, state.job_slot().job, refusal)
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
    return start_errors.explain(failure.refusal, TRAIN)


def start(settings: Settings, *, name: str = "") -> Any:
    """Load the data (cached), build the configs and start (or queue) the session's job.

    Raises ``QueueFull``, ``DatasetUnavailable`` or ``ConfigError`` (bad settings).
    """
    data = state.load_data(settings.data_config())
    model_cfg, data_cfg, train_cfg = settings.configs(data.input_shape)
    return state.start_job(model_cfg, data_cfg, train_cfg, data=data, name=name)
