"""The lessons' quizzes assess: at least three questions a lesson, the right option not given
away by its length (in English and in 中文), every option explained in both languages, the
options shuffled for each learner (stable for the same learner, across processes), and the
first try counted (AppTest: a wrong answer then the right one scores 0, and the page says why).
The printed worksheet lists the same questions in the learner's order."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.support import server_like_env
from tests.test_pages_explore import APP, TIMEOUT, texts
from ui.lessons import core, progress, quiz, worksheet
from ui.shell import i18n
from ui.shell.i18n import LANG_KEY

OVERVIEW = "pages/lessons.py"
LANGS = ("en", "zh")
SEEDS = [f"learner-{i}" for i in range(12)]
CJK = re.compile(r"[\u4e00-\u9fff]")


def option_text(n: int, qid: str, option: str, lang: str, part: str = "options") -> str:
    if lang == "zh":
        return i18n.translations("zh")[f"LESSON{n}.quiz.{qid}.{part}.{option}"]
    return core.registry()[n].text.english("quiz")[qid][part][option]


def all_questions():
    return [(n, q) for n, lesson in core.registry().items() for q in lesson.questions]


# -- the questions -----------------------------------------------------------------------------
def test_every_lesson_has_at_least_three_questions():
    counts = {n: len(lesson.questions) for n, lesson in core.registry().items()}
    assert sorted(counts) == list(range(1, 10))
    assert all(c >= 3 for c in counts.values()), counts
    for n, lesson in core.registry().items():
        assert len({q.id for q in lesson.questions}) == len(lesson.questions), n
        for q in lesson.questions:
            assert q.answer in q.options and len(q.options) >= 3, (n, q.id)


@pytest.mark.parametrize("lang", LANGS)
def test_the_right_option_is_not_given_away_by_its_length(lang):
    """The right option is the strictly longest in at most a third of the questions, and never
    longer than 1.3 times the mean length of its question's wrong options."""
    longest, too_long = [], []
    for n, q in all_questions():
        size = {o: len(option_text(n, q.id, o, lang)) for o in q.options}
        right = size[q.answer]
        wrong = [s for o, s in size.items() if o != q.answer]
        if right > max(wrong):
            longest.append(f"{n}.{q.id}")
        if right > 1.3 * sum(wrong) / len(wrong):
            too_long.append((f"{n}.{q.id}", size))
    assert too_long == []
    assert len(longest) <= len(all_questions()) / 3, longest


def test_every_option_is_explained_in_both_languages():
    zh = i18n.translations("zh")
    for n, lesson in core.registry().items():
        words = lesson.text.english("quiz")
        for q in lesson.questions:
            assert set(words[q.id]["options"]) == set(words[q.id]["why"]) == set(q.options)
            question = zh[f"LESSON{n}.quiz.{q.id}.q"]
            assert CJK.search(question), (n, q.id)
            for option in q.options:
                why = option_text(n, q.id, option, "zh", "why")
                assert words[q.id]["why"][option].strip() and CJK.search(why), (n, q.id, option)
                assert option_text(n, q.id, option, "zh").strip()


# -- the shuffle -------------------------------------------------------------------------------
def test_the_shuffle_is_a_permutation_stable_for_a_seed_and_different_across_seeds():
    changed, answer_first, shown = 0, 0, 0
    for n, q in all_questions():
        orders = [quiz.order(n, q, seed) for seed in SEEDS]
        assert all(sorted(o) == sorted(q.options) for o in orders), (n, q.id)
        assert orders == [quiz.order(n, q, seed) for seed in SEEDS]  # the same again
        changed += len(set(orders)) > 1
        answer_first += sum(o[0] == q.answer for o in orders)
        shown += len(orders)
    assert changed >= len(all_questions()) / 2
    # the right option comes first for about a third of the learners, not for all of them
    assert 0.2 < answer_first / shown < 0.5


@pytest.mark.e2e  # whole interpreters in subprocesses, like the other e2e-marked programs
def test_the_shuffle_does_not_depend_on_the_process():
    """SHA-256, not ``hash()``: another interpreter with another hash seed agrees."""
    code = ("from ui.lessons import core, quiz\n"
            "print([quiz.order(n, q, 'learner-7') for n, l in core.registry().items() "
            "for q in l.questions])")
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True, env={**os.environ, "PYTHONHASHSEED": salt},
                           cwd=Path(APP).parent).stdout.strip().splitlines()[-1]
            for salt in ("1", "2")]
    here = str([quiz.order(n, q, "learner-7") for n, q in all_questions()])
    assert runs == [here, here]


# -- the page (AppTest) ------------------------------------------------------------------------
@pytest.fixture
def env(tmp_path, monkeypatch):
    with server_like_env(tmp_path, monkeypatch, pretrained=True) as e:
        yield e.path


def seeded(monkeypatch, seed: str) -> None:
    monkeypatch.setattr(progress, "learner_seed", lambda: seed)


def open_lesson(n: int, lang: str = "English") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.session_state[LANG_KEY] = lang
    at.run()
    at.switch_page(f"pages/lesson_{n}.py").run()
    assert not at.exception, at.exception
    return at


def radio_options(at: AppTest, n: int) -> list[list[str]]:
    return [list(r.options) for r in at.radio if r.key and r.key.startswith(f"lesson{n}_quiz_")]


def test_the_same_learner_sees_the_same_order_in_two_sessions(env, monkeypatch):
    n = 3
    seeded(monkeypatch, "ada")
    first = radio_options(open_lesson(n), n)
    again = radio_options(open_lesson(n), n)  # a reload: a new session, the same learner
    assert first == again and len(first) == 3
    lesson = core.registry()[n]
    words = lesson.text.english("quiz")
    assert first == [[words[q.id]["options"][o] for o in quiz.order(n, q, "ada")]
                     for q in lesson.questions]
    others = []
    for seed in ("grace", "alan", "edsger", "barbara"):
        seeded(monkeypatch, seed)
        others.append(radio_options(open_lesson(n), n))
    assert any(other != first for other in others)


def overview_quiz(at: AppTest, n: int, column: str = "Quiz") -> str:
    at.switch_page(OVERVIEW).run()
    return at.table[0].value.to_dict("records")[n - 1][column]


def wrong_option(q) -> str:
    return next(o for o in q.options if o != q.answer)


def test_the_first_try_counts(env, monkeypatch):
    seeded(monkeypatch, "ada")
    n = 4
    lesson = core.registry()[n]
    q1, q2, q3 = lesson.questions
    words = lesson.text.english("quiz")
    at = open_lesson(n)
    radio = at.radio(key=f"lesson{n}_quiz_{q1.id}")
    radio.set_value(wrong_option(q1)).run()
    assert f"Not quite. {words[q1.id]['why'][wrong_option(q1)]}" in texts(at.error)
    assert "first try" not in texts(at.info)
    at.radio(key=f"lesson{n}_quiz_{q1.id}").set_value(q1.answer).run()
    # the later try is explained, and the page says plainly that the first one counts
    assert f"Right. {words[q1.id]['why'][q1.answer]}" in texts(at.success)
    note = texts(at.info)
    assert f"Your first try was “{words[q1.id]['options'][wrong_option(q1)]}”" in note
    assert "the first try is what counts" in note and "stays wrong in your score" in note
    assert overview_quiz(at, n) == "first try: 0 of 3 (1 answered)"

    at.switch_page(f"pages/lesson_{n}.py").run()
    assert at.radio(key=f"lesson{n}_quiz_{q1.id}").value == q1.answer  # the latest stays shown
    at.radio(key=f"lesson{n}_quiz_{q2.id}").set_value(q2.answer).run()
    at.radio(key=f"lesson{n}_quiz_{q2.id}").set_value(wrong_option(q2)).run()
    assert "was right, and the first try is what counts" in texts(at.info)
    at.radio(key=f"lesson{n}_quiz_{q3.id}").set_value(q3.answer).run()
    assert overview_quiz(at, n) == "first try: 2 of 3 (3 answered)"


def test_the_first_try_counts_in_chinese(env, monkeypatch):
    seeded(monkeypatch, "ada")
    n = 2
    q = core.registry()[n].questions[2]
    at = open_lesson(n, "中文")
    at.radio(key=f"lesson{n}_quiz_{q.id}").set_value("b").run()
    assert texts(at.error).startswith("不对。负号属于 ELBO")
    at.radio(key=f"lesson{n}_quiz_{q.id}").set_value("a").run()
    assert texts(at.success).startswith("答对了。ELBO = E_q[log p(x|z)] − KL")
    assert "你第一次选的是“85 奈特：重构 − KL”" in texts(at.info)
    assert "计分只看第一次作答" in texts(at.info)
    assert overview_quiz(at, n, "测验") == "首次作答：答对 0 / 3（已答 1）"


# -- the printed worksheet ---------------------------------------------------------------------
def test_app_text_becomes_inert_html():
    assert worksheet.inline("<b>x</b> & **y** `z < 1` *e*") == \
        "&lt;b&gt;x&lt;/b&gt; &amp; <strong>y</strong> <code>z &lt; 1</code> <em>e</em>"
    assert worksheet.inline("exp(0.5 * logvar) * eps") == "exp(0.5 * logvar) * eps"


def worksheet_html(at: AppTest) -> str:
    bodies = [h.proto.body for h in at.get("html") if h.proto.body.startswith("<section")]
    assert len(bodies) == 1
    return bodies[0]


@pytest.mark.parametrize("lang", ["English", "中文"])
def test_the_worksheet_lists_tasks_and_questions_in_the_learner_order(env, monkeypatch, lang):
    seeded(monkeypatch, "ada")
    n = 5
    at = open_lesson(n, lang)
    sheet = worksheet_html(at)
    assert any(h.proto.body.startswith("<style>") and "@media print" in h.proto.body
               for h in at.get("html"))
    lesson = core.registry()[n]
    table = i18n.translations("zh") if lang == "中文" else i18n_catalog_english()
    assert table["LESSONS.ws_title"] in sheet
    for task in lesson.tasks:
        assert worksheet.inline(table[f"LESSON{n}.tasks.{task.id}"]) in sheet
    shown = radio_options(at, n)
    for q, on_page in zip(lesson.questions, shown, strict=True):
        assert worksheet.inline(table[f"LESSON{n}.quiz.{q.id}.q"]) in sheet
        printed = [worksheet.inline(table[f"LESSON{n}.quiz.{q.id}.options.{o}"])
                   for o in quiz.order(n, q, "ada")]
        places = [sheet.index(f"<li>{text}</li>") for text in printed]
        assert places == sorted(places)                       # the learner's order ...
        assert printed == [worksheet.inline(t) for t in on_page]  # ... as on the page
    assert sheet.count('class="vl-ws-line"') == (len(lesson.tasks) * worksheet.TASK_LINES
                                                 + len(lesson.questions)
                                                 * worksheet.QUESTION_LINES)


def i18n_catalog_english() -> dict[str, str]:
    from ui.shell.i18n_catalog import english

    return english()
