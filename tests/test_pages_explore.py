"""AppTest for the Explore pages (latent map, traverse): they render with the default pretrained
model, the 2-D model, a shapes model and with no model; PCA and t-SNE views; clicked points
(set through the session, as AppTest cannot click); what the in-browser views are sent (their
payloads); and the server-side fallback for a model the JS cannot run, where a traversal slider
changes the decoded image. Pointer, clicks and drags are in tests/e2e/test_pointer_e2e.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.support import (
    latent_view,
    latent_views,
    server_like_env,
    trace_names,
)
from ui.explore import latent_map as explore
from ui.shell.i18n import LANG_KEY
from vae_core.export import UnsupportedLayer

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
MAP, TRAVERSE = "pages/latent_map.py", "pages/traverse.py"
TIMEOUT = 60
Z2 = "asset:mnist-z2-bce.safetensors"
BETA4 = "asset:mnist-z8-beta4.safetensors"
SHAPES = "asset:shapes-z10-beta1.safetensors"



@pytest.fixture(autouse=True)
def env(tmp_path, monkeypatch):
    """An empty library (the pretrained assets stay) and one torch thread, as the server."""
    with server_like_env(tmp_path, monkeypatch, pretrained=True) as e:
        yield e.path


def open_page(page: str, model: str | None = None, lang: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if lang is not None:
        at.session_state[LANG_KEY] = lang
    at.run()
    if model is not None:
        at.sidebar.selectbox[0].select(model).run()
    at.switch_page(page)
    at.run()
    assert not at.exception, at.exception
    return at


def texts(elements) -> str:
    return " ".join(str(e.value) for e in elements)


def image_urls(at: AppTest) -> list[str]:
    return [img.url for el in at.get("image") for img in el.proto.imgs]


def n_charts(at: AppTest) -> int:
    return len(at.get("plotly_chart"))


# -- latent map ------------------------------------------------------------------------------
def test_map_default_model_opens_on_pca_says_why_the_centre_is_blurry_and_offers_2d():
    """Issue 29: raw z4 / z7 of the 8-D default overlapped the classes and its z = 0 decoded to
    a ghost with no word why; the 2-D model was not suggested."""
    at = open_page(MAP)
    assert "Latent map" in texts(at.title)
    assert "of 1,000 test images" in texts(at.caption)  # mnist-5k: the whole test set
    assert "Click a point" in texts(at.info)
    assert n_charts(at) == 1                            # the aggregate histograms
    header, arrays = latent_view(at, "plane")           # the map decodes in the browser
    assert arrays["points"].shape == (1000, 2) and arrays["thumbs"].shape == (1000, 784)
    assert header["axes"] == ["PC 1", "PC 2"] and len(header["origin"]) == 8
    assert "Why the image at the centre is blurry" in texts(at.caption)
    at.radio(key="map_projection").set_value("raw").run()
    assert latent_view(at, "plane")[0]["axes"] == ["z4", "z7"]  # the top-two-KL dims
    assert "Why the image at the centre may be blurry" in texts(at.caption)
    at.button(key="map_open_2d").click().run()          # one click to the 2-D model
    assert at.sidebar.selectbox[0].value == Z2
    header, _ = latent_view(at, "plane")
    assert header["axes"] == ["z1", "z2"] and len(header["origin"]) == 2
    assert "map_open_2d" not in [b.key for b in at.button]
    weights = {h["part"] for h, _ in latent_views(at) if h["view"] == "weights"}
    assert weights == {"dec", "enc"}                    # the draw view encodes too
    latent_view(at, "draw")
    assert at.slider(key="map_subset").value == 1000
    assert "at most 5,000" in at.slider(key="map_subset").help  # the cap is shown
    assert not at.error


def test_map_two_clicked_points_show_reconstruction_and_interpolation():
    at = open_page(MAP)
    fp = latent_view(at, "plane")[0]["fp"]
    at.session_state[explore.K_PICKS] = {fp: [3, 7]}
    at.run()
    assert not at.exception
    captions = " ".join(c for el in at.get("image") for c in el.captions)
    assert "Test image #7" in captions and "Reconstruction" in captions
    assert "lerp (straight line)" in captions and "slerp" in captions
    assert "From #3 to #7" in texts(at.markdown)
    header, _ = latent_view(at, "interp")  # the path between the two also scrubs in the page
    assert len(header["a"]) == len(header["b"]) == 8
    at.button(key="map_clear").click().run()
    assert "Click a point" in texts(at.info)


def test_map_pca_shows_variance_and_decodes_a_location():
    at = open_page(MAP)
    at.radio(key="map_projection").set_value("pca").run()
    assert not at.exception
    assert "of the variance of μ" in texts(at.caption)
    before = image_urls(at)
    at.number_input(key="map_decode_x").set_value(1.5).run()
    assert not at.exception
    assert image_urls(at) != before
    assert "Decoded at (1.50, 0.00)" in " ".join(c for el in at.get("image") for c in el.captions)


def test_map_tsne_on_a_tiny_subset():
    at = open_page(MAP)
    at.slider(key="map_subset").set_value(40).run()
    at.radio(key="map_projection").set_value("tsne").run()
    at.slider(key="map_perplexity").set_value(5).run()
    at.slider(key="map_iterations").set_value(250).run()
    assert not at.exception
    assert not at.error
    assert "t-SNE keeps neighbourhoods" in texts(at.caption)
    assert "t-SNE done: 40 points" in texts(at.success)
    assert "Decode any location" not in texts(at.subheader)   # t-SNE has no inverse


def test_map_2d_model_has_ellipses_and_the_manifold():
    at = open_page(MAP, Z2)
    assert at.toggle[0].value is True
    assert "The decoded latent plane" in texts(at.subheader)
    header, arrays = latent_view(at, "plane")
    assert header["rings"] and arrays["ellipses"].shape[1] == 2  # prior rings, μ ± σ outlines
    at.session_state[explore.K_PICKS] = {header["fp"]: [4]}
    at.run()
    header, _ = latent_view(at, "plane")
    assert header["selected"]["index"] == 4 and len(header["selected"]["outline"]) == 49


def test_map_shapes_model_colours_by_a_factor():
    at = open_page(MAP, SHAPES)
    next(s for s in at.selectbox if s.label == "Colour by").select(3).run()  # x position
    assert not at.exception
    assert "x 7" in latent_view(at, "plane")[0]["classes"]  # one colour per x position
    at.radio(key="map_projection").set_value("tsne").run()   # the Plotly map, one trace each
    assert "x 7" in trace_names(at.get("plotly_chart")[0])


def test_map_and_traverse_without_a_model(monkeypatch, env):
    empty = env / "assets"
    empty.mkdir()
    monkeypatch.setenv("VAE_LAB_ASSETS", str(empty))
    for page in (MAP, TRAVERSE):
        at = open_page(page)
        assert "Pick or train a model first" in texts(at.info)


@pytest.fixture
def no_js_decoder(monkeypatch):
    """Every model has a layer the JS cannot run: the pages fall back to the server."""
    from streamlit import cache_data

    from ui.explore import latent

    def unsupported(model):
        raise UnsupportedLayer("decoder.0: Bilinear")

    monkeypatch.setattr(latent, "export_program", unsupported)
    cache_data.clear()
    yield
    cache_data.clear()


def test_map_falls_back_to_the_server_map(no_js_decoder):
    at = open_page(MAP)
    assert "cannot run (decoder.0: Bilinear)" in texts(at.info)
    assert not latent_views(at) and n_charts(at) == 2   # the Plotly map and the histograms


# -- traverse --------------------------------------------------------------------------------
def test_traverse_sliders_decode_in_the_browser():
    at = open_page(TRAVERSE, BETA4)
    header, _ = latent_view(at, "sliders")
    assert len(header["order"]) == 8 and header["start"] == [0.0] * 8
    assert "collapsed" in " ".join(header["labels"])      # mnist-z8-beta4: 7 active units
    assert "update when you let go" in texts(at.caption)
    assert not [s for s in at.slider if s.label.startswith("z")]
    latent_view(at, "interp")                              # the path scrubs in the browser


def test_traverse_slider_changes_the_decoded_image(no_js_decoder):
    at = open_page(TRAVERSE, BETA4)
    assert "cannot run" in texts(at.info)
    sliders = [s for s in at.slider if s.label.startswith("z")]
    assert len(sliders) == 8
    assert "collapsed" in " ".join(s.label for s in sliders)  # mnist-z8-beta4: 7 active units
    decoded = image_urls(at)[0]
    sliders[0].set_value(2.5).run()
    assert not at.exception
    assert image_urls(at)[0] != decoded
    assert at.get("download_button")  # the GIFs


def test_traverse_start_points():
    at = open_page(TRAVERSE)
    at.radio(key="trav_start").set_value("prior").run()
    seed_note = texts(at.caption)
    at.button(key="trav_resample").click().run()
    assert not at.exception
    assert "seed 1" in texts(at.caption) and "seed 0" in seed_note
    at.radio(key="trav_start").set_value("image").run()
    at.number_input(key="trav_image").set_value(5).run()
    assert not at.exception


@pytest.mark.parametrize("model", [Z2, SHAPES])
def test_traverse_other_models(model):
    at = open_page(TRAVERSE, model)
    k = 2 if model == Z2 else 10
    assert len(latent_view(at, "sliders")[0]["order"]) == k
    at.slider(key="trav_temperature").set_value(0.5).run()
    at.number_input(key="trav_to").set_value(20).run()
    assert not at.exception
