"""The Train page's live panel: it polls the session's job while it runs (a fragment) and
draws its final state, with a note when the run ended in posterior collapse."""

from __future__ import annotations

from typing import Any

import streamlit as st
import torch

from ui.shell import (
    collapse,
    downloads,
    figures,
    i18n,
    run_figures,
    session_job,
    shutdown,
    state,
)
from ui.shell.config_words import job_words
from ui.shell.jobs import QUEUED_POLL_S
from ui.shell.strings import PROGRESS
from ui.train import live_latent as train_latent
from ui.train.strings import LIVE, TRAIN
from vae_core.analysis.traversal import manifold_grid
from vae_core.data import DataBundle
from vae_core.evaluation import active_kl
from vae_core.models.base import VAE

POLL_S = 0.5
SHARED_REDRAWS_PER_S = 4.0  # a shared run's panels, all its sessions together (``poll_every``)
END_WATCH_S = 1.0
MANIFOLD_N = 8   # the live decoded plane of a 2-D model: 8 × 8 images of 84 px
N_PREVIEW = 8
KEEP = "session"  # widget values survive a trip to another page (``persist_state``)
METRIC_W = 130    # px: six metrics wrap onto two rows on a narrow screen instead of clipping


@torch.no_grad()
def preview_images(model: VAE, data: DataBundle, *, n: int = N_PREVIEW) -> dict[str, Any]:
    """Fixed test images with their reconstructions (from μ) and fixed prior samples."""
    idx = torch.linspace(0, data.n_test - 1, n).long()
    x = data.test_x[idx].cpu()
    z = torch.randn(n, model.latent_dim, generator=torch.Generator().manual_seed(0))
    if model.cfg.conditional:  # the test images' own labels; the samples as 0, 1, 2, …
        y = data.test_y[idx].cpu()
        mu, _ = model.encode(x, y)
        recon = model.decode(mu, y)
        samples = model.decode(z, torch.arange(n) % model.cfg.n_classes)
    else:
        mu, _ = model.encode(x)
        recon = model.decode(mu)
        samples = model.decode(z)
    out = {"recons": figures.image_grid(torch.cat([x, recon]), nrow=n),
           "samples": figures.image_grid(samples, nrow=n)}
    if model.latent_dim == 2 and not model.cfg.conditional:  # the decoded plane, as it forms
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
        session_job.set_beta(float(beta))  # a shared run: this session goes on alone


def _progress(snap: Any, epochs: int) -> None:
    status = PROGRESS["status"].get(snap.status, snap.status)
    st.progress(snap.progress, text=LIVE["progress_main"].format(
        status=status, epoch=snap.epoch, epochs=epochs, step=snap.step, total=snap.total_steps))
    last = snap.epochs[-1] if snap.epochs else None
    row = st.container(horizontal=True, gap="medium")
    for label, value in ((LIVE["epoch"], f"{snap.epoch}"), (LIVE["step"], f"{snap.step:,}"),
                         (LIVE["speed"], f"{snap.samples_per_s:,.0f}"),
                         (LIVE["eta"], _fmt_eta(snap.eta_s)),
                         (LIVE["test_elbo"], f"{last.test_elbo:.2f}" if last else "—")):
        row.metric(label, value, width=METRIC_W)
    k = len(last.test_kl_per_dim) if last else 0
    row.metric(LIVE["active"], f"{last.active_units} / {k}" if last else "—", width=METRIC_W,
               help=collapse.au_help())


def _charts(job: Any, snap: Any) -> None:
    """The losses, then the KL map: one above the other, so both keep a readable width on a
    narrow screen."""
    last = snap.epochs[-1] if snap.epochs else None
    st.markdown(f"**{LIVE['losses']}**")
    chart = st.container()
    toggles = st.container(horizontal=True, gap="large")
    stacked = toggles.toggle(LIVE["stacked"], key="live_stacked", persist_state=KEEP)
    log = toggles.toggle(LIVE["log_scale"], key="live_log", persist_state=KEEP,
                         help=LIVE["log_help"])
    lang = i18n.current_language()
    downloads.chart(run_figures.of_job(
        job, "loss", (snap.step, len(snap.epochs), stacked, log, lang),
        lambda: figures.loss_figure(snap.steps, snap.epochs, stacked=stacked, log=log,
                                    pixels=_mean_pixels(job))),
        LIVE["losses"], key="live_loss", where=chart)
    st.markdown(f"**{LIVE['kl_map']}**")
    downloads.chart(run_figures.of_job(
        job, "kl", (snap.step, last and last.active_units, lang),
        lambda: figures.kl_heatmap(snap.steps, active_units=last and last.active_units,
                                   active_kl=_active_kl(last))),
        LIVE["kl_map"], key="live_kl")
    collapse.au_caption()


def _active_kl(last: Any) -> list[float] | None:
    """The last test's KL of each active unit (runs cached before it was kept: None)."""
    if last is None or not last.test_mu_var_per_dim:
        return None
    return active_kl(last.test_kl_per_dim, last.test_mu_var_per_dim)


def _mean_pixels(job: Any) -> int | None:
    """D when the run averages its reconstruction over D pixels: its loss is in other units."""
    cfg = getattr(job, "train_cfg", None)
    data = getattr(job, "data", None)
    if cfg is None or cfg.reduction != "mean" or data is None:
        return None
    return int(data.n_pixels)


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
    # downloadable once the run has ended: while it runs the pictures change twice a second
    for name in ("recons", "samples", "manifold"):
        if name in images and ended:
            downloads.grid(images[name], LIVE[name], key=f"live_{name}")
        elif name in images:
            st.image(images[name], caption=LIVE[name])


def _queued(place: tuple[int, int], slot: Any) -> None:
    position, queued = place
    st.info(LIVE["queued"].format(position=position, queued=queued,
                                  limit=state.job_registry().limit), icon=":material/schedule:")
    st.button(LIVE["stop"], key="live_unqueue", icon=":material/stop:", on_click=slot.stop,
              kwargs={"timeout": 0})


def _shared_note(slot: Any, running: bool) -> None:
    """Say that the run is shared with other sessions, or came from the run cache."""
    if slot.how == "cached":
        st.caption(LIVE["cached"])
    elif slot.how == "joined" and slot.shared is not None and running:
        members = slot.shared.members(slot.job)
        if members >= 2:
            st.caption(LIVE["joined"].format(n=members))


def _told_or_wait(job: Any) -> None:
    """A server shutting down waits for this page to show how the run ended; a run it
    interrupted ends before it is saved, so the page polls until the words say where the
    weights went (shown before, the server could close with the page still saying "stopped")."""
    if not getattr(job, "interrupted", False) or getattr(job, "reported", True):
        shutdown.shown(job)
        return

    @st.fragment(run_every=POLL_S)
    def wait_for_the_save() -> None:
        if job.reported:
            st.rerun()

    wait_for_the_save()


def poll_every(members: int) -> float:
    """Seconds between redraws of a run's panel in each of its ``members`` sessions: every
    ``POLL_S`` for a run of one's own; a run shared by a class is redrawn about
    ``SHARED_REDRAWS_PER_S`` times a second in all, since every redraw is Python in the server
    process, and a class redrawing twice a second each took the GIL from the very training
    thread they watched (10 sessions: 290 s for an 8 s run, ``bench/bench_shared.py``)."""
    return max(POLL_S, members / SHARED_REDRAWS_PER_S)


def _watch_the_end(slot: Any) -> None:
    """A session redrawing its shared run slowly still sees it end within ``END_WATCH_S``:
    this fragment draws nothing, it only asks, and reruns the page when the run has ended."""

    @st.fragment(run_every=END_WATCH_S)
    def watch() -> None:
        if not slot.running():
            st.rerun()

    watch()


def live_panel() -> None:
    """Poll the session's job every ``POLL_S`` seconds while it waits or runs (a fragment),
    else draw its final state once. When it ends, rerun the whole app so the picker gets the
    model."""
    slot = session_job.job_slot()
    job = slot.job
    if job is None:
        st.info(TRAIN["idle"])
        # the empty axes say where the curves will be drawn; drawing a chart before Start also
        # has the browser load Plotly now, which took ~1.5 s of Start → first point otherwise
        st.markdown(f"**{LIVE['losses']}**")
        st.plotly_chart(figures.loss_figure([], []), key="live_loss")
        return
    if slot.cancelled:
        st.info(LIVE["left_queue"])
        return
    running = slot.running()
    queued = running and slot.queue_position() is not None
    if not running:
        _shared_note(slot, running)
    every = poll_every(slot.shared.members(job) if slot.shared is not None else 1)

    @st.fragment(run_every=(QUEUED_POLL_S if queued else every) if running else None)
    def panel() -> None:
        place = slot.queue_position()
        alive = slot.running()
        if place is not None:
            _queued(place, slot)
            return
        if queued:  # it has just left the queue: a full rerun polls at the training pace
            st.rerun()
        if slot.cancelled:  # Stop took it out of the queue: say so in a full rerun
            st.rerun()
        if slot.shared is not None and poll_every(slot.shared.members(job)) > 2 * every:
            st.rerun()  # more sessions joined: a full rerun sets this fragment's slower pace
        snap = job.snapshot()
        if alive:
            _shared_note(slot, alive)  # in the fragment: the count follows who joins
            _controls(job, snap, slot)
        _progress(snap, job.train_cfg.epochs)
        _charts(job, snap)
        train_latent.section(job, ended=not alive)
        _images(job, ended=not alive)
        if running and not alive:
            st.rerun()  # full rerun: harvest the model into the picker, stop polling

    panel()
    if running and not queued and every > END_WATCH_S:
        _watch_the_end(slot)
    if not running and not slot.harvested:
        # it ended between app.py's harvest and this page's check: nothing would rerun the
        # page, and the picker would lack the model until the learner's next click
        st.rerun()
    if not running:
        snap = job.snapshot()
        outcome = {"finished": st.success, "stopped": st.info, "diverged": st.warning,
                   "failed": st.error}.get(snap.status)
        if outcome is not None:
            message = job_words(snap)
            outcome(LIVE[snap.status].format(message=message[:1].upper() + message[1:]))
            _told_or_wait(job)
        last = snap.epochs[-1] if snap.epochs else None
        if last is not None:
            collapse.collapse_note(last.active_units, len(last.test_kl_per_dim))


