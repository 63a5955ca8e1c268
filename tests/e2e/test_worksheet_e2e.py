"""End to end in Chromium: a lesson page printed (print media, an A4 page's width) is a clean
worksheet in the learner's language: no sidebar, header or buttons, nothing of the live view or
the on-screen quiz (its feedback would give the answers away), formulas whole, and a section
"Worksheet" / "练习单" with the lesson's tasks and questions and lines to write on; on screen
that section is hidden. The PDFs and print screenshots go to test-artifacts/."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import ARTIFACTS
from tests.i18n_leaks import english_sentences
from ui.lessons import core
from ui.shell import i18n
from ui.shell.i18n_catalog import english

pytestmark = pytest.mark.e2e

LESSON = 2
PRINT_WIDTH = 720  # px: A4 (794 px at 96 px/in) less the worksheet's 12 mm margins, rounded up
TITLES = {"English": "Lesson 2 · The ELBO", "中文": "第 2 课 · 证据下界（ELBO）"}
CODES = {"English": "en", "中文": "zh"}

# every formula: its scroll width against its element's width, the boxes between them that
# would cut it (overflow other than visible, content wider than the box), and how far its
# rendered math sticks out of the main column on the left and on the right
FORMULAS = """() => {
    const column = document.querySelector("[data-testid='stMainBlockContainer']")
        .getBoundingClientRect();
    return [...document.querySelectorAll('.katex-display')].map((box) => {
        const element = box.closest("[data-testid='stElementContainer']");
        const cutting = [];
        for (let e = box; e && e !== element; e = e.parentElement) {
            if (getComputedStyle(e).overflowX !== 'visible' && e.scrollWidth > e.clientWidth)
                cutting.push(`${e.tagName}.${e.className}`);
        }
        const math = box.querySelector('.katex-html').getBoundingClientRect();
        return {scroll: box.scrollWidth, client: element.clientWidth, cutting: cutting,
                left: column.left - math.left, right: math.right - column.right,
                shown: box.checkVisibility()};  // false inside a closed expander
    });
}"""


def plain(text: str) -> str:
    """An app string as the page shows it: its inline Markdown marks gone."""
    return re.sub(r"\*\*|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])|`", "", text)


def strings(lang: str) -> dict[str, str]:
    return i18n.translations("zh") if lang == "中文" else english()


def open_lesson(app, lang: str) -> None:
    app.open(f"?lesson={LESSON}")
    app.page.get_by_role("heading", name=TITLES["English"]).wait_for()
    app.wait()
    if lang == "中文":
        # let the page settle first: a click on the language switch in the run that follows
        # the first one (the browser telling who the learner is) was seen to be lost
        app.page.wait_for_timeout(2000)
        app.wait()
        # the language radio (where the app puts it: sidebar or page)
        app.page.locator("[data-testid='stRadio']", has_text="English") \
            .get_by_text("中文", exact=True).click()
        app.wait()
        app.page.get_by_role("heading", name=TITLES[lang]).wait_for()
    # the run has drawn the page in the language: until it ends, the last run's elements stay
    lang_attr = "zh-Hans" if lang == "中文" else "en"
    app.page.locator(f".vl-worksheet[lang='{lang_attr}']").wait_for(state="attached")
    app.wait()
    app.assert_no_exception()


@pytest.mark.parametrize("lang", ["English", "中文"])
def test_a_lesson_prints_as_a_worksheet(app, lang):
    page = app.page
    open_lesson(app, lang)
    sheet = page.locator(".vl-worksheet")
    sheet.wait_for(state="attached")
    assert sheet.count() == 1 and not sheet.is_visible()  # on screen it takes no room
    # answer a question on screen: its feedback must not print (it would give answers away)
    page.locator(f".st-key-vl_quiz_{LESSON} [data-testid='stRadioOption']").first.click()
    app.wait()
    feedback = page.locator(f".st-key-vl_quiz_{LESSON} [data-testid='stAlert']")
    feedback.first.wait_for()
    page.get_by_role("heading", name=TITLES[lang]).wait_for()  # still in the learner's language

    screen = page.viewport_size
    page.set_viewport_size({"width": PRINT_WIDTH, "height": 1100})
    page.emulate_media(media="print")
    page.wait_for_timeout(300)
    assert not page.locator("[data-testid='stSidebar']").is_visible()
    assert not page.locator("[data-testid='stHeader']").is_visible()
    assert sheet.is_visible()
    main = page.locator("[data-testid='stMain']")
    assert main.locator("button:visible, [data-testid='stRadio']:visible, "
                        ".js-plotly-plot:visible, iframe:visible").count() == 0
    assert feedback.filter(visible=True).count() == 0
    column = page.locator("[data-testid='stMainBlockContainer']").bounding_box()
    assert column["width"] >= 0.95 * PRINT_WIDTH  # the page's whole width, no sidebar gap

    words = strings(lang)
    text = sheet.inner_text()
    lesson = core.registry()[LESSON]
    assert words["LESSONS.ws_title"] in text
    for task in lesson.tasks:
        assert plain(words[f"LESSON{LESSON}.tasks.{task.id}"]) in text
    for q in lesson.questions:
        assert plain(words[f"LESSON{LESSON}.quiz.{q.id}.q"]) in text
        for option in q.options:
            assert plain(words[f"LESSON{LESSON}.quiz.{q.id}.options.{option}"]) in text
    assert sheet.locator(".vl-ws-line").count() >= 3 * len(lesson.tasks)

    formulas = [f for f in page.evaluate(FORMULAS) if f["shown"]]
    assert len(formulas) == len(lesson.formulas) + len(lesson.derivation)
    for f in formulas:  # whole: no scrolling box, nothing outside the page's column
        assert f["scroll"] <= f["client"] and not f["cutting"], f
        assert f["left"] <= 1 and f["right"] <= 1, f

    printed = main.inner_text()
    if lang == "中文":
        assert english_sentences([printed]) == [], "English left in the printed 中文 sheet"

    ARTIFACTS.mkdir(exist_ok=True)
    name = f"worksheet-lesson-{LESSON}-{CODES[lang]}"
    page.screenshot(path=str(ARTIFACTS / f"e2e-{name}-print.png"), full_page=True)
    page.pdf(path=str(ARTIFACTS / f"{name}.pdf"), format="A4", prefer_css_page_size=True)
    assert (ARTIFACTS / f"{name}.pdf").stat().st_size > 10_000

    page.emulate_media(media="screen")
    page.set_viewport_size(screen)  # narrower, Streamlit would fold the sidebar away
    page.wait_for_timeout(300)
    assert not sheet.is_visible()
    assert page.locator("[data-testid='stSidebar']").is_visible()
    assert page.locator(f".st-key-vl_quiz_{LESSON} [data-testid='stRadio']").first.is_visible()
