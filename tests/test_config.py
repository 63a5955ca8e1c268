import math

import pytest

from vae_core.config import DataConfig, ModelConfig, TrainConfig, preset_model
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
