"""End to end in Chromium on the Explore pages: click points on the t-SNE map (reconstruction,
then the interpolation between two), and the animated traversal scrubs in the browser and
downloads as a GIF. The views that decode in the page: tests/e2e/test_pointer_e2e.py."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

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


def test_click_points_on_the_t_sne_map(app):
    """t-SNE has no inverse, so its map stays the clickable Plotly chart (the raw and PCA maps
    decode under the pointer: tests/e2e/test_pointer_e2e.py)."""
    page = app.page
    app.open("latent_map")
    page.get_by_role("heading", name="Latent map").wait_for()
    subset = page.locator("[data-testid='stSlider'] input[type='range']").first
    subset.focus()
    page.keyboard.press("Home")  # 20 test images: t-SNE takes a moment
    app.wait()
    page.locator("[data-testid='stRadio'] label", has_text="t-SNE").first.click()
    app.wait()
    page.locator(MAP_CHART).first.locator("path.point").first.wait_for()
    app.assert_no_exception()

    started = time.monotonic()
    click_point(app, trace=0, point=0)
    page.get_by_text("Reconstruction (decoded μ)").wait_for()
    app.wait()
    first_s = time.monotonic() - started
    app.assert_no_exception()
    app.screenshot("latent-map-one-point")

    click_point(app, trace=3, point=0)  # another class
    page.get_by_text("lerp (straight line)").wait_for()
    app.wait()
    assert page.get_by_text("From #").count() == 1
    app.assert_no_exception()
    app.screenshot("latent-map-two-points")
    print(f"click to reconstruction: {first_s:.2f} s")


def test_the_animated_traversal_scrubs_in_the_browser_and_downloads(app):
    page = app.page
    app.open("traverse")
    page.get_by_role("heading", name="Traverse the latent space").wait_for()
    app.assert_no_exception()
    # the animated traversal holds its frames in the browser: scrub without a rerun
    # (wait for it: the heading is drawn before Plotly has built the figure)
    frames = page.wait_for_function("""() => {
        const gs = [...document.querySelectorAll('.js-plotly-plot')];
        const g = gs.find(g => g._transitionData && g._transitionData._frames.length);
        return g ? g._transitionData._frames.length : 0;
    }""").json_value()
    assert frames == 21
    page.locator("[data-testid='stDownloadButton']").first.wait_for()
    app.screenshot("traverse")
    # the GIF is made only on the click (a deferred download): it must still arrive whole
    with page.expect_download(timeout=30_000) as download:
        page.get_by_role("button", name="Download GIF").click()
    gif = Path(download.value.path()).read_bytes()
    assert gif[:6] == b"GIF89a" and gif[-1:] == b";"
    assert download.value.suggested_filename.startswith("traversal-z")
