"""The plain-autoencoder mode (``ModelConfig.variational=False``) and the "Why variational?"
comparison: a deterministic encoder, a loss without KL, checkpoints and the export that keep the
flag, the digit classifier behind the prior share, and the background job end to end."""

from __future__ import annotations

import dataclasses
import json
import time

import numpy as np
import pytest
import safetensors.torch
import torch

from vae_core.analysis import why_variational as wv
from vae_core.checkpoints import META_KEY, checkpoint_bytes, load_checkpoint
from vae_core.config import DataConfig, ModelConfig, TrainConfig
from vae_core.data import load_dataset
from vae_core.export import export_program
from vae_core.likelihoods import build_likelihood
from vae_core.losses import elbo_terms
from vae_core.models import build_model
from vae_core.schedules import KLWeight
from vae_core.training import train_model

SMALL = ModelConfig(input_shape=(1, 8, 8), hidden=(32,), latent_dim=4)
AE = dataclasses.replace(SMALL, variational=False)


@pytest.fixture(scope="module")
def digits():
    return load_dataset(DataConfig(dataset="digits"))


@pytest.fixture(scope="module")
def mnist():
    return load_dataset(DataConfig())


def _model(cfg: ModelConfig, seed: int = 0):
    return build_model(cfg, generator=torch.Generator().manual_seed(seed))


# -- the autoencoder mode ------------------------------------------------------------------------
def test_the_flag_is_validated_and_defaults_to_a_vae():
    assert ModelConfig().variational is True
    with pytest.raises(ValueError, match="variational must be true or false"):
        ModelConfig(variational="no")
    assert ModelConfig.from_dict({"latent_dim": 3}).variational is True  # older JSON


def test_an_autoencoder_encodes_deterministically_and_a_vae_does_not():
    x = torch.rand(5, 1, 8, 8)
    ae, vae = _model(AE), _model(SMALL)
    a = ae(x, generator=torch.Generator().manual_seed(1))
    b = ae(x, generator=torch.Generator().manual_seed(2))
    assert torch.equal(a.z, b.z) and torch.equal(a.logits, b.logits)
    assert torch.equal(a.z, a.mu)  # z = μ: no ε
    c = vae(x, generator=torch.Generator().manual_seed(1))
    d = vae(x, generator=torch.Generator().manual_seed(2))
    assert not torch.equal(c.z, d.z)


def test_both_kinds_have_the_same_layers_and_initial_weights():
    ae, vae = _model(AE, seed=3).state_dict(), _model(SMALL, seed=3).state_dict()
    assert ae.keys() == vae.keys()
    assert all(torch.equal(ae[k], vae[k]) for k in ae)


def test_the_autoencoder_loss_is_the_reconstruction_alone():
    x = torch.rand(6, 1, 8, 8)
    model = _model(AE)
    out = model(x)
    lik = build_likelihood(AE)
    for weight in (KLWeight(beta=4.0), KLWeight(beta=1.0, capacity=5.0),
                   KLWeight(beta=1.0, free_bits=0.5)):
        t = elbo_terms(out, x, lik, weight, variational=False)
        assert torch.equal(t.total, t.recon)
        assert float(t.kl) == 0.0 and float(t.kl_term) == 0.0
        assert torch.equal(t.kl_per_dim, torch.zeros(4))
    vae_terms = elbo_terms(out, x, lik, KLWeight(beta=4.0))  # the same output, as a VAE
    assert float(vae_terms.total.detach()) > float(vae_terms.recon.detach())


def test_training_an_autoencoder_reports_no_kl(digits):
    ae_cfg = dataclasses.replace(AE, input_shape=digits.input_shape)
    model, result = train_model(ae_cfg, digits, TrainConfig(epochs=1, batch_size=256, lr=2e-3))
    assert result.status == "finished"
    assert result.final_test["kl"] == 0.0 and result.final_test["elbo"] == \
        pytest.approx(result.final_test["recon"])
    assert model.cfg.variational is False


def test_an_autoencoder_checkpoint_keeps_its_flag():
    model = _model(AE)
    ckpt = load_checkpoint(checkpoint_bytes(model))
    assert ckpt.model_cfg.variational is False and ckpt.model.cfg.variational is False
    x = torch.rand(3, 1, 8, 8)
    assert torch.equal(ckpt.model(x).logits, model.eval()(x).logits)


def test_a_checkpoint_without_the_flag_loads_as_a_vae():
    data = checkpoint_bytes(_model(SMALL))
    state = safetensors.torch.load(data)
    meta = json.loads(_metadata(data))
    del meta["model_cfg"]["variational"]  # as written before the flag existed
    old = safetensors.torch.save(state, metadata={META_KEY: json.dumps(meta)})
    assert load_checkpoint(old).model_cfg.variational is True


def _metadata(data: bytes) -> str:
    n = int.from_bytes(data[:8], "little")  # safetensors: 8-byte header length, then JSON
    return json.loads(data[8:8 + n])["__metadata__"][META_KEY]


def test_the_export_says_whether_the_model_is_variational():
    assert export_program(_model(AE)).header()["variational"] is False
    assert export_program(_model(SMALL)).variational is True


# -- the digit classifier ------------------------------------------------------------------------
def test_the_classifier_is_sure_of_real_digits_and_not_of_noise(mnist):
    clf = wv.DigitClassifier().fit(mnist.train_x, mnist.train_y)
    ceiling = clf.share(mnist.test_x)
    assert ceiling > 0.6  # 0.727 on mnist-5k
    noise = torch.rand(500, *mnist.input_shape, generator=torch.Generator().manual_seed(0))
    assert clf.share(noise) < 0.05
    assert clf.share(torch.zeros(4, *mnist.input_shape)) == 0.0
    p = clf.confidence(mnist.test_x[:10])
    assert p.shape == (10,) and np.all((p >= 0.1) & (p <= 1.0))  # 10 classes: max p ≥ 1/10
    assert clf.share(mnist.test_x[:10], threshold=0.0) == 1.0
    assert clf.share(mnist.test_x[:0]) == 0.0


def test_the_classifier_is_fitted_once_per_dataset(digits):
    cfg = DataConfig(dataset="digits")
    t0 = time.perf_counter()
    first = wv.digit_classifier(digits, cfg)
    assert time.perf_counter() - t0 < 3.0
    assert wv.digit_classifier(digits, cfg) is first
    assert wv.digit_classifier(digits, DataConfig(dataset="digits", seed=1)) is not first


# -- pieces of the comparison --------------------------------------------------------------------
def test_the_plane_is_measured_from_the_origin():
    gen = torch.Generator().manual_seed(0)
    mu = 5.0 + torch.randn(400, 6, generator=gen) * torch.tensor([3, 2, 1, .1, .1, .1])
    coords, explained = wv.plane(mu)
    assert coords.shape == (400, 2) and explained[0] >= explained[1] > 0
    assert np.abs(coords.mean(axis=0)).max() > 1.0  # not centred: the offset from 0 shows
    assert np.all(np.linalg.norm(coords, axis=1) <= mu.double().norm(dim=1).numpy() + 1e-6)
    one, _ = wv.plane(torch.randn(10, 1, generator=gen))
    assert one.shape == (10, 2)


def test_one_axis_limit_for_both_maps_and_at_least_the_3_sigma_ring():
    def view(scale: float):
        return dataclasses.replace(_DUMMY, coords=np.full((10, 2), scale))
    assert wv.axis_limit([view(0.5), view(0.2)]) == 3.5
    assert wv.axis_limit([view(0.5), view(20.0)]) == pytest.approx(21.0)
    # the wider model sets it: an autoencoder's spread-out codes keep their edge beside a
    # VAE's small ones (pooled, the percentile fell at 2.3σ of the wide cloud and cut it)
    rng = np.random.default_rng(0)
    wide = dataclasses.replace(_DUMMY, coords=rng.normal(0, 10, (1000, 2)))
    small = dataclasses.replace(_DUMMY, coords=rng.normal(0, 1, (1000, 2)))
    assert wv.axis_limit([small, wide]) >= np.abs(wide.coords).max()  # every code shown
    far = dataclasses.replace(_DUMMY, coords=np.vstack([wide.coords, [[1000.0, 0.0]]]))
    assert wv.axis_limit([small, far]) < 100  # but one code far out does not squash the rest


def test_the_interpolation_pair_is_the_first_of_each_label():
    assert wv.interpolation_pair(torch.tensor([3, 7, 0, 7, 0])) == (2, 1)
    assert wv.interpolation_pair(torch.tensor([3, 3])) == (0, 1)  # missing labels


def test_a_spec_refuses_bad_settings():
    with pytest.raises(ValueError, match="n_scored"):
        wv.WhySpec(SMALL, n_scored=3)
    with pytest.raises(ValueError, match="model_cfg"):
        wv.WhySpec(model_cfg="mlp")
    assert wv.WhySpec(SMALL).model_config("ae").variational is False


# -- the background job --------------------------------------------------------------------------
def _spec(digits, **train) -> wv.WhySpec:
    cfg = dataclasses.replace(SMALL, input_shape=digits.input_shape)
    return wv.WhySpec(cfg, data_cfg=DataConfig(dataset="digits"),
                      train_cfg=TrainConfig(epochs=train.pop("epochs", 3), batch_size=128,
                                            lr=3e-3, **train), n_scored=200, prior_seed=4)


def test_the_job_trains_both_and_measures_them(digits):
    run = wv.WhyVariational(_spec(digits), data=digits).start()
    run.join(60)
    snap = run.snapshot()
    assert snap.status == "finished" and snap.progress == 1.0 and snap.ended
    assert [j.status for j in snap.jobs] == ["finished", "finished"]
    result = run.result()
    vae, ae = result["vae"], result["ae"]
    assert vae.model.cfg.variational and not ae.model.cfg.variational
    assert vae.summary["test_kl"] > 0 and ae.summary["test_kl"] == 0.0
    assert vae.coords.shape == ae.coords.shape == (digits.n_test, 2)
    assert vae.prior_images.shape == (wv.N_SHOWN, *digits.input_shape)
    assert vae.interpolation.shape == (wv.N_INTERPOLATION, *digits.input_shape)
    # the same z for both: the first draws of the seeded prior, decoded by each model
    z = wv.sample_prior(SMALL.latent_dim, wv.N_SHOWN, seed=4)
    for view in (vae, ae):
        with torch.no_grad():
            assert torch.allclose(view.prior_images, view.model.decode(z), atol=1e-6)
        assert 0.0 <= view.prior_share <= 1.0 and view.train_s > 0
    assert 0.0 < result.ceiling <= 1.0 and result.limit >= 3.5
    assert result.pair == wv.interpolation_pair(digits.test_y)


def test_stopping_the_job_keeps_no_result(digits):
    run = wv.WhyVariational(_spec(digits, epochs=200), data=digits).start()
    time.sleep(0.3)
    run.stop(timeout=10)
    assert not run.is_alive()
    assert run.snapshot().status == "stopped" and run.result() is None


def test_a_model_that_cannot_train_fails_the_comparison(digits):
    spec = dataclasses.replace(_spec(digits), model_cfg=dataclasses.replace(
        SMALL, input_shape=(1, 28, 28)))  # not the digits' 8×8
    run = wv.WhyVariational(spec, data=digits).start()
    run.join(30)
    snap = run.snapshot()
    assert snap.status == "failed" and "8, 8" in snap.params["error"]
    assert run.result() is None and snap.jobs[1].status == "pending"  # the AE never started


_DUMMY = wv.ModelView(kind="vae", model=None, summary={}, train_s=0.0,  # type: ignore[arg-type]
                      coords=np.zeros((1, 2)), explained=(0.5, 0.5), prior_images=torch.zeros(0),
                      interpolation=torch.zeros(0), prior_share=0.0, code_radius=0.0)


def test_the_page_and_the_readme_quote_the_same_time():
    """The idle text and the README promise a learner the same wait (they once said 15 s and
    10 s, while a busy server took 18–21 s)."""
    import re
    from pathlib import Path

    from ui.why.strings import WHY

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith("| **Why variational?**"))
    quoted = re.search(r"about (\d+) s on an idle server", row)
    page = re.search(r"about (\d+) s on an idle server", WHY["idle"])
    assert quoted and page and quoted.group(1) == page.group(1), (row[:300], WHY["idle"])
