"""End to end in Chromium: a teacher's link ``?lesson=7`` opens lesson 7; the learner trains
with the reconstruction averaged over pixels, the task ticks when that run has collapsed,
a quiz answer is explained, and the overview shows the progress."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.e2e

RUN_S = 120_000  # ms: a 10-epoch mnist-5k run takes about 5 s alone, longer on a busy machine


def test_a_lesson_from_the_link_to_the_overview(app):
    page = app.page
    app.open("?lesson=7")
    page.get_by_role("heading", name="Lesson 7 · Posterior collapse").wait_for()
    assert re.search(r"/lesson_7\?lesson=7$", page.url), page.url  # shareable as it stands
    task = page.locator("[data-testid='stMarkdownContainer']",
                        has_text="Train with the reconstruction averaged over pixels.")
    assert "Not yet" in task.first.inner_text()

    page.get_by_role("button", name="Train: mean over pixels").click()
    page.get_by_text("Your run is training").wait_for()
    done = page.locator("[data-testid='stMarkdownContainer']",
                        has_text="Done · Train with the reconstruction averaged over pixels.")
    done.first.wait_for(timeout=RUN_S)
    app.wait()
    app.assert_no_exception()
    table = page.locator("[data-testid='stDataFrame']").first
    table.wait_for()  # the session's runs: the collapsed one is there
    assert "Not yet · Fix it" in page.locator("[data-testid='stMain']").inner_text()

    question = page.locator("[data-testid='stMain'] [data-testid='stRadio']").first
    question.get_by_text("784", exact=True).click()
    app.wait()
    page.get_by_text("Right. Against the summed loss").wait_for()

    app.nav("Overview")
    page.get_by_role("heading", name="Lessons: a guided course on VAEs").wait_for()
    row = page.locator("[data-testid='stTable'] tr", has_text="Lesson 7 · Posterior collapse")
    text = row.inner_text()
    assert "1 / 2" in text and "1 of 2 right (1 answered)" in text, text
    page.get_by_text("1 of 18 tasks done").wait_for()
    app.assert_no_exception()
    app.screenshot("lessons-overview")
