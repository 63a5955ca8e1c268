"""The pretrained models shipped in assets/ load and match their recorded summaries."""

import pytest

from vae_core.analysis import evaluate
from vae_core.checkpoints import load_checkpoint
from vae_core.config import DataConfig
from vae_core.data import load_dataset
from vae_core.zoo import ASSETS_DIR, DEFAULT_MODEL, ZOO, load_index, zoo_entry

INDEX = load_index()


def test_every_zoo_entry_is_shipped_and_small():
    assert {r["name"] for r in INDEX} == {e.name for e in ZOO}
    assert DEFAULT_MODEL in {r["name"] for r in INDEX}
    total = sum((ASSETS_DIR / r["file"]).stat().st_size for r in INDEX)
    assert total < 25e6  # all of assets/ stays under 25 MB


@pytest.mark.parametrize("record", INDEX, ids=[r["name"] for r in INDEX])
def test_shipped_model_matches_its_summary(record):
    ckpt = load_checkpoint(ASSETS_DIR / record["file"])
    entry = zoo_entry(record["name"])
    assert ckpt.model_cfg == entry.model_cfg and ckpt.train_cfg == entry.train_cfg
    assert ckpt.summary["test_elbo"] == pytest.approx(record["test_elbo"], abs=1e-6)
    data = load_dataset(DataConfig.from_dict(ckpt.data_cfg.to_dict()))
    labels = {"y": data.test_y} if ckpt.model_cfg.conditional else {}
    measured = evaluate(ckpt.model, data.test_x, seed=0, **labels)
    # same seed, same weights: only float summation order (thread count) may differ
    assert measured["elbo"] == pytest.approx(record["test_elbo"], abs=0.05)
    assert measured["active_units"] == record["active_units"]


def test_unknown_zoo_name():
    with pytest.raises(ValueError, match="unknown zoo model 'nope'"):
        zoo_entry("nope")


def test_the_zoo_covers_mnist_and_opens_on_it():
    """Real 28×28 digits by default, and one model for each thing the pages teach with."""
    by_name = {e.name: e for e in ZOO}
    assert by_name[DEFAULT_MODEL].data_cfg.dataset == "mnist-5k"
    mnist = [e for e in ZOO if e.data_cfg.dataset == "mnist-5k"]
    assert all(e.model_cfg.input_shape == (1, 28, 28) for e in mnist)
    kinds = {(e.model_cfg.arch, e.model_cfg.preset, e.model_cfg.latent_dim, e.model_cfg.recon,
              e.train_cfg.beta) for e in mnist}
    assert ("mlp", "examples", 20, "bce", 1.0) in kinds                 # pytorch/examples
    assert any(k[2] == 2 for k in kinds)                                # the whole latent plane
    assert any(k[0] == "conv" for k in kinds)
    assert any(k[4] == 4.0 for k in kinds)
    assert {"mse", "cb"} <= {k[3] for k in kinds}
    assert sorted(e.data_cfg.dataset for e in ZOO if e.data_cfg.dataset != "mnist-5k") == [
        "digits", "shapes", "shapes"]
