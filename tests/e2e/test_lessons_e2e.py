"""End to end in Chromium: a teacher's link ``?lesson=7`` opens lesson 7; the learner trains
with the reconstruction averaged over pixels and the task ticks when that run has collapsed,
fixes it with the sum and the second ticks, answers the three questions (a wrong answer is
explained too, and a right answer after it is not counted: the first try counts), and the
overview shows the lesson done."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.e2e

RUN_S = 120_000  # ms: a 10-epoch mnist-5k run takes about 5 s alone, longer on a busy machine


def test_a_lesson_from_the_link_to_the_overview(app):
    page = app.page
    app.open("?lesson=7")
    page.get_by_role("heading", name="Lesson 7 · Posterior collapse").wait_for()
    # shareable as it stands, with its language
    assert re.search(r"/lesson_7\?lesson=7&lang=en$", page.url), page.url
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

    # the second task: the same model with the sum, which the collapse has made meaningful
    page.get_by_role("button", name="Train: sum over pixels").click()
    fixed = page.locator("[data-testid='stMarkdownContainer']",
                         has_text="Done · Fix it: train the same model with the sum over pixels.")
    fixed.first.wait_for(timeout=RUN_S)
    app.wait()
    app.assert_no_exception()

    # the quiz: a wrong answer says why it is wrong, the right one why it is right; after a
    # wrong first try the right answer is explained too, and the page says the first counts
    questions = page.locator(".st-key-vl_quiz_7 [data-testid='stRadio']")
    questions.nth(0).get_by_text("784", exact=True).click()
    app.wait()
    page.get_by_text("Right. Against the summed loss").wait_for()
    questions.nth(1).get_by_text("The KL is huge", exact=False).click()
    app.wait()
    page.get_by_text("Not quite. That is the opposite failure").wait_for()
    questions.nth(1).get_by_text("KL ≈ 0, no active units", exact=False).click()
    app.wait()
    page.get_by_text("Right. The code carries nothing").wait_for()
    page.get_by_text("Your first try was “The KL is huge").wait_for()
    questions.nth(2).get_by_text("Sum the reconstruction over the 784 pixels",
                                 exact=False).click()
    app.wait()
    page.get_by_text("Right. With both terms summed").wait_for()
    app.screenshot("lesson-7-done")
    app.assert_fits(800)  # the lesson with its runs' live panel, table and answers

    app.nav("Lessons")
    page.get_by_role("heading", name="Lessons: a guided course on VAEs").wait_for()
    row = page.locator("[data-testid='stTable'] tr", has_text="Lesson 7 · Posterior collapse")
    text = row.inner_text()
    assert "2 / 3" in text and "first try: 2 of 4 (3 answered)" in text, text
    # lesson 7's runs also do other lessons' tasks (the sum run is lesson 2's β = 1 run)
    total = page.get_by_text(re.compile(r"^\d+ of 23 tasks done$"))
    assert int(total.inner_text().split()[0]) >= 2
    app.assert_no_exception()
    app.screenshot("lessons-overview")
