import math
import string

import pytest

from vae_core.config import ConfigError, DataConfig, ModelConfig, TrainConfig, preset_model
from vae_core.messages import CONFIG_MESSAGES
from vae_core.models import ExamplesVAE, build_model


@pytest.mark.parametrize("kwargs, field", [
    ({"beta": -1.0}, "beta"),
    ({"beta": math.nan}, "beta"),
    ({"beta": math.inf}, "beta"),
    ({"lr": 0.0}, "lr"),
    ({"lr": -1e-3}, "lr"),
    ({"epochs": 0}, "epochs"),
    ({"epochs": 2.5}, "epochs"),
    ({"batch_size": 0}, "batch_size"),
    ({"schedule": "sawtooth"}, "schedule"),
    ({"reduction": "median"}, "reduction"),
    ({"device": "tpu"}, "device"),
    ({"seed": -3}, "seed"),
])
def test_train_config_rejects(kwargs, field):
    with pytest.raises(ValueError, match=field):
        TrainConfig(**kwargs)


@pytest.mark.parametrize("kwargs, field", [
    ({"latent_dim": 0}, "latent_dim"),
    ({"latent_dim": 257}, "latent_dim"),
    ({"latent_dim": True}, "latent_dim"),
    ({"recon": "l1"}, "recon"),
    ({"arch": "transformer"}, "arch"),
    ({"sigma": 0.0}, "sigma"),
    ({"sigma": math.nan}, "sigma"),
    ({"hidden": (0,)}, "hidden"),
    ({"arch": "conv", "input_shape": (1, 30, 30), "hidden": (64,)}, "conv"),
    ({"preset": "resnet"}, "preset"),
])
def test_model_config_rejects(kwargs, field):
    with pytest.raises(ValueError, match=field):
        ModelConfig(**kwargs)


def test_error_names_the_allowed_range():
    with pytest.raises(ValueError, match=r"latent_dim must be in \[1, 256\]"):
        ModelConfig(latent_dim=300)


def test_data_config_rejects_unknown_dataset():
    with pytest.raises(ValueError, match="dataset 'cifar'"):
        DataConfig(dataset="cifar")


def test_round_trip_through_dict_and_unknown_keys():
    cfg = ModelConfig(hidden=[32, 16], latent_dim=3)
    assert cfg.hidden == (32, 16)
    assert ModelConfig.from_dict(cfg.to_dict()) == cfg
    assert TrainConfig.from_dict(TrainConfig(beta=4).to_dict()) == TrainConfig(beta=4)
    with pytest.raises(ValueError, match="unknown ModelConfig keys: colour"):
        ModelConfig.from_dict({**cfg.to_dict(), "colour": "red"})


def test_examples_preset_is_pytorch_examples_layout():
    cfg = preset_model("examples")
    model = build_model(cfg)
    assert isinstance(model, ExamplesVAE)
    shapes = {k: tuple(v.shape) for k, v in model.state_dict().items()}
    assert shapes == {
        "fc1.weight": (400, 784), "fc1.bias": (400,),
        "fc21.weight": (20, 400), "fc21.bias": (20,),
        "fc22.weight": (20, 400), "fc22.bias": (20,),
        "fc3.weight": (400, 20), "fc3.bias": (400,),
        "fc4.weight": (784, 400), "fc4.bias": (784,),
    }
    assert preset_model("h512").hidden == (512,)
    assert preset_model("h128-64").hidden == (128, 64)


def test_an_uploaded_dataset_is_named_and_carries_its_content_hash():
    cfg = DataConfig(dataset="upload:my pics", upload_hash="0123456789abcdef")
    assert DataConfig.from_dict(cfg.to_dict()) == cfg  # what a checkpoint records
    for bad in ({"dataset": "upload:my pics"},                          # no hash
                {"dataset": "upload:x", "upload_hash": "XYZ"},          # not 16 hex digits
                {"dataset": "upload:", "upload_hash": "0123456789abcdef"},
                {"dataset": "upload: padded ", "upload_hash": "0123456789abcdef"},
                {"dataset": "upload:" + "a" * 41, "upload_hash": "0123456789abcdef"},
                {"dataset": "digits", "upload_hash": "0123456789abcdef"}):
        with pytest.raises(ValueError):
            DataConfig(**bad)


def test_an_uploaded_dataset_is_not_loadable_outside_its_session():
    from vae_core.data import UploadNotLoaded, dataset_available, load_dataset

    cfg = DataConfig(dataset="upload:my pics", upload_hash="0123456789abcdef")
    assert not dataset_available(cfg)
    with pytest.raises(UploadNotLoaded, match="upload the same file again") as info:
        load_dataset(cfg)
    assert (info.value.name, info.value.content_hash) == ("upload:my pics", "0123456789abcdef")


# -- refusals as codes: the app words them in each language ------------------------------------
@pytest.mark.parametrize("make, code, params", [
    (lambda: TrainConfig(beta=5000.0), "out_of_range",
     {"field": "beta", "allowed": "[0, 1000]", "value": "5000.0"}),
    (lambda: TrainConfig(lr=0.0), "out_of_range", {"field": "lr", "allowed": "(0, 10]"}),
    (lambda: TrainConfig(epochs=2.5), "not_integer", {"field": "epochs", "value": "2.5"}),
    (lambda: TrainConfig(beta="1"), "not_number", {"field": "beta", "value": "'1'"}),
    (lambda: TrainConfig(beta=math.nan), "not_finite", {"field": "beta", "value": "nan"}),
    (lambda: TrainConfig(amp=1), "not_bool", {"field": "amp", "value": "1"}),
    (lambda: TrainConfig(schedule="sawtooth"), "unknown_choice",
     {"field": "schedule", "value": "'sawtooth'"}),
    (lambda: ModelConfig(hidden=(16, 0)), "out_of_range", {"field": "hidden[1]", "value": "0"}),
    (lambda: ModelConfig(hidden=(8,) * 9), "bad_hidden", {"max": 8}),
    (lambda: ModelConfig(input_shape=(1, 4)), "bad_input_shape", {"value": "(1, 4)"}),
    (lambda: ModelConfig(variational=None), "not_bool", {"field": "variational"}),
    (lambda: ModelConfig(arch="conv", input_shape=(1, 30, 30), hidden=(64,)), "conv_shape",
     {"h": 30, "w": 30}),
    (lambda: ModelConfig(arch="conv", input_shape=(1, 8, 8), hidden=(8, 8)), "conv_hidden", {}),
    (lambda: ModelConfig(preset="examples", hidden=(8,)), "examples_preset", {}),
    (lambda: DataConfig(dataset="cifar"), "unknown_choice",
     {"field": "dataset", "value": "'cifar'"}),
    (lambda: DataConfig(dataset="upload:x"), "upload_hash", {"digits": 16, "value": "None"}),
    (lambda: DataConfig(upload_hash="0123456789abcdef"), "upload_hash_unused", {}),
    (lambda: DataConfig(data_dir=3), "bad_data_dir", {"value": "3"}),
    (lambda: ModelConfig.from_dict([1]), "not_object", {"config": "ModelConfig", "type": "list"}),
    (lambda: TrainConfig.from_dict({"colour": 1}), "unknown_keys",
     {"config": "TrainConfig", "keys": "colour"}),
])
def test_each_refusal_is_a_config_error_with_its_code_and_params(make, code, params):
    with pytest.raises(ConfigError) as info:
        make()
    assert isinstance(info.value, ValueError)  # every ``except ValueError`` still catches it
    assert info.value.code == code
    assert params.items() <= info.value.params.items()
    assert str(info.value) == CONFIG_MESSAGES[code].format(**info.value.params)


def test_a_refused_value_is_shown_short():
    with pytest.raises(ConfigError) as info:
        ModelConfig(input_shape=list(range(10_000)))
    assert len(info.value.params["value"]) <= 100 and len(str(info.value)) < 200


def test_a_sweep_value_carries_its_reason_as_a_code():
    from vae_core.sweeps import beta_sweep

    with pytest.raises(ConfigError) as info:
        beta_sweep([1.0, 5000.0], model_cfg=ModelConfig())
    e = info.value
    assert (e.code, e.params["field"], e.params["index"]) == ("sweep_value", "betas", 1)
    assert e.params["reason_code"] == "out_of_range"
    assert e.params["reason_params"]["field"] == "beta"
    assert str(e) == "betas[1]: beta must be in [0, 1000], got 5000.0"


def test_devices_refuse_with_codes(monkeypatch):
    import torch

    from vae_core import devices

    with pytest.raises(ConfigError) as info:
        devices.resolve_device("tpu")
    assert (info.value.code, info.value.params["field"]) == ("unknown_choice", "device")
    monkeypatch.setattr(devices, "cpu_has_bf16", lambda: False)
    with pytest.raises(ConfigError, match="amp") as info:
        devices.resolve_amp(True, torch.device("cpu"))
    assert info.value.params == {"device": "cpu"}


def _sample_params(text: str) -> dict:
    names = {name for _, name, _, _ in string.Formatter().parse(text) if name}
    params = {name: 3 for name in names}
    if "reason" in names:  # a wrapped error: its code and params, worded first
        params.update(reason_code="out_of_range",
                      reason_params={"field": "beta", "allowed": "[0, 1000]", "value": "-1"})
    return params


@pytest.mark.parametrize("code", sorted(CONFIG_MESSAGES))
def test_every_config_code_formats_in_english_and_chinese(code, monkeypatch):
    from tests.i18n_leaks import english_sentences
    from ui.shell import i18n
    from ui.shell.config_words import config_text

    params = _sample_params(CONFIG_MESSAGES[code])
    english = str(ConfigError(code, **params))
    assert english and "{" not in english
    monkeypatch.setattr(i18n, "current_language", lambda: "zh")
    chinese = config_text(code, params)
    assert chinese != english and any("\u4e00" <= ch <= "\u9fff" for ch in chinese)
    assert english_sentences([chinese]) == [], chinese
