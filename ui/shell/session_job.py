"""This session's job slot: the one Train run (or lesson run) a session has, queued, running or
ended, the guard that stops it when the tab closes, and the model it becomes. Who a job is for
(``who``) is asked here too, for the job registry's fairness rules (``ui.shell.fairness``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import streamlit as st

from ui.shell import compute_budget, fairness, jobs, model_store, session_end, state
from ui.shell.jobs import SessionJobs
from ui.shell.model_store import ModelEntry
from ui.shell.shared_runs import SharedRuns
from vae_core.checkpoints import Checkpoint
from vae_core.config import DataConfig, ModelConfig, TrainConfig
from vae_core.data import DataBundle
from vae_core.jobs import TrainingJob
from vae_core.run_cache import RunCache, run_key

RUN_CACHE_ENV = "VAE_LAB_RUN_CACHE"
RUN_CACHE_DIRNAME = ".run-cache"

K_SLOT = "_vl_job_slot"


class _Guard:
    """Lives in the session-scoped cache; released (tab closed) -> the job is stopped or leaves
    the queue, and the session's media files are given back once it can no longer return
    (``ui.shell.session_end``)."""

    def __init__(self) -> None:
        self.slot: SessionJobs | None = None
        self.session_id = session_end.current_session_id()
        session_end.forget_expired()  # a new session is an event at which old ones expire

    def release(self) -> None:
        if self.slot is not None:
            self.slot.release()
        session_end.session_closed(self.session_id)


@st.cache_resource(scope="session", on_release=lambda guard: guard.release(), show_spinner=False)
def _session_guard() -> _Guard:
    return _Guard()


def job_slot() -> SessionJobs:
    """This session's job slot, registered with the guard that stops it when the tab closes."""
    if K_SLOT not in st.session_state:
        st.session_state[K_SLOT] = SessionJobs()
    slot = st.session_state[K_SLOT]
    guard = _session_guard()
    if guard.slot is not slot:  # a new guard: a new session, or one that reconnected
        slot.released = False
        guard.slot = slot
    return slot


def who(kind: str) -> fairness.Who:
    """This session and its client's address, for the job registry's fairness rules (a job
    of ``kind``: ``fairness.KINDS``)."""
    headers, peer = _request()
    client = fairness.client_address(headers, peer)
    return fairness.Who(session=session_end.current_session_id(), client=client, kind=kind)


def _request() -> tuple[dict[str, str], str | None]:
    """The websocket request's headers and peer address (None for this machine: our nginx, or
    a local browser)."""
    try:
        return dict(st.context.headers or {}), st.context.ip_address
    except Exception:  # outside a server (AppTest) there is no connection to ask
        return {}, None


def start_job(model_cfg: ModelConfig, data_cfg: DataConfig, train_cfg: TrainConfig, *,
              data: DataBundle = None,
              name: str = "") -> Any:
    """Start a ``TrainingJob`` in this session's slot, or queue it when every slot is busy
    (``job_slot().queue_position()`` says where); raises ``ui.shell.jobs.QueueFull``."""
    if data is not None:  # the server's cap on one run (``ConfigError`` "run_too_costly")
        compute_budget.check(model_cfg, data.n_train, train_cfg.epochs)
    slot = job_slot()
    slot.stop()
    owner = state.owner_token()  # a shutdown saves the run as this session's model

    def make_job() -> TrainingJob:
        job = TrainingJob(model_cfg, data_cfg, train_cfg, data=data, name=name)
        job.owner = owner
        return job

    key = run_key(model_cfg, data_cfg, train_cfg)
    slot.how = shared_runs().start(slot, key, make_job, who=who("train"), owner=owner,
                                   data=data, name=name)
    return slot.job


def shared_runs() -> SharedRuns:
    """This server process's table of runs by identity, with its run cache on disk beside
    the library (``VAE_LAB_RUN_CACHE``: another folder; "off": none)."""
    return _shared_runs(str(run_cache_dir() or ""))


@st.cache_resource(show_spinner=False, max_entries=2)
def _shared_runs(cache_dir: str) -> SharedRuns:
    cache = RunCache(Path(cache_dir)) if cache_dir else None
    return SharedRuns(state.job_registry(), cache)


def run_cache_dir() -> Path | None:
    value = os.environ.get(RUN_CACHE_ENV, "")
    if value.lower() == "off":
        return None
    return Path(value) if value else model_store.library_dir() / RUN_CACHE_DIRNAME


def set_beta(beta: float) -> None:
    """The live β control: this session's run trains on with ``beta`` from its next step (a
    shared run: this session's own fork of it does)."""
    slot = job_slot()
    if slot.job is None:
        return
    if slot.shared is None:
        slot.job.set_beta(beta)
        return
    slot.shared.set_beta(slot, slot.job, beta, who=who("train"))


def harvest_job() -> str | None:
    """If the session's job has ended, turn its weights into a session model (once).

    Returns the new model's key when one was added in this call.
    """
    slot = job_slot()
    job = slot.job
    if job is None or slot.harvested or slot.running():
        return None
    slot.harvested = True
    if slot.cancelled:  # it left the queue (of a run others may still train)
        return None
    run = jobs.ended_run(job)
    if run is None:
        return None
    model, train_cfg, summary = run
    snap = job.snapshot()
    ckpt = Checkpoint(model=model, model_cfg=job.model_cfg, data_cfg=job.data_cfg,
                      train_cfg=train_cfg, summary=summary, name=job.name)
    # a diverged run's weights are kept, but not handed to every page as the model to explore
    slot.model_key = state.add_session_model(ckpt, select=snap.status != "diverged")
    return slot.model_key


def trained_model() -> tuple[ModelEntry, Checkpoint] | tuple[None, None]:
    """The session model that this session's last job became (if it still exists)."""
    key = job_slot().model_key
    c = state.session_model(key) if key is not None else None
    if c is None:
        return None, None
    entry = ModelEntry(key=key, source="session", name=c.name,
                       info=model_store.describe(c.model_cfg, c.data_cfg, c.train_cfg, c.summary))
    return entry, c
