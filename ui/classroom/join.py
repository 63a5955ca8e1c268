"""The learner's side of a class: the continue code for another device (shown on the lessons
overview and the class page) and the class page itself (``/class?class=CODE``), where a
student opening the teacher's link types a display name and is enrolled."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import streamlit as st

from ui.classroom import database, identity, learner
from ui.classroom.store import (
    BadName,
    ClassClosed,
    ClassInfo,
    NameTaken,
    NoSuchClass,
    StoreUnavailable,
)
from ui.classroom.strings import CLASS, CLASSROOM
from ui.shell.i18n import LANG_PARAM, current_language
from ui.shell.inert import inert

PARAM = "class"
PAGE = "pages/class.py"
URL_PATH = "class"
K_CLASS = "_vl_class_code"      # the class this session opened (from the link or typed)
K_ROUTED = "_vl_class_routed"   # the link's ?class= has been followed


def storage_note() -> None:
    if identity.storage_refused():
        st.warning(CLASSROOM["storage_refused"], icon=":material/cookie_off:")


def continue_box() -> None:
    """The learner's continue code, and the field to continue as another device's learner."""
    storage_note()
    with st.expander(CLASSROOM["code_title"], icon=":material/devices:"):
        code = learner.continue_code()
        st.markdown(CLASSROOM["code_is"].format(code=code) if code
                    else CLASSROOM["code_waiting"])
        with st.form("vl_continue", border=False):
            typed = st.text_input(CLASSROOM["code_input"], max_chars=20,
                                  placeholder="K7QM-3XPA")
            if st.form_submit_button(CLASSROOM["code_button"]) and typed.strip():
                if learner.continue_with(typed):
                    st.session_state.pop(database.K_LOADED, None)
                    st.success(CLASSROOM["code_taken"], icon=":material/sync:")
                    st.rerun()
                st.error(CLASSROOM["code_unknown"], icon=":material/search_off:")


def route(page: object) -> None:
    """``/?class=CODE`` (the teacher's link lands on the home page) opens the class page, on a
    session's first run only: a stale parameter never pulls the learner back."""
    first = not st.session_state.get(K_ROUTED, False)
    st.session_state[K_ROUTED] = True
    code = st.query_params.get(PARAM)
    if first and code and getattr(page, "url_path", None) != URL_PATH:
        st.switch_page(PAGE, query_params={PARAM: str(code)[:20],
                                           LANG_PARAM: current_language()})


def render(lesson_links: Mapping[int, Callable[[], None]]) -> None:
    """The class page; ``lesson_links``: lesson number -> draws a link to it."""
    st.title(CLASS["title"])
    st.markdown(CLASS["intro"])
    storage_note()
    linked = st.query_params.get(PARAM)
    if linked:
        st.session_state[K_CLASS] = str(linked).strip()[:20]
    with st.form("vl_class_code", border=False):
        typed = st.text_input(CLASS["code_input"], value=st.session_state.get(K_CLASS, ""),
                              max_chars=20, help=CLASS["code_help"])
        if st.form_submit_button(CLASS["open"]):
            st.session_state[K_CLASS] = typed.strip()
    code = st.session_state.get(K_CLASS)
    if code:
        _class(code, lesson_links)
    continue_box()


def _class(code: str, lesson_links: Mapping[int, Callable[[], None]]) -> None:
    db, me = database.store(), identity.learner_id()
    if db is None:
        st.warning(CLASS["db_needed"], icon=":material/cloud_off:")
        return
    try:
        info = db.class_info(code)
        name = db.enrolment(code, me) if info is not None and me else None
    except StoreUnavailable:
        st.warning(CLASS["db_needed"], icon=":material/cloud_off:")
        return
    if info is None:
        st.error(CLASS["no_class"].format(code=inert(code)), icon=":material/search_off:")
        return
    if name is not None:
        st.success(CLASS["joined"].format(name=inert(info.name), learner=inert(name)),
                   icon=":material/groups:")
        st.markdown(CLASS["lessons"])
        for n in info.lessons:
            if n in lesson_links:
                lesson_links[n]()
        return
    if info.closed:
        st.error(CLASS["closed"].format(name=inert(info.name)), icon=":material/lock:")
        return
    st.markdown(CLASS["class_is"].format(name=inert(info.name)))
    if me is None:
        st.info(CLASS["wait"], icon=":material/hourglass_top:")
        return
    _join_form(db, info, me)


def _join_form(db: object, info: ClassInfo, me: str) -> None:
    with st.form("vl_join", border=False):
        typed = st.text_input(CLASS["name_input"], max_chars=40, help=CLASS["name_help"])
        if not st.form_submit_button(CLASS["join"], type="primary"):
            return
    try:
        db.enroll(info.code, me, typed)
    except NameTaken:
        st.error(CLASS["name_taken"].format(name=inert(typed.strip())), icon=":material/badge:")
        return
    except BadName:
        st.error(CLASS["name_bad"], icon=":material/badge:")
        return
    except (ClassClosed, NoSuchClass):  # closed (or gone) since the page was drawn
        st.error(CLASS["closed"].format(name=inert(info.name)), icon=":material/lock:")
        return
    except StoreUnavailable:
        st.warning(CLASS["db_needed"], icon=":material/cloud_off:")
        return
    st.rerun()
