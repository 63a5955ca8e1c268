"""AppTest for the "Learning from few labels" page: a tiny comparison (M1 and the baselines at
n = 10 and 100, a second of work) drawn as a curve and a table in 中文 with no English left,
the same in English with the best method named, and the selected model's code against PCA."""

from __future__ import annotations

import time

import pytest

from tests.i18n_leaks import english_sentences, visible_texts
from tests.support import plotly_figure, server_like_env
from tests.test_pages_explore import open_page, texts
from ui.shell.i18n import LANG_KEY

PAGE = "pages/few_labels.py"
WAIT_S = 60


@pytest.fixture(autouse=True)
def env(tmp_path, monkeypatch):
    with server_like_env(tmp_path, monkeypatch, pretrained=True) as e:
        yield e.path


def test_a_tiny_comparison_in_chinese_then_english():
    at = open_page(PAGE, lang="中文")
    assert texts(at.title) == "从少量标签中学习（半监督学习）"
    assert len(at.metric) == 4  # the default model's code against PCA-8
    assert "点击**训练并比较**" in texts(at.info)
    at.multiselect(key="few_methods").set_value(["m1"])
    at.multiselect(key="few_labels").set_value([100, 10])
    at.button(key="few_start").click().run()
    deadline = time.monotonic() + WAIT_S
    while not at.success[1:] and time.monotonic() < deadline:  # [0]: the features' verdict
        time.sleep(0.3)
        at.run()
    assert not at.exception, at.exception
    assert "2 次运行" in texts(at.success)
    fig = plotly_figure(at.get("plotly_chart")[0])
    assert [t["name"] for t in fig["data"]] == ["M1", "像素 + 逻辑回归", "PCA-16 + 逻辑回归"]
    assert fig["data"][0]["x"] == [10, 100]
    assert list(at.dataframe[0].value["方法"]) == ["M1", "M1"]
    assert english_sentences(visible_texts(at)) == []
    at.radio(key=LANG_KEY).set_value("English").run()
    assert "Best at n = 100: M1" in texts(at.markdown)
    assert [m.label for m in at.metric][:2] == ["Linear probe on μ (K = 8)",
                                                "Linear probe on PCA-8"]


def test_settings_that_would_hold_a_slot_for_too_long_are_refused():
    at = open_page(PAGE)
    assert not at.button(key="few_start").disabled  # the defaults: about a minute
    at.number_input(key="few_seeds").set_value(5)
    at.number_input(key="few_ep_m2").set_value(100).run()
    assert "longer than the 10 minutes" in texts(at.warning)
    assert at.button(key="few_start").disabled
