"""A class's dashboard, for its teacher: learners × lessons (tasks ticked, first-try quiz
score, last active), how many learners did each task, the table as CSV, removing a learner
and closing the class. It refreshes itself every few seconds while open.

Names are a learner's own text: they appear only as table cells and options (plain text),
and in Markdown only escaped."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import streamlit as st

from ui.classroom.catalog import LessonInfo
from ui.classroom.export import to_csv
from ui.classroom.store import ClassInfo, DashboardRow, StoreUnavailable
from ui.classroom.strings import TEACHER
from ui.shell.inert import inert

REFRESH_S = 5


def table(rows: Sequence[DashboardRow], info: ClassInfo,
          catalog: Mapping[int, LessonInfo]) -> list[dict[str, Any]]:
    """One row per learner: name, last active, and per lesson "done/tasks · quiz right/tried"."""
    cols = TEACHER["cols"]
    out = []
    for row in rows:
        line: dict[str, Any] = {
            cols["name"]: row.name,
            cols["last"]: (row.last_active.strftime("%Y-%m-%d %H:%M UTC")
                           if row.last_active else TEACHER["never"])}
        for n in info.lessons:
            lesson = catalog[n]
            done = len(row.ticks.get(n, frozenset()) & {t for t, _ in lesson.tasks})
            right, asked = row.first_try.get(n, (0, 0))
            line[cols["lesson"].format(n=n)] = TEACHER["cell"].format(
                done=done, tasks=len(lesson.tasks), right=right, asked=asked)
        out.append(line)
    return out


def task_counts(rows: Sequence[DashboardRow], info: ClassInfo,
                catalog: Mapping[int, LessonInfo]) -> list[dict[str, Any]]:
    cols = TEACHER["tasks_cols"]
    return [{cols["lesson"]: catalog[n].title, cols["task"]: text,
             cols["done"]: f"{sum(task in r.ticks.get(n, frozenset()) for r in rows)} / "
                           f"{len(rows)}"}
            for n in info.lessons for task, text in catalog[n].tasks]


def render(db: Any, code: str, catalog: Mapping[int, LessonInfo],
           on_leave: Callable[[], None]) -> None:
    with st.container(border=True, key=f"vl_dashboard_{code}"):
        _live(db, code, catalog)
        if st.button(TEACHER["leave"], key=f"vl_leave_{code}", icon=":material/logout:"):
            on_leave()
            st.rerun()


@st.fragment(run_every=REFRESH_S)
def _live(db: Any, code: str, catalog: Mapping[int, LessonInfo]) -> None:
    try:
        info, rows = db.class_info(code), db.dashboard(code)
    except StoreUnavailable:
        st.warning(TEACHER["db_needed"], icon=":material/cloud_off:")
        return
    st.markdown(TEACHER["dashboard"].format(name=inert(info.name), code=info.code,
                                            count=len(rows)))
    if info.closed:
        st.info(TEACHER["closed_note"], icon=":material/lock:")
    st.caption(TEACHER["refresh"].format(seconds=REFRESH_S))
    if not rows:
        st.info(TEACHER["empty"], icon=":material/group_add:")
        return
    learners = table(rows, info, catalog)
    st.dataframe(learners, hide_index=True, key=f"vl_table_{code}")
    st.caption(TEACHER["cell_help"])
    st.markdown(f"**{TEACHER['tasks_title']}**")
    # the app's own words only, so a table that wraps them (a grid would cut them at 800 px)
    st.table(task_counts(rows, info, catalog), hide_index=True, border="horizontal")
    st.download_button(TEACHER["export"], to_csv(learners), file_name=f"class-{code}.csv",
                       mime="text/csv", icon=":material/download:", on_click="ignore",
                       key=f"vl_csv_{code}")
    _manage(db, info, rows)


def _manage(db: Any, info: ClassInfo, rows: Sequence[DashboardRow]) -> None:
    names = {r.learner_id: r.name for r in rows}
    with st.expander(TEACHER["remove"], icon=":material/person_remove:"):
        who = st.selectbox(TEACHER["remove_pick"], list(names), format_func=names.get,
                           index=None, key=f"vl_remove_pick_{info.code}")
        if st.button(TEACHER["remove_button"], key=f"vl_remove_{info.code}",
                     disabled=who is None):
            db.remove_learner(info.code, who)
            st.toast(TEACHER["removed"].format(name=inert(names[who])))
            st.rerun()
    if info.closed:
        return
    with st.expander(TEACHER["close"], icon=":material/lock:"):
        sure = st.checkbox(TEACHER["close_confirm"], key=f"vl_close_sure_{info.code}")
        if st.button(TEACHER["close_button"], key=f"vl_close_{info.code}", disabled=not sure):
            db.close_class(info.code)
            st.toast(TEACHER["close_done"])
            st.rerun()
