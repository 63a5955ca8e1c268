"""The teacher's page: create a class (its link and its key, shown once), and open a class's
dashboard with its key. The key is typed into a password field, never put in a URL; the
session remembers only which classes it opened."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode, urlsplit

import streamlit as st

from ui.classroom import dashboard, database
from ui.classroom.catalog import LessonInfo
from ui.classroom.join import PARAM
from ui.classroom.store import BadName, NewClass, NoSuchClass, StoreUnavailable, TooManyTries
from ui.classroom.strings import TEACHER
from ui.shell import widgets
from ui.shell.i18n import LANG_PARAM
from ui.shell.inert import inert

K_OPENED = "_vl_teacher_opened"     # class codes whose key this session typed right
K_CREATED = "_vl_teacher_created"   # (NewClass, name) of the class just created


def render(catalog: Mapping[int, LessonInfo]) -> None:
    st.title(TEACHER["title"])
    st.markdown(TEACHER["intro"])
    db = database.store()
    if db is None:
        st.warning(TEACHER["db_needed"], icon=":material/cloud_off:")
        return
    created = st.session_state.get(K_CREATED)
    if created is not None:
        _show_created(*created)
    for code in sorted(st.session_state.get(K_OPENED, set())):
        dashboard.render(db, code, catalog, on_leave=lambda c=code: _leave(c))
    _create_form(db, catalog)
    _open_form(db)


def _leave(code: str) -> None:
    st.session_state.get(K_OPENED, set()).discard(code)
    created = st.session_state.get(K_CREATED)
    if created is not None and created[0].code == code:
        del st.session_state[K_CREATED]


def class_link(code: str, lang: str) -> str:
    """The address a student opens: the app's root with ``?class=CODE&lang=…``."""
    url = st.context.url or ""
    parts = urlsplit(url)
    root = f"{parts.scheme}://{parts.netloc}/" if parts.netloc else "./"
    return f"{root}?{urlencode({PARAM: code, LANG_PARAM: lang})}"


def _create_form(db: object, catalog: Mapping[int, LessonInfo]) -> None:
    st.subheader(TEACHER["create"])
    with st.form("vl_create_class"):
        name = st.text_input(TEACHER["name_input"], max_chars=80)
        lessons = st.multiselect(TEACHER["lessons_input"], list(catalog),
                                 default=list(catalog), format_func=lambda n: catalog[n].title,
                                 placeholder=widgets.choose_many())
        if st.form_submit_button(TEACHER["create_button"], type="primary"):
            if not lessons:
                st.error(TEACHER["no_lessons"], icon=":material/playlist_remove:")
            else:
                _create(db, name, lessons)


def _create(db: object, name: str, lessons: list[int]) -> None:
    try:
        made = db.create_class(name, lessons)
    except BadName:
        st.error(TEACHER["name_bad"], icon=":material/badge:")
        return
    except StoreUnavailable:
        st.warning(TEACHER["db_needed"], icon=":material/cloud_off:")
        return
    st.session_state[K_CREATED] = (made, name.strip())
    st.session_state.setdefault(K_OPENED, set()).add(made.code)
    st.rerun()  # the page shows the new class's link, key and dashboard at its top


def _show_created(made: NewClass, name: str) -> None:
    with st.container(border=True, key="vl_class_created"):
        st.success(TEACHER["created"].format(name=inert(name)), icon=":material/key:")
        st.markdown(TEACHER["code"].format(code=made.code))
        st.caption(TEACHER["link_en"])
        st.code(class_link(made.code, "en"), language=None, wrap_lines=True)
        st.caption(TEACHER["link_zh"])
        st.code(class_link(made.code, "zh"), language=None, wrap_lines=True)
        st.caption(TEACHER["key"])
        st.code(made.teacher_key, language=None)


def _open_form(db: object) -> None:
    st.subheader(TEACHER["open"])
    with st.form("vl_open_class"):
        code = st.text_input(TEACHER["code_input"], max_chars=20)
        key = st.text_input(TEACHER["key_input"], type="password", max_chars=100)
        if not st.form_submit_button(TEACHER["open_button"]):
            return
    try:
        right = db.check_key(code.strip(), key.strip())
    except NoSuchClass:
        st.error(TEACHER["no_class"], icon=":material/search_off:")
        return
    except TooManyTries as exc:
        st.error(TEACHER["too_many"].format(seconds=int(exc.retry_after_s)),
                 icon=":material/timer:")
        return
    except StoreUnavailable:
        st.warning(TEACHER["db_needed"], icon=":material/cloud_off:")
        return
    if not right:
        st.error(TEACHER["wrong_key"], icon=":material/key_off:")
        return
    info = db.class_info(code.strip())
    st.session_state.setdefault(K_OPENED, set()).add(info.code)
    st.rerun()
