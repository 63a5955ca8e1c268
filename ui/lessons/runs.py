"""The small runs a lesson starts itself (a button with the settings filled in), through the
Train page's machinery (``ui.train.form.Settings``, ``ui.shell.session_job.start_job``: one job per
session, queued when the server is busy), and the table of the session's runs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from ui.lessons.facts import DATASET, Facts, Run
from ui.lessons.strings import LESSONS
from ui.shell import session_job, start_errors, state
from ui.shell.strings import LABELS
from ui.train import form as train_view
from vae_core.evaluation import active_kl

EPOCHS = 10   # ≈ 5 s on mnist-5k with the Train page's default model (one core)


@dataclass(frozen=True)
class Preset:
    """A run a lesson offers in one click: declared settings (``vae_core.run_settings``), plus
    training fields no page offers (the KL-sign mistake)."""

    id: str
    settings: dict[str, Any] = field(default_factory=dict)
    train: dict[str, Any] = field(default_factory=dict)


def start(preset: Preset, *, lesson: int) -> None:
    """Start (or queue) the preset's run in this session's job slot."""
    settings = train_view.Settings(**{"dataset": DATASET, "epochs": EPOCHS, **preset.settings})
    data = state.load_data(settings.data_config())
    # the labels only count when the preset asks for a conditional model (lesson 9)
    model_cfg, data_cfg, train_cfg = settings.configs(
        data.input_shape, n_classes=len(data.class_names), **preset.train)
    session_job.start_job(model_cfg, data_cfg, train_cfg, data=data,
                    name=f"lesson {lesson} · {preset.id}")


def refusals() -> dict[str, str]:
    """The keys ``ui.shell.start_errors.explain`` words a refused Start with, from the lessons'
    table: a refused config keeps the lessons' own "could not start" sentence."""
    return {"busy": LESSONS["busy"], "closing": LESSONS["closing"],
            "data_error": LESSONS["data_error"], "bad_config": LESSONS["run_error"]}


def buttons(lesson: int, presets: Sequence[Preset], labels: dict[str, str]) -> None:
    """One button per preset (off while the session's job runs); a refusal is shown."""
    if not presets:
        return
    running = session_job.job_slot().running()
    row = st.container(horizontal=True)
    for preset in presets:
        if not row.button(labels[preset.id], key=f"lesson{lesson}_run_{preset.id}",
                          icon=":material/play_arrow:", disabled=running,
                          help=LESSONS["run_help"].format(epochs=EPOCHS)):
            continue
        started, _ = start_errors.start_or_explain(
            lambda preset=preset: start(preset, lesson=lesson), refusals())
        if started:
            st.rerun()
    if running:
        st.caption(LESSONS["running"])


def _fmt(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "—"
    return f"{value:.3g}" if abs(value) >= 1e6 else f"{value:,.{digits}f}"


def _loss_words(r: Run) -> str:
    words = LESSONS["loss_kinds"]["sign" if r.kl_sign_bug else r.reduction]
    if r.schedule != "constant":
        words += " · " + LESSONS["schedule_kinds"].get(r.schedule, r.schedule)
    if r.conditional:
        words += " · " + LESSONS["conditional_run"]
    return words


def _active_kl_words(r: Run) -> str:
    """The KL of each unit the active count counts: the count alone calls a unit of 0.05 nats
    as active as one of 2 nats."""
    if not r.mu_var_per_dim or len(r.mu_var_per_dim) != len(r.kl_per_dim):
        return "—"
    kls = active_kl(r.kl_per_dim, r.mu_var_per_dim)
    return ", ".join(f"{v:.2f}" for v in kls) if kls else "—"


def table(facts: Facts) -> None:
    """The session's measured mnist-5k runs, newest first: what the tasks are checked on."""
    runs = facts.measured(conditional=None)
    if not runs:
        st.caption(LESSONS["no_runs"])
        return
    cols = LESSONS["columns"]
    rows = [{cols["source"]: LESSONS["sources"].get(r.source, r.source),
             cols["recon"]: LABELS["recon"].get(r.recon, r.recon)
             + (f" σ={r.sigma:.2g}" if r.recon == "mse" else ""),
             cols["beta"]: f"{r.beta:g}", cols["loss"]: _loss_words(r),
             cols["elbo"]: _fmt(r.test_elbo), cols["kl"]: _fmt(r.test_kl),
             cols["active"]: f"{r.active_units} / {r.latent_dim}",
             cols["active_kl"]: _active_kl_words(r)}
            for r in reversed(runs)]
    st.caption(LESSONS["runs_caption"])
    # the KLs of 8 units need room: the short columns give it (the default widths cut them)
    widths = {"source": 60, "beta": 45, "elbo": 80, "kl": 70, "active": 70, "active_kl": 290}
    st.dataframe(rows, hide_index=True, column_config={
        cols[c]: st.column_config.TextColumn(width=w) for c, w in widths.items()})
