import pytest
import torch

from vae_core.analysis.anomaly import elbo_scores, extremes, fit_to_model, ood_auc
from vae_core.analysis.metrics import evaluate
from vae_core.checkpoints import load_checkpoint
from vae_core.config import DataConfig
from vae_core.data import load_dataset
from vae_core.zoo import ASSETS_DIR


@pytest.fixture(scope="module")
def digits_model():
    return load_checkpoint(ASSETS_DIR / "digits-z8-bce.safetensors").model


def test_scores_average_to_the_test_elbo(digits_model, digits):
    scores = elbo_scores(digits_model, digits.test_x, n_samples=8)
    assert scores.shape == (digits.test_x.shape[0],)
    ref = evaluate(digits_model, digits.test_x)["elbo"]
    assert float(scores.mean()) == pytest.approx(ref, rel=0.02)


def test_shapes_are_out_of_distribution_for_a_digits_model(digits_model, digits):
    shapes = load_dataset(DataConfig(dataset="shapes"))
    out = elbo_scores(digits_model, shapes.test_x[:300])
    res = ood_auc(elbo_scores(digits_model, digits.test_x), out)
    assert res.auc > 0.9
    assert res.fpr[0] == 0 and res.tpr[-1] == 1


def test_noise_images_score_worse_than_digits(digits_model, digits):
    noise = torch.rand(100, 1, 8, 8, generator=torch.Generator().manual_seed(0))
    assert elbo_scores(digits_model, noise).mean() > elbo_scores(digits_model, digits.test_x).mean()


def test_extremes_and_resize(digits_model):
    scores = torch.tensor([3.0, 1.0, 2.0, 9.0])
    typical, odd = extremes(scores, k=2)
    assert typical.tolist() == [1, 2] and odd.tolist() == [3, 0]
    assert fit_to_model(digits_model, torch.rand(2, 3, 32, 32)).shape == (2, 1, 8, 8)
    with pytest.raises(ValueError, match="n_samples"):
        elbo_scores(digits_model, torch.rand(2, 1, 8, 8), n_samples=0)
    with pytest.raises(ValueError, match="NaN"):
        ood_auc(torch.tensor([1.0]), torch.tensor([float("nan")]))
