"""AppTest for the conditional VAE page: the shipped CVAE's sections (the plane and the drawing
pad are browser components, checked in tests/e2e/test_pointer_e2e.py), the analogy grid, the
per-label shares against the unconditional model, the page's guard, and 中文 without English."""

from __future__ import annotations

import pytest

from tests.i18n_leaks import english_sentences, visible_texts
from tests.support import server_like_env
from tests.test_pages_explore import image_urls, open_page, texts
from ui.shell.i18n import LANG_KEY

PAGE = "pages/conditional.py"


@pytest.fixture
def pretrained(tmp_path, monkeypatch):
    with server_like_env(tmp_path, monkeypatch, pretrained=True) as e:
        yield e


def test_the_shipped_cvae_page(pretrained):
    at = open_page(PAGE)
    assert texts(at.title) == "Conditional VAE: ask for a digit"
    assert at.selectbox(key="cond_model").value.endswith("mnist-cvae-z2.safetensors")
    radio = next(r for r in at.radio if r.label == "Digit y")
    assert [str(o) for o in radio.options] == [str(d) for d in range(10)]
    # the analogy grid: one image of 5 rows × 11 columns; more rows, a taller image
    before = image_urls(at)
    assert len(before) == 1
    at.slider(key="cond_grid_rows").set_value(3).run()
    assert not at.exception and image_urls(at) != before
    # the shares: the conditional model well above the unconditional one for every label
    table = at.dataframe[0].value
    cond, uncond = table.iloc[:10, 1].to_numpy(), table.iloc[:10, 2].to_numpy()
    assert (cond > 0.5).all() and (cond > 2 * uncond).all()
    assert "mnist-z2-bce" in texts(at.caption)
    # conditional models stay out of the sidebar picker (the other pages encode without labels)
    assert not any("cvae" in str(o) for o in at.sidebar.selectbox[0].options)


def test_the_page_in_chinese(pretrained):
    at = open_page(PAGE)
    at.radio(key=LANG_KEY).set_value("中文").run()
    assert texts(at.title) == "条件变分自编码器：指定要生成的数字"
    assert english_sentences(visible_texts(at)) == []


@pytest.fixture
def bare(tmp_path, monkeypatch):
    with server_like_env(tmp_path, monkeypatch, pretrained=False) as e:
        yield e


def test_no_conditional_model(bare):
    at = open_page(PAGE)
    assert "No conditional model here yet" in texts(at.info)
    assert not at.get("image")


def test_a_conditional_run_from_the_train_page_opens_on_its_page(bare):
    from tests.test_pages import open_app, wait_for_job

    at = open_app("pages/train.py")
    at.number_input(key="tr_epochs").set_value(3)  # 1 may end before the Start's run does
    at.checkbox(key="tr_conditional").check()
    at.button(key="train_start").click().run()
    assert not at.exception
    wait_for_job(at)
    assert not at.exception and "Finished 3 epochs" in texts(at.success)
    assert len(at.get("image")) >= 2  # previews: the test labels, and samples as 0, 1, 2, …
    at.switch_page(PAGE).run()
    assert not at.exception
    assert at.selectbox(key="cond_model").value == "session:1"
    assert "10 labels, 8-D style z" in texts(at.caption)


def test_the_library_lists_a_conditional_model_and_opens_it_on_its_page(pretrained):
    """Out of the sidebar, but not out of the library: its table lists the CVAE, and managing it
    offers its own page instead of "Use in the app" (every other page decodes without a label)."""
    at = open_page("pages/library.py")
    assert "mnist-cvae-z2" in list(at.dataframe[0].value.iloc[:, 0])
    key = next(o for o in at.selectbox(key="models_manage").options if "cvae" in str(o))
    at.selectbox(key="models_manage").select(key).run()
    assert not at.exception and not [b for b in at.button if b.key == "models_load"]
    at.button(key="models_open_cond").click().run()
    assert not at.exception
    assert texts(at.title) == "Conditional VAE: ask for a digit"
    assert at.selectbox(key="cond_model").value.endswith("mnist-cvae-z2.safetensors")
