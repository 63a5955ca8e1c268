"""This session's few-labels comparison (``ui.fewlabels.view``): the background job in a
session-scoped ``st.cache_resource`` whose ``on_release`` stops it when the tab closes (as
``ui.why.runs`` keeps the "Why variational?" comparison)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from ui.shell import session_job, state


class _FewRuns:
    def __init__(self) -> None:
        self.run: Any = None

    def stop(self) -> None:
        if self.run is not None:
            self.run.stop(timeout=0)


@st.cache_resource(scope="session", on_release=lambda runs: runs.stop(), show_spinner=False)
def _few_runs() -> _FewRuns:
    return _FewRuns()


def few_run() -> Any:
    """This session's ``SemiSupervised`` job (queued, running or ended), or None."""
    return _few_runs().run


def start_few(make_run: Any) -> Any:
    """Start ``make_run()`` through the server's job registry (``ServerBusy`` when every slot
    is taken) in place of the session's previous comparison."""
    runs = _few_runs()
    runs.stop()
    runs.run = state.job_registry().start(make_run, who=session_job.who("fewlabels"),
                                          replaces=runs.run)
    return runs.run
