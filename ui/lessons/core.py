"""The lessons' machinery: the registry, the facts of this session, ticking tasks, drawing a
lesson page and the overview, and the ``?lesson=N`` link."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from ui.classroom.catalog import LessonInfo
from ui.classroom.join import continue_box
from ui.lessons import content, progress, quiz, runs, worksheet
from ui.lessons.content import Lesson
from ui.lessons.facts import Facts
from ui.lessons.strings import LESSONS
from ui.lessons.tasks import TASKS
from ui.shell.i18n import LANG_PARAM, current_language
from ui.shell.inert import inert

PARAM = "lesson"
OVERVIEW = "pages/lessons.py"
OVERVIEW_PATH = "lessons"  # its url path (app.py)


def registry() -> dict[int, Lesson]:
    return content.LESSONS


def page_path(n: int) -> str:
    return f"pages/lesson_{n}.py"


# -- ticks -------------------------------------------------------------------------------------
def update_ticks(now: Facts) -> dict[int, set[str]]:
    """Tick every task whose check holds now; a tick stays for the session."""
    for number, tasks in TASKS.items():
        for task in tasks:
            if task.check(now):
                progress.tick_lesson_task(number, task.id)
    return progress.lesson_ticks()


def _task_list(lesson: Lesson, ticked: set[str]) -> None:
    texts = lesson.text["tasks"]
    for task in lesson.tasks:
        done = task.id in ticked
        with st.container(border=True):
            mark = ":material/check_circle:" if done else ":material/radio_button_unchecked:"
            status = LESSONS["done"] if done else LESSONS["not_yet"]
            st.markdown(f"{mark} **{status}** · {texts[task.id]}")
            st.caption(LESSONS["checked"].format(how=lesson.text["checks"][task.id]))


# -- pages -------------------------------------------------------------------------------------
def render_lesson(n: int) -> None:
    """Lesson ``n``: explanation, live view, Try this (tasks, its runs), quiz, neighbours."""
    lesson = registry()[n]
    st.query_params[PARAM] = str(n)  # the address bar is the shareable link
    text = lesson.text
    st.title(LESSONS[f"page_{n}"])
    st.markdown(text["explain"])
    for formula in lesson.formulas:
        st.latex(formula)
    _derivation(lesson)
    worksheet.render(lesson)  # printed, the page is this worksheet (hidden on screen)
    st.subheader(LESSONS["live"])
    lesson.view()
    st.subheader(LESSONS["try"])
    runs.buttons(n, lesson.presets, text["runs"] if lesson.presets else {})
    now = progress.facts()
    _task_list(lesson, update_ticks(now).get(n, set()))
    if lesson.table:
        runs.table(now)
    st.subheader(LESSONS["quiz"])
    quiz.render(n, lesson.questions, text["quiz"])
    _neighbours(n)


def _derivation(lesson: Lesson) -> None:
    """One collapsed expander a step, so that a student opens the next when ready."""
    if not lesson.derivation:
        return
    steps = lesson.text["steps"]
    st.markdown(f"**{steps['title']}**")
    for i, formula in enumerate(lesson.derivation, start=1):
        step = steps[str(i)]
        with st.expander(f"{i}. {step['title']}"):
            st.markdown(step["text"])
            st.latex(formula)


def _neighbours(n: int) -> None:
    # a wrapping row: at 800 px three columns would cut the lessons' titles
    row = st.container(horizontal=True, horizontal_alignment="distribute")
    if n > 1:
        row.page_link(page_path(n - 1), label=LESSONS[f"page_{n - 1}"],
                      icon=":material/arrow_back:", width="content")
    row.page_link(OVERVIEW, label=LESSONS["back"], icon=":material/menu_book:", width="content")
    if n < len(registry()):
        row.page_link(page_path(n + 1), label=LESSONS[f"page_{n + 1}"],
                      icon=":material/arrow_forward:", width="content")


def progress_rows(ticked: dict[int, set[str]]) -> list[dict[str, str]]:
    cols = LESSONS["overview_cols"]
    rows = []
    for n, lesson in registry().items():
        done = len(ticked.get(n, set()) & {t.id for t in lesson.tasks})
        rows.append({cols["lesson"]: LESSONS[f"page_{n}"], cols["teaches"]: lesson.text["teaches"],
                     cols["tasks"]: f"{done} / {len(lesson.tasks)}",
                     cols["quiz"]: LESSONS["quiz_score"].format(
                         right=quiz.right(n, lesson.questions),
                         answered=quiz.answered(n, lesson.questions),
                         total=len(lesson.questions))})
    return rows


def render_overview() -> None:
    st.title(LESSONS["title"])
    bad = invalid_param()
    if bad is not None:
        st.error(LESSONS["bad_lesson"].format(value=inert(bad), last=len(registry())))
    st.markdown(LESSONS["intro"])
    ticked = update_ticks(progress.facts())
    st.table(progress_rows(ticked), hide_index=True, border="horizontal")  # text wraps
    total = sum(len(lesson.tasks) for lesson in registry().values())
    done = sum(len(ticked.get(n, set())) for n in registry())
    st.progress(done / total, text=LESSONS["total"].format(done=done, total=total))
    for n, lesson in registry().items():
        st.page_link(page_path(n), label=LESSONS[f"page_{n}"], icon=":material/bookmark:",
                     help=lesson.text["teaches"])
    st.caption(LESSONS["share"])
    continue_box()


def lesson_links() -> dict[int, Callable[[], None]]:
    """Lesson number -> draws a link to that lesson (the class page lists its class's)."""
    def link(n: int) -> Callable[[], None]:
        return lambda: st.page_link(page_path(n), label=LESSONS[f"page_{n}"],
                                    icon=":material/bookmark:")
    return {n: link(n) for n in registry()}


def catalog() -> dict[int, LessonInfo]:
    """What the teacher's dashboard shows of each lesson, in the page's language."""
    return {n: LessonInfo(LESSONS[f"page_{n}"],
                          tuple((t.id, _plain(lesson.text["tasks"][t.id]))
                                for t in lesson.tasks),
                          len(lesson.questions))
            for n, lesson in registry().items()}


# -- ?lesson=N ---------------------------------------------------------------------------------
def requested(params: Any) -> tuple[int | None, str | None]:
    """(lesson number, None) for a valid ``?lesson=N``, (None, the raw value) for a bad one,
    (None, None) when there is none."""
    raw = params.get(PARAM)
    if raw is None:
        return None, None
    text = str(raw).strip()
    if text.isdigit() and 1 <= int(text) <= len(registry()):
        return int(text), None
    return None, text


def invalid_param() -> str | None:
    return requested(st.query_params)[1]


def route(page: Any) -> None:
    """Called by ``app.py`` after ``st.navigation``: a link ``/?lesson=N`` (it lands on the
    default page) or ``/lessons?lesson=N`` opens lesson N; a bad N, the overview, which says
    why. Only the first run of a session follows the link, so a stale parameter never pulls
    the learner back."""
    if page.url_path not in ("", OVERVIEW_PATH) or not progress.first_lesson_route():
        return
    number, bad = requested(st.query_params)
    if number is not None:
        st.switch_page(page_path(number), query_params={PARAM: str(number), **_language()})
    if bad is not None and page.url_path == "":
        st.switch_page(OVERVIEW, query_params={PARAM: bad, **_language()})


def _plain(markdown: str) -> str:
    """A task's words for a table cell, which shows Markdown's marks as they are."""
    return markdown.replace("**", "")


def _language() -> dict[str, str]:
    """The language shown, kept in the address bar across the switch."""
    return {LANG_PARAM: current_language()}
