"""This session's "Why variational?" comparison (``ui.why.view``): the autoencoder-vs-VAE job and
the pictures drawn from its result, in a session-scoped ``st.cache_resource`` whose
``on_release`` stops the job when the tab closes (as ``ui.compare.sweeps`` keeps a session's
sweeps)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from ui.shell import session_job, state


class _WhyRuns:
    """The session's last comparison and the pictures drawn from it (memo, per run)."""

    def __init__(self) -> None:
        self.run: Any = None
        self.memo: dict[tuple, Any] = {}

    def stop(self) -> None:
        if self.run is not None:
            self.run.stop(timeout=0)


@st.cache_resource(scope="session", on_release=lambda runs: runs.stop(), show_spinner=False)
def _why_runs() -> _WhyRuns:
    return _WhyRuns()


def why_run() -> Any:
    """This session's ``WhyVariational`` (queued, running or ended), or None."""
    return _why_runs().run


def start_why(make_run: Any) -> Any:
    """Start ``make_run()`` through the server's job registry (one slot; ``ServerBusy`` when
    every slot is taken) as the session's comparison, in place of the previous one."""
    runs = _why_runs()
    runs.stop()
    runs.run = state.job_registry().start(make_run, who=session_job.who("why"), replaces=runs.run)
    runs.memo = {}
    return runs.run


def why_memo(key: tuple, make: Any) -> Any:
    """``make()`` once per comparison and ``key`` (figures and image grids of the results)."""
    memo = _why_runs().memo
    if key not in memo:
        memo[key] = make()
    return memo[key]
