"""End to end in Chromium on the Explore pages: click points on the latent map (reconstruction,
then the interpolation between two), move a traversal slider (the decoded image changes), and
the animated traversal scrubs in the browser."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.support import wait_until

pytestmark = pytest.mark.e2e

MAP_CHART = "[data-testid='stPlotlyChart'] .js-plotly-plot"




def click_point(app, trace: int, point: int) -> None:
    """Hover, then click one marker of the map (Plotly listens on its drag layer on top, so
    the mouse goes to the marker's centre instead of clicking the SVG path itself)."""
    chart = app.page.locator(MAP_CHART).first
    marker = chart.locator(".scatterlayer .trace").nth(trace).locator("path.point").nth(point)
    box = marker.bounding_box()
    assert box is not None, "marker not drawn"
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    app.page.mouse.move(x, y)
    app.page.wait_for_timeout(150)
    app.page.mouse.click(x, y)


def test_click_points_on_the_latent_map(app):
    page = app.page
    app.open("latent_map")
    page.get_by_role("heading", name="Latent map").wait_for()
    page.locator(MAP_CHART).first.locator("path.point").first.wait_for()
    app.assert_no_exception()

    started = time.monotonic()
    click_point(app, trace=0, point=0)
    page.get_by_text("Reconstruction (decoded μ)").wait_for()
    app.wait()
    first_s = time.monotonic() - started
    app.assert_no_exception()
    app.screenshot("latent-map-one-point")

    click_point(app, trace=5, point=0)  # another class, far from the first point
    page.get_by_text("lerp (straight line)").wait_for()
    app.wait()
    assert page.get_by_text("From #").count() == 1
    app.assert_no_exception()
    app.screenshot("latent-map-two-points")
    print(f"click to reconstruction: {first_s:.2f} s")


def test_traversal_slider_changes_the_image(app):
    page = app.page
    app.open("traverse")
    page.get_by_role("heading", name="Traverse the latent space").wait_for()
    app.assert_no_exception()
    image = page.locator("[data-testid='stImage'] img").first
    before = image.get_attribute("src")

    thumb = page.locator("[data-testid='stSlider'] input[type='range']").first
    thumb.focus()
    started = time.monotonic()
    page.keyboard.press("ArrowRight")  # one step: z of the top dim 0.00 -> 0.05
    wait_until(lambda: image.get_attribute("src") != before, 10, "the decoded image to change")
    round_trip_s = time.monotonic() - started
    app.wait()
    for _ in range(19):  # on to +1.0: a clearly different image for the screenshot
        page.keyboard.press("ArrowRight")
    app.wait()
    app.assert_no_exception()

    # the animated traversal holds its frames in the browser: scrub without a rerun
    frames = page.evaluate("""() => {
        const gs = [...document.querySelectorAll('.js-plotly-plot')];
        const g = gs.find(g => g._transitionData && g._transitionData._frames.length);
        return g ? g._transitionData._frames.length : 0;
    }""")
    assert frames == 21
    page.locator("[data-testid='stDownloadButton']").first.wait_for()
    app.screenshot("traverse")
    # the GIF is made only on the click (a deferred download): it must still arrive whole
    with page.expect_download(timeout=30_000) as download:
        page.get_by_role("button", name="Download GIF").click()
    gif = Path(download.value.path()).read_bytes()
    assert gif[:6] == b"GIF89a" and gif[-1:] == b";"
    assert download.value.suggested_filename.startswith("traversal-z")
    print(f"slider move to new image: {round_trip_s:.2f} s")
