"""Widgets shared by several pages: the sidebar model picker, save / download, upload and the
library table."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import streamlit as st

from ui.shell import memory_budget, model_store, refusals, state, widgets
from ui.shell.inert import inert
from ui.shell.job_progress import progress_bar
from ui.shell.model_store import ModelEntry
from ui.shell.strings import LABELS, LIBRARY, MODEL, PICKER
from vae_core.checkpoints import Checkpoint, checkpoint_bytes
from vae_core.footprint import checkpoint_footprint

NA = "—"  # how a missing value reads in every table


def _label(entry: ModelEntry) -> str:
    return PICKER[entry.source].format(name=entry.name)


def _arch_text(info: dict) -> str:
    if info.get("preset") == "examples":
        return LABELS["arch_labels"]["examples"]
    hidden = "-".join(str(h) for h in info.get("hidden") or ())
    return f"{str(info.get('arch', '?')).upper()} {hidden}".strip()


def info_rows(info: dict) -> list[tuple[str, str]]:
    """(label, value) pairs describing a model, for the sidebar card and the library table."""
    unknown = PICKER["unknown"]
    beta = info.get("beta")
    elbo = info.get("test_elbo")
    return [
        (PICKER["dataset"], str(info.get("dataset") or unknown)),
        (PICKER["arch"], _arch_text(info)),
        (PICKER["recon"], LABELS["recon"].get(info.get("recon"), str(info.get("recon")))),
        (PICKER["beta"], f"{beta:g}" if isinstance(beta, (int, float)) else unknown),
        (PICKER["latent"], str(info.get("latent_dim", unknown))),
        (PICKER["elbo"], PICKER["elbo_unit"].format(value=elbo) if elbo is not None else unknown),
    ]


def model_picker(*, job_progress: bool = True) -> ModelEntry | None:
    """The sidebar selectbox over session, library and pretrained models, plus a facts card;
    above it the session's job progress, unless the page shows its own (``job_progress``)."""
    entries, problems = state.model_entries()
    keys = [e.key for e in entries]
    state.apply_pending_selection(keys)
    by_key = {e.key: e for e in entries}
    with st.sidebar:
        if job_progress:
            progress_bar(where="sidebar", poll_s=1.0)
        gone = state.vanished_selection()
        if gone is not None:
            st.warning(PICKER["vanished"].format(file=inert(model_store.shown_name(gone))))
        if not entries:
            st.info(PICKER["none"])
            _problems(problems, expanded=gone is not None)
            return None
        labels = {k: _label(e) for k, e in by_key.items()}  # in this run's language
        key = st.selectbox(PICKER["label"], keys, format_func=labels.__getitem__,
                           key=state.PICKER_KEY, help=PICKER["help"],
                           placeholder=widgets.choose_one())
        entry = by_key.get(key)
        dropped = state.dropped_models()
        if dropped:
            st.info(PICKER["dropped"].format(cap=memory_budget.cap_mb(),
                                             names=", ".join(f"“{inert(n)}”" for n in dropped)))
        if entry is not None:
            st.markdown("\n".join(f"- **{label}:** {inert(value)}"  # a file's header: inert
                                  for label, value in info_rows(entry.info)))
            error = state.load_error(entry)
            if error:
                st.error(PICKER["load_error"].format(name=inert(entry.name), error=error))
        _problems(problems, expanded=gone is not None)
    return entry


def _problems(problems: list[str], *, expanded: bool) -> None:
    """The library's files that could not be read, each with why."""
    if problems:
        with st.expander(PICKER["problems"], expanded=expanded):
            for line in problems:
                st.caption(line)


def model_actions(entry: ModelEntry, ckpt: Checkpoint, *, key: str) -> None:
    """Save a session model to the library, and download any model as .safetensors."""
    st.subheader(MODEL["save_title"])
    if entry.source != "session":
        st.caption(MODEL["not_session"])
    else:
        name = st.text_input(MODEL["save_name"], value=ckpt.name, key=f"save_name_{key}",
                             max_chars=model_store.MAX_NAME)
    # one row that wraps: in columns the buttons' labels were cut at 800 px
    buttons = st.container(horizontal=True)
    if entry.source == "session" and buttons.button(MODEL["save"], key=f"save_{key}",
                                                    icon=":material/save:"):
        try:
            path = model_store.save_model(ckpt.model, name, model_store.library_dir(),
                                      data_cfg=ckpt.data_cfg, train_cfg=ckpt.train_cfg,
                                      summary=ckpt.summary, owner=state.owner_token())
        except (ValueError, OSError) as exc:  # UnsafeName, FileExistsError, CheckpointError
            state.remember_saved(key, None)
            st.error(MODEL["save_error"].format(error=model_store.error_text(exc)))
        else:
            state.remember_saved(key, MODEL["saved"].format(file=inert(path.name)))
            st.rerun()  # the picker is drawn before the page: redraw it with the new file
    def data() -> bytes:  # made on the click: a 2 MB file per rerun, held per session, is not
        return checkpoint_bytes(ckpt.model, data_cfg=ckpt.data_cfg, train_cfg=ckpt.train_cfg,
                                summary=ckpt.summary, name=ckpt.name)

    buttons.download_button(MODEL["download"], data=data,
                            file_name=model_store.download_name(ckpt.name),
                            mime="application/octet-stream", key=f"download_{key}",
                            icon=":material/download:", on_click="ignore")
    message = state.saved_message(key) if entry.source == "session" else None
    if message:
        st.success(message)


def upload_box() -> None:
    """Upload a checkpoint; a good one becomes a selected session model, a bad one an error."""
    uploaded = widgets.file_uploader(LIBRARY["upload"], list(model_store.UPLOAD_TYPES),
                                     help=LIBRARY["upload_help"].format(
                                         cap=memory_budget.cap_mb()),
                                     key="upload_model")
    if uploaded is None:
        return
    file_id = getattr(uploaded, "file_id", None) or f"{uploaded.name}:{uploaded.size}"
    result = state.upload_result(file_id)
    if result is None:
        # what is kept is the outcome, worded on each run: a language switch rewords it
        try:
            ckpt = model_store.read_upload(uploaded.name, uploaded.getvalue())
        except Exception as exc:  # CheckpointError and friends: a message, never a traceback
            result = (False, exc)
        else:
            size = checkpoint_footprint(ckpt)
            if size > memory_budget.cap_bytes():  # alone over the session's cap: not kept
                result = (False, size)
            else:
                state.add_session_model(ckpt)
                state.remember_upload(file_id, (True, ckpt.name))
                st.rerun()  # redraw the picker with the new model selected
        state.remember_upload(file_id, result)
    ok, outcome = result
    shown = inert(model_store.shown_name(uploaded.name))
    if ok:
        st.success(LIBRARY["uploaded"].format(name=inert(outcome)))
    elif isinstance(outcome, BaseException):
        refusals.show(shown, outcome)
    else:  # a model too big for this session: the reason is already a student's words
        st.error(LIBRARY["not_kept"].format(file=shown, reason=LIBRARY["too_big"].format(
            size=memory_budget.in_mb(outcome), cap=memory_budget.cap_mb())))


def number_table(rows: list[dict[str, Any]], formats: dict[str, str]) -> None:
    """A table whose missing values read "—": ``formats`` maps columns to ``str.format`` specs
    such as ``"{:.2f}"``. Streamlit's grid draws a missing cell as "None" whatever the style
    says (English, and a bug to a learner), so a column with a gap is written as text; a full
    column keeps its numbers, and sorting by it still sorts numerically."""
    frame = pd.DataFrame(rows)
    for column in frame:
        if frame[column].isna().any():
            spec = formats.get(column, "{}")
            frame[column] = [NA if _missing(v) else spec.format(v) for v in frame[column]]
    full = {c: f for c, f in formats.items()
            if c in frame and pd.api.types.is_numeric_dtype(frame[c])}
    styled = frame.style.format(full)
    st.dataframe(styled, hide_index=True, width="stretch")


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))
