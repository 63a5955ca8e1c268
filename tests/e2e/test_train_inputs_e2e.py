"""Bad numbers typed into every number field of the Train page (NaN, inf, negative, huge, not a
number) never reach the trainer and never show a traceback; a learning rate of 10 diverges,
says so, and keeps a usable model."""

from __future__ import annotations

import math
import re

import pytest

pytestmark = pytest.mark.e2e

BAD = ("nan", "inf", "-5", "1e308", "abc")
FIELDS = {  # β schedule to pick -> {label: (lo, hi)}, as ui/train/form.py sets them
    "constant": {"Latent size K": (1, 256), "β (KL weight)": (0, 1000), "Epochs": (1, 1000),
                 "Seed": (0, 2**31 - 1)},
    "linear warm-up from 0": {"Warm-up epochs": (0, 1000)},
    "cyclical (Fu et al. 2019)": {"Cycles": (1, 100)},
    "capacity C (Burgess et al. 2018)": {"Final capacity C (nats)": (0, 1000)},
    "free bits (Kingma et al. 2016)": {"Free bits λ per dim (nats)": (0, 10)},
}
OUT_OF_RANGE = "Number is outside the allowed range"


def pick_schedule(app, label: str) -> None:
    app.page.get_by_label("β schedule", exact=True).click()
    app.page.get_by_role("option", name=label, exact=True).click()
    app.wait()


def type_bad(app, label: str, text: str) -> None:
    box = app.page.get_by_label(label, exact=True)
    box.focus()  # not click: a refused value's "Press Enter to apply" covers the field
    box.press("Control+a")
    box.press_sequentially(text)  # a number field takes no letters: "nan" types nothing
    box.press("Enter")
    app.wait()


def test_bad_numbers_are_refused_with_the_range(app):
    app.open("train")
    app.page.get_by_text("More settings").click()
    for schedule, fields in FIELDS.items():
        pick_schedule(app, schedule)
        for label, (lo, hi) in fields.items():
            app.page.get_by_label(label, exact=True).wait_for()  # the schedule's rerun is drawn
            help_button = app.page.get_by_role("button", name=f"Help for {label}")
            assert help_button.count() == 1, f"{label} shows no range in its help"
            for text in BAD:
                type_bad(app, label, text)
                app.assert_no_exception()
                shown = app.page.get_by_label(label, exact=True).input_value()
                refused = app.page.get_by_text(OUT_OF_RANGE).count() > 0
                value = float(shown) if shown else math.nan
                assert refused or lo <= value <= hi, f"{label} took {text!r} as {shown!r}"
                if refused:
                    assert app.page.get_by_text(re.compile(rf"between {lo}(\.0+)? and")).count()
            type_bad(app, label, str(lo))  # a valid value leaves the field clean
    app.screenshot("train-bad-numbers")
    # what is left in the fields (the lower ends) is still a run the trainer takes
    app.page.get_by_role("button", name="Start", exact=True).click()
    app.page.locator("[data-testid='stMain'] [data-testid='stProgress']").first.wait_for()
    app.assert_no_exception()
    assert app.page.get_by_text("Cannot train with these settings").count() == 0


def test_learning_rate_ten_diverges_and_keeps_the_last_good_weights(app):
    page = app.page
    app.open("train")
    page.get_by_text("More settings").click()
    thumb = page.locator("[data-testid='stSlider']", has_text="Learning rate") \
        .get_by_role("slider")
    thumb.focus()
    page.keyboard.press("End")  # the largest learning rate: 10, marked as diverging
    app.wait()
    page.get_by_text("10 (diverges)").first.wait_for()
    page.get_by_role("button", name="Start", exact=True).click()
    page.get_by_text(re.compile(r"Training diverged at step \d+ .*kept the weights from step "
                                r"\d+")).wait_for()
    assert page.get_by_text("The session model keeps those last good weights").count() == 1
    app.assert_no_exception()
    app.screenshot("train-diverged")
    # the kept weights are a usable session model, listed in the picker for the learner to pick
    page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").click()
    page.get_by_role("option", name="mnist-5k-mlp-z8 · this session").click()  # not auto-picked
    app.wait()
    app.nav("Traverse")
    page.locator("[data-testid='stImage'] img").first.wait_for()
    app.assert_no_exception()
