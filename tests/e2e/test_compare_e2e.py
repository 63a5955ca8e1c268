"""End to end in Chromium: a small β sweep on digits, a click on the rate–distortion plane, and
the BCE vs MSE page with its likelihood comparison (no figure mixes likelihoods' nats) and
pitfalls."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e

# Every Plotly figure on the page: per y axis, the quantities and models of its traces
# (``meta`` as ui/compare/figures.py sets it), read from the browser's own figure objects.
AXES_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(gd => {
  const axes = {};
  for (const t of gd.data || []) {
    const axis = t.yaxis || 'y';
    const m = t.meta || {};
    (axes[axis] = axes[axis] || []).push({quantity: m.quantity || null, model: m.model || null,
                                          name: t.name || null, type: t.type});
  }
  return axes;
})"""

SWEEP_S = 60_000  # ms: a 2-model digits sweep takes a few seconds; generous on a loaded machine


def fill(app, label: str, value: str) -> None:
    box = app.page.get_by_label(label, exact=True).first  # the first tab's
    box.fill(value)
    box.press("Enter")
    app.page.wait_for_timeout(300)
    app.wait()


def start_and_wait(app, name: str = "Start") -> None:
    app.page.get_by_role("button", name=name, exact=True).first.click()
    app.page.get_by_text("Done: trained").first.wait_for(timeout=SWEEP_S)
    app.wait()
    app.assert_no_exception()


def test_beta_sweep_and_click_on_the_plane(app):
    page = app.page
    app.open("beta_lab")
    page.get_by_role("heading", name="β lab").wait_for()
    fill(app, "β values (comma-separated, up to 12)", "0.1, 4")
    fill(app, "Epochs per model", "8")  # the lessons' MLP 256-128 by default: 2 × 8 epochs ≈ 8 s
    start_and_wait(app)
    page.get_by_text("Selected: β=4").wait_for()  # closest to β = 1 (log scale) first
    app.screenshot("beta-lab-sweep")
    app.assert_fits(800)  # the results, the save row included, at 800 px

    # click the β=0.1 marker (the markers are the last scatter trace of the first chart)
    plane = page.locator(".js-plotly-plot").first
    plane.scroll_into_view_if_needed()
    points = plane.locator(".scatterlayer .trace").last.locator("path.point")
    assert points.count() == 2
    points.nth(0).click(force=True)
    page.get_by_text("Selected: β=0.1").wait_for(timeout=20_000)
    app.wait()
    app.assert_no_exception()
    app.screenshot("beta-lab-selected")


def test_bce_vs_mse_and_pitfalls(app):
    page = app.page
    app.open("bce_vs_mse")
    page.get_by_role("heading", name="BCE vs MSE").wait_for()
    fill(app, "Epochs per model", "5")
    start_and_wait(app)
    page.get_by_text("do not compare", exact=False).first.wait_for()
    # the shared-axes figure, the per-likelihood nats and the two error maps
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot').length >= 4")
    app.screenshot("bce-vs-mse")
    assert_no_mixed_nats(page.evaluate(AXES_JS))
    app.assert_fits(800)

    page.get_by_role("tab", name="Pitfalls").click()
    page.get_by_role("button", name="Start", exact=True).first.click()  # the visible tab's
    page.get_by_text("Done: trained 3 models").wait_for(timeout=SWEEP_S)
    app.wait()
    app.assert_no_exception()
    page.get_by_text("Numbers this large").first.wait_for()
    app.screenshot("pitfalls")


def assert_no_mixed_nats(figures: list[dict]) -> None:
    """The BCE vs MSE figures contain no trace that mixes likelihood nats: a y axis that shows
    a reconstruction term in nats shows it for one model only, and nothing else."""
    recon_axes = 0
    for axes in figures:
        for axis, traces in axes.items():
            nats = [t for t in traces if t["quantity"] == "recon_nats"]
            if nats:
                recon_axes += 1
                assert len(traces) == len(nats) == 1, (axis, traces)
    assert recon_axes == 2, figures  # bce and mse, each on its own axis
