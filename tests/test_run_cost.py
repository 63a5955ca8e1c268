"""A run's arithmetic, counted before it starts, and the server's cap on it (issue 26: a settings
link of ``arch=conv&batch=16&epochs=1000&latent=256`` took a slot for about two hours)."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch
from streamlit.testing.v1 import AppTest
from torch.utils.flop_counter import FlopCounterMode

from tests.support import server_like_env
from ui.shell import compute_budget, state
from ui.shell.i18n import LANG_KEY
from vae_core.config import ConfigError
from vae_core.models import build_model
from vae_core.run_cost import max_epochs, run_flops, step_flops_per_image
from vae_core.run_settings import ARCHITECTURES, RunSettings

APP = str(Path(__file__).resolve().parents[1] / "app.py")
MNIST = (1, 28, 28)
MNIST_5K_TRAIN = 4000  # images per epoch of the default dataset


def counted_by_pytorch(model_cfg) -> int:
    model = build_model(model_cfg)
    with FlopCounterMode(display=False) as counter:
        out = model(torch.zeros(1, *model_cfg.input_shape))
        (out.logits.sum() + out.mu.sum() + out.logvar.sum()).backward()
    return counter.get_total_flops()


@pytest.mark.parametrize("arch", list(ARCHITECTURES))
@pytest.mark.parametrize("shape, latent", [(MNIST, 8), ((3, 32, 32), 256), ((1, 8, 8), 2)])
def test_a_training_step_counts_what_pytorchs_flop_counter_counts(arch, shape, latent):
    model_cfg = RunSettings(arch=arch, latent_dim=latent).configs(shape)[0]
    assert step_flops_per_image(model_cfg) == counted_by_pytorch(model_cfg)


def test_a_run_is_its_steps_times_images_times_epochs_and_the_cap_is_exact():
    model_cfg = RunSettings(arch="conv", latent_dim=256).configs(MNIST)[0]
    per_image = step_flops_per_image(model_cfg)
    assert run_flops(model_cfg, 4000, 30) == per_image * 4000 * 30
    budget = run_flops(model_cfg, 4000, 83) + 1
    assert max_epochs(model_cfg, 4000, budget) == 83


@pytest.mark.parametrize("raw, expected", [("", 10.0), ("2.5", 2.5), ("0", None), ("-3", 10.0),
                                           ("nan", 10.0), ("lots", 10.0)])
def test_the_budget_comes_from_the_environment(monkeypatch, raw, expected):
    monkeypatch.setenv(compute_budget.BUDGET_ENV, raw)
    assert compute_budget.budget_tflop() == expected


def test_the_two_hour_link_is_refused_and_the_default_runs_fit(monkeypatch):
    monkeypatch.delenv(compute_budget.BUDGET_ENV, raising=False)
    hostile = RunSettings(arch="conv", latent_dim=256, batch_size=16, epochs=1000)
    model_cfg = hostile.configs(MNIST)[0]
    with pytest.raises(ConfigError) as refused:
        compute_budget.check(model_cfg, MNIST_5K_TRAIN, 1000)
    assert refused.value.code == "run_too_costly"
    cap = refused.value.params["max_epochs"]
    assert 30 <= cap < 1000 and refused.value.params["tflop"] > 100
    compute_budget.check(model_cfg, MNIST_5K_TRAIN, cap)  # the cap itself is allowed
    for arch in ARCHITECTURES:  # every network at the Train page's default epochs
        default = RunSettings(arch=arch)
        compute_budget.check(default.configs(MNIST)[0], MNIST_5K_TRAIN, default.epochs)
    with pytest.raises(ConfigError, match="4 models"):  # a comparison counts all its models
        compute_budget.check(model_cfg, MNIST_5K_TRAIN, cap, models=4)


@pytest.mark.parametrize("lang, over, refused", [
    ("English", "Too many epochs for this server", "Cannot train with these settings: these "
                                                    "settings need"),
    ("中文", "轮数超出本服务器的限制", "无法用这些设置训练：这些设置需要"),
])
def test_the_train_page_shows_the_cap_and_refuses_a_run_past_it(tmp_path, monkeypatch, lang,
                                                                 over, refused):
    with server_like_env(tmp_path, monkeypatch, pretrained=False):
        at = AppTest.from_file(APP, default_timeout=90)
        at.session_state[LANG_KEY] = lang
        at.run()
        at.switch_page("pages/train.py")
        at.run()
        cap_note = " ".join(c.value for c in at.caption)
        assert "TFLOP" in cap_note, cap_note  # the cap, next to the settings, before any Start
        at.selectbox(key="tr_arch").set_value("conv")
        at.number_input(key="tr_epochs").set_value(1000).run()
        assert over in " ".join(w.value for w in at.warning)
        at.button(key="train_start").click().run()
        assert not at.exception, at.exception
        assert state.job_registry().jobs() == []
        assert refused in " ".join(e.value for e in at.error), [e.value for e in at.error]
