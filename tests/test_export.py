"""vae_core.export: the layer lists the browser runs, checked here by a NumPy interpreter of
the same ops against torch (the JS itself is checked in tests/e2e/test_pointer_e2e.py), the
payload format, its size per model, and the error for a layer the JS cannot run."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from torch import nn

from ui.explore.latent import payload
from vae_core.checkpoints import load_checkpoint
from vae_core.config import ModelConfig
from vae_core.export import UnsupportedLayer, export_program
from vae_core.models import build_model
from vae_core.zoo import ASSETS_DIR, load_index

ZOO = [item["file"] for item in load_index()]
MAX_PAYLOAD = 3 * 2**20  # the budget per model and part


def run(layers: list[dict], arrays: dict, x: np.ndarray) -> np.ndarray:
    t = torch.from_numpy(x.astype(np.float64))[None]
    for layer in layers:
        w = torch.from_numpy(arrays[layer["w"]]).double() if "w" in layer else None
        b = torch.from_numpy(arrays[layer["b"]]).double() if layer.get("b") else None
        op = layer["op"]
        if op == "linear":
            t = F.linear(t.flatten(1), w, b)
        elif op in ("conv2d", "conv_transpose2d"):
            t = t.reshape(1, *layer["in"])
            conv = F.conv2d if op == "conv2d" else F.conv_transpose2d
            stride = (layer.get("sh", layer["stride"]), layer.get("sw", layer["stride"]))
            pad = (layer.get("ph", layer["pad"]), layer.get("pw", layer["pad"]))
            t = conv(t, w, b, stride=stride, padding=pad)
        elif op == "reshape":
            t = t.reshape(1, *layer["out"])
        elif op == "relu":
            t = t.clamp_min(0)
        elif op == "sigmoid":
            t = t.sigmoid()
        elif op == "cb_mean":
            t = -1 / torch.expm1(-t) - 1 / t
        else:
            raise AssertionError(f"op {op} not covered here")
        assert list(t.shape[1:]) == layer["out"] or op == "linear", layer
    return t[0].numpy()


@pytest.mark.parametrize("file", ZOO)
def test_the_exported_layers_compute_what_torch_computes(file):
    model = load_checkpoint(ASSETS_DIR / file).model.eval()
    program = export_program(model)
    g = torch.Generator().manual_seed(1)
    z = torch.randn(model.latent_dim, generator=g)
    x = torch.rand(*model.cfg.input_shape, generator=g)
    zin, xin = z.numpy(), x.numpy()
    with torch.no_grad():
        if model.cfg.conditional:  # the runtime reads [z, one-hot y] and [x flat, one-hot y]
            y, onehot = torch.tensor([3]), np.eye(model.cfg.n_classes)[3]
            want = model.decode(z[None], y)[0].numpy()
            mu, logvar = model.encode(x[None], y)
            zin, xin = np.concatenate([zin, onehot]), np.concatenate([xin.ravel(), onehot])
        else:
            want = model.decode(z[None])[0].numpy()
            mu, logvar = model.encode(x[None])
    got = run(program.decoder, program.arrays, zin)
    np.testing.assert_allclose(got.reshape(want.shape), want, atol=1e-5)
    h = run(program.encoder, program.arrays, xin)
    np.testing.assert_allclose(run(program.mu_head, program.arrays, h), mu[0].numpy(), atol=1e-5)
    np.testing.assert_allclose(run(program.logvar_head, program.arrays, h), logvar[0].numpy(),
                               atol=1e-5)


@pytest.mark.parametrize("file", ZOO)
def test_each_payload_fits_the_budget_and_reads_back(file):
    from ui.explore.latent import _payloads

    model = load_checkpoint(ASSETS_DIR / file).model
    dec, enc = _payloads.__wrapped__(file, model)
    assert len(dec) <= MAX_PAYLOAD and len(enc) <= MAX_PAYLOAD
    header, arrays = payload.unpack(dec)
    assert header["part"] == "dec" and header["latent_dim"] == model.latent_dim
    first = header["decoder"][0]
    np.testing.assert_array_equal(arrays[first["w"]], model.state_dict()[
        first["w"].removeprefix("dec.").replace(".weight", "") + ".weight"].numpy())


def test_pack_aligns_every_array_and_round_trips():
    arrays = {"a": np.arange(3, dtype=np.uint8), "b": np.linspace(0, 1, 5),
              "c": np.arange(6, dtype=np.int32).reshape(2, 3)}
    blob = payload.pack({"view": "x", "n": 1}, arrays)
    header, back = payload.unpack(blob)
    assert header == {"view": "x", "n": 1}
    raw_header = json.loads(blob[8:8 + int.from_bytes(blob[4:8], "little")])
    assert all(spec["offset"] % 8 == 0 for spec in raw_header["arrays"].values())
    assert back["b"].dtype == np.float32 and back["c"].shape == (2, 3)
    with pytest.raises(TypeError, match="unsupported dtype"):
        payload.pack({}, {"x": np.zeros(2, dtype=np.int64)})


def test_a_layer_the_js_cannot_run_is_named():
    model = build_model(ModelConfig(arch="mlp", input_shape=(1, 8, 8), hidden=(16,),
                                    latent_dim=2))
    model.decoder[1] = nn.GELU()  # the decoder's activation
    with pytest.raises(UnsupportedLayer) as err:
        export_program(model)
    assert err.value.layer == "decoder.1: GELU"
