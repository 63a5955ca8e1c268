"""The learner across reloads, tabs and restarts: what ``app.py`` asks on every run.

The learner's id comes from the browser (``identity``); their record (language, lesson ticks,
quiz attempts, facts) from the database (``database``). The lessons keep their own progress
in the session and merge the stored one in (``ui.lessons.progress``); this module handles the
language and the continue code.
"""

from __future__ import annotations

import streamlit as st

from ui.classroom import database, identity
from ui.classroom.store import Language, LearnerProgress

K_LANG_KEPT = "_vl_learner_lang_kept"   # the language last written for this learner


def before_page() -> None:
    """Land the writes that waited for the database; name a damaged one."""
    database.flush()
    database.damaged_banner()


def stored() -> LearnerProgress | None:
    """This learner's record, once the browser has said who they are and the database
    answered; None before (the learner is then this tab's alone, for now)."""
    learner = identity.learner_id()
    return database.load(learner) if learner else None


def remembered_language() -> str | None:
    record = stored()
    return (record.lang if record is not None else None) or identity.browser_language()


def keep_language(lang: str) -> None:
    """Remember the language shown now, in the browser and in the learner's record, and mount
    the component that keeps the id (in the sidebar: it draws nothing)."""
    learner = identity.learner_id()
    if learner is not None:
        identity.remember_language(lang)
        record = stored()
        kept = st.session_state.get(K_LANG_KEPT, record.lang if record is not None else None)
        if record is not None and kept != lang:
            database.write(learner, [Language(lang)])
            st.session_state[K_LANG_KEPT] = lang
    with st.sidebar:
        identity.mount()


def continue_code() -> str | None:
    """The learner's short code for another device, as shown ("K7QM-3XPA")."""
    record = stored()
    if record is None:
        return None
    return record.shown_code


def continue_with(code: str) -> bool:
    """Become the learner whose continue code this is; False when no learner has it (or the
    database cannot answer now)."""
    db = database.store()
    if db is None:
        return False
    try:
        found = db.learner_by_code(code)
    except database.StoreUnavailable:
        return False
    if found is None:
        return False
    identity.adopt(found)
    st.session_state.pop(K_LANG_KEPT, None)
    return True
