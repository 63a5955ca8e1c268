"""The session's running job as a compact, self-refreshing progress bar (sidebar, home)."""

from __future__ import annotations

import streamlit as st

from ui.shell import session_job
from ui.shell.jobs import QUEUED_POLL_S
from ui.shell.strings import PROGRESS

POLL_S = 0.5


def progress_bar(*, where: str, poll_s: float = POLL_S) -> None:
    """A compact, self-refreshing progress bar for the session's running job (sidebar, home).

    When the job ends it reruns the whole app, so its model shows up in the picker whatever
    page the user is on."""
    slot = session_job.job_slot()
    if not slot.running():
        return

    queued = slot.queue_position() is not None

    @st.fragment(run_every=max(poll_s, QUEUED_POLL_S) if queued else poll_s,
                 key=f"job_progress_{where}")
    def bar() -> None:
        place = slot.queue_position()
        if place is not None:
            st.info(PROGRESS["queued_short"].format(position=place[0], queued=place[1]),
                    icon=":material/schedule:")
        else:
            snap = slot.job.snapshot()
            st.progress(snap.progress, text=PROGRESS["progress"].format(
                status=PROGRESS["status"].get(snap.status, snap.status), epoch=snap.epoch,
                step=snap.step, total=snap.total_steps or "?"))
        if not slot.running():
            st.rerun()

    bar()
