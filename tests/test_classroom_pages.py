"""AppTest for the learner's record and the class pages, on the app's embedded SQLite database:
a learner's quiz attempts, facts and language come back in a new session (a reload, a new tab,
a restarted server); ``?lang=`` opens a page in that language and every page keeps it in the
address bar; writes wait while the database is away and land when it is back; a damaged
database is named; a teacher creates a class, a student joins it by its link, and the
dashboard shows only with the key; names stay text. (The browser's side, ``localStorage``,
is in ``tests/e2e/test_classroom_e2e.py``.)"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.support import APP_SCRIPT, server_like_env
from ui.classroom import database, identity
from ui.classroom.export import cell, to_csv
from ui.classroom.store import Store, StoreUnavailable
from ui.shell.i18n import LANG_KEY

TIMEOUT = 60
LEARNER = "learner-0123456789abcdef"
LESSON = "pages/lesson_2.py"


@pytest.fixture(autouse=True)
def env(tmp_path, monkeypatch):
    monkeypatch.delenv(database.URL_ENV, raising=False)
    with server_like_env(tmp_path, monkeypatch, pretrained=True) as e:
        yield e


def session(page: str | None = None, *, learner: str | None = LEARNER,
            params: dict | None = None) -> AppTest:
    """A new browser session (a reload, or a new tab) of the learner ``learner``."""
    at = AppTest.from_file(APP_SCRIPT, default_timeout=TIMEOUT)
    if learner is not None:
        at.session_state[identity.K_ADOPTED] = learner
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    if page is not None:
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def quiz(at: AppTest) -> list:
    return [r for r in at.radio if str(r.key).startswith("lesson2_quiz_")]


def answer(at: AppTest, index: int, *, right: bool) -> None:
    from ui.lessons.content import LESSONS

    radio = quiz(at)[index]
    question = LESSONS[2].questions[index]
    pick = question.answer if right else next(o for o in question.options
                                              if o != question.answer)
    radio.set_value(pick).run()


def param(at: AppTest, name: str) -> str | None:
    value = at.query_params.get(name)
    return value[0] if isinstance(value, list) else value


def test_quiz_attempts_language_and_facts_come_back_in_a_new_session(env):
    at = session(LESSON)
    at.radio(key=LANG_KEY).set_value("中文").run()
    answer(at, 0, right=False)
    answer(at, 0, right=True)
    answer(at, 1, right=True)
    assert not at.exception

    again = session(LESSON)  # a reload: a new session, the same learner
    assert again.radio(key=LANG_KEY).value == "中文"
    assert param(again, "lang") == "zh"
    from ui.lessons.content import LESSONS

    answers = [r.value for r in quiz(again)]
    assert answers[:2] == [LESSONS[2].questions[0].answer, LESSONS[2].questions[1].answer]
    stored = Store.from_env(env.library).learner(LEARNER)
    assert stored.lang == "zh"
    assert len(stored.attempts[(2, LESSONS[2].questions[0].id)]) == 2  # both tries kept
    first_try = [row for row in Store.from_env(env.library).learner(LEARNER).attempts]
    assert (2, LESSONS[2].questions[1].id) in first_try


def test_a_link_language_opens_the_page_in_it_and_every_page_keeps_it():
    at = session("pages/lessons.py", learner=None, params={"lang": "zh"})
    assert at.radio(key=LANG_KEY).value == "中文"
    assert at.title[0].value.startswith("课程")
    at.switch_page("pages/train.py").run()
    assert param(at, "lang") == "zh" and at.radio(key=LANG_KEY).value == "中文"
    at.radio(key=LANG_KEY).set_value("English").run()
    assert param(at, "lang") == "en"
    bad = session(learner=None, params={"lang": "<b>fr</b>"})
    assert bad.radio(key=LANG_KEY).value == "English" and param(bad, "lang") == "en"


def test_a_link_language_wins_over_the_remembered_one(env):
    Store.from_env(env.library).apply(LEARNER, [database_language("zh")])
    assert session().radio(key=LANG_KEY).value == "中文"            # remembered
    assert session(params={"lang": "en"}).radio(key=LANG_KEY).value == "English"  # the link


def database_language(lang: str):
    from ui.classroom.store import Language

    return Language(lang)


def test_writes_wait_while_the_database_is_away_and_land_when_it_is_back(env, monkeypatch):
    at = session(LESSON)
    real = Store.apply

    def away(self, learner, ops):
        raise StoreUnavailable(self.location, "connection refused")

    monkeypatch.setattr(Store, "apply", away)
    answer(at, 0, right=True)
    assert any("cannot be saved" in t.value for t in at.toast)
    assert at.session_state[database.K_PENDING]
    monkeypatch.setattr(Store, "apply", real)
    answer(at, 1, right=False)  # the next run lands both
    assert not at.session_state[database.K_PENDING]
    assert any("is back" in t.value for t in at.toast)
    from ui.lessons.content import LESSONS

    stored = Store.from_env(env.library).learner(LEARNER).attempts
    assert {q.id for q in LESSONS[2].questions[:2]} <= {q for _, q in stored}


def test_a_damaged_database_is_named_with_what_to_do(env):
    env.library.mkdir(parents=True, exist_ok=True)
    (env.library / "vae_lab.sqlite3").write_bytes(b"this is not a database" * 100)
    at = session("pages/lessons.py")
    words = " ".join(e.value for e in at.error)
    assert "vae\\_lab.sqlite3" in words or "vae_lab.sqlite3" in words
    assert "move that file aside" in words
    assert at.table  # the page still works, for this tab


def create_class(name: str = "Class 7B") -> tuple[AppTest, str, str]:
    at = session("pages/teacher.py", learner=None)
    [t for t in at.text_input if t.label == "Class name"][0].set_value(name)
    [b for b in at.button if b.label == "Create the class"][0].click().run()
    assert not at.exception
    code_blocks = [c.value for c in at.code]
    key = code_blocks[-1]
    link = code_blocks[0]
    code = link.split("class=")[1].split("&")[0]
    return at, code, key


def test_a_teacher_creates_a_class_and_a_student_joins_by_its_link():
    teacher, code, key = create_class("**Bold** <i>class</i>")
    assert any("shown only once" in s.value for s in teacher.success)
    assert "lang=en" in teacher.code[0].value and "lang=zh" in teacher.code[1].value

    student = session(learner=LEARNER, params={"class": code, "lang": "zh"})
    assert student.title[0].value == "我的班级"
    assert "\\*\\*Bold\\*\\*" in " ".join(m.value for m in student.markdown)  # text, not bold
    name_box = [t for t in student.text_input if t.label == "你在这个班级里的名字"][0]
    name_box.set_value("=HYPERLINK(\"x\")")
    [b for b in student.button if b.label == "加入班级"][0].click().run()
    assert not student.exception
    assert any("=HYPERLINK" in s.value for s in student.success)

    other = session(learner="learner-fedcba9876543210", params={"class": code})
    [t for t in other.text_input if t.label == "Your name in this class"][0] \
        .set_value("=hyperlink(\"X\")")
    [b for b in other.button if b.label == "Join the class"][0].click().run()
    assert any("already uses the name" in e.value for e in other.error)


def open_dashboard(code: str, key: str) -> AppTest:
    at = session("pages/teacher.py", learner=None)
    boxes = {t.label: t for t in at.text_input}
    boxes["Class code"].set_value(code)
    boxes["Teacher key"].set_value(key)
    [b for b in at.button if b.label == "Open the dashboard"][0].click().run()
    assert not at.exception
    return at


def test_the_dashboard_needs_the_key_and_shows_the_learners_progress():
    _, code, key = create_class()
    wrong = open_dashboard(code, "not-the-key")
    assert any("does not open this class" in e.value for e in wrong.error)
    assert not wrong.dataframe

    student = session(LESSON, params={"class": code})
    student.switch_page("pages/class.py").run()
    [t for t in student.text_input if t.label == "Your name in this class"][0].set_value("Ada")
    [b for b in student.button if b.label == "Join the class"][0].click().run()
    student.switch_page(LESSON).run()
    answer(student, 0, right=False)
    answer(student, 0, right=True)

    dash = open_dashboard(code, key)
    table = dash.dataframe[0].value
    row = table.iloc[0].to_dict()
    assert row["Learner"] == "Ada"
    assert row["L2"].endswith("· 0/1")  # the first try was wrong: it is what counts
    assert "\ufeff" in to_csv([row]).decode("utf-8")


def test_wrong_keys_are_rate_limited():
    _, code, _ = create_class()
    for _ in range(5):
        open_dashboard(code, "wrong")
    refused = open_dashboard(code, "wrong")
    assert any("Too many wrong keys" in e.value for e in refused.error)


def test_a_csv_cell_that_starts_like_a_formula_stays_text():
    assert cell("=1+1") == "'=1+1" and cell("@SUM(A1)") == "'@SUM(A1)"
    assert cell("+31") == "'+31" and cell("-2") == "'-2" and cell("Ada") == "Ada"
    text = to_csv([{"Learner": "=HYPERLINK(\"http://x\")", "L1": "1/2"}]).decode("utf-8")
    assert "\"'=HYPERLINK(\"\"http://x\"\")\"" in text


def test_a_teacher_removes_a_learner_and_closes_the_class():
    _, code, key = create_class()
    for learner, name in ((LEARNER, "Ada"), ("learner-fedcba9876543210", "Grace")):
        student = session(learner=learner, params={"class": code})
        [t for t in student.text_input if t.label == "Your name in this class"][0].set_value(name)
        [b for b in student.button if b.label == "Join the class"][0].click().run()
    dash = open_dashboard(code, key)
    assert list(dash.dataframe[0].value["Learner"]) == ["Ada", "Grace"]
    pick = [s for s in dash.selectbox if s.label == "Learner to remove"][0]
    pick.set_value(LEARNER).run()
    [b for b in dash.button if b.label == "Remove from the class"][0].click().run()
    assert list(dash.dataframe[0].value["Learner"]) == ["Grace"]
    [c for c in dash.checkbox if c.label.startswith("Yes, close it")][0].check().run()
    [b for b in dash.button if b.label == "Close the class"][0].click().run()
    assert any("closed" in i.value for i in dash.info)

    late = session(learner="learner-0000111122223333", params={"class": code})
    assert any("is closed" in e.value for e in late.error)
    assert not [t for t in late.text_input if t.label == "Your name in this class"]
