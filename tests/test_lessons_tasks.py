"""AppTest: the lessons' tasks tick when the learner really does them, and not before. The runs
are real (the lesson's own buttons, through the session's job slot), shortened to 3 epochs."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from streamlit.testing.v1 import AppTest

from tests.support import server_like_env, wait_until
from tests.test_pages_explore import APP, TIMEOUT, texts
from ui.conditional import view as conditional_view
from ui.fewlabels import runs as few_runs
from ui.lessons import runs
from ui.shell import state
from vae_core.semi_supervised import SemiRow

OVERVIEW = "pages/lessons.py"



@pytest.fixture(autouse=True)
def env(tmp_path, monkeypatch):
    monkeypatch.setattr(runs, "EPOCHS", 3)  # ≈ 1.5 s a run; the outcomes hold at 3 epochs
    with server_like_env(tmp_path, monkeypatch, pretrained=True) as e:
        yield e.path


def open_lesson(n: int) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    at.switch_page(f"pages/lesson_{n}.py").run()
    assert not at.exception, at.exception
    return at


def task_marks(at: AppTest) -> list[bool]:
    """Done / not yet of each task, in order."""
    return [m.value.startswith(":material/check_circle:") for m in at.markdown
            if m.value.startswith((":material/check_circle:", ":material/radio_button"))]


def train(at: AppTest, button: str) -> None:
    """Press a lesson's run button and wait for the run to end, then redraw."""
    at.button(key=button).click().run()
    assert not at.exception, at.exception
    wait_until(lambda: not state.job_registry().jobs(), 60, "the lesson's run to end")
    at.run()
    assert not at.exception, at.exception


def overview_tasks(at: AppTest, n: int) -> str:
    at.switch_page(OVERVIEW).run()
    return at.table[0].value.to_dict("records")[n - 1]["Tasks done"]


def test_lesson_7_collapse_then_fix_then_rescue():
    at = open_lesson(7)
    assert task_marks(at) == [False, False, False]
    train(at, "lesson7_run_sum")          # the fix before the bug: it waits for the collapse
    assert task_marks(at) == [False, False, False]
    train(at, "lesson7_run_mean")
    assert task_marks(at) == [True, True, False]
    assert "mean over pixels" in str(at.dataframe[0].value.to_dict("records"))
    # issue 29: β = 32 collapses the correct model, free bits at the same β rescue it
    train(at, "lesson7_run_free_bits")    # the rescue before the collapse: it waits
    assert task_marks(at) == [True, True, False]
    train(at, "lesson7_run_b32")
    assert task_marks(at) == [True, True, True]
    rows = at.dataframe[0].value.to_dict("records")
    assert rows[0]["Active units"] == "0 / 8" and rows[0]["KL of each active unit (nats)"] == "—"
    assert rows[1]["Loss"] == "sum over pixels · free bits"
    assert rows[1]["Active units"] == "8 / 8"
    assert len(rows[1]["KL of each active unit (nats)"].split(", ")) == 8
    assert overview_tasks(at, 7) == "3 / 3"


def test_lesson_4_the_flipped_sign_blows_the_kl_up():
    at = open_lesson(4)
    train(at, "lesson4_run_sign")
    assert task_marks(at) == [True, False]
    rows = at.dataframe[0].value.to_dict("records")
    assert rows[0]["Loss"] == "KL sign flipped" and float(rows[0]["KL (nats)"]) > 1000


def test_lesson_3_counts_the_images_walked_through():
    at = open_lesson(3)
    for clicks in range(1, 4):
        assert task_marks(at)[0] is False, clicks
        at.button(key="home_another").click().run()
    assert task_marks(at)[0] is True
    at.button(key="home_another").click().run()  # a tick stays
    assert overview_tasks(at, 3) == "1 / 3"


def test_lesson_3_the_estimators_variance_ratio_read_off():
    at = open_lesson(3)
    variances = lambda: [float(m.value.replace(",", "")) for m in at.metric  # noqa: E731
                         if m.label in ("reparameterisation", "score function")]
    reparam, score = variances()
    assert score > 10 * reparam > 0                      # 100 draws, the default
    at.number_input(key="lesson3_grad_answer").set_value(round(score / reparam)).run()
    assert task_marks(at)[2] is False                    # too few draws to count
    at.number_input(key="lesson3_grad_answer").set_value(round(2 * score / reparam))
    at.select_slider(key="lesson3_grad_n").set_value(1000).run()
    assert task_marks(at)[2] is False                    # twice the ratio is wrong
    reparam, score = variances()
    at.number_input(key="lesson3_grad_answer").set_value(round(score / reparam)).run()
    assert not at.exception, at.exception
    assert task_marks(at)[2] is True
    assert "this is why VAEs use the trick" in texts(at.success)


def test_lesson_5_the_likelihoods_tick_one_by_one():
    at = open_lesson(5)
    train(at, "lesson5_run_mse")
    assert task_marks(at) == [False, False, False]       # BCE is still missing
    train(at, "lesson5_run_bce")
    assert task_marks(at) == [True, False, False]
    train(at, "lesson5_run_mse_wide")                     # σ = 1: a smaller KL than σ² = ½
    assert task_marks(at) == [True, True, False]
    train(at, "lesson5_run_cb")
    assert task_marks(at) == [True, True, True]
    assert overview_tasks(at, 5) == "3 / 3"


def pair_of(same: bool) -> tuple[int, int]:
    from vae_core.config import DataConfig
    from vae_core.data import load_dataset

    labels = load_dataset(DataConfig()).test_y.tolist()
    b = next(j for j in range(3, len(labels)) if (labels[j] == labels[2]) is same)
    return 2, b


def numbers(caption: str) -> tuple[float, float]:
    """(worst step, threshold) from the lesson's caption under the interpolation."""
    worst = caption.split("has −ELBO ")[1].split(" nats")[0]
    threshold = caption.split("are below ")[1].rstrip(".")
    return float(worst), float(threshold)


def test_lesson_8_a_picked_pair_of_different_digits():
    at = open_lesson(8)
    assert task_marks(at) == [False, False]            # the first pair shown does not count
    assert "Choose the two test images" in texts(at.caption)
    a, b = pair_of(same=False)
    at.number_input(key="trav_from").set_value(a).run()
    at.number_input(key="trav_to").set_value(b).run()
    caption = next(c.value for c in at.caption if c.value.startswith(f"Slerp from #{a}"))
    worst, threshold = numbers(caption)
    assert task_marks(at) == [True, worst <= threshold]


def test_lesson_8_the_same_digit_twice_does_not_count():
    at = open_lesson(8)
    a, b = pair_of(same=True)
    at.number_input(key="trav_from").set_value(a)
    at.number_input(key="trav_to").set_value(b).run()  # both at once: no pair in between
    assert f"Slerp from #{a}" in texts(at.caption)
    assert task_marks(at) == [False, False]


def test_lesson_2_beta_changed_during_the_run(monkeypatch):
    monkeypatch.setattr(runs, "EPOCHS", 8)     # long enough to change β while it trains
    at = open_lesson(2)
    at.button(key="lesson2_run_vae").click().run()
    live = next(n for n in at.number_input if n.label == "β now (applies at once)")
    live.set_value(2.5).run()
    wait_until(lambda: not state.job_registry().jobs(), 60, "the lesson's run to end")
    at.run()
    assert not at.exception, at.exception
    # β changed: the run is not a β = 1 ELBO run any more, and the live-β task ticks
    assert task_marks(at) == [False, True]
    assert at.dataframe[0].value.to_dict("records")[0]["β"] == "2.5"


def test_lesson_6_beta_eight_then_three_betas(monkeypatch):
    at = open_lesson(6)
    assert task_marks(at) == [False, False]
    monkeypatch.setattr(runs, "EPOCHS", 10)  # the lesson's length: 3 of 8 dims stay active
    train(at, "lesson6_run_b8")
    assert task_marks(at) == [True, False]
    monkeypatch.setattr(runs, "EPOCHS", 3)
    train(at, "lesson6_run_b05")
    assert task_marks(at) == [True, False]  # two βs are not yet a curve
    train(at, "lesson6_run_b1")
    assert task_marks(at) == [True, True]
    rows = at.dataframe[0].value.to_dict("records")
    assert sorted(float(r["β"]) for r in rows) == [0.5, 1.0, 8.0]
    assert overview_tasks(at, 6) == "2 / 2"


def compare_side_by_side(at: AppTest, epochs: int) -> tuple[float, float]:
    """Run the embedded "Why variational?" comparison; the VAE's and the autoencoder's share of
    prior samples classified as digits, in %."""
    at.number_input(key="why_epochs").set_value(epochs)
    at.button(key="why_start").click().run()
    wait_until(lambda: not at.run().button(key="why_start").disabled, 60,
               "the comparison to end")
    assert not at.exception, at.exception
    shares = {m.label: m.value for m in at.metric}
    return tuple(float(shares[k].rstrip("%")) for k in ("VAE", "Autoencoder"))


def test_lesson_1_autoencoder_vae_and_the_side_by_side():
    at = open_lesson(1)
    assert task_marks(at) == [False, False, False]
    train(at, "lesson1_run_vae")           # the VAE first: nothing to compare it with yet
    assert task_marks(at) == [False, False, False]
    train(at, "lesson1_run_ae")
    assert task_marks(at) == [True, True, False]
    # after 5 epochs the autoencoder's prior samples are digits more often (12 % against 2 %
    # here): the task waits; after 15 the VAE's are (29 % against 2 %) and it ticks
    vae, ae = compare_side_by_side(at, 5)
    assert task_marks(at) == [True, True, vae > ae]
    vae, ae = compare_side_by_side(at, 15)
    assert vae > ae and task_marks(at) == [True, True, True]
    assert overview_tasks(at, 1) == "3 / 3"


def test_lesson_9_ticks_from_a_conditional_run_its_page_and_a_few_labels_run(monkeypatch):
    """The button trains a conditional VAE; the conditional page's measured shares and an
    ended few-labels comparison (its rows stand in for a 1-minute run) tick the other two."""
    monkeypatch.setattr(conditional_view, "PAGE_SHARES_N", 20)
    at = open_lesson(9)
    assert task_marks(at) == [False, False, False]
    train(at, "lesson9_run_cvae")
    assert task_marks(at) == [True, False, False]
    at.switch_page("pages/conditional.py").run()
    assert not at.exception, at.exception
    at.switch_page("pages/lesson_9.py").run()
    # the page opens on the newest model, the 3-epoch run: it draws the digit asked for less
    # often than the unconditional model draws any digit (31 % against 35 %), so no tick
    assert task_marks(at) == [True, False, False]
    at.switch_page("pages/conditional.py").run()
    picker = at.selectbox(key="cond_model")
    picker.set_value(next(o for o in picker.options if "mnist-cvae-z2" in str(o))).run()
    at.switch_page("pages/lesson_9.py").run()
    assert task_marks(at) == [True, True, False]
    assert "the conditional model drew it" in texts(at.markdown)
    rows = (SemiRow("m1", 100, 0, 0.82, 0.77, 0.76, 2.0),
            SemiRow("m1m2", 100, 0, 0.89, 0.77, 0.76, 9.0))
    ended = SimpleNamespace(is_alive=lambda: False,
                            snapshot=lambda: SimpleNamespace(rows=rows))
    monkeypatch.setattr(few_runs, "few_run", lambda: ended)
    at.run()
    assert task_marks(at) == [True, True, True]
    assert "M1+M2 **89.0%**" in texts(at.markdown)
    assert overview_tasks(at, 9) == "3 / 3"
