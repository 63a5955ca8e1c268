"""AppTest for the Lessons group: the overview and every lesson render in English and 中文,
each quiz answer says why it is right or wrong (and the overview counts the first try), and the
shareable ``?lesson=N`` link opens lesson N and stays in the address bar."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.i18n_leaks import english_sentences, visible_texts
from tests.support import server_like_env
from tests.test_pages_explore import APP, TIMEOUT, texts
from ui.lessons import core
from ui.shell.i18n import LANG_KEY

OVERVIEW = "pages/lessons.py"
ZH_TITLES = {1: "第 1 课 · 从自编码器到 VAE", 5: "第 5 课 · BCE 与 MSE",
             8: "第 8 课 · 连续的潜在空间", 9: "第 9 课 · 条件生成与少量标签"}



@pytest.fixture(autouse=True)
def env(tmp_path, monkeypatch):
    with server_like_env(tmp_path, monkeypatch, pretrained=True) as e:
        yield e.path


def open_app(page: str | None = None, *, lang: str = "English", params=None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.session_state[LANG_KEY] = lang
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    if page is not None:
        at.switch_page(page)
        at.run()
    assert not at.exception, at.exception
    return at


def lesson_param(at: AppTest) -> str | None:
    value = at.query_params.get("lesson")
    return value[0] if isinstance(value, list) else value


def overview_rows(at: AppTest) -> list[dict]:
    return at.table[0].value.to_dict("records")


def test_the_overview_lists_every_lesson_without_progress():
    at = open_app(OVERVIEW)
    assert texts(at.title) == "Lessons: a guided course on VAEs"
    rows = overview_rows(at)
    assert [r["Lesson"] for r in rows] == [f"Lesson {n} · " + r["Lesson"].split(" · ", 1)[1]
                                           for n, r in zip(range(1, 10), rows)]
    assert rows[4]["Lesson"] == "Lesson 5 · BCE vs MSE"
    assert all(r["Tasks done"].startswith("0 / ") for r in rows)
    assert rows[4]["Tasks done"] == "0 / 3" and rows[4]["Quiz"] == "first try: 0 of 3 (0 answered)"
    assert "What it teaches" in rows[0] and rows[6]["What it teaches"].startswith("Posterior")
    assert [link.proto.page for link in at.get("page_link")] == [
        f"lesson_{n}" for n in range(1, 10)]
    assert not at.error


@pytest.mark.parametrize("lang", ["English", "中文"])
@pytest.mark.parametrize("n", range(1, 10))
def test_every_lesson_renders(n, lang):
    at = open_app(f"pages/lesson_{n}.py", lang=lang)
    lesson = core.registry()[n]
    heads = texts(at.subheader)
    if lang == "English":
        assert texts(at.title).startswith(f"Lesson {n} · ")
        assert all(h in heads for h in ("Live view", "Try this", "Quiz"))
        shown = texts(at.markdown)
        assert shown.count("Not yet") == len(lesson.tasks)
        assert "How it is checked:" in texts(at.caption)
    else:
        assert texts(at.title).startswith(f"第 {n} 课 · ")
        assert texts(at.title) == ZH_TITLES.get(n, texts(at.title))
        assert all(h in heads for h in ("实时视图", "动手试试", "测验"))
        assert texts(at.markdown).count("未完成") == len(lesson.tasks)
        assert english_sentences(visible_texts(at)) == []
    quiz = [r for r in at.radio if r.key and r.key.startswith(f"lesson{n}_quiz_")]
    assert len(quiz) == len(lesson.questions) and all(r.value is None for r in quiz)
    assert lesson_param(at) == str(n)   # the address bar is the shareable link
    assert len(at.latex) == len(lesson.formulas) + len(lesson.derivation)


@pytest.mark.parametrize("lang", ["English", "中文"])
def test_lesson_2_derives_the_elbo_one_step_at_a_time(lang):
    at = open_app("pages/lesson_2.py", lang=lang)
    steps = [e for e in at.expander if e.label[:2] in {f"{i}." for i in range(1, 10)}]
    assert len(steps) == 5 and not any(e.proto.expanded for e in steps)  # opened one by one
    latex = [e.latex[0].value for e in steps]
    assert "Jensen" in steps[1].label or "詹森" in steps[1].label
    assert r"\ge \mathbb{E}_{q}\big[\log w\big]" in latex[1]                    # Jensen
    assert r"&= \mathrm{KL}\big(q(z|x)\,\|\,p(z|x)\big) \;\ge\; 0" in latex[3]   # the gap


@pytest.mark.parametrize("n", range(1, 10))
def test_every_quiz_answer_explains_itself(n):
    at = open_app(f"pages/lesson_{n}.py")
    lesson = core.registry()[n]
    words = lesson.text["quiz"]
    for q in lesson.questions:
        for option in q.options:
            at.radio(key=f"lesson{n}_quiz_{q.id}").set_value(option).run()
            why = words[q.id]["why"][option]
            if option == q.answer:
                assert f"Right. {why}" in texts(at.success)
            else:
                assert f"Not quite. {why}" in texts(at.error)
    # the first option chosen is the one that counts; the last one stays shown
    right = sum(q.options[0] == q.answer for q in lesson.questions)
    at.switch_page(OVERVIEW).run()
    row = overview_rows(at)[n - 1]
    assert row["Quiz"] == f"first try: {right} of {len(lesson.questions)} " \
                          f"({len(lesson.questions)} answered)"
    at.switch_page(f"pages/lesson_{n}.py").run()  # the answer is still chosen on return
    assert at.radio(key=f"lesson{n}_quiz_{lesson.questions[0].id}").value == \
        lesson.questions[0].options[-1]


def test_a_quiz_answer_in_chinese():
    at = open_app("pages/lesson_5.py", lang="中文")
    at.radio(key="lesson5_quiz_q2").set_value("b").run()
    assert "不对。恰好相反" in texts(at.error)
    at.radio(key="lesson5_quiz_q2").set_value("a").run()
    assert texts(at.success).startswith("答对了。平方误差要除以 2σ²")
    assert "计分只看第一次作答，所以这道题在你的成绩里仍算错" in texts(at.info)


@pytest.mark.parametrize("n", [1, 5, 8])
def test_the_link_opens_its_lesson(n):
    at = open_app(params={"lesson": str(n)})
    assert texts(at.title).startswith(f"Lesson {n} · ")
    assert lesson_param(at) == str(n)
    at.switch_page("pages/lesson_3.py").run()
    assert lesson_param(at) == "3" and texts(at.title).startswith("Lesson 3 · ")
    at.switch_page(OVERVIEW).run()  # the link is followed once: the overview stays
    assert texts(at.title) == "Lessons: a guided course on VAEs"


def test_the_overview_link_opens_its_lesson_in_chinese():
    at = open_app(params={"lesson": "5"}, lang="中文")
    assert texts(at.title) == ZH_TITLES[5]


@pytest.mark.parametrize("bad", ["10", "0", "five"])
def test_a_bad_link_explains_itself_on_the_overview(bad):
    at = open_app(params={"lesson": bad})
    assert texts(at.title) == "Lessons: a guided course on VAEs"
    assert f"There is no lesson “{bad}”: the lessons are numbered 1 to 9." in texts(at.error)


def test_no_link_stays_home():
    at = open_app()
    assert texts(at.title) == "What is a VAE?"
