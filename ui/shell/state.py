"""Session state and caches of the app's shell: the models, datasets and job slot every page
shares. Pages never touch ``st.session_state`` or ``st.cache_*``; they call ``ui/``.

Per session: the session models (trained here or uploaded), the datasets uploaded here (your own
images: they live only in this session) and the picker's selection; its one job slot, and the
guard that stops that job when the tab closes, are in ``ui.shell.session_job``. Per process:
the ``JobRegistry`` that limits and queues training, loaded datasets and loaded checkpoint
files.

A view's own small memory (the Latent map's picks, the Library's flash message, lesson progress
in ``ui.lessons.progress``) stays in the module that uses it, under a ``K_*`` key declared there
once, and a view caches its own computations; ``tests/test_import_boundaries.py`` checks that
no key is declared twice or used raw, and that nothing outside ``ui/`` touches either.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
import weakref
from pathlib import Path
from typing import Any

import streamlit as st

from ui.shell import (
    jobs,
    memory_budget,
    model_store,
    shutdown,
)
from ui.shell.jobs import JobRegistry
from ui.shell.model_store import ModelEntry
from ui.shell.strings import LABELS
from vae_core.checkpoints import Checkpoint, load_checkpoint
from vae_core.config import DataConfig, is_upload_name
from vae_core.data import DataBundle, UploadNotLoaded, load_dataset
from vae_core.footprint import checkpoint_footprint, upload_footprint
from vae_core.training import preload_optimizer_imports

K_MODELS = "_vl_session_models"     # dict key -> Checkpoint, in creation order
K_COUNTER = "_vl_model_counter"
K_MODEL_USE = "_vl_model_use"       # session model key -> when it was last selected (a counter)
K_MODELS_DROPPED = "_vl_models_dropped"  # names dropped to make room, until the picker says so
K_OWNER = "_vl_owner_token"         # this session's secret: who saved a library model
K_PENDING = "_vl_pending_selection"
K_VANISHED = "_vl_selection_vanished"  # a selected file model that could no longer be read
K_UPLOADS = "_vl_seen_uploads"
K_SAVED = "_vl_saved"
K_EXAMPLE = "_vl_example"
K_DATASETS = "_vl_session_datasets"  # dataset name -> UploadedDataset, oldest first
K_DATASET_PENDING = "_vl_pending_dataset"
K_DATASET_NOTICE = "_vl_dataset_notice"
DATASET_KEY = "tr_dataset"           # the Train page's dataset selectbox
PICKER_KEY = "vl_model"             # the sidebar selectbox
CONDITIONAL_PICKER_KEY = "cond_model"  # the conditional page's own model picker
PREVIEW_EVERY_S = 1.0            # image grids on the train page; a digits run lasts ~5 s


# -- the shell -------------------------------------------------------------------------------
def ensure_shell() -> None:
    """Make sure this page runs inside ``app.py`` (its page config, picker, navigation).

    Streamlit 1.67 picks the legacy multipage mode when a folder named ``pages/`` exists and
    ``st.navigation`` has not run yet in the process: the first request after a server start
    that lands on a sub-page (a reload of ``/train``) then runs ``pages/train.py`` alone, and so
    does every ``AppTest.run()`` after the first (streamlit/streamlit#9446 was fixed only for
    apps without ``pages/``). Each page calls this first: in legacy mode it switches to
    ``st.navigation`` mode and reruns, which runs ``app.py`` and then this page.
    """
    from streamlit.runtime.pages_manager import PagesManager

    # a private flag: no getattr default, so a Streamlit without it fails here and in
    # tests/test_shell.py instead of silently running pages without the shell
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


# -- process-wide ----------------------------------------------------------------------------
def job_registry() -> JobRegistry:
    """The server's job registry. Every job starts through here, so this is also where the
    server learns to save its running jobs when it is stopped (``ui.shell.shutdown``)."""
    shutdown.install(jobs.registry, model_store.library_dir)
    return jobs.registry()


@st.cache_resource(show_spinner=False, max_entries=1)
def _preloaded_optimizer() -> Any:
    return preload_optimizer_imports()


def preload_training() -> None:
    """Once per server process, after a page has been drawn: the optimizer's first-use
    imports in the background, off the first Start (``vae_core.training``)."""
    _preloaded_optimizer()


@st.cache_resource(show_spinner=False, max_entries=4)
def _load_data(data_cfg_json: str) -> DataBundle:
    return load_dataset(DataConfig.from_dict(json.loads(data_cfg_json)))


def load_data(data_cfg: DataConfig) -> DataBundle:
    """The dataset for ``data_cfg`` (a ``DataConfig``), loaded once per server process; an
    uploaded dataset comes from this session (``UploadNotLoaded`` when it is not here, or holds
    other images than the model was trained on).

    Raises ``vae_core.data.DatasetUnavailable`` (a ``ValueError``) with a user-facing message.
    """
    if is_upload_name(data_cfg.dataset):
        uploaded = session_datasets().get(data_cfg.dataset)
        if uploaded is None or uploaded.content_hash != data_cfg.upload_hash:
            raise UploadNotLoaded(data_cfg.dataset, data_cfg.upload_hash or "")
        return uploaded.bundle
    with st.spinner(LABELS["loading_data"]):  # shown only if loading takes a moment
        return _load_data(json.dumps(data_cfg.to_dict(), sort_keys=True))


@st.cache_resource(show_spinner=False, max_entries=16)
def _load_file(path: str, mtime: float) -> Checkpoint:
    return load_checkpoint(Path(path))


def data_config(name: str, *, binarize: bool = False) -> DataConfig:
    """The ``DataConfig`` for dataset ``name``: an uploaded one carries its content hash, which
    a model trained on it records. ``UploadNotLoaded`` for an upload this session lacks."""
    if is_upload_name(name):
        uploaded = session_datasets().get(name)
        if uploaded is None:
            raise UploadNotLoaded(name, "")
        return DataConfig(dataset=name, binarize=binarize, upload_hash=uploaded.content_hash)
    return DataConfig(dataset=name, binarize=binarize)


# -- datasets uploaded in this session -------------------------------------------------------
def session_datasets() -> dict[str, Any]:
    """This session's uploaded datasets: name -> ``UploadedDataset``, oldest first."""
    return st.session_state.setdefault(K_DATASETS, {})


def add_session_dataset(uploaded: Any) -> tuple[list[str], bool]:
    """Keep ``uploaded`` (replacing one of the same name) and select it on the Train page; the
    session's older uploads, then its least recently used models, make room for it within the
    session's memory cap (``ui.shell.memory_budget``; ``upload_room`` says first whether it
    can fit). Returns (uploads dropped, whether it replaced other images of the same name)."""
    datasets = session_datasets()
    old = datasets.pop(uploaded.name, None)
    datasets[uploaded.name] = uploaded
    dropped = _make_room(keep={st.session_state.get(PICKER_KEY)}, new_dataset=uploaded.name)
    st.session_state[K_DATASET_PENDING] = uploaded.name
    return dropped, old is not None and old.content_hash != uploaded.content_hash


def set_dataset_notice(message: Any) -> None:
    """A message for the next run of the Train page (after an upload selects its dataset)."""
    st.session_state[K_DATASET_NOTICE] = message


def pop_dataset_notice() -> Any:
    return st.session_state.pop(K_DATASET_NOTICE, None)


def apply_pending_dataset(choices: list[str]) -> None:
    """Before the Train page's dataset selectbox is drawn: select a just-uploaded dataset, and
    drop a selection that is no longer offered (an upload that made room for another)."""
    pending = st.session_state.pop(K_DATASET_PENDING, None)
    if pending in choices:
        st.session_state[DATASET_KEY] = pending
    elif DATASET_KEY in st.session_state and st.session_state[DATASET_KEY] not in choices:
        del st.session_state[DATASET_KEY]


# -- models ----------------------------------------------------------------------------------
def owner_token() -> str:
    """Who this session is to the library (``ui.shell.ownership``): a random secret made on
    first use. The models it saves record its hash, and only it may rename or delete them. A
    reload is a new session and owns nothing. When learners sign in, return the learner's id
    (or a secret of theirs) here instead: the library needs nothing else to change."""
    if K_OWNER not in st.session_state:
        st.session_state[K_OWNER] = secrets.token_hex(16)
    return st.session_state[K_OWNER]


def session_model(key: str) -> Checkpoint | None:
    """The session model ``key``, if the session still has it."""
    return _session_models().get(key)


def _session_models() -> dict[str, Any]:
    if K_MODELS not in st.session_state:
        st.session_state[K_MODELS] = {}
    return st.session_state[K_MODELS]


def add_session_model(ckpt: Checkpoint, *, select: bool = True) -> str:
    """Keep ``ckpt`` (a ``Checkpoint``) as a session model and (unless told not to) select it;
    returns its key."""
    count = st.session_state.get(K_COUNTER, 0) + 1
    st.session_state[K_COUNTER] = count
    key = f"session:{count}"
    models = _session_models()
    names = {c.name for c in models.values()}
    if not ckpt.name or ckpt.name in names:
        ckpt.name = f"{ckpt.name or 'model'} #{count}"
    models[key] = ckpt
    _touch(key)
    if select:
        select_model(key)
    _make_room(keep={key, st.session_state.get(PICKER_KEY)})
    return key


def _touch(key: str) -> None:
    use = st.session_state.setdefault(K_MODEL_USE, {})
    use[key] = max(use.values(), default=0) + 1


def _make_room(keep: set, new_dataset: str | None = None) -> list[str]:
    """Past the session's memory cap (``ui.shell.memory_budget``), forget the least recently
    selected session models but ``keep`` (their library copies, if saved, stay; the picker
    names them once: ``dropped_models``), and for ``new_dataset`` the older uploads first.
    Returns the uploads dropped."""
    models, use = _session_models(), st.session_state.setdefault(K_MODEL_USE, {})
    datasets = session_datasets()
    uploads, keys = memory_budget.to_let_go(
        {k: checkpoint_footprint(c) for k, c in models.items()}, use,
        {name: upload_footprint(d) for name, d in datasets.items()},
        keep=keep, new_dataset=new_dataset)
    for key in keys:
        st.session_state.setdefault(K_MODELS_DROPPED, []).append(models.pop(key).name)
        use.pop(key, None)
    for name in uploads:
        del datasets[name]
    return uploads


def upload_room() -> int:
    """Bytes an upload may take: the session's memory cap less its selected model (a session
    model), which stays."""
    selected = _session_models().get(st.session_state.get(PICKER_KEY))
    held = checkpoint_footprint(selected) if selected is not None else 0
    return memory_budget.cap_bytes() - held


def dropped_models() -> list[str]:
    """Names of the session models dropped to make room since the last call."""
    return st.session_state.pop(K_MODELS_DROPPED, [])


def select_model(key: str) -> None:
    """Ask the picker to select ``key`` on its next render (it may already be drawn)."""
    st.session_state[K_PENDING] = key


def model_entries(*, conditional: bool = False) -> tuple[list[ModelEntry], list[str]]:
    """Session models first (newest first), then the library, then pretrained assets: the
    unconditional ones (what the sidebar offers every page), or the conditional ones (which
    need a label wherever they encode or decode: their own page lists them)."""
    entries = [
        ModelEntry(key=key, source="session", name=c.name,
                   info=model_store.describe(c.model_cfg, c.data_cfg, c.train_cfg, c.summary))
        for key, c in reversed(list(_session_models().items()))
    ]
    lib, problems = model_store.list_models(model_store.library_dir(), "library")
    assets, asset_problems = model_store.list_models(model_store.assets_dir(), "asset")
    every = [e for e in entries + lib + assets if e.info.get("conditional", False) == conditional]
    return every, problems + asset_problems


def apply_pending_selection(keys: list[str]) -> None:
    """Before the picker widget is drawn: honour ``select_model`` and drop stale selections."""
    pending = st.session_state.pop(K_PENDING, None)
    if pending in keys:
        st.session_state[PICKER_KEY] = pending
    elif st.session_state.get(PICKER_KEY) not in keys:
        gone = st.session_state.get(PICKER_KEY)
        if isinstance(gone, str) and gone.startswith(("library:", "asset:")):
            st.session_state[K_VANISHED] = gone.split(":", 1)[1]  # say so, do not switch mutely
        zoo_default = model_store.zoo_index(model_store.assets_dir()).get("default")
        default = f"asset:{zoo_default}{model_store.SUFFIX}"
        if default in keys:
            st.session_state[PICKER_KEY] = default
        else:
            st.session_state.pop(PICKER_KEY, None)


def vanished_selection() -> str | None:
    """The file name of the model that was selected until its file could no longer be read
    (once: the picker says so)."""
    return st.session_state.pop(K_VANISHED, None)


def selected_entry() -> ModelEntry | None:
    key = st.session_state.get(PICKER_KEY)
    if key is None:
        return None
    entries, _ = model_entries()
    entry = next((e for e in entries if e.key == key), None)
    if entry is not None and entry.source == "session":
        _touch(key)
    return entry


_FILE_FINGERPRINTS: dict[tuple[str, float], str] = {}  # (file, mtime) -> its loaded model's


def load_entry(entry: ModelEntry) -> Checkpoint:
    """The ``Checkpoint`` behind a picker entry (files are loaded once and cached)."""
    if entry.source == "session":
        return _session_models()[entry.key]
    assert entry.path is not None
    file = (str(entry.path), entry.path.stat().st_mtime)
    ckpt = _load_file(*file)
    if file not in _FILE_FINGERPRINTS:
        _FILE_FINGERPRINTS[file] = model_store.fingerprint(ckpt)
    return ckpt


def known_fingerprint(entry: ModelEntry) -> str | None:
    """``entry``'s fingerprint if its model was loaded in this process (a session model always
    is), else None: the Library lists models from their headers and loads weights on demand
    (with 76 models, loading them all cost 2.2 s of server CPU per visit)."""
    if entry.source == "session":
        return model_store.fingerprint(_session_models()[entry.key])
    try:
        return _FILE_FINGERPRINTS.get((str(entry.path), entry.path.stat().st_mtime))
    except OSError:
        return None


def load_error(entry: ModelEntry) -> str | None:
    """Why the model behind ``entry`` cannot be loaded (a file changed or went bad), or None."""
    try:
        load_entry(entry)
    except (ValueError, OSError) as exc:  # CheckpointError is a ValueError
        return model_store.error_text(exc)
    return None


def selected_checkpoint() -> tuple[ModelEntry, Checkpoint] | tuple[None, None]:
    """The picker's model as (entry, Checkpoint); (None, None) when there is none or it cannot
    be loaded (the picker says why)."""
    entry = selected_entry()
    if entry is None or load_error(entry) is not None:
        return None, None
    return entry, load_entry(entry)


def session_checkpoints() -> list[Any]:
    """This session's models (``Checkpoint``), oldest first: what the learner trained here."""
    return list(_session_models().values())


# -- small per-session memories --------------------------------------------------------------
def preview_due(job: Any) -> bool:
    """True when the image grids of ``job`` should be drawn again (every few seconds). Kept
    per job, not per session: the sessions sharing a run (``ui.shell.shared_runs``) decode
    its images once between them."""
    with _previews_lock:
        last = _previews.get(job)
    return last is None or time.monotonic() - last[0] >= PREVIEW_EVERY_S


def store_preview(job: Any, images: Any) -> None:
    with _previews_lock:
        _previews[job] = (time.monotonic(), images)


def last_preview(job: Any) -> Any:
    with _previews_lock:
        last = _previews.get(job)
    return last[1] if last is not None else None


_previews: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # job -> (time, images)
_previews_lock = threading.Lock()


def upload_result(file_id: str) -> tuple[bool, Any] | None:
    """(ok, outcome) of an uploaded file already processed (the uploader keeps it on reruns):
    the model's name, or why it was refused (the exception, or its size when too big)."""
    return st.session_state.get(K_UPLOADS, {}).get(file_id)


def remember_upload(file_id: str, result: tuple[bool, Any]) -> None:
    st.session_state.setdefault(K_UPLOADS, {})[file_id] = result


def remember_saved(key: str, message: str | None) -> None:
    st.session_state.setdefault(K_SAVED, {})[key] = message


def saved_message(key: str) -> str | None:
    return st.session_state.get(K_SAVED, {}).get(key)


def example_state() -> dict:
    """Home page: which test image and which ε draw (bumped by its buttons)."""
    return st.session_state.setdefault(K_EXAMPLE, {"index": 0, "seed": 0})


# -- widget values set or read by key (settings links, "try this" buttons) ---------------
def set_widget_values(values: dict[str, Any]) -> None:
    """Set widgets by key before they are drawn (a link's settings, a "try this" button)."""
    for key, value in values.items():
        st.session_state[key] = value


def widget_value(key: str, default: Any = None) -> Any:
    return st.session_state.get(key, default)
