"""One declaration per setting (``vae_core.run_settings``): the CLI, the Train page, its link, its
command, the lessons' presets and the sweeps are built from it and agree on every default."""

from __future__ import annotations

import dataclasses
import string

import pytest

from ui.lessons.content import LESSONS
from ui.shell import i18n
from ui.shell.strings import RUN_SETTINGS
from ui.train import form, share
from vae_core import cli
from vae_core.analysis.why_variational import DEFAULT_TRAIN as WHY_TRAIN
from vae_core.config import DataConfig, ModelConfig, TrainConfig
from vae_core.run_settings import (
    ARCHITECTURES,
    BATCHES,
    BY_NAME,
    DEFAULT_ARCH,
    LRS,
    MODEL_FIELDS,
    SETTINGS,
    TRAIN_FIELDS,
    RunSettings,
    cli_args,
    link_values,
)
from vae_core.sweeps import DEFAULT_TRAIN as SWEEP_TRAIN

MNIST = (1, 28, 28)


def test_each_setting_is_declared_once_with_its_own_param_and_flag():
    for attr in ("name", "param", "flag"):
        values = [getattr(s, attr) for s in SETTINGS]
        assert len(values) == len(set(values)), attr
    assert {f.name for f in dataclasses.fields(RunSettings)} == {*BY_NAME, "upload_hash"}


def test_the_defaults_are_the_configs_own():
    """TrainConfig's and DataConfig's defaults are the app's: no second place states them."""
    train, data = TrainConfig(), DataConfig()
    for name in TRAIN_FIELDS:
        assert BY_NAME[name].default == getattr(train, name), name
    assert BY_NAME["dataset"].default == data.dataset
    assert BY_NAME["binarize"].default == data.binarize
    assert BY_NAME["sigma"].default == ModelConfig.sigma
    # the page offers the defaults it starts with (a menu of batches, a slider of rates)
    assert train.batch_size in BATCHES and train.lr in LRS
    assert BY_NAME["epochs"].lo <= train.epochs <= BY_NAME["epochs"].hi
    assert train == SWEEP_TRAIN


def test_the_cli_the_page_and_the_sweeps_train_the_same_default_run():
    args = cli.build_parser().parse_args(["train", "--out", "x.safetensors"])
    model_cfg = cli._model_config(args, MNIST)
    data_cfg, train_cfg = cli.train_configs(args)
    page_model, page_data, page_train = RunSettings().configs(MNIST)
    assert model_cfg == page_model
    assert dataclasses.replace(data_cfg, seed=page_data.seed) == page_data
    assert train_cfg == page_train == TrainConfig()
    net = ARCHITECTURES[DEFAULT_ARCH]
    assert (model_cfg.arch, model_cfg.hidden) == (net.arch, net.hidden) == ("mlp", (256, 128))
    # "Why variational?" trains its own smaller pair on purpose, at the same optimiser settings
    assert (WHY_TRAIN.batch_size, WHY_TRAIN.lr) == (train_cfg.batch_size, train_cfg.lr)


@pytest.mark.parametrize("changes", [
    {}, {"arch": "conv", "latent_dim": 16}, {"arch": "examples"}, {"recon": "mse", "sigma": 0.3},
    {"schedule": "cyclical", "cycles": 3, "cycle_ratio": 0.25}, {"seed": 7, "binarize": True},
    {"schedule": "free_bits", "free_bits": 1.5, "reduction": "mean", "lr": 1e-3},
])
def test_the_command_trains_exactly_the_page_run(changes):
    values = RunSettings(**changes)
    args = cli.build_parser().parse_args(cli_args(values, out="vae.safetensors"))
    model_cfg, data_cfg, train_cfg = values.configs(MNIST)
    assert cli._model_config(args, MNIST) == model_cfg
    cli_data, cli_train = cli.train_configs(args)
    assert (cli_data, cli_train) == (data_cfg, train_cfg)


def test_a_link_carries_only_the_settings_that_count():
    plain = link_values(RunSettings())
    assert "sigma" not in plain and "warmup" not in plain and plain["latent"] == 8
    mse = link_values(RunSettings(recon="mse", schedule="warmup"))
    assert {"sigma", "warmup"} <= set(mse) and "cycles" not in mse


def test_the_link_spec_and_the_widgets_share_the_declared_keys():
    spec = {s.param: s for s in share.settings_spec()}
    assert set(spec) == {s.param for s in SETTINGS}
    for setting in SETTINGS:
        link = spec[setting.param]
        assert link.key == form.widget_key(setting) == f"tr_{setting.param}"
        assert link.default == setting.default and (link.lo, link.hi) == (setting.lo, setting.hi)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_setting_is_worded_with_its_bounds(monkeypatch, lang):
    monkeypatch.setattr(i18n, "current_language", lambda: lang)
    for setting in SETTINGS:
        words = RUN_SETTINGS[setting.name]
        assert words["label"].strip()
        if "help" in words:
            fields = {f for _, f, _, _ in string.Formatter().parse(words["help"]) if f}
            assert fields <= {"lo", "hi", "big"}, setting.name
            if setting.lo is not None:
                assert {"lo", "hi"} <= fields, setting.name


def test_every_lesson_preset_is_a_declared_run():
    for lesson in LESSONS.values():
        for preset in lesson.presets:
            assert set(preset.settings) <= set(BY_NAME), (lesson.number, preset.id)
            model_cfg, _, train_cfg = RunSettings(**preset.settings).configs(
                MNIST, **preset.train)
            for name in set(preset.settings) & {*MODEL_FIELDS, *TRAIN_FIELDS}:
                cfg = model_cfg if name in MODEL_FIELDS else train_cfg
                assert getattr(cfg, name) == preset.settings[name]
