"""AppTest for the Applications page: it renders in English and 中文 with the default pretrained
model, says what to do with no model, keeps generation when the test data is missing, and its
widgets change what it shows (samples, PSNR, the completion, the rate). Denoising is judged by
the digits the classifier still reads, not by PSNR alone; compression's headline compares like
with like (issue 29, items 3 and 4)."""

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
    assert shown["KL (the rate)"].endswith(" bits")
    assert shown["PNG file (lossless)"].endswith(" bits")
    assert "Rows: clean; noisy; the picked model's reconstruction; the denoising VAE's." \
        in captions(at)
    assert "16 samples z ~ N(0, 1.0²·I)" in captions(at)
    assert "hidden part in blue" in captions(at) and "After 10 passes" in captions(at)
    assert "What the KL counts" in texts(at.markdown)
    assert "Over the first 100 test images, on average: lossless" in texts(at.caption)
    assert "Least typical test images" in captions(at)
    assert len(at.get("plotly_chart")) == 1                        # the completion's error
    # the uses that need labels lead to their own pages, before the tabs (lesson 9)
    links = [link.proto for link in at.get("page_link")]
    assert [link.page for link in links[:2]] == ["conditional", "few_labels"]
    link = links[2]
    assert link.page == "library" and "The full view" in link.label
    assert not at.error


def _percent(cell: str) -> float:
    return float(cell.rstrip("%")) / 100


def test_denoising_is_judged_by_the_digits_not_by_psnr_alone():
    """Salt and pepper on 20% of the pixels, the default model: PSNR rises (+2.3 dB) while the
    classifier reads far fewer right digits than in the noisy images (45% against 78%). The
    page must say the model made the digits worse, and show the denoising VAE doing better."""
    at = open_page(PAGE)
    table = at.dataframe[0].value
    kept = dict(zip(table["Images"], table["Digits read right"].map(_percent)))
    psnr = dict(zip(table["Images"], table["PSNR (dB)"]))
    noisy, picked = kept["Noisy"], kept["Picked model, reconstructed"]
    denoiser = kept["Denoising VAE, reconstructed"]
    assert float(psnr["Picked model, reconstructed"]) > float(psnr["Noisy"])   # PSNR says "better"
    assert picked < noisy - 0.2 and denoiser > noisy                          # the digits do not
    assert kept["Clean (the classifier's ceiling)"] >= 0.85
    warning = texts(at.warning)
    assert "The picked model makes the digits worse" in warning
    assert f"only {picked:.0%} of its reconstructions, against {noisy:.0%}" in warning
    assert "PSNR rose by" in warning and "all the same" in warning
    assert "The denoising VAE cleans the digits up" in texts(at.success)
    assert "removed noise" not in texts(at.success)
    # Gaussian σ = 0.5 tells the same story
    at.radio(key="app_noise_kind").set_value("gaussian").run()
    assert "The picked model makes the digits worse" in texts(at.warning)
    assert "The denoising VAE cleans the digits up" in texts(at.success)


def test_compression_headline_compares_like_with_like():
    """Lossless code (−ELBO) against a lossless file (PNG); lossy code (KL) against a lossy file
    at the reconstruction's quality: never the KL against the PNG."""
    from vae_core.analysis.applications import compression_report
    from vae_core.checkpoints import load_checkpoint
    from vae_core.config import DataConfig
    from vae_core.data import load_dataset
    from vae_core.zoo import ASSETS_DIR, DEFAULT_MODEL

    at = open_page(PAGE)
    ckpt = load_checkpoint(ASSETS_DIR / f"{DEFAULT_MODEL}.safetensors")
    x = load_dataset(DataConfig.from_dict(ckpt.data_cfg.to_dict())).test_x[0]
    r = compression_report(ckpt.model, x)
    elbo_bits = r.kl_bits + r.recon_bits
    shown = metrics(at)
    assert shown.get("−ELBO (the model, lossless)") == f"{elbo_bits:,.0f} bits"
    assert shown.get("PNG file (lossless)") == f"{r.png_bits:,.0f} bits"
    assert f"the model's code is **{r.png_bits / elbo_bits:.1f}× smaller** than the PNG" \
        in texts(at.markdown)
    from vae_core.analysis.applications import best_lossy

    file = best_lossy(x, r.psnr)
    codec = {"WEBP": "WebP", "JPEG": "JPEG"}[file.codec]
    assert shown[f"{codec} file (lossy)"] == f"{file.bits:,.0f} bits"
    assert file.psnr >= r.psnr                                     # at least as good
    markdown = texts(at.markdown)
    assert f"at most {file.bits / r.kl_bits:.1f}× smaller" in markdown
    assert f"{r.png_bits / r.kl_bits:.0f}× smaller than the PNG" not in markdown


def test_the_page_in_chinese():
    at = open_page(PAGE)
    at.radio(key=LANG_KEY).set_value("中文").run()
    assert not at.exception, at.exception
    assert texts(at.title) == "VAE 能用来做什么"
    assert [t.label for t in at.tabs] == ["生成", "去噪", "补全", "压缩", "异常检测"]
    assert "比特" in metrics(at)["KL（码率）"] and "PNG 文件（无损）" in metrics(at)
    assert "所选模型让数字变得更糟" in texts(at.warning)
    assert "数字认对的比例" in at.dataframe[0].value.columns
    assert "KL 计入了什么" in texts(at.markdown)
    labels = [link.proto.label for link in at.get("page_link")]
    assert labels[0].startswith("条件变分自编码器") and "完整视图" in labels[2]


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

    table = at.dataframe[0].value.to_dict()
    at.slider(key="app_noise_fraction").set_value(0.5).run()
    assert at.dataframe[0].value.to_dict() != table
    at.radio(key="app_noise_kind").set_value("gaussian").run()
    at.slider(key="app_noise_sigma").set_value(0.1).run()
    assert "PSNR fell by" in texts(at.warning)  # weak noise: the model's blur costs pixels
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
