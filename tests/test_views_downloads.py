"""Issue 29: every figure downloadable (image grids as PNG at a chosen scale with their caption,
charts from their toolbar as PNG or SVG named after their caption), and a presentation mode
that a reload keeps (``?present=1``)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from streamlit.testing.v1 import AppTest

from tests.support import server_like_env
from ui.shell import downloads, presentation
from ui.shell.i18n import LANG_KEY

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
TIMEOUT = 60


@pytest.fixture
def env(tmp_path, monkeypatch):
    with server_like_env(tmp_path, monkeypatch, pretrained=True) as e:
        yield e.path


def test_a_grid_downloads_larger_with_its_caption_under_it_in_either_language():
    pixels = np.zeros((30, 50, 3), np.uint8)  # a black grid
    for caption in ("Samples from the prior", "先验样本：温度 1.0"):
        png = Image.open(io.BytesIO(downloads.png_bytes(pixels, caption, factor=4)))
        assert png.width == 200 and png.height > 120           # 4× and a caption band
        assert png.info["Description"] == caption
        band = np.asarray(png.convert("L"))[120:]
        assert band.min() < 128 and band.max() == 255         # dark letters on white
    plain = Image.open(io.BytesIO(downloads.png_bytes(pixels, "", factor=1)))
    assert plain.size == (50, 30)
    assert downloads.file_name("Traversal: z1, z3 · β=4", "png") == "Traversal-z1-z3-β-4.png"


def open_page(page: str, *, params: dict | None = None, lang: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    if lang is not None:
        at.session_state[LANG_KEY] = lang
    at.run()
    at.switch_page(page)
    at.run()
    assert not at.exception, at.exception
    return at


def download_labels(at: AppTest) -> list[str]:
    return [el.proto.label for el in at.get("download_button")]


def test_grids_and_charts_download_at_the_sidebars_scale_and_format(env):
    at = open_page("pages/traverse.py")
    assert download_labels(at).count("PNG (2×)") >= 2   # the traversal grid, prior samples
    at.segmented_control(key=downloads.K_SCALE).set_value(4)
    at.segmented_control(key=downloads.K_FORMAT).set_value("svg").run()  # one rerun for both
    assert "PNG (4×)" in download_labels(at) and "PNG (2×)" not in download_labels(at)
    at.switch_page("pages/latent_map.py").run()
    assert not at.exception
    (chart,) = at.get("plotly_chart")                    # the aggregate posterior
    options = json.loads(chart.proto.config)["toImageButtonOptions"]
    assert options == {"format": "svg", "scale": 4, "filename": "Aggregate-posterior-vs-prior"}


def test_presentation_mode_is_kept_by_the_address_and_styles_the_page(env):
    at = open_page("pages/home.py")
    assert at.toggle(key=presentation.KEY).value is False
    assert not any("vl-present-style" in str(h.proto.body) for h in at.get("html"))
    at.toggle(key=presentation.KEY).set_value(True).run()
    assert at.query_params.get(presentation.PARAM) in ("1", ["1"])
    assert any("vl-present-style" in str(h.proto.body) for h in at.get("html"))
    # a reload: a new session whose address carries ?present=1
    again = open_page("pages/home.py", params={presentation.PARAM: "1"}, lang="中文")
    assert again.toggle(key=presentation.KEY).value is True
    assert again.toggle(key=presentation.KEY).label == "演示模式"
    again.toggle(key=presentation.KEY).set_value(False).run()
    assert presentation.PARAM not in again.query_params
    # a page with shareable settings does not take ?present=1 for a bad one of its own
    lab = open_page("pages/beta_lab.py", params={presentation.PARAM: "1"})
    assert not [w for w in lab.warning if "present" in str(w.value)]
