"""The conditional VAE (vae_core/models/conditional.py): the label reaches the encoder and the
decoder, the loss is the ELBO of torch.distributions' closed forms, training passes labels,
files save, load, validate and export, and the CLI trains one and says it is conditional."""

from __future__ import annotations

import json

import pytest
import torch
from torch.distributions import Bernoulli, Normal, kl_divergence

from vae_core.analysis.conditional import analogy_grid
from vae_core.checkpoints import checkpoint_bytes, load_checkpoint, save_checkpoint
from vae_core.cli import main
from vae_core.config import ConfigError, DataConfig, ModelConfig, TrainConfig
from vae_core.data import load_dataset
from vae_core.export import export_program
from vae_core.file_checks import CheckpointError
from vae_core.losses import elbo_terms
from vae_core.models import ConditionalMLPVAE, build_model
from vae_core.schedules import KLWeight
from vae_core.training import train_model

CFG = ModelConfig(input_shape=(1, 8, 8), hidden=(32,), latent_dim=3, n_classes=4)


def tiny(seed: int = 0) -> ConditionalMLPVAE:
    return build_model(CFG, generator=torch.Generator().manual_seed(seed))


def test_shapes_and_the_label_reaches_encoder_and_decoder():
    model, g = tiny(), torch.Generator().manual_seed(1)
    x, y = torch.rand(5, 1, 8, 8, generator=g), torch.tensor([0, 1, 2, 3, 0])
    out = model(x, y, generator=g)
    assert out.logits.shape == (5, 1, 8, 8) and out.mu.shape == out.z.shape == (5, 3)
    other = (y + 1) % 4
    assert not torch.allclose(model.encode(x, y)[0], model.encode(x, other)[0])
    z = torch.randn(5, 3, generator=g)
    assert not torch.allclose(model.decode(z, y), model.decode(z, other))
    with pytest.raises(ValueError, match="needs the labels"):
        model(x)


def test_the_loss_is_the_elbo_of_the_closed_forms():
    model, g = tiny(), torch.Generator().manual_seed(2)
    x = torch.bernoulli(torch.rand(6, 1, 8, 8, generator=g), generator=g)
    y = torch.arange(6) % 4
    out = model(x, y, generator=g)
    terms = elbo_terms(out, x, model.likelihood, KLWeight(beta=1.0))
    recon = -Bernoulli(logits=out.logits).log_prob(x).flatten(1).sum(1).mean()
    kl = kl_divergence(Normal(out.mu, (0.5 * out.logvar).exp()), Normal(0.0, 1.0)).sum(1).mean()
    torch.testing.assert_close(terms.recon, recon)
    torch.testing.assert_close(terms.kl, kl)
    torch.testing.assert_close(terms.total, recon + kl)


def test_config_rules_and_unconditional_configs_save_as_before():
    with pytest.raises(ConfigError) as one:
        ModelConfig(n_classes=1)
    assert one.value.code == "conditional_classes"
    with pytest.raises(ConfigError) as conv:
        ModelConfig(arch="conv", input_shape=(1, 28, 28), hidden=(64,), n_classes=10)
    assert conv.value.code == "conditional_arch"
    assert "n_classes" not in ModelConfig().to_dict()  # fingerprints and caches unchanged
    assert ModelConfig.from_dict(CFG.to_dict()) == CFG and CFG.conditional


def test_training_passes_labels_and_checks_their_count():
    data = load_dataset(DataConfig(dataset="digits"))
    cfg = ModelConfig(hidden=(32,), latent_dim=2, n_classes=10)
    model, result = train_model(cfg, data, TrainConfig(epochs=1, max_steps=5, device="cpu"))
    assert result.status == "finished" and result.final_test["elbo"] > 0
    with pytest.raises(ConfigError) as wrong:
        train_model(ModelConfig(hidden=(32,), n_classes=3), data, TrainConfig(max_steps=1))
    assert wrong.value.code == "labels_mismatch"
    grid = analogy_grid(model, data.test_x[:2], data.test_y[:2])  # the page checks the shares
    assert grid.shape == (2, 10, 1, 8, 8)


def test_save_load_validate_and_export(tmp_path):
    model = tiny(3).eval()
    path = save_checkpoint(tmp_path / "c.safetensors", model, name="c")
    back = load_checkpoint(path).model
    assert isinstance(back, ConditionalMLPVAE) and back.cfg == CFG
    z, y = torch.randn(4, 3), torch.arange(4)
    torch.testing.assert_close(back.decode(z, y), model.decode(z, y))
    # a header that says unconditional does not fit these weights: refused, not loaded
    raw = checkpoint_bytes(model)
    n = int.from_bytes(raw[:8], "little")
    header = json.loads(raw[8:8 + n])
    meta = json.loads(header["__metadata__"]["vae_lab"])
    meta["model_cfg"]["n_classes"] = 0
    header["__metadata__"]["vae_lab"] = json.dumps(meta)
    text = json.dumps(header).encode()
    text += b" " * (-len(text) % 8)
    with pytest.raises((CheckpointError, ValueError)):
        load_checkpoint(len(text).to_bytes(8, "little") + text + raw[8 + n:])
    program = export_program(model)
    assert program.n_classes == 4 and program.decoder[0]["in"] == [3 + 4]
    assert program.encoder[0]["in"] == [64 + 4]


def test_cli_trains_a_conditional_model_and_info_says_so(tmp_path, capsys):
    out = tmp_path / "cvae.safetensors"
    assert main(["train", "--dataset", "digits", "--conditional", "--epochs", "1",
                 "--latent-dim", "2", "--hidden", "32", "--quiet", "--out", str(out)]) == 0
    capsys.readouterr()
    assert main(["info", str(out)]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["conditional"] is True and info["model_cfg"]["n_classes"] == 10
    assert main(["evaluate", str(out)]) == 0
    assert "−ELBO" in capsys.readouterr().out
