"""The Train page's settings and starting a job (the live panel is ``ui.train.live``, the
settings link and command ``ui.train.share``). Every widget is built from the declaration of its
setting (``vae_core.run_settings.SETTINGS``): its key, default, bounds and its words in
``RUN_SETTINGS``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import streamlit as st

from ui.shell import compute_budget, datasets, session_job, start_errors, state
from ui.shell.strings import LABELS, RUN_SETTINGS
from ui.train.strings import TRAIN
from vae_core.data import UploadNotLoaded
from vae_core.run_settings import BY_NAME, LR_DIVERGES, RunSettings, Setting

Settings = RunSettings
FIRST_STEP_WAIT_S = 0.4  # the Start run waits at most this long for the job's first step
KEEP = "session"  # widget values survive a trip to another page (``persist_state``)
FIELD_W = 215     # px: four settings a row on a wide screen, two at 800 px
# where each setting sits: one wrapping row, then rows of three under "More settings" (a
# schedule's own settings, and σ of the MSE likelihood, only when they apply)
MAIN_ROW = ("dataset", "arch", "latent_dim", "recon", "sigma", "beta", "schedule", "epochs",
            "batch_size")
ADVANCED_ROWS = (("lr", "seed", "reduction"), ("binarize",), ("conditional",),
                 ("warmup_epochs", "cycles", "cycle_ratio", "capacity_max", "free_bits"))


def widget_key(setting: Setting) -> str:
    """The widget's key: ``tr_`` and the setting's URL parameter (``tr_latent``)."""
    return f"tr_{setting.param}"


def _labels() -> dict[str, Callable[[Any], str]]:
    """How each choice's options read, in the current language."""
    return {"dataset": datasets.label, "arch": LABELS["arch_labels"].get,
            "recon": LABELS["recon"].get, "schedule": LABELS["schedule_labels"].get,
            "reduction": LABELS["reduction"].get, "lr": _lr_label}


def _options(setting: Setting) -> list[Any]:
    return datasets.train_choices() if setting.name == "dataset" else list(setting.choices)


def setting_widget(where: Any, setting: Setting, *, disabled: bool, **layout: Any) -> Any:
    """One setting's widget in ``where``. With a range, its help states it (Streamlit refuses a
    typed value outside it, naming the range, so the help and the refusal agree)."""
    words = RUN_SETTINGS[setting.name]
    kw = {"key": widget_key(setting), "persist_state": KEEP, "disabled": disabled, **layout}
    if "help" in words:
        kw["help"] = words["help"].format(lo=setting.lo, hi=setting.hi, big=LR_DIVERGES)
    if setting.kind == "bool":
        return where.checkbox(words["label"], **kw)
    if setting.kind == "choice":
        options, label = _options(setting), _labels().get(setting.name, str)
        if setting.name == "lr":  # an ordered scale: a slider reads better than a menu
            return where.select_slider(words["label"], options, value=setting.default,
                                       format_func=label, **kw)
        index = options.index(setting.default) if setting.default in options else 0
        return where.selectbox(words["label"], options, index=index, format_func=label, **kw)
    cast = setting.type
    return where.number_input(words["label"], cast(setting.lo), cast(setting.hi),
                              setting.default, setting.step, **kw)


def settings_form(*, disabled: bool = False) -> Settings:
    """The settings widgets (the defaults train on 4,000 real MNIST digits in about six seconds).
    They keep their values across page switches and are locked while a job runs. Choosing
    "your own images" shows the uploader; a dataset not on disk, the Download button."""
    state.apply_pending_dataset(datasets.train_choices())
    values: dict[str, Any] = {}

    def draw(where: Any, name: str, **layout: Any) -> None:
        setting = BY_NAME[name]
        if setting.applies(Settings(**values)):  # σ and a schedule's own: only when they count
            values[name] = setting_widget(where, setting, disabled=disabled, **layout)

    # one wrapping row, not columns: at 800 px four columns cut the choices' names short
    row = st.container(horizontal=True)
    for name in MAIN_ROW:
        draw(row, name, width=FIELD_W)
    _budget_note(Settings(**values, upload_hash=_upload_hash(values["dataset"])))
    _dataset_notes(values["dataset"], disabled=disabled)
    with st.expander(TRAIN["advanced"]):
        for names in ADVANCED_ROWS:
            shown = [n for n in names if BY_NAME[n].applies(Settings(**values))]
            # a row of one has the whole width: in a third of it a label was cut at 800 px
            places = st.columns(3) if len(names) > 1 else [st.container()]
            for place, name in zip(places, shown):
                draw(place, name)
    st.caption(TRAIN["ranges"])
    return Settings(**values, upload_hash=_upload_hash(values["dataset"]))


def _budget_note(settings: Settings) -> None:
    """Under the row: the server's cap on one run, as the most epochs these settings may have
    (a warning when the epochs are past it: Start would be refused)."""
    budget = compute_budget.budget_tflop()
    if budget is None or not datasets.ready(settings.dataset):
        return
    try:  # the data is cached per server: Start loads the same
        data = state.load_data(settings.data_config())
        model_cfg = settings.configs(data.input_shape, n_classes=len(data.class_names))[0]
    except (ValueError, UploadNotLoaded):  # no upload yet, or a refused setting: said elsewhere
        return
    # past the field's own maximum the budget is not what limits: name the field's
    cap = min(compute_budget.cap_epochs(model_cfg, data.n_train), int(BY_NAME["epochs"].hi))
    if settings.epochs > cap:
        st.warning(TRAIN["budget_over"].format(budget=budget, max_epochs=cap))
    else:
        st.caption(TRAIN["budget"].format(budget=budget, max_epochs=cap))


def _dataset_notes(dataset: str, *, disabled: bool) -> None:
    """Under the row: what the dataset is, and its uploader or Download button."""
    st.caption(datasets.caption(dataset))
    datasets.show_notice()
    if dataset == datasets.UPLOAD_CHOICE:
        datasets.upload_box(disabled=disabled)
    elif not datasets.ready(dataset):
        datasets.missing_dataset(dataset)


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
    memory.failure = _Failure(settings, session_job.job_slot().job, refusal)
    return False


def start_failure(settings: Settings) -> tuple[str, str] | None:
    """``(kind, message)`` of the last failed Start while it still applies: the same settings
    and no run started since; else None (and it is forgotten)."""
    memory = _memory()
    failure = memory.failure
    if failure is None or failure.settings != settings or \
            session_job.job_slot().job is not failure.job:
        memory.failure = None
        return None
    return start_errors.explain(failure.refusal, TRAIN)


def start(settings: Settings, *, name: str = "") -> Any:
    """Load the data (cached), build the configs and start (or queue) the session's job.

    Raises ``QueueFull``, ``DatasetUnavailable`` or ``ConfigError`` (bad settings).
    """
    data = state.load_data(settings.data_config())
    model_cfg, data_cfg, train_cfg = settings.configs(data.input_shape,
                                                      n_classes=len(data.class_names))
    return session_job.start_job(model_cfg, data_cfg, train_cfg, data=data, name=name)
