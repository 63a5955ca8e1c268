"""Checkpoints: exact round trips, strict refusal of bad files, safe pickle import, atomic saves."""

from __future__ import annotations

import contextlib
import io
import json
import math
import os
import pickle
import shlex
import struct
import zipfile
from pathlib import Path

import pytest
import safetensors.torch
import torch
import torch.nn.functional as F
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from torch import nn

from tests.support import mutate_bytes
from vae_core import checkpoints, file_checks
from vae_core.checkpoints import (
    MAX_NAME_CHARS,
    Checkpoint,
    CheckpointError,
    checkpoint_bytes,
    load_checkpoint,
    read_checkpoint_info,
    save_checkpoint,
)
from vae_core.config import DataConfig, ModelConfig, TrainConfig, preset_model
from vae_core.importers import import_examples_state_dict
from vae_core.models import ExamplesVAE, build_model

TINY = ModelConfig(arch="mlp", input_shape=(1, 4, 4), hidden=(4,), latent_dim=2)


def _model(cfg: ModelConfig, seed: int = 0):
    torch.manual_seed(seed)
    return build_model(cfg)


def _split(data: bytes) -> tuple[dict, dict, dict]:
    """(header, vae_lab metadata dict, tensors) of a valid checkpoint's bytes."""
    n = int.from_bytes(data[:8], "little")
    header = json.loads(data[8:8 + n])
    return header, json.loads(header["__metadata__"]["vae_lab"]), safetensors.torch.load(data)


def _rebuild(data: bytes, *, tensors=None, info=None, meta=None) -> bytes:
    """The checkpoint with its tensors / vae_lab JSON / whole metadata replaced."""
    header, old_info, old_tensors = _split(data)
    metadata = dict(header["__metadata__"])
    if info is not None:
        metadata["vae_lab"] = info if isinstance(info, str) else json.dumps(info)
    return safetensors.torch.save(tensors if tensors is not None else old_tensors,
                                  metadata=meta if meta is not None else metadata)


@pytest.fixture(scope="module")
def tiny_bytes() -> bytes:
    return checkpoint_bytes(_model(TINY), data_cfg=DataConfig(), train_cfg=TrainConfig(epochs=3),
                            summary={"test_elbo": 12.5}, name="tiny")


# ------------------------------------------------------------------------------- round trips

ROUND_TRIP_CFGS = {
    "mlp": ModelConfig(arch="mlp", input_shape=(1, 8, 8), hidden=(32, 16), latent_dim=4),
    "conv": ModelConfig(arch="conv", input_shape=(1, 8, 8), hidden=(16,), latent_dim=3,
                        recon="cb"),
    "examples": preset_model("examples"),
    "learned_sigma": ModelConfig(arch="mlp", input_shape=(1, 8, 8), hidden=(16,), latent_dim=2,
                                 recon="gaussian"),
    "fixed_sigma": ModelConfig(arch="mlp", input_shape=(3, 4, 4), hidden=(), latent_dim=2,
                               recon="mse", sigma=0.3),
}


@pytest.mark.parametrize("kind", sorted(ROUND_TRIP_CFGS))
def test_round_trip_is_exact(tmp_path, kind):
    cfg = ROUND_TRIP_CFGS[kind]
    model = _model(cfg, seed=1)
    if cfg.recon == "gaussian":
        with torch.no_grad():
            model.likelihood.log_sigma.fill_(-1.234)
    data_cfg = DataConfig(dataset="shapes", binarize=True, seed=7)
    train_cfg = TrainConfig(epochs=5, beta=4.0, schedule="warmup", max_steps=100)
    summary = {"test_elbo": 101.25, "test_recon": 90.5, "test_kl": 10.75, "active_units": 3,
               "epochs": 5, "steps": 100, "wall_s": 1.5, "curve": [1.0, 2.0], "note": "ß ✓"}
    path = save_checkpoint(tmp_path / f"{kind}.safetensors", model, data_cfg=data_cfg,
                           train_cfg=train_cfg, summary=summary, name=f"my {kind}")
    ckpt = load_checkpoint(path)
    assert isinstance(ckpt, Checkpoint)
    assert ckpt.model_cfg == cfg and ckpt.data_cfg == data_cfg and ckpt.train_cfg == train_cfg
    assert ckpt.summary == summary and ckpt.name == f"my {kind}"
    assert type(ckpt.model) is type(model) and not ckpt.model.training
    saved, loaded = model.state_dict(), ckpt.model.state_dict()
    assert saved.keys() == loaded.keys()
    for key in saved:
        assert loaded[key].device.type == "cpu"
        assert torch.equal(saved[key], loaded[key]), key
    if cfg.recon in ("gaussian", "mse"):  # learned σ is a parameter; fixed σ comes from the cfg
        assert ckpt.model.likelihood.log_sigma.item() == model.likelihood.log_sigma.item()
    if cfg.recon == "gaussian":
        assert "likelihood.log_sigma" in loaded
    z = torch.randn(3, cfg.latent_dim)
    with torch.no_grad():
        model.eval()
        assert torch.equal(model.decode(z), ckpt.model.decode(z))
    assert load_checkpoint(path.read_bytes()).model_cfg == cfg  # bytes work as well


def test_bytes_match_file_and_names(tmp_path):
    model = _model(TINY)
    data = checkpoint_bytes(model)
    path = save_checkpoint(tmp_path / "run-7.safetensors", model)
    assert path.read_bytes() == data == checkpoint_bytes(model)  # deterministic
    assert load_checkpoint(path).name == "run-7"  # no name in the header: the file stem
    assert load_checkpoint(data).name == "checkpoint"
    assert load_checkpoint(data, default_name="upload.st").name == "upload.st"
    ckpt = load_checkpoint(data)
    assert ckpt.data_cfg is None and ckpt.train_cfg is None and ckpt.summary == {}
    long = load_checkpoint(checkpoint_bytes(model, name="x" * 500 + "\n"))
    assert long.name == "x" * MAX_NAME_CHARS


def test_summary_is_plain_json():
    data = checkpoint_bytes(_model(TINY), summary={"elbo": torch.tensor(2.5), "nan": math.nan,
                                                   "list": (1, 2)})
    assert load_checkpoint(data).summary == {"elbo": 2.5, "nan": None, "list": [1, 2]}
    with pytest.raises(CheckpointError, match="summary"):
        checkpoint_bytes(_model(TINY), summary={"x": object()})


def test_save_refuses_a_model_that_could_not_be_loaded(tmp_path):
    model = _model(TINY)
    with torch.no_grad():
        model.fc_mu.weight[0, 0] = float("nan")
    with pytest.raises(CheckpointError, match="NaN"):
        save_checkpoint(tmp_path / "bad.safetensors", model)
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(CheckpointError, match="float32"):
        checkpoint_bytes(_model(TINY).double())


# ------------------------------------------------------------------------------- header only

def test_info_reads_the_header_without_weights(tmp_path, tiny_bytes, monkeypatch):
    path = tmp_path / "tiny.safetensors"
    path.write_bytes(tiny_bytes)

    def forbidden(*args, **kwargs):
        raise AssertionError("weights were loaded")

    monkeypatch.setattr(safetensors.torch, "load", forbidden)
    monkeypatch.setattr(safetensors.torch, "load_file", forbidden)
    real_build = checkpoints.build_model

    def meta_build_only(cfg):  # the expected names and shapes come from a meta-device model
        assert torch.empty(0).device.type == "meta", "a real model was built"
        return real_build(cfg)

    monkeypatch.setattr(checkpoints, "build_model", meta_build_only)
    for source in (path, str(path), tiny_bytes):
        info = read_checkpoint_info(source)
        assert info["name"] == "tiny" and info["model_cfg"] == TINY
        assert info["data_cfg"] == DataConfig() and info["train_cfg"] == TrainConfig(epochs=3)
        assert info["summary"] == {"test_elbo": 12.5}
        assert info["n_params"] == sum(p.numel() for p in _model(TINY).parameters())


def test_info_validates_like_load(tmp_path, tiny_bytes):
    path = tmp_path / "cut.safetensors"
    path.write_bytes(tiny_bytes[:-4])
    with pytest.raises(CheckpointError, match="truncated"):
        read_checkpoint_info(path)
    _, info, tensors = _split(tiny_bytes)
    info["model_cfg"]["latent_dim"] = 3
    with pytest.raises(CheckpointError, match="shape"):
        read_checkpoint_info(_rebuild(tiny_bytes, info=info))


# ---------------------------------------------------------------------------- refused files

@pytest.mark.parametrize("cut", [0, 1, 7, 8, 9, 40, -1, -5, "half", "header"])
def test_truncated_files_are_refused(tiny_bytes, cut):
    n = int.from_bytes(tiny_bytes[:8], "little")
    stop = {"half": len(tiny_bytes) // 2, "header": 8 + n}.get(cut, cut)
    with pytest.raises(CheckpointError):
        load_checkpoint(tiny_bytes[:stop])


def test_garbage_and_absurd_headers_are_refused(tiny_bytes):
    rest = tiny_bytes[8:]
    cases = {
        "garbage": os.urandom(4096),
        "absurd length": (2**60).to_bytes(8, "little") + rest,
        "length past the end": struct.pack("<Q", len(rest) + 1) + rest,
        "not json": struct.pack("<Q", 16) + b"this is not json" + b"\0" * 8,
        "not utf-8": struct.pack("<Q", 8) + b"\xff\xfe{}\xff\xfe  ",
        "json list": struct.pack("<Q", 8) + b"[1, 2]  ",
        "deep json": struct.pack("<Q", 200_000) + b"[" * 200_000,
        "empty": b"",
    }
    for label, data in cases.items():
        with pytest.raises(CheckpointError) as info:
            load_checkpoint(data)
        assert "\n" not in str(info.value), label


def test_missing_metadata_is_refused(tiny_bytes):
    tensors = _split(tiny_bytes)[2]
    with pytest.raises(CheckpointError, match="not a VAE Lab checkpoint"):
        load_checkpoint(safetensors.torch.save(tensors))
    with pytest.raises(CheckpointError, match="not a VAE Lab checkpoint"):
        load_checkpoint(safetensors.torch.save(tensors, metadata={"format": "pt"}))
    for bad_info in ("not json {", "[1]", json.dumps({"format": "vae-lab/99"})):
        with pytest.raises(CheckpointError, match="vae_lab|format"):
            load_checkpoint(_rebuild(tiny_bytes, info=bad_info))


def _edited(tiny_bytes, edit):
    tensors = dict(_split(tiny_bytes)[2])
    edit(tensors)
    return _rebuild(tiny_bytes, tensors=tensors)


@pytest.mark.parametrize("case,edit,message", [
    ("wrong shape", lambda t: t.update({"fc_mu.weight": torch.zeros(3, 4)}), "shape"),
    ("float64", lambda t: t.update({"fc_mu.bias": t["fc_mu.bias"].double()}), "F64"),
    ("float16", lambda t: t.update({"fc_mu.bias": t["fc_mu.bias"].half()}), "F16"),
    ("nan", lambda t: t["fc_out.bias"].__setitem__(0, float("nan")), "NaN"),
    ("inf", lambda t: t["fc_out.weight"].__setitem__((0, 0), float("inf")), "NaN or infinite"),
    ("extra", lambda t: t.update({"extra.weight": torch.zeros(2)}), "unexpected 'extra.weight'"),
    ("missing", lambda t: t.pop("fc_logvar.bias"), "missing 'fc_logvar.bias'"),
])
def test_bad_tensors_are_refused(tiny_bytes, case, edit, message):
    data = _edited(tiny_bytes, edit)
    with pytest.raises(CheckpointError, match=message):
        load_checkpoint(data)


@pytest.mark.parametrize("section,key,value,message", [
    ("model_cfg", "surprise", 1, "unknown ModelConfig keys: surprise"),
    ("data_cfg", "url", "http://x", "unknown DataConfig keys: url"),
    ("model_cfg", "latent_dim", 0, "latent_dim"),
    ("model_cfg", "sigma", float("nan"), "sigma"),
    ("model_cfg", "arch", "transformer", "arch"),
    ("model_cfg", "input_shape", [1, 4], "input_shape"),
    ("train_cfg", "lr", -1.0, "lr"),
    ("train_cfg", "epochs", 1.5, "epochs"),
])
def test_bad_configs_are_refused(tiny_bytes, section, key, value, message):
    info = _split(tiny_bytes)[1]
    info[section][key] = value
    with pytest.raises(CheckpointError, match=message):
        load_checkpoint(_rebuild(tiny_bytes, info=info))
    with pytest.raises(CheckpointError, match=message):
        read_checkpoint_info(_rebuild(tiny_bytes, info=info))


@pytest.mark.parametrize("section,key,value,reason", [
    ("train_cfg", "lr", -1.0, "out_of_range"),
    ("model_cfg", "arch", "transformer", "unknown_choice"),
    ("data_cfg", "url", "http://x", "unknown_keys"),
])
def test_a_bad_config_is_worded_from_its_code_in_chinese(tiny_bytes, monkeypatch, section, key,
                                                         value, reason):
    from tests.i18n_leaks import english_sentences
    from ui.shell import i18n, model_store

    info = _split(tiny_bytes)[1]
    info[section][key] = value
    with pytest.raises(CheckpointError) as caught:
        read_checkpoint_info(_rebuild(tiny_bytes, info=info))
    e = caught.value
    assert (e.code, e.params["section"], e.params["reason_code"]) == ("bad_config", section,
                                                                      reason)
    assert str(e).startswith(f"bad {section} in checkpoint: ")  # the CLI's English
    assert key in model_store.error_text(e)
    monkeypatch.setattr(i18n, "current_language", lambda: "zh")
    chinese = model_store.error_text(e)
    assert chinese.startswith(f"检查点中的 {section} 有误：") and key in chinese, chinese
    assert english_sentences([chinese]) == [], chinese


@pytest.mark.parametrize("field,value", [
    ("model_cfg", None), ("model_cfg", [1]), ("summary", [1]), ("name", 5), ("name", "x" * 101),
    ("extra_field", 1),
])
def test_bad_metadata_fields_are_refused(tiny_bytes, field, value):
    info = _split(tiny_bytes)[1]
    info[field] = value
    with pytest.raises(CheckpointError):
        load_checkpoint(_rebuild(tiny_bytes, info=info))


def test_huge_config_allocates_nothing(tiny_bytes):
    info = _split(tiny_bytes)[1]
    info["model_cfg"].update(input_shape=[4096, 4096, 4096], hidden=[8192] * 8)
    with pytest.raises(CheckpointError, match="tensors do not match the model config"):
        load_checkpoint(_rebuild(tiny_bytes, info=info))


def test_size_limit(tiny_bytes, tmp_path, monkeypatch):
    path = tmp_path / "big.safetensors"
    path.write_bytes(tiny_bytes)
    monkeypatch.setattr(file_checks, "MAX_CHECKPOINT_BYTES", len(tiny_bytes) - 1)
    for call in (load_checkpoint, read_checkpoint_info):
        for source in (path, tiny_bytes):
            with pytest.raises(CheckpointError, match="too large"):
                call(source)


def test_missing_file_is_a_checkpoint_error(tmp_path):
    with pytest.raises(CheckpointError, match="cannot read"):
        load_checkpoint(tmp_path / "nope.safetensors")
    with pytest.raises(CheckpointError, match="cannot read"):
        read_checkpoint_info(tmp_path)


# -------------------------------------------------------------------------- unsafe pickles

class _Evil:
    """Unpickling this creates the marker file, with ``open(marker, "w")`` or ``os.system``."""

    def __init__(self, marker: Path, via: str = "open") -> None:
        self.marker, self.via = str(marker), via

    def __reduce__(self):
        if self.via == "system":
            return (os.system, (f"touch {shlex.quote(self.marker)}",))
        return (open, (self.marker, "w"))


def test_pickle_payload_is_live_when_unpickled_unsafely(tmp_path):
    """Control: the payload really runs code under plain ``pickle.loads``."""
    marker = tmp_path / "control-marker"
    handle = pickle.loads(pickle.dumps({"fc1.weight": _Evil(marker)}))["fc1.weight"]
    handle.close()
    assert marker.exists()
    marker.unlink()
    pickle.loads(pickle.dumps({"fc1.weight": _Evil(marker, "system")}))
    assert marker.exists()


@pytest.mark.parametrize("via", ["open", "system"])
@pytest.mark.parametrize("how", ["torch.save file", "torch.save bytes", "raw pickle"])
def test_malicious_pickle_is_refused_and_never_runs(tmp_path, how, via):
    marker = tmp_path / "pwned-marker"
    payload = {"fc1.weight": _Evil(marker, via)}
    if how == "raw pickle":
        data = pickle.dumps(payload, protocol=2)
    else:
        buffer = io.BytesIO()
        torch.save(payload, buffer)
        data = buffer.getvalue()
    source = data if how != "torch.save file" else tmp_path / "evil.pt"
    if isinstance(source, Path):
        source.write_bytes(data)
    message = f"refused an unsafe .pt file: its pickle calls [\\w.]*{via}" \
        if how != "raw pickle" else "not a loadable PyTorch state_dict"
    with pytest.raises(CheckpointError, match=message):
        import_examples_state_dict(source)
    with pytest.raises(CheckpointError, match="not .*checkpoint|PyTorch"):
        load_checkpoint(source)
    with pytest.raises(CheckpointError):
        read_checkpoint_info(source)
    assert not marker.exists()


# ------------------------------------------------------------------- pytorch/examples import

class _ExamplesReference(nn.Module):
    """The module layout of pytorch/examples vae/main.py."""

    def __init__(self) -> None:
        super().__init__()
        self.fc1 = nn.Linear(784, 400)
        self.fc21 = nn.Linear(400, 20)
        self.fc22 = nn.Linear(400, 20)
        self.fc3 = nn.Linear(20, 400)
        self.fc4 = nn.Linear(400, 784)


@pytest.fixture(scope="module")
def examples_ref() -> _ExamplesReference:
    torch.manual_seed(3)
    return _ExamplesReference()


def test_examples_state_dict_imports(tmp_path, examples_ref):
    path = tmp_path / "vae.pth"
    torch.save(examples_ref.state_dict(), path)
    z = torch.randn(5, 20, generator=torch.Generator().manual_seed(0))
    x = torch.rand(5, 1, 28, 28, generator=torch.Generator().manual_seed(1))
    with torch.no_grad():
        expected = torch.sigmoid(examples_ref.fc4(F.relu(examples_ref.fc3(z))))
        h1 = F.relu(examples_ref.fc1(x.view(-1, 784)))
        for source in (path, str(path), path.read_bytes()):
            model = import_examples_state_dict(source)
            assert isinstance(model, ExamplesVAE) and not model.training
            assert model.cfg == preset_model("examples")
            torch.testing.assert_close(model.decode(z).view(5, 784), expected, rtol=0, atol=0)
            mu, logvar = model.encode(x)
            torch.testing.assert_close(mu, examples_ref.fc21(h1), rtol=0, atol=0)
            torch.testing.assert_close(logvar, examples_ref.fc22(h1), rtol=0, atol=0)
    # and it saves as a regular checkpoint
    ckpt = load_checkpoint(checkpoint_bytes(model, name="examples"))
    assert ckpt.model_cfg.preset == "examples"


def _pt_bytes(obj) -> bytes:
    buffer = io.BytesIO()
    torch.save(obj, buffer)
    return buffer.getvalue()


def _deflated(data: bytes) -> bytes:
    """The same torch.save archive with compressed members (as a zip bomb would have)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for member in src.infolist():
            dst.writestr(member.filename, src.read(member), compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


@pytest.mark.parametrize("case", ["extra", "missing", "shape", "float64", "nan", "tensor",
                                  "wrapped", "int keys", "garbage", "safetensors", "deflated"])
def test_bad_examples_files_are_refused(examples_ref, tiny_bytes, case):
    state = dict(examples_ref.state_dict())
    if case == "extra":
        state["fc5.weight"] = torch.zeros(1)
    elif case == "missing":
        del state["fc4.bias"]
    elif case == "shape":
        state["fc21.weight"] = torch.zeros(2, 400)
    elif case == "float64":
        state["fc1.bias"] = state["fc1.bias"].double()
    elif case == "nan":
        state["fc3.bias"] = torch.full((400,), float("nan"))
    data = {
        "tensor": _pt_bytes(torch.zeros(3)),
        "wrapped": _pt_bytes({"epoch": 3, "state_dict": state}),
        "int keys": _pt_bytes({1: torch.zeros(1)}),
        "garbage": os.urandom(1000),
        "safetensors": tiny_bytes,
        "deflated": _deflated(_pt_bytes(state)),
    }.get(case) or _pt_bytes(state)
    with pytest.raises(CheckpointError) as info:
        import_examples_state_dict(data)
    assert "\n" not in str(info.value)
    if case == "safetensors":
        assert "load_checkpoint" in str(info.value)


# ---------------------------------------------------------------------------- atomic saves

@pytest.mark.parametrize("fail_at", ["write", "fsync", "replace"])
def test_failed_save_leaves_the_old_file_intact(tmp_path, monkeypatch, fail_at):
    path = save_checkpoint(tmp_path / "model.safetensors", _model(TINY), name="old")
    old = path.read_bytes()

    def boom(*args, **kwargs):
        raise OSError("disk full (simulated)")

    if fail_at == "write":
        monkeypatch.setattr(checkpoints.tempfile, "NamedTemporaryFile", _failing_tempfile(boom))
    else:
        monkeypatch.setattr(checkpoints.os, fail_at, boom)
    with pytest.raises(OSError, match="simulated"):
        save_checkpoint(path, _model(TINY, seed=9), name="new")
    monkeypatch.undo()
    assert path.read_bytes() == old
    assert [p.name for p in tmp_path.iterdir()] == ["model.safetensors"]
    assert load_checkpoint(path).name == "old"


def _failing_tempfile(boom):
    real = checkpoints.tempfile.NamedTemporaryFile

    def factory(*args, **kwargs):
        handle = real(*args, **kwargs)
        handle.write(b"partial")  # some bytes reach the temp file first
        handle.write = boom
        return handle

    return factory


def test_save_replaces_and_keeps_permissions(tmp_path):
    path = save_checkpoint(tmp_path / "m.safetensors", _model(TINY), name="one")
    os.chmod(path, 0o640)
    save_checkpoint(path, _model(TINY, seed=2), name="two")
    assert load_checkpoint(path).name == "two"
    assert path.stat().st_mode & 0o777 == 0o640
    assert len(list(tmp_path.iterdir())) == 1


# ------------------------------------------------------------------------------- fuzzing

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _load_or_refuse(data: bytes) -> None:
    try:
        ckpt = load_checkpoint(data)
    except CheckpointError as exc:
        assert "\n" not in str(exc)
        return
    for t in ckpt.model.state_dict().values():
        assert torch.isfinite(t).all()


@FUZZ
@given(st.binary(max_size=2048))
def test_random_bytes_only_raise_checkpoint_error(data):
    _load_or_refuse(data)


@FUZZ
@given(st.data())
def test_mutated_files_only_raise_checkpoint_error(tiny_bytes, data):
    n_header = 8 + int.from_bytes(tiny_bytes[:8], "little")
    # edits biased toward the header, where they are most interesting
    blob = mutate_bytes(data, tiny_bytes, edit_within=n_header + 64)
    _load_or_refuse(blob)
    with contextlib.suppress(CheckpointError):
        read_checkpoint_info(blob)


def test_every_refusal_is_a_code_the_app_words_in_chinese(tmp_path, monkeypatch):
    """A refused file reaches the page as a code with numbers: its 中文 line has no English."""
    from tests.i18n_leaks import english_sentences
    from ui.shell import i18n, model_store
    from vae_core.messages import CHECKPOINT_MESSAGES

    bad = tmp_path / "bad.safetensors"
    bad.write_bytes(b"\x05\x00\x00\x00\x00\x00\x00\x00{}xxx")
    with pytest.raises(CheckpointError) as refused:
        load_checkpoint(bad)
    assert refused.value.code in CHECKPOINT_MESSAGES
    assert str(refused.value) == CHECKPOINT_MESSAGES[refused.value.code].format(
        **refused.value.params)
    monkeypatch.setattr(i18n, "current_language", lambda: "zh")
    worded = model_store.error_text(refused.value)
    assert worded != str(refused.value) and english_sentences([worded]) == []
    zh = i18n.translations("zh")
    assert english_sentences([zh[f"CHECKPOINT.{code}"] for code in CHECKPOINT_MESSAGES]) == []
