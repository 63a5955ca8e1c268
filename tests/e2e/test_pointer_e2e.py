"""In Chromium: the latent component's JS decoder against torch for every zoo model, and the
views a learner touches: hovering the plane decodes with no message to the server, the arrow
keys move the point, a click picks a test image; a traversal slider decodes while dragged and
the grid follows on release; the path scrubs; a drawn digit is encoded in the page."""

from __future__ import annotations

import time

import numpy as np
import pytest
import torch

from tests.e2e.conftest import AppDriver, js
from tests.support import wait_until

pytestmark = pytest.mark.e2e

PLANE = "[data-testid='vl-plane']"
OVERLAPPING = js("overlapping_pictures")
DECODED = "[data-testid='vl-decoded']"


@pytest.fixture
def numerics_server(start_server, tmp_path):
    with start_server(tmp_path, max_jobs=1, log_name="e2e-numerics",
                      script="tests/e2e/apps/numerics_app.py") as srv:
        yield srv


class SentFrames:
    """Websocket frames the page sends (every widget change, click or rerun is one), and the
    bytes it receives."""

    def __init__(self, page) -> None:
        self.count, self.received = 0, 0
        page.on("websocket", self._attach)

    def _attach(self, ws) -> None:
        ws.on("framesent", self._sent)
        ws.on("framereceived", self._received)

    def _sent(self, _payload) -> None:
        self.count += 1

    def wait_for_more_than(self, page, count: int, timeout_s: float = 20) -> None:
        """Wait until more than ``count`` frames were sent. Playwright hands its websocket
        events to Python only while a call into the page runs, so a frame the page already
        sent can be counted late on a busy machine: poll by waiting in the page."""
        deadline = time.monotonic() + timeout_s
        while self.count <= count:
            if time.monotonic() > deadline:
                raise AssertionError(f"no frame past {count} sent within {timeout_s} s")
            page.wait_for_timeout(50)

    def _received(self, payload) -> None:
        self.received += len(payload or b"")


def pixels(page, selector: str, nth: int = 0) -> np.ndarray:
    return np.array(page.locator(selector).nth(nth).evaluate("c => Array.from(c.__pixels)"))


def timings(page, kind: str) -> list[float]:
    return page.evaluate("(k) => globalThis.__vaeLabTimings.filter(t => t.kind === k)"
                         ".map(t => t.ms)", kind)


def test_js_decoder_matches_torch_for_every_zoo_model(browser, numerics_server):
    from vae_core.checkpoints import load_checkpoint
    from vae_core.zoo import ASSETS_DIR, load_index

    page = browser.new_page()
    page.goto(numerics_server.url)
    page.get_by_text("all mounted").wait_for(timeout=60_000)
    worst = {}
    for item in load_index():
        model = load_checkpoint(ASSETS_DIR / item["file"]).model.eval()
        g = torch.Generator().manual_seed(0)
        z = torch.randn(100, model.latent_dim, generator=g) * 1.5
        x = torch.rand(10, *model.cfg.input_shape, generator=g)
        zs, xs = z, x.flatten(1)
        with torch.no_grad():
            if model.cfg.conditional:  # the JS net reads [z, one-hot y] and [x, one-hot y]
                n = model.cfg.n_classes
                yz, yx = torch.arange(100) % n, torch.arange(10) % n
                want = model.decode(z, yz).flatten(1).numpy()
                mu, logvar = model.encode(x, yx)
                zs = torch.cat([z, torch.nn.functional.one_hot(yz, n)], 1)
                xs = torch.cat([xs, torch.nn.functional.one_hot(yx, n)], 1)
            else:
                want = model.decode(z).flatten(1).numpy()
                mu, logvar = model.encode(x)
        got = page.evaluate("""([fp, zs, xs]) => new Promise((done) => {
            const poll = () => {
                const s = globalThis.__vaeLabNets && globalThis.__vaeLabNets.get(fp);
                if (!s || !s.net || !s.net.enc) return setTimeout(poll, 50);
                const net = s.net;
                done({decoded: zs.map(z => Array.from(net.decode(z))),
                      encoded: xs.map(x => {
                          const r = net.encode(x);
                          return Array.from(r.mu).concat(Array.from(r.logvar));
                      })});
            };
            poll();
        })""", [item["name"], zs.tolist(), xs.tolist()])
        dec_err = np.abs(np.array(got["decoded"]) - want).max()
        enc_err = np.abs(np.array(got["encoded"]) - torch.cat([mu, logvar], 1).numpy()).max()
        worst[item["name"]] = (dec_err, enc_err)
    page.close()
    print({name: f"{d:.1e} / {e:.1e}" for name, (d, e) in worst.items()})
    assert len(worst) >= 10
    assert all(d < 1e-4 and e < 1e-4 for d, e in worst.values()), worst


def test_plane_decodes_under_the_pointer_without_the_server(app):
    page = app.page
    frames = SentFrames(page)
    app.open("latent_map")
    plane = page.locator(PLANE)
    plane.wait_for()
    page.locator("[data-testid='vl-view-plane'][data-ready='1']").wait_for()
    app.wait()
    app.assert_no_exception()
    box = plane.bounding_box()
    first = pixels(page, DECODED)
    sent = frames.count
    for i in range(100):  # a sweep across the plane
        page.mouse.move(box["x"] + box["width"] * (0.15 + 0.7 * i / 99),
                        box["y"] + box["height"] * (0.3 + 0.4 * (i % 10) / 9))
    page.wait_for_timeout(200)
    assert frames.count == sent, "hovering sent a message to the server"
    assert np.abs(pixels(page, DECODED) - first).max() > 0.05
    assert len(timings(page, "plane")) >= 100

    z_before = page.locator("[data-testid='vl-z']").inner_text()
    plane.focus()
    for key in ("ArrowLeft", "ArrowLeft", "ArrowUp"):
        page.keyboard.press(key)
    assert page.locator("[data-testid='vl-z']").inner_text() != z_before
    assert frames.count == sent, "the arrow keys sent a message to the server"

    # a click on a dot picks that test image: one rerun shows it below
    x, y, index = plane.evaluate("c => c.__vl.dot(c.__vl.isolated(1)[0])")
    page.mouse.click(box["x"] + x, box["y"] + y)
    page.get_by_text(f"Test image #{index} (").wait_for()
    app.wait()
    frames.wait_for_more_than(page, sent)
    app.assert_no_exception()
    assert timings(page, "click"), "the click was not decoded in the page"

    # Enter clicks at the current point: off a dot, its spot goes to the decode box
    plane.focus()
    for _ in range(3):
        page.keyboard.press("Shift+ArrowDown")
    px, py = plane.evaluate("c => c.__vl.point()")
    page.keyboard.press("Enter")
    # its rerun waits behind the page's first draw on a loaded machine (CI: over 10 s once)
    wait_until(lambda: page.get_by_text(f"Decoded at ({px:.2f}, {py:.2f})").count() == 1, 30,
               "the decode box to show the clicked spot")
    app.wait()
    app.assert_no_exception()
    # a rerun that changes no latent view sends none of them again: the weights (0.9 MB each
    # way) and the plane (0.8 MB) come as references to the browser's message cache
    received = frames.received
    field = page.locator("[data-testid='stNumberInput'] input").first
    field.fill("1.25")
    field.press("Enter")
    page.get_by_text("Decoded at (1.25,").wait_for()
    app.wait()
    assert frames.received - received < 100_000
    app.screenshot("pointer-plane")
    print(f"hover p95 {np.percentile(timings(page, 'plane'), 95):.2f} ms")


def test_traverse_slider_decodes_while_dragged_and_the_grid_follows_on_release(app):
    page = app.page
    frames = SentFrames(page)
    app.open("traverse")
    page.locator("[data-testid='vl-view-sliders'][data-ready='1']").wait_for()
    app.wait()
    grid = page.locator("[data-testid='stImage'] img").first
    grid_before = grid.get_attribute("src")
    thumb = page.locator("[data-testid='vl-view-sliders'] input[type='range']").first
    box = thumb.bounding_box()
    first = pixels(page, DECODED)
    sent = frames.count
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] / 2, y)
    page.mouse.down()
    changed = []
    for i in range(1, 21):  # drag to the right end, checking the image as it goes
        page.mouse.move(box["x"] + box["width"] / 2 + i * box["width"] / 40, y)
        changed.append(np.abs(pixels(page, DECODED) - first).max() > 1e-3)
    assert frames.count == sent, "dragging sent a message to the server"
    assert sum(changed) >= 15, "the image did not follow the drag"
    page.mouse.up()  # the release sends z once: the grid below is redrawn around it
    wait_until(lambda: grid.get_attribute("src") != grid_before, 15, "the grid to follow")
    app.wait()
    app.assert_no_exception()
    frames.wait_for_more_than(page, sent)

    # the path between two test images scrubs in the page
    scrub = page.locator("[data-testid='vl-interp-t']")
    scrub.scroll_into_view_if_needed()
    interp = page.locator("[data-testid='vl-view-interp'] [data-testid='vl-decoded']")
    start = np.array(interp.evaluate("c => Array.from(c.__pixels)"))
    sent = frames.count
    scrub.focus()
    for _ in range(30):
        page.keyboard.press("ArrowRight")
    assert np.abs(np.array(interp.evaluate("c => Array.from(c.__pixels)")) - start).max() > 0.05
    page.get_by_role("button", name="▶ Play").click()
    page.wait_for_timeout(500)
    page.get_by_role("button", name="❚❚ Pause").click()
    assert frames.count == sent, "scrubbing sent a message to the server"
    app.screenshot("pointer-traverse")
    print(f"slider p95 {np.percentile(timings(page, 'slider'), 95):.2f} ms")


def test_a_drawn_digit_is_encoded_in_the_page(app):
    page = app.page
    frames = SentFrames(page)
    app.open("latent_map")
    page.locator("[data-testid='vl-view-draw'][data-ready='1']").wait_for()
    app.wait()
    pad = page.locator("[data-testid='vl-draw']")
    pad.scroll_into_view_if_needed()
    box = pad.bounding_box()
    sent = frames.count
    # a "1": one stroke down the middle, with touch-like small steps
    page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.15)
    page.mouse.down()
    for i in range(1, 31):
        page.mouse.move(box["x"] + box["width"] * (0.5 - 0.05 * i / 30),
                        box["y"] + box["height"] * (0.15 + 0.7 * i / 30))
    page.mouse.up()
    recon = page.locator("[data-testid='vl-recon']")
    recon.wait_for()
    drawn = np.array(page.locator("[data-testid='vl-drawn-input']").evaluate(
        "c => Array.from(c.__pixels)")).reshape(28, 28)
    assert drawn.max() > 0.5 and drawn[:, :5].max() == 0  # ink in the middle, none at the edge
    sample = pixels(page, "[data-testid='vl-sample']")
    page.locator("[data-testid='vl-resample']").click()
    assert np.abs(pixels(page, "[data-testid='vl-sample']") - sample).max() > 1e-3
    assert page.locator(PLANE).evaluate("c => c.__vl.drawn()") is not None  # the star
    assert frames.count == sent, "drawing sent a message to the server"
    assert timings(page, "encode")
    app.assert_no_exception()
    app.screenshot("pointer-draw")


def test_conditional_page_decodes_the_picked_digit_under_the_pointer(app):
    """The conditional VAE's plane decodes [z, one-hot y] in the page: the image follows the
    pointer with no message, and picking another digit redraws the same style as that digit;
    a drawn digit comes back written as all ten."""
    page = app.page
    frames = SentFrames(page)
    app.open("conditional")
    plane = page.locator(PLANE)
    page.locator("[data-testid='vl-view-plane'][data-ready='1']").wait_for()
    app.assert_no_exception()
    box = plane.bounding_box()
    sent = frames.count
    page.mouse.move(box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.4)
    first = pixels(page, DECODED)
    page.mouse.move(box["x"] + box["width"] * 0.7, box["y"] + box["height"] * 0.6)
    moved = pixels(page, DECODED)
    assert np.abs(moved - first).max() > 0.05
    assert frames.count == sent, "hovering sent a message to the server"
    page.locator("[data-testid='stRadio'] label", has_text="7").click()
    app.wait()

    tries = []

    def redrawn() -> bool:  # the re-rendered view decodes at the pointer's next move
        tries.append(len(tries) % 2)  # a 1-px nudge back and forth: each call is a real move
        page.mouse.move(box["x"] + box["width"] * 0.7 + tries[-1], box["y"] + box["height"] * 0.6)
        now = page.locator(f"[data-testid='vl-view-plane'][data-ready='1'] {DECODED}")
        return now.count() == 1 and np.abs(pixels(page, DECODED) - moved).max() > 0.1

    wait_until(redrawn, 20, "the same style drawn as a 7")
    pad = page.locator("[data-testid='vl-draw']")
    pad.scroll_into_view_if_needed()
    box = pad.bounding_box()
    images = page.locator("[data-testid='stImage']").count()
    page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.15)
    page.mouse.down()
    for i in range(1, 21):  # a "1": one stroke down the middle
        page.mouse.move(box["x"] + box["width"] * 0.5,
                        box["y"] + box["height"] * (0.15 + 0.035 * i))
    page.mouse.up()
    page.get_by_text("The classifier reads your drawing as").wait_for()
    app.wait()
    assert page.locator("[data-testid='stImage']").count() == images + 1
    app.assert_no_exception()
    app.screenshot("conditional")


@pytest.fixture
def touch_app(browser, server):
    """A touch screen 800 px wide: Chromium turns the touches into pointer events of type
    "touch", as a tablet's browser does."""
    from tests.e2e.conftest import TIMEOUT_MS, AppDriver

    context = browser.new_context(viewport={"width": 800, "height": 1600}, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    yield AppDriver(page, server), context.new_cdp_session(page)
    context.close()


def scrolled_to(locator) -> bool:
    """Scroll the element into view; False while a rerun is replacing it."""
    from playwright.sync_api import Error

    try:
        locator.scroll_into_view_if_needed(timeout=2_000)
    except Error:
        return False
    return True


def swipe(cdp, points: list[tuple[float, float]]) -> None:
    """One finger down at the first point, along the rest, and up."""
    kinds = ["touchStart"] + ["touchMove"] * (len(points) - 1)
    for kind, (x, y) in zip(kinds, points, strict=True):
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": [{"x": x, "y": y}]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})


def test_touch_explores_the_plane_and_draws_at_800_px(touch_app):
    app, cdp = touch_app
    page = app.page
    frames = SentFrames(page)
    app.open("latent_map")
    plane = page.locator(PLANE)
    page.locator("[data-testid='vl-view-plane'][data-ready='1']").wait_for()
    app.wait()
    plane.scroll_into_view_if_needed()
    box = plane.bounding_box()
    assert box["x"] + box["width"] <= 800, box  # the plane fits the narrow window
    # the decoded image sits beside the plane, inside its height: on screen wherever the
    # pointer is on the plane (below a full-width plane it was off the window's bottom)
    image = page.locator(DECODED).bounding_box()
    assert image["x"] >= box["x"] + box["width"] and image["x"] + image["width"] <= 800, image
    assert box["y"] <= image["y"] and image["y"] + image["height"] <= box["y"] + box["height"]
    first, sent = pixels(page, DECODED), frames.count
    # a finger dragged across the plane: the digit follows it, the page stays put
    scroll = page.evaluate("() => document.querySelector(\"[data-testid='stMain']\").scrollTop")
    swipe(cdp, [(box["x"] + box["width"] * (0.2 + 0.6 * i / 29), box["y"] + box["height"] * 0.5)
                for i in range(30)])
    assert np.abs(pixels(page, DECODED) - first).max() > 0.05
    assert frames.count == sent, "a touch drag sent a message to the server"
    assert page.evaluate(
        "() => document.querySelector(\"[data-testid='stMain']\").scrollTop") == scroll
    # a tap on a dot picks its test image, as a click does
    x, y, index = plane.evaluate("c => c.__vl.dot(c.__vl.isolated(1)[0])")
    swipe(cdp, [(box["x"] + x, box["y"] + y)])
    page.get_by_text(f"Test image #{index} (").wait_for()
    app.wait()
    app.assert_no_exception()
    page.wait_for_timeout(300)  # the μ ± σ chart is laid out after the run
    assert page.evaluate(OVERLAPPING) == []  # its images and chart side by side, or wrapped

    # a digit drawn with a finger is encoded in the page (the pick's rerun redraws the pad)
    page.locator("[data-testid='vl-view-draw'][data-ready='1']").wait_for()
    pad = page.locator("[data-testid='vl-draw']")
    wait_until(lambda: scrolled_to(pad), 15, "the drawing pad")
    page.wait_for_timeout(300)
    box = pad.bounding_box()
    sent = frames.count
    swipe(cdp, [(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * (0.15 + 0.7 * i / 30))
                for i in range(31)])
    page.locator("[data-testid='vl-recon']").wait_for()
    drawn = np.array(page.locator("[data-testid='vl-drawn-input']").evaluate(
        "c => Array.from(c.__pixels)")).reshape(28, 28)
    assert drawn.max() > 0.5 and drawn[:, :5].max() == 0
    assert frames.count == sent, "drawing with a finger sent a message to the server"
    app.screenshot("pointer-touch-800")


INK = """c => {  // columns holding the line's blue (#1f77b4, anti-aliased edges lighter)
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data, cols = new Set();
    for (let i = 0; i < d.length; i += 4) {
        if (d[i] < 110 && d[i + 2] > 150) cols.add((i / 4) % c.width);
    }
    return {cols: cols.size, width: c.width, height: c.height};
}"""


@pytest.fixture
def wave_server(start_server, tmp_path):
    """A server whose only model is a signals model (1×1×256, the 1-D conv: 1×4 kernels), so
    the pages open on it with no pick in the sidebar."""
    from vae_core.checkpoints import save_checkpoint
    from vae_core.config import DataConfig, ModelConfig
    from vae_core.models import build_model

    library, assets = tmp_path / "library", tmp_path / "assets"
    library.mkdir()
    assets.mkdir()
    torch.manual_seed(0)
    model = build_model(ModelConfig(arch="conv", input_shape=(1, 1, 256), hidden=(16,),
                                    latent_dim=2, recon="gaussian"))
    save_checkpoint(library / "e2e-wave.safetensors", model,
                    data_cfg=DataConfig(dataset="signals"), name="e2e wave")
    with start_server(library, max_jobs=1, log_name="e2e-wave",
                      env={"VAE_LAB_ASSETS": str(assets)}) as srv:
        srv.model = model.eval()
        yield srv


def test_a_sequence_model_is_decoded_as_a_waveform_in_the_page(page, wave_server):
    """The traverse page's live decoder draws a signals model's output as a line across its
    canvas, twice as wide as high, from the same 256 values torch decodes."""
    app = AppDriver(page, wave_server)
    app.open("traverse")
    wave = "[data-testid='vl-view-sliders'][data-ready='1'] canvas.vl-wave"
    page.locator(wave).wait_for()
    with torch.no_grad():
        want = wave_server.model.decode(torch.zeros(1, 2)).flatten().numpy()
    got = pixels(page, wave)
    assert got.shape == want.shape and np.abs(got - want).max() < 1e-4
    ink = page.locator(wave).evaluate(INK)
    assert ink["width"] == 2 * ink["height"] and ink["cols"] > 0.9 * ink["width"], ink
    app.assert_no_exception()
    app.screenshot("pointer-waveform")
