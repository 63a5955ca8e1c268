"""A lesson page printed from the browser is a worksheet in the learner's language.

``render`` adds two things to the page: the print stylesheet ``worksheet.css`` (style-only HTML,
which Streamlit sends to its event container, so it takes no room on screen) and a section that
only print shows: the lesson's tasks and its questions, the options in this learner's order
(``quiz.order``), each followed by ruled lines to write on. In print the stylesheet hides the
sidebar, the header and toolbar and every element after this section: the lesson's live view,
run buttons, task boxes, run table, on-screen quiz (with its answers) and links. The call
therefore sits right after the explanation and its formulas (``core.render_lesson``), which
print as they are, formulas whole.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import streamlit as st

from ui.lessons import quiz
from ui.lessons.content import Lesson
from ui.lessons.strings import LESSONS
from ui.shell.i18n import current_language

CSS = Path(__file__).with_name("worksheet.css")
TASK_LINES = 3      # ruled lines under a task: what the learner saw
QUESTION_LINES = 2  # under a question: why that answer

_BOLD = re.compile(r"\*\*(\S(?:.*?\S)?)\*\*")
_EM = re.compile(r"(?<![\w*])\*(\S(?:.*?\S)?)\*(?![\w*])")
_CODE = re.compile(r"`([^`]+)`")


def inline(text: str) -> str:
    """An app string as HTML: escaped first, then its inline Markdown (``**bold**``,
    ``*emphasis*``, ```code```) made into tags, so that nothing in it is read as HTML."""
    out = html.escape(text, quote=True)
    out = _CODE.sub(r"<code>\1</code>", out)
    out = _BOLD.sub(r"<strong>\1</strong>", out)
    return _EM.sub(r"<em>\1</em>", out)


def _lines(n: int) -> str:
    return '<div class="vl-ws-lines">' + '<div class="vl-ws-line"></div>' * n + "</div>"


def sheet(lesson: Lesson) -> str:
    """The print-only section of ``lesson`` in the current language, as HTML."""
    text = lesson.text
    tasks = "".join(f'<li class="vl-ws-item"><p>{inline(text["tasks"][task.id])}</p>'
                    f"{_lines(TASK_LINES)}</li>" for task in lesson.tasks)
    questions = []
    for q in lesson.questions:
        words = text["quiz"][q.id]
        options = "".join(f"<li>{inline(words['options'][option])}</li>"
                          for option in quiz.order(lesson.number, q))
        questions.append(f'<li class="vl-ws-item"><p>{inline(words["q"])}</p>'
                         f'<ol class="vl-ws-options" type="A">{options}</ol>'
                         f"{_lines(QUESTION_LINES)}</li>")
    lang = "zh-Hans" if current_language() == "zh" else "en"
    return (f'<section class="vl-worksheet" lang="{lang}">'
            f'<div class="vl-ws-head"><h2>{inline(LESSONS["ws_title"])}</h2>'
            f'<span class="vl-ws-field">{inline(LESSONS["ws_name"])}</span>'
            f'<span class="vl-ws-blank"></span>'
            f'<span class="vl-ws-field">{inline(LESSONS["ws_date"])}</span>'
            f'<span class="vl-ws-blank vl-ws-short"></span></div>'
            f'<p class="vl-ws-intro">{inline(LESSONS["ws_intro"])}</p>'
            f'<h3>{inline(LESSONS["ws_tasks"])}</h3><ol class="vl-ws-tasks">{tasks}</ol>'
            f'<h3>{inline(LESSONS["ws_questions"])}</h3>'
            f'<ol class="vl-ws-questions">{"".join(questions)}</ol></section>')


def render(lesson: Lesson) -> None:
    """The print stylesheet and the print-only worksheet of ``lesson`` (hidden on screen)."""
    st.html(CSS)  # a .css Path: wrapped in <style>, and style-only HTML takes no room
    st.html(sheet(lesson))
