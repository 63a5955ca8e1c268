"""Why a Start did not start, in the reader's language: the one place where the Train page, the
Compare pages' sweeps, the "Why variational?" view and the lessons' runs turn a refusal into a
message.

Each page words it with its own table, which has the keys ``busy``, ``data_error`` and
``bad_config`` (and ``closing`` where the page says a restarting server apart from a busy one).
A refused config is worded from its code (``ui.shell.config_words``), a dataset problem by
``ui.shell.datasets.error_message``; the English of the core is never shown to a 中文 reader where a
code exists.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import streamlit as st

from ui.shell import datasets
from ui.shell.config_words import error_words
from ui.shell.jobs import ClientBusy, ClientQueueFull, ServerBusy, ServerClosing, SessionBusy
from ui.shell.strings import FAIR
from vae_core.data import DatasetUnavailable

# what a Start may be refused with: QueueFull and ServerClosing are ServerBusy,
# DatasetUnavailable and ConfigError are ValueErrors (a config field out of its range), and
# SessionBusy is the fairness rule of one job per session
REFUSALS = (ServerBusy, SessionBusy, ValueError)


def attempt(start: Callable[[], Any]) -> tuple[Any, Exception | None]:
    """``(start(), None)``, or ``(None, refusal)`` when it raised one of ``REFUSALS``."""
    try:
        return start(), None
    except REFUSALS as exc:  # kept only to be worded: its traceback would pin the frames
        return None, exc.with_traceback(None)


def explain(refusal: Exception, table: Mapping[str, str]) -> tuple[str, str]:
    """``(kind, message)`` for a refused Start: "warning" when the server is busy or
    restarting (try again later), "error" when the data or the settings are at fault. The
    fairness refusals are worded alike on every page (``FAIR``)."""
    if isinstance(refusal, SessionBusy):
        return "warning", FAIR["session_busy"].format(what=FAIR["kinds"][refusal.kind])
    if isinstance(refusal, ClientQueueFull):
        return "warning", FAIR["client_queue_full"].format(per_client=refusal.per_client)
    if isinstance(refusal, ClientBusy):
        return "warning", FAIR["client_running"].format(per_client=refusal.per_client)
    if isinstance(refusal, ServerBusy):
        key = "closing" if isinstance(refusal, ServerClosing) and "closing" in table else "busy"
        return "warning", table[key].format(running=refusal.running, limit=refusal.limit,
                                            queued=getattr(refusal, "queued", 0))
    if isinstance(refusal, DatasetUnavailable):
        return "error", table["data_error"].format(error=datasets.error_message(refusal))
    return "error", table["bad_config"].format(error=error_words(refusal))


def show(kind: str, message: str) -> None:
    (st.warning if kind == "warning" else st.error)(message)


def start_or_explain(start: Callable[[], Any], table: Mapping[str, str]) -> tuple[bool, Any]:
    """Run ``start()``: ``(True, its result)``, or ``(False, None)`` once the refusal is shown
    as a message worded with ``table``."""
    value, refusal = attempt(start)
    if refusal is not None:
        show(*explain(refusal, table))
    return refusal is None, value
