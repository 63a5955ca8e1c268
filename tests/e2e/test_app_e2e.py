"""End to end in Chromium: train on real MNIST digits (mnist-5k) live, see the
28×28 reconstructions, switch pages mid-training, stop, save to the library and find it in the
picker, and refuse a bad upload."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
import torch

from tests.support import wait_until
from vae_core.checkpoints import load_checkpoint
from vae_core.config import TrainConfig

pytestmark = pytest.mark.e2e





def step_count(app) -> int:
    return int(app.metric("Step").replace(",", ""))


# The live latent space: the Plotly chart whose first WebGL trace holds the 1,000 test means
# (the others are its legend's empty entries; read from _fullData: the figure's own data keeps
# numpy arrays as base64 typed-array specs)
LATENT_CHART = """[...document.querySelectorAll('.js-plotly-plot')].find(
    g => g._fullData && g._fullData.length && g._fullData[0].type === 'scattergl'
         && g._fullData[0].x && g._fullData[0].x.length === 1000)"""
LATENT_JS = f"""() => {{
    const g = {LATENT_CHART};
    if (!g) return null;
    return {{title: g.layout.title.text, x: Array.from(g._fullData[0].x.slice(0, 50)),
            frames: g._transitionData ? g._transitionData._frames.length : 0,
            current: g._fullLayout._currentFrame || null}};
}}"""


def latent_shown(page) -> dict | None:
    return page.evaluate(LATENT_JS)


def play_replay(page) -> list[str]:
    """Press ▶ under the latent replay and collect the frames Plotly steps through."""
    chart = page.locator(".js-plotly-plot", has=page.locator(".updatemenu-button")).filter(
        has_text="Replay")
    chart.locator(".updatemenu-button", has_text="▶").first.click()
    seen: list[str] = []

    def stepped() -> bool:
        name = latent_shown(page)["current"]
        if name is not None and (not seen or seen[-1] != name):
            seen.append(name)
        return len(seen) >= 5

    wait_until(stepped, 20, "the replay to play", poll_s=0.05)
    chart.locator(".updatemenu-button", has_text="❚❚").first.click()
    return seen


def test_the_default_run_trains_on_mnist_and_shows_readable_28x28_digits(app):
    page = app.page
    app.open("train")
    page.get_by_text("5,000 real MNIST digits").first.wait_for()  # the default dataset
    page.get_by_role("button", name="Start", exact=True).click()
    epochs = TrainConfig().epochs  # the default run's
    page.get_by_text(re.compile(rf"Finished {epochs} epochs")).wait_for(timeout=120_000)
    app.assert_no_exception()
    grid = page.locator("[data-testid='stImage']").filter(
        has_text="Test images (top) and their reconstructions (bottom)").locator("img")
    width, height, shown = grid.evaluate(
        "img => [img.naturalWidth, img.naturalHeight, img.getBoundingClientRect().width]")
    cell = (height - 2) // 2  # two rows (originals, reconstructions) with 2 px gaps
    assert cell - 2 >= 84 and (cell - 2) % 28 == 0, (width, height)  # 28×28, ×3 or more
    assert width == 8 * cell + 2 and shown >= width * 0.99  # eight per row, not shrunk
    # the latent space's replay: a frame per snapshot (each epoch's end at least), in the page
    frames = page.evaluate("""() => Math.max(0, ...[...document.querySelectorAll(
        '.js-plotly-plot')].map(g => g._transitionData ? g._transitionData._frames.length : 0))""")
    assert frames >= epochs
    before = latent_shown(page)
    played = play_replay(page)  # ▶ steps through the snapshots from the first, in the page
    assert len(set(played)) >= 5 and int(played[0]) < int(played[-1]), played
    assert latent_shown(page)["x"] != before["x"]  # the points moved back in training time
    app.screenshot("train-finished-mnist")
    app.assert_fits(800)


def test_train_live_switch_pages_stop_and_save(app):
    page = app.page
    app.open("train")
    epochs = page.get_by_label("Epochs", exact=True)
    epochs.fill("1000")  # far more than we wait for: Stop ends it
    epochs.press("Enter")
    app.wait()
    started = time.monotonic()
    page.get_by_role("button", name="Start", exact=True).click()

    # the loss chart appears and grows at least twice while the job runs
    page.locator(".js-plotly-plot").first.wait_for()
    seen = [app.plot_points(0)]
    for _ in range(2):
        seen.append(wait_until(lambda: (n := app.plot_points(0)) > seen[-1] and n, 20,
                               "the loss chart to update"))
    first_update_s = time.monotonic() - started
    app.assert_no_exception()
    page.get_by_text("The means μ of 1,000 test images").wait_for()  # the live latent space
    first = wait_until(lambda: latent_shown(page), 20, "the live latent space")
    # title and points are read from two Plotly fields that a redraw does not update in one
    # step (CI once read a new title over the old points), so wait for both to change
    later = wait_until(lambda: (s := latent_shown(page)) and s["title"] != first["title"]
                       and s["x"] != first["x"] and s, 20, "the live latent space to be redrawn")
    assert later["frames"] == 0  # new points and title; no replay yet

    # β changed while it runs shows in the curves (β is the last trace, on the right axis)
    beta = page.get_by_label("β now (applies at once)")
    beta.fill("4")
    beta.press("Enter")
    wait_until(lambda: app.plot_max(0, -1) == 4, 20, "β = 4 in the loss chart")
    app.screenshot("train-running")

    # another page and back: the job keeps going, nothing restarts
    before = step_count(app)
    app.nav("What is a VAE?")
    page.locator("[data-testid='stSidebar']").get_by_text(
        re.compile(r"Training: epoch \d+, step [\d,]+/63,?000")).wait_for()
    app.assert_no_exception()
    app.screenshot("home-while-training")
    time.sleep(1.0)
    app.nav("Train")
    wait_until(lambda: step_count(app) > before, 20, "the step count to keep growing")
    assert page.get_by_label("Epochs", exact=True).input_value() == "1000"  # settings came back
    assert page.get_by_role("button", name="Stop").count() == 1

    # Stop ends it and keeps the weights as a session model. How fast is printed, not asserted
    # (a timed test fails on a busy CI machine: 3-5 s here, 6.5 s once in CI, most of it the
    # browser drawing the final page with its latent replay); the job itself ends within a step
    # of the request (tests/test_training.py), and the server's runs take about 0.1 s
    stop_clicked = time.monotonic()
    page.get_by_role("button", name="Stop").click()
    page.get_by_text("Stopped by request").wait_for(timeout=30_000)
    stop_s = time.monotonic() - stop_clicked
    app.assert_no_exception()

    # save it under a new name and find it in the sidebar picker
    name = page.get_by_label("Name in the library")
    name.fill("e2e model")
    name.press("Enter")
    app.wait()
    page.get_by_role("button", name="Save to library").click()
    page.get_by_text("Saved as e2e-model.safetensors").wait_for()
    assert (app.server.library / "e2e-model.safetensors").is_file()
    page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").click()
    page.get_by_role("option", name="e2e model · library").wait_for()
    app.screenshot("picker-after-save")
    page.keyboard.press("Escape")
    app.assert_no_exception()

    # the download is made on the click (deferred): it is the whole model, loadable
    with page.expect_download(timeout=30_000) as download:
        # by its name: the run's image grids have download buttons of their own
        page.locator("[data-testid='stDownloadButton'] button",
                     has_text="Download .safetensors").click()
    downloaded = load_checkpoint(Path(download.value.path()))
    saved = load_checkpoint(app.server.library / "e2e-model.safetensors")
    assert download.value.suggested_filename.endswith(".safetensors")
    assert downloaded.model_cfg == saved.model_cfg
    for key, tensor in saved.model.state_dict().items():  # the same weights as the saved file
        assert torch.equal(downloaded.model.state_dict()[key], tensor), key
    print(f"first two chart updates {first_update_s:.1f} s after Start; Stop took {stop_s:.2f} s")


def test_bad_upload_shows_a_clear_error(app, tmp_path):
    bad = tmp_path / "not-a-model.safetensors"
    bad.write_bytes(b"this is not a checkpoint at all")
    app.open("library")
    app.page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(bad)
    app.page.get_by_text("not-a-model.safetensors is not a VAE Lab model").wait_for()
    app.assert_no_exception()
    app.screenshot("library-bad-upload")


def test_switching_to_chinese_redraws_the_chosen_options_in_chinese(app):
    """A keyed selectbox keeps showing its option in the old language unless its value is set
    again (ui.shell.i18n): the picker and the Train page's selectboxes, read from the page."""
    app.open("train")
    app.page.locator(".st-key-vl_lang_row").get_by_text("中文").click()
    app.page.wait_for_timeout(300)
    app.wait()
    shown = app.page.evaluate("""() => [...document.querySelectorAll(
        "[data-testid='stSelectbox'] input")].map(i => i.value)""")
    # the sidebar picker, whichever model it holds: on a loaded CI machine a new session once
    # showed the library model an earlier test saved (a picker race, noted in issue 29's note)
    assert any(s.endswith(("· 预训练", "· 模型库", "· 本次会话")) for s in shown), shown
    assert any("伯努利" in s for s in shown), shown           # the likelihood
    assert not [s for s in shown if "pretrained" in s or s.startswith("Bernoulli")], shown
