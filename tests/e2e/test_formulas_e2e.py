"""Formulas on a classroom projector (1024 px) and a laptop with the sidebar open (800 px), in
English and 中文: every ``st.latex`` of every page that has one fits its column, expanders
opened and tabs shown (KaTeX would otherwise hide the end of a formula behind a scroll bar,
and lesson 2's identity lost its "+ KL(q(z|x) ‖ p(z|x)) ≥ 0"). The formulas are static text:
one tab visits the pages through their links and measures each width in the page."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import js

pytestmark = pytest.mark.e2e
OVERFLOW = js("formula_overflow")
WIDTHS = (1024, 800)
# page -> formulas it shows at least (so that the test cannot pass on a page without them)
FORMULAS = {"": 2, "lesson_1": 1, "lesson_2": 6, "lesson_3": 2, "lesson_4": 1, "lesson_5": 2,
            "lesson_6": 1, "lesson_7": 1, "bce_vs_mse": 11}


@pytest.fixture
def projector(browser, server):
    from tests.e2e.conftest import AppDriver

    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 4000})
    page = context.new_page()
    yield AppDriver(page, server)
    context.close()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_formula_fits_at_1024_and_800_px(projector, lang):
    app = projector
    app.open(f"lesson_1?lang={lang}")
    found, cut = {}, {}
    for path in [*list(FORMULAS)[1:], ""]:
        app.go(path)
        app.page.locator("[data-testid='stMain'] .katex-display").first.wait_for()
        for width in WIDTHS:
            app.page.set_viewport_size({"width": width, "height": 4000})
            result = app.page.evaluate(OVERFLOW)
            found[path or "home", width] = result["count"]
            if result["cut"]:
                cut[path or "home", width] = result["cut"]
        app.page.set_viewport_size({"width": WIDTHS[0], "height": 4000})
    assert cut == {}, "\n".join(f"{k}: {v}" for k, v in cut.items())
    short = {k: n for k, n in found.items() if n < FORMULAS[k[0] if k[0] != "home" else ""]}
    assert short == {}, short
