"""Every page at 800 px wide (a laptop with the sidebar open, a phone turned sideways) in English
and 中文, reached through the navigation as a learner does: it opens without an exception, no
text is cut, and no image or chart is drawn over another. An element counts as clipped when
its box hides what overflows it (an ellipsis or ``overflow: hidden``); boxes that scroll, such
as wide formulas, are fine. Plotly charts, tables, code and the sidebar's own navigation are
Streamlit's or Plotly's to lay out."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import ARTIFACTS, AppDriver, js

pytestmark = pytest.mark.e2e  # a browser test: -m "not e2e" leaves it out
CLIPPED = js("clipped_text")
OVERLAPPING = js("overlapping_pictures")
WIDTH = 800


def page_paths(app) -> list[str]:
    """The URL path of every page in the navigation ("View more" opened)."""
    nav = app.page.locator("[data-testid='stSidebarNav']")
    more = nav.get_by_role("button", name="View")
    if more.count():
        more.first.click()
    return nav.locator("a").evaluate_all(
        "links => links.map(a => new URL(a.href).pathname.replace(/^\\/+|\\/+$/g, ''))")


@pytest.fixture
def narrow(browser, server):
    context = browser.new_context(viewport={"width": WIDTH, "height": 2400})
    page = context.new_page()
    yield AppDriver(page, server)
    context.close()


TITLES = {"": "What is a VAE?", "train": "Train a VAE", "library": "Model library"}


@pytest.mark.parametrize("lang", ["English", "中文"])
def test_every_page_opens_and_cuts_no_text_at_800_px(narrow, lang):
    app = narrow
    app.open()
    paths = page_paths(app)
    assert {"", "train", "library", "lessons"} <= set(paths) and len(paths) >= 8, paths
    lessons = app.lesson_paths()  # hidden from the sidebar, linked from the overview
    assert len(lessons) >= 9, lessons
    paths += lessons
    if lang == "中文":
        app.page.locator(".st-key-vl_lang_row").get_by_text("中文").click()
        app.page.wait_for_timeout(300)
        app.wait()
    cut = {}
    nav = app.page.locator("[data-testid='stSidebarNav'] a span").evaluate_all(
        "spans => spans.filter(s => s.scrollWidth > s.clientWidth + 1).map(s => s.textContent)")
    if nav:  # the sidebar ends a label too long for it with "…"
        cut["navigation"] = nav
    for path in paths[1:] + paths[:1]:  # every page and lesson, home last
        app.go(path)
        if lang == "English" and path in TITLES:
            app.page.get_by_role("heading", name=TITLES[path]).wait_for()
        app.page.wait_for_timeout(250)  # components and images settle after the run
        app.assert_no_exception()
        found = app.page.evaluate(CLIPPED)
        if found:
            cut[path or "home"] = [f"{f['text']!r} ({f['sw']} px in {f['cw']} px)"
                                   for f in found[:5]]
        crossed = app.page.evaluate(OVERLAPPING)
        if crossed:
            cut[f"{path or 'home'} (pictures)"] = crossed[:5]
        app.page.screenshot(path=str(ARTIFACTS / f"e2e-page-{path or 'home'}-{WIDTH}-"
                                     f"{'zh' if lang == '中文' else 'en'}.png"))
    assert cut == {}, cut
    if lang == "English":  # the pretrained default model runs an image through on the home page
        app.page.get_by_text("Decoded x̂ = decoder(z)").first.wait_for()


def test_few_labels_results_fit_at_800_px(narrow):
    """The few-labels page after a run (M1 at n = 100 only: a second of work): the curve, the
    named best method and the table, in 中文, with no text cut at 800 px."""
    app = narrow
    app.open("few_labels?lang=zh")
    for chip in ("M2", "M1+M2", "10", "1000"):
        app.page.get_by_role("button", name=f"Remove {chip}", exact=True).click()
        app.wait()
    app.page.get_by_role("button", name="训练并比较").click()
    app.page.get_by_text("测试准确率与标签数量的关系").wait_for()
    app.wait()
    app.page.wait_for_timeout(250)  # the chart settles after the run
    app.assert_no_exception()
    assert app.page.get_by_text("n = 100 时最好的是 M1").count() == 1
    assert app.page.evaluate(CLIPPED) == [] and app.page.evaluate(OVERLAPPING) == []
