"""The signals dataset: deterministic for a seed, four kinds, held-out anomalies with their
defects; drawn as waveforms; a tiny model trained by the CLI catches the anomalies (AUC > ½);
the latent map, traverse and Applications pages show a signals model in English and 中文."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from tests.support import latent_view, server_like_env
from tests.test_pages_explore import open_page, texts
from ui.shell.i18n import LANG_KEY
from vae_core.analysis.anomaly import ood_by_group
from vae_core.analysis.gif import WAVE_INK, frames_to_gif, grid_image
from vae_core.config import DataConfig
from vae_core.data import load_dataset
from vae_core.data.signals import (
    ANOMALY_NAMES,
    KIND_NAMES,
    LENGTH,
    PER_ANOMALY,
    PER_KIND,
    generate_signals,
)


@pytest.fixture(scope="module")
def bundle():
    return load_dataset(DataConfig(dataset="signals"))


def test_the_same_seed_gives_the_same_sequences_and_another_seed_others():
    a, b, c = generate_signals(3), generate_signals(3), generate_signals(4)
    assert all(torch.equal(x, y) for x, y in zip(a, b))
    assert not torch.equal(a[0], c[0]) and not torch.equal(a[2], c[2])


def test_shapes_labels_and_range(bundle):
    assert bundle.input_shape == (1, 1, LENGTH) and bundle.is_sequence
    assert bundle.n_train + bundle.n_test == PER_KIND * len(KIND_NAMES)
    labels = torch.cat([bundle.train_y, bundle.test_y])
    assert torch.bincount(labels).tolist() == [PER_KIND] * len(KIND_NAMES)
    assert bundle.class_names == KIND_NAMES and bundle.anomaly_names == ANOMALY_NAMES
    assert torch.bincount(bundle.anomaly_y).tolist() == [PER_ANOMALY] * len(ANOMALY_NAMES)
    for x in (bundle.train_x, bundle.test_x, bundle.anomaly_x):
        assert x.dtype == torch.float32 and float(x.min()) >= 0 and float(x.max()) <= 1


def test_the_anomalies_carry_their_defect_and_are_in_neither_split(bundle):
    normal = torch.cat([bundle.train_x, bundle.test_x]).flatten(1)  # (N, L)
    odd = bundle.anomaly_x.flatten(1)
    jump = odd.diff(dim=1).abs().amax(dim=1)  # a spike is a jump no clean sequence makes
    assert float(normal.diff(dim=1).abs().amax()) < 0.2
    assert (jump[bundle.anomaly_y == 0] > 0.2).all()
    assert torch.cdist(odd, normal).amin() > 0  # no anomaly is a copy of a train/test sequence


def test_a_sequence_is_drawn_as_a_line_at_its_value():
    x = torch.full((2, 1, 1, LENGTH), 0.75)  # a flat sequence at ¾: a line a quarter down
    pixels = grid_image(x, nrow=2, scale=100, padding=0)
    assert pixels.shape == (100, 400, 3)
    ink = np.abs(pixels.astype(int) - np.array(WAVE_INK)).sum(axis=2) < 60  # (H, W)
    rows = np.flatnonzero(ink[:, 200:].any(axis=1))
    assert rows.size and abs(rows.mean() - 25) < 3
    assert frames_to_gif(x, scale=1).startswith(b"GIF89a")


def test_a_traversal_of_many_dims_is_drawn_as_waveform_panels():
    from ui.explore.figures import traversal_waves

    fig = traversal_waves(np.full((16, 9, LENGTH), 0.5), np.zeros((16, 9)), list(range(16)))
    assert len(fig.data) == 16 * 9 and fig.layout.height > 16 * 100


def test_auc_per_kind_of_outlier_on_a_constructed_case():
    normal = torch.tensor([1.0, 2.0, 3.0])
    odd = torch.tensor([5.0, 0.0, 2.5, 9.0])
    results = ood_by_group(normal, odd, torch.tensor([0, 1, 1, 0]), 3)
    assert results[0].auc == 1.0               # both above every test score
    assert results[1].auc == pytest.approx(1 / 3)  # 0.0 below all, 2.5 above 2 of 3: (0 + 2)/6
    assert results[2] is None


def test_a_conv_model_runs_along_the_sequence_and_exports_its_1x4_kernels():
    from tests.test_export import run
    from vae_core.config import ModelConfig
    from vae_core.export import export_program
    from vae_core.models import build_model

    model = build_model(ModelConfig(arch="conv", input_shape=(1, 1, LENGTH), hidden=(16,),
                                    latent_dim=3, recon="gaussian"),
                        generator=torch.Generator().manual_seed(0)).eval()
    z = torch.randn(1, 3, generator=torch.Generator().manual_seed(1))
    with torch.no_grad():
        want = model.decode(z)
    assert want.shape == (1, 1, 1, LENGTH)
    program = export_program(model)
    assert {(layer["kh"], layer["kw"]) for layer in program.decoder if "kh" in layer} == {(1, 4)}
    got = run(program.decoder, program.arrays, z[0].numpy())
    np.testing.assert_allclose(got.reshape(want.shape), want.numpy(), atol=1e-5)


@pytest.fixture(scope="module")
def signals_model(tmp_path_factory):
    """A tiny model trained by the CLI in this process (the same code path as the shell's)."""
    from vae_core.cli import main

    out = tmp_path_factory.mktemp("lib") / "sig.safetensors"
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        main(["train", "--dataset", "signals", "--recon", "mse", "--sigma", "0.05",
              "--epochs", "3", "--hidden", "64", "--latent-dim", "4", "--model", "mlp", "--quiet",
              "--name", "sig", "--out", str(out)])
    finally:
        torch.set_num_threads(threads)
    return out


def test_a_cli_model_flags_the_anomalies(signals_model, bundle):
    from vae_core.analysis.anomaly import elbo_scores, ood_auc
    from vae_core.checkpoints import load_checkpoint

    ckpt = load_checkpoint(signals_model)
    assert ckpt.data_cfg.dataset == "signals" and ckpt.model.cfg.input_shape == (1, 1, LENGTH)
    normal = elbo_scores(ckpt.model, bundle.test_x)
    odd = elbo_scores(ckpt.model, bundle.anomaly_x)
    assert ood_auc(normal, odd).auc > 0.65  # 0.72 here after 3 epochs (0.1 s of training)
    shift = ood_by_group(normal, odd, bundle.anomaly_y, 3)[1]
    assert shift.auc > 0.85  # a level shift is the easiest defect for an MLP


@pytest.fixture
def env(tmp_path, monkeypatch, signals_model):
    with server_like_env(tmp_path, monkeypatch, pretrained=False) as e:
        e.library.mkdir()
        (e.library / "sig.safetensors").write_bytes(signals_model.read_bytes())
        yield e


def test_the_pages_show_a_signals_model(env):
    at = open_page("pages/applications.py")
    assert [m.label for m in at.metric if m.label.startswith("AUC")] == [
        "AUC, all anomalies", "AUC, spikes", "AUC, level shifts", "AUC, frequency changes"]
    assert "240 anomalous sequences" in texts(at.markdown)
    at.radio(key=LANG_KEY).set_value("中文").run()  # one session: the scores stay cached
    assert not at.exception, at.exception
    assert [m.label for m in at.metric if m.label.startswith("AUC")] == [
        "AUC，全部异常", "AUC，尖峰", "AUC，电平突变", "AUC，频率变化"]
    at.switch_page("pages/traverse.py").run()
    assert not at.exception, at.exception
    assert "（蓝）" in texts(at.caption)  # the traversal drawn as waveforms
    at.switch_page("pages/latent_map.py").run()
    assert not at.exception, at.exception
    assert "画" not in texts(at.subheader)  # no drawing pad for a 1×256 sequence
    assert latent_view(at, "plane")[0]["classes"] == ["慢波", "快波", "双音", "近似方波"]
