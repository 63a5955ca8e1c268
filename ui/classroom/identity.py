"""Who the learner is: a random id kept in the browser's ``localStorage`` (``learner.js``), so
a reload, a reopened tab or a restarted server finds the same learner without an account.

The id arrives one run after the page opens (the component reports, which reruns the page);
until then, and for good in a browser that refuses storage, the learner is this tab's alone.
A learner who types their continue code on another device *adopts* that id: it is written into
this browser's storage too.
"""

from __future__ import annotations

import secrets
from functools import cache
from pathlib import Path
from typing import Any

import streamlit as st

HERE = Path(__file__).parent
NAME = "vae_lab_learner"
K_COMPONENT = "vl_learner"            # the component's key: its state holds the report
K_ADOPTED = "_vl_learner_adopted"     # an id taken over with a continue code
K_TAB_ONLY = "_vl_learner_tab_only"   # the id of a learner whose browser refuses storage
K_REMEMBER = "_vl_learner_lang"       # the language the browser should remember


@cache
def _renderer() -> Any:
    return st.components.v2.component(NAME, html="", js=(HERE / "learner.js").read_text())


def report() -> dict | None:
    """What the browser said: {"id", "lang", "storage": "ok" | "refused"}, or None before it
    has said anything (the first run of a page, or a test without a browser)."""
    value = st.session_state.get(K_COMPONENT)
    got = value.get("learner") if isinstance(value, dict) else None
    return got if isinstance(got, dict) else None


def mount() -> None:
    """The invisible component, on every run (an element left out of a run loses its state)."""
    _renderer()(key=K_COMPONENT, height=0, width="content",
                data={"adopt": st.session_state.get(K_ADOPTED),
                      "lang": st.session_state.get(K_REMEMBER), "reported": report()},
                on_learner_change=lambda: None)


def storage_refused() -> bool:
    got = report()
    return got is not None and got.get("storage") == "refused"


def learner_id() -> str | None:
    """This learner's id: adopted, kept by the browser, or (storage refused) this tab's own;
    None while the browser has not answered yet."""
    adopted = st.session_state.get(K_ADOPTED)
    if adopted:
        return adopted
    got = report()
    if got is None:
        return None
    if got.get("id"):
        return str(got["id"])
    return st.session_state.setdefault(K_TAB_ONLY, secrets.token_urlsafe(16))


def browser_language() -> str | None:
    got = report()
    return got.get("lang") if got else None


def adopt(learner: str) -> None:
    """Continue as ``learner`` (found by a continue code): this tab now, this browser after."""
    st.session_state[K_ADOPTED] = learner


def remember_language(lang: str) -> None:
    """Ask the browser to keep ``lang`` (it is also written to the learner's record)."""
    st.session_state[K_REMEMBER] = lang
