"""The library glue: safe names, save / list round trip, upload parsing (no Streamlit)."""

from __future__ import annotations

import pytest
import torch

from ui.shell import model_store
from vae_core.checkpoints import CheckpointError
from vae_core.config import DataConfig, ModelConfig, TrainConfig
from vae_core.models import build_model


def tiny_model():
    torch.manual_seed(0)
    return build_model(ModelConfig(input_shape=(1, 8, 8), hidden=(16,), latent_dim=2))


@pytest.mark.parametrize("name, slug", [
    ("My first VAE", "my-first-vae"),
    ("  β = 4 , digits!  ", "beta-4-digits"),
    ("我的 模型", "我的-模型"),
    ("digits-z8_bce.v2", "digits-z8_bce.v2"),
    ("UPPER lower", "upper-lower"),
])
def test_slugify(name, slug):
    assert model_store.slugify(name) == slug


@pytest.mark.parametrize("name", [
    "../escape", "..", "a/b", "/etc/passwd", "a\\b", "C:evil", "~root", "bad\x00name", "",
    "   ", "!!!", "x" * 0,
])
def test_unsafe_names_are_refused(tmp_path, name):
    with pytest.raises(model_store.UnsafeName):
        model_store.safe_model_path(name, tmp_path)


def test_safe_path_stays_in_the_folder(tmp_path):
    path = model_store.safe_model_path("My Model.safetensors", tmp_path)
    assert path == (tmp_path / "my-model.safetensors").resolve()
    long = model_store.safe_model_path("a" * 500, tmp_path)
    assert len(long.stem) <= model_store.MAX_NAME


def test_save_list_and_refuse_overwrite(tmp_path):
    folder = tmp_path / "lib"
    path = model_store.save_model(tiny_model(), "My model", folder, data_cfg=DataConfig(),
                              train_cfg=TrainConfig(beta=4.0), summary={"test_elbo": 31.25})
    assert path.name == "my-model.safetensors"
    with pytest.raises(FileExistsError):
        model_store.save_model(tiny_model(), "my model", folder, data_cfg=None, train_cfg=None,
                           summary=None)
    (folder / "broken.safetensors").write_bytes(b"nope")
    entries, problems = model_store.list_models(folder, "library")
    assert [e.key for e in entries] == ["library:my-model.safetensors"]
    info = entries[0].info
    assert (info["dataset"], info["arch"], info["recon"], info["latent_dim"]) == (
        "mnist-5k", "mlp", "bce", 2)
    assert info["beta"] == 4.0 and info["test_elbo"] == 31.25
    assert len(problems) == 1 and problems[0].startswith("broken.safetensors")


def test_listing_reads_each_header_once_until_the_file_is_replaced(tmp_path, monkeypatch):
    folder = tmp_path / "lib"
    model_store.save_model(tiny_model(), "m", folder, data_cfg=DataConfig(),
                       train_cfg=TrainConfig(beta=1.0), summary={})
    reads = []
    real = model_store.read_checkpoint_info
    monkeypatch.setattr(model_store, "read_checkpoint_info", lambda p: reads.append(p) or real(p))
    for _ in range(3):
        entries, _ = model_store.list_models(folder, "library")
    assert len(reads) == 1 and entries[0].info["beta"] == 1.0
    model_store.save_model(tiny_model(), "m", folder, data_cfg=DataConfig(),
                       train_cfg=TrainConfig(beta=4.0), summary={}, overwrite=True)
    entries, _ = model_store.list_models(folder, "library")
    assert len(reads) == 2 and entries[0].info["beta"] == 4.0


def test_list_of_a_missing_folder_is_empty(tmp_path):
    assert model_store.list_models(tmp_path / "nope", "library") == ([], [])


def test_assets_follow_the_zoo_order(tmp_path):
    for name in ("a", "b"):
        model_store.save_model(tiny_model(), name, tmp_path, data_cfg=None, train_cfg=None,
                           summary=None)
    (tmp_path / model_store.ZOO_INDEX).write_text(
        '{"default": "b", "models": [{"file": "b.safetensors"}, {"file": "a.safetensors"}]}')
    entries, _ = model_store.list_models(tmp_path, "asset")
    assert [e.name for e in entries] == ["b", "a"]
    assert model_store.zoo_index(tmp_path)["default"] == "b"


def test_library_dir_from_env(monkeypatch, tmp_path):
    monkeypatch.setenv(model_store.LIBRARY_ENV, str(tmp_path))
    assert model_store.library_dir() == tmp_path
    monkeypatch.delenv(model_store.LIBRARY_ENV)
    assert model_store.library_dir().name == model_store.DEFAULT_LIBRARY


def test_describe_without_configs():
    info = model_store.describe(None)
    assert info["dataset"] == "?" and info["beta"] is None and info["test_elbo"] is None
    assert model_store.describe(None, summary={"test_elbo": float("nan")})["test_elbo"] is None


def test_read_upload(tmp_path):
    path = model_store.save_model(tiny_model(), "up", tmp_path, data_cfg=DataConfig(),
                              train_cfg=None, summary=None)
    ckpt = model_store.read_upload("whatever.safetensors", path.read_bytes())
    assert ckpt.name == "up" and ckpt.model_cfg.latent_dim == 2
    with pytest.raises(ValueError, match="upload a .safetensors"):
        model_store.read_upload("notes.txt", b"hello")
    with pytest.raises(ValueError, match="empty"):
        model_store.read_upload("x.pt", b"")
    with pytest.raises(CheckpointError):
        model_store.read_upload("x.safetensors", b"\x00" * 64)
    with pytest.raises(CheckpointError):
        model_store.read_upload("x.pth", path.read_bytes())


def test_download_name():
    assert model_store.download_name("My VAE") == "my-vae.safetensors"
    assert model_store.download_name("!!!") == "vae-model.safetensors"


def test_one_fingerprint_follows_the_weights_not_the_name():
    import dataclasses

    from vae_core.checkpoints import Checkpoint

    cfg = ModelConfig(input_shape=(1, 8, 8), hidden=(16,), latent_dim=2)
    model = build_model(cfg)
    ckpt = Checkpoint(model=model, model_cfg=cfg, data_cfg=None, train_cfg=None, summary={},
                      name="a")
    twin = build_model(cfg)
    twin.load_state_dict(model.state_dict())
    renamed = dataclasses.replace(ckpt, model=twin, name="b", summary={"test_elbo": 1.0})
    assert model_store.fingerprint(ckpt) == model_store.fingerprint(renamed)
    other = build_model(cfg)
    other.load_state_dict(model.state_dict())
    with torch.no_grad():
        next(other.parameters())[0, 0] += 1e-3
    changed = dataclasses.replace(ckpt, model=other)
    assert model_store.fingerprint(changed) != model_store.fingerprint(ckpt)


def test_a_long_name_of_four_byte_characters_saves(tmp_path):
    """64 four-byte letters (CJK extension B) are 256 bytes: the file name is cut at a
    character within the file system's 255 bytes (it raised "File name too long")."""
    name = "\U0002000b" * 64
    path = model_store.save_model(tiny_model(), name, tmp_path, data_cfg=DataConfig(),
                                  train_cfg=TrainConfig(), summary={})
    assert len(path.name.encode("utf-8")) <= 255 and path.exists()
    entries, problems = model_store.list_models(tmp_path, "library")
    assert problems == [] and entries[0].name == name


def test_display_names_are_stored_normalised():
    """Full-width letters become their plain form; bidirectional and control characters go
    (they make a name read differently from what it is)."""
    assert model_store.display_name("ｍｏｄｅｌ １") == "model 1"
    assert model_store.display_name("evil\u202eexe.txt\u200b\n") == "evil exe.txt"
    assert model_store.slugify("ｍｏｄｅｌ") == "model"


def test_a_pretrained_models_name_is_reserved(tmp_path, monkeypatch):
    from vae_core.checkpoints import save_checkpoint

    assets = tmp_path / "assets"
    assets.mkdir()
    save_checkpoint(assets / "mnist-z8-bce.safetensors", tiny_model(), name="mnist-z8-bce")
    monkeypatch.setenv("VAE_LAB_ASSETS", str(assets))
    for name in ("mnist-z8-bce", "MNIST z8 BCE", "ｍｎｉｓｔ-z8-bce"):
        with pytest.raises(model_store.UnsafeName, match="pretrained"):
            model_store.save_model(tiny_model(), name, tmp_path / "lib", data_cfg=DataConfig(),
                                   train_cfg=TrainConfig(), summary={})


def test_a_name_that_reads_like_another_models_is_refused(tmp_path, monkeypatch):
    """"Tеacher's model" with a Cyrillic е reads like the teacher's own: refused, on save and on
    rename; the model's own name may be saved again."""
    monkeypatch.setenv("VAE_LAB_ASSETS", str(tmp_path / "no-assets"))
    lib = tmp_path / "lib"
    kw = dict(data_cfg=DataConfig(), train_cfg=TrainConfig(), summary={})
    model_store.save_model(tiny_model(), "Teacher's model", lib, **kw)
    with pytest.raises(model_store.UnsafeName, match="reads like"):
        model_store.save_model(tiny_model(), "T\u0435acher's model", lib, **kw)
    other = model_store.save_model(tiny_model(), "mine", lib, owner="me", **kw)
    with pytest.raises(model_store.UnsafeName, match="reads like"):
        model_store.rename_model(other, "TEACHER'S M\u041eDEL", lib, by="me")  # a Cyrillic О
    model_store.save_model(tiny_model(), "Teacher's model", lib, overwrite=True, **kw)
