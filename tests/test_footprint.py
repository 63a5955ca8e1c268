"""What a model and an uploaded dataset hold in memory (``vae_core.footprint``): the bytes of
their tensors (numel × element size, each storage once), which the session's memory cap
counts."""

from __future__ import annotations

import torch

from tests.support import digit_zip, ramp_zip
from vae_core import footprint
from vae_core.checkpoints import Checkpoint
from vae_core.config import ModelConfig
from vae_core.data import load_upload
from vae_core.data.uploads import kept_bytes
from vae_core.models import build_model


def numel_bytes(tensors) -> int:
    return sum(t.numel() * t.element_size() for t in tensors)


def test_a_checkpoint_counts_its_weights_its_objects_and_its_summary():
    cfg = ModelConfig(input_shape=(1, 28, 28), hidden=(64,), latent_dim=4)
    model = build_model(cfg)
    weights = numel_bytes(model.state_dict().values())
    ckpt = Checkpoint(model=model, model_cfg=cfg, data_cfg=None, train_cfg=None, summary={},
                      name="m")
    empty = footprint.checkpoint_footprint(ckpt)
    assert empty == weights + footprint.MODEL_OVERHEAD_BYTES + footprint.object_footprint({})
    ckpt.summary = {"kl_per_dim": [0.5] * 10_000}
    assert footprint.checkpoint_footprint(ckpt) - empty >= 10_000 * 8  # a pointer per float


def test_a_storage_is_counted_once():
    t = torch.zeros(1000)
    assert footprint.tensor_bytes([t, t[:10], t.view(10, 100), None]) == 4000
    assert footprint.tensor_bytes([t, torch.zeros(10, dtype=torch.int64)]) == 4080


def test_an_upload_counts_its_images_and_labels():
    uploaded = load_upload(digit_zip(40), "d.zip")
    b = uploaded.bundle
    expected = numel_bytes([b.train_x, b.train_y, b.test_x, b.test_y])
    assert footprint.upload_footprint(uploaded) == expected == 120 * (28 * 28 * 4 + 8)


def test_what_an_upload_keeps_is_told_before_it_is_decoded():
    """``kept_bytes`` (from the headers: the refusal's size) is what the upload then holds."""
    data = ramp_zip()
    kept = load_upload(data, "big.zip", keep_size=True)
    resized = load_upload(data, "big.zip")
    assert footprint.upload_footprint(kept) == kept_bytes(120, 64, 64) == 120 * (64 * 64 * 4 + 8)
    assert footprint.upload_footprint(resized) == kept_bytes(120, 28, 28)
