"""A background run's live panel: the part the Why-variational comparison, the few-labels
comparison and the β / likelihood sweeps share (their bars and end messages differ)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

POLL_S = 0.5


def live_panel(run: Any, *, idle: str, draw: Callable[[Any], None]) -> bool:
    """Tell the learner nothing is running (``idle``) when ``run`` is None, else draw its
    snapshot with ``draw`` in a fragment that polls while it runs. Return whether there is an
    ended run whose results the page may now show.

    Only the fragment reruns while the run trains; the moment it ends, the whole page reruns,
    so that its results appear without a click."""
    if run is None:
        st.info(idle)
        return False
    running = run.is_alive()

    @st.fragment(run_every=POLL_S if running else None)
    def panel() -> None:
        draw(run.snapshot())
        if running and not run.is_alive():
            st.rerun()

    panel()
    return not running
