"""AppTest for the Applications page: it renders in English and 中文 with the default pretrained
model, says what to do with no model, keeps generation when the test data is missing, and its
widgets change what it shows (samples, PSNR, the completion, the rate)."""

from __future__ import annotations

import pytest

from tests.support import server_like_env
from tests.test_pages_explore import image_urls, open_page, texts
from ui.shell.i18n import LANG_KEY

PAGE = "pages/applications.py"



@pytest.fixture(autouse=True)
def env(tmp_path, monkeypatch):
    with server_like_env(tmp_path, monkeypatch, pretrained=True) as e:
        yield e.path


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def captions(at) -> str:
    return " ".join(c for el in at.get("image") for c in el.captions)


def test_every_use_renders_on_the_default_model():
    at = open_page(PAGE)
    assert texts(at.title) == "What a VAE is for"
    assert [t.label for t in at.tabs] == ["Generation", "Denoising", "Completion",
                                          "Compression", "Anomaly detection"]
    shown = metrics(at)
    assert shown["PSNR noisy"].endswith(" dB") and shown["KL (the rate)"].endswith(" bits")
    assert shown["8-bit raw"] == "6,272 bits"                       # 28×28 bytes × 8
    assert "The model removed noise" in texts(at.success)          # salt and pepper 0.2
    assert "16 samples z ~ N(0, 1.0²·I)" in captions(at)
    assert "hidden part in blue" in captions(at) and "After 10 passes" in captions(at)
    assert "What the KL counts" in texts(at.markdown)
    assert "Over the 1,000 test images" in texts(at.caption)
    assert "Least typical test images" in captions(at)
    assert len(at.get("plotly_chart")) == 1                        # the completion's error
    link = at.get("page_link")[0].proto
    assert link.page == "library" and "The full view" in link.label
    assert not at.error and not at.warning


def test_the_page_in_chinese():
    at = open_page(PAGE)
    at.radio(key=LANG_KEY).set_value("中文").run()
    assert not at.exception, at.exception
    assert texts(at.title) == "VAE 能用来做什么"
    assert [t.label for t in at.tabs] == ["生成", "去噪", "补全", "压缩", "异常检测"]
    assert "含噪图像的 PSNR" in metrics(at) and "比特" in metrics(at)["KL（码率）"]
    assert "KL 计入了什么" in texts(at.markdown)
    assert "完整视图" in at.get("page_link")[0].proto.label


def test_without_a_model_the_page_says_what_to_do(monkeypatch, env):
    empty = env / "assets"
    empty.mkdir()
    monkeypatch.setenv("VAE_LAB_ASSETS", str(empty))
    at = open_page(PAGE)
    assert "Pick or train a model first" in texts(at.info)
    assert not at.tabs and not at.get("image")


def test_without_test_data_generation_still_works(monkeypatch):
    from ui.shell import datasets

    monkeypatch.setattr(datasets, "test_data", lambda ckpt: (None, "no test images here"))
    at = open_page(PAGE)
    assert not at.exception, at.exception
    assert "no test images here" in texts(at.warning)
    assert "16 samples" in captions(at)
    assert texts(at.info).count("Needs the model's test images") == 4


def test_the_widgets_change_the_results():
    at = open_page(PAGE)
    before = image_urls(at)
    at.slider(key="app_gen_temperature").set_value(0.3).run()
    assert "N(0, 0.3²·I)" in captions(at) and image_urls(at)[0] != before[0]

    psnr = metrics(at)["PSNR noisy"]
    at.slider(key="app_noise_fraction").set_value(0.5).run()
    assert metrics(at)["PSNR noisy"] != psnr
    at.radio(key="app_noise_kind").set_value("gaussian").run()
    at.slider(key="app_noise_sigma").set_value(0.1).run()
    assert "below* the noisy images" in texts(at.info)  # weak noise: the model's blur wins
    at.number_input(key="app_noise_seed").set_value(3).run()
    assert not at.exception

    error = texts(at.caption)
    at.radio(key="app_fill_region").set_value("square").run()
    at.slider(key="app_fill_size").set_value(20).run()
    at.slider(key="app_fill_row").set_value(15).run()
    assert "it was moved to row 8" in texts(at.warning)
    assert texts(at.caption) != error
    at.number_input(key="app_fill_iters").set_value(3).run()
    assert "After 3 passes" in captions(at)

    kl = metrics(at)["KL (the rate)"]
    at.number_input(key="app_comp_image").set_value(5).run()
    assert metrics(at)["KL (the rate)"] != kl and "Test image #5" in captions(at)
    assert not at.exception
