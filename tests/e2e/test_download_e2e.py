"""Download MNIST from the Train page in Chromium: the warning names the folder, the progress
bar moves while the files come in from a local, throttled mirror, then Start is enabled."""

from __future__ import annotations

import json

import pytest

from tests.e2e.conftest import TIMEOUT_MS, AppDriver, _streamlit
from tests.support import wait_until
from tests.test_download import make_mirror, serve

pytestmark = pytest.mark.e2e

# Imported by the server's Python at start-up (a ``sitecustomize`` on its PYTHONPATH): it points
# torchvision's MNIST at the test's mirror and its checksums, as a real mirror would have.
SITECUSTOMIZE = """\
import torchvision.datasets.mnist as m
m.MNIST.mirrors = {mirrors}
m.MNIST.resources = [tuple(r) for r in {resources}]
"""


@pytest.fixture(scope="module")
def download_server(tmp_path_factory):
    """A server whose data folder is empty and whose MNIST mirror is a local one, served at
    about 100 kB/s so that the bar is seen (300 images: about 0.3 MB in all)."""
    root = tmp_path_factory.mktemp("download")
    resources, _ = make_mirror(root / "mirror", n_train=300)
    shim = root / "shim"
    shim.mkdir()
    with serve(root / "mirror", delay_s=0.15) as url:
        (shim / "sitecustomize.py").write_text(SITECUSTOMIZE.format(
            mirrors=json.dumps([url]), resources=json.dumps(resources)))
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("PYTHONPATH", str(shim))
            mp.setenv("VAE_LAB_DATA_DIR", str(root / "data"))
            with _streamlit(root / "library", max_jobs=1, log_name="e2e-download") as srv:
                srv.data_dir = root / "data"
                yield srv


def test_download_shows_progress_then_start_is_enabled(browser, download_server):
    context = browser.new_context(viewport={"width": 1400, "height": 1400})
    try:
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        app = AppDriver(page, download_server)
        app.open("train")
        page.get_by_label("Dataset", exact=True).click()
        page.get_by_role("option", name="mnist", exact=True).click()
        app.wait()
        # the folder inside the server's data folder, never the server's absolute path
        folder = "MNIST/raw"
        page.get_by_text(folder).first.wait_for()
        assert page.get_by_text(str(download_server.data_dir)).count() == 0
        start = page.get_by_role("button", name="Start", exact=True)
        assert start.is_disabled()

        page.get_by_role("button", name="Download", exact=True).click()
        bar = page.locator("[data-testid='stProgress']")
        bar.first.wait_for()
        assert "Downloading MNIST" in page.get_by_text("Downloading MNIST").first.inner_text()
        wait_until(start.is_enabled, 30, "Start to be enabled after the download")
        app.wait()
        assert bar.count() == 0 and page.get_by_text(folder).count() == 0
        assert (download_server.data_dir / "MNIST" / "raw" / "train-images-idx3-ubyte").is_file()
        app.assert_no_exception()
        app.screenshot("train-downloaded")
    finally:
        context.close()
