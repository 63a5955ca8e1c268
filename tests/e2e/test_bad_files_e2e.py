"""In Chromium: a zip bomb `.pt` and a file whose name climbs out of its folder, uploaded on the
Models page, each give a clear error, no exception box, and leave the library as it was."""

from __future__ import annotations

import pytest

from tests.test_bad_inputs import tree_hash, zip_bomb

pytestmark = pytest.mark.e2e

UPLOAD = "[data-testid='stFileUploader'] input[type='file']"


def picker_options(app) -> list[str]:
    """The sidebar model picker's entries (opens and closes its list)."""
    box = app.page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").first
    box.click()
    options = app.page.locator("[role='option']")
    options.first.wait_for()
    texts = sorted(options.all_inner_texts())
    app.page.keyboard.press("Escape")
    return texts


def upload(app, name: str, data: bytes) -> None:
    app.page.locator(UPLOAD).set_input_files(
        {"name": name, "mimeType": "application/octet-stream", "buffer": data})


def test_zip_bomb_and_path_names_are_refused(app):
    app.open("library")
    before_files, before_picker = tree_hash(app.server.library), picker_options(app)
    app.page.get_by_text("Limits: uploads up to 50 MB").wait_for()

    upload(app, "bomb.pt", zip_bomb())
    app.page.get_by_text("bomb.pt was refused to keep the server safe").wait_for()
    app.page.get_by_text("Details").click()
    app.page.get_by_text("(a zip bomb?)").wait_for()
    app.assert_no_exception()
    app.screenshot("library-zip-bomb")

    # the browser may reduce the name to its last part; either way nothing is written
    upload(app, "../../evil.safetensors", b"\x00" * 64)
    error = app.page.locator("[data-testid='stAlertContentError']",
                             has_text="evil.safetensors")
    error.wait_for()
    assert "Traceback" not in error.inner_text()
    app.assert_no_exception()
    app.screenshot("library-path-name")

    assert tree_hash(app.server.library) == before_files
    assert picker_options(app) == before_picker


def test_the_uploader_speaks_the_page_language(app):
    """Streamlit draws the uploader's button and limits line in English only: the 中文 page
    draws its own words over them (``ui/shell/widgets.py``), and a student sees no English."""
    app.open("library?lang=zh")
    zone = ".st-key-upload_model [data-testid='stFileUploaderDropzone']"
    app.page.wait_for_selector(zone)
    app.wait()  # the style arrives after the uploader it dresses
    drawn = app.page.evaluate("""(zone) => {
        zone = document.querySelector(zone);
        const shown = (e) => ({own: getComputedStyle(e).fontSize,
                               after: getComputedStyle(e, "::after").content});
        const limits = "[data-testid='stFileUploaderDropzoneInstructions'] span";
        return {button: shown(zone.querySelector("button p")),
                limits: shown(zone.querySelector(limits))};
    }""", zone)
    assert drawn["button"] == {"own": "0px", "after": '"上传"'}, drawn
    assert drawn["limits"]["own"] == "0px" and drawn["limits"]["after"].startswith('"每个文件最大')
    app.screenshot("library-uploader-zh")
