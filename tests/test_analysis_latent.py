"""Latent-space analysis (issue 4 core): embeddings, interpolation, traversals, manifold grid,
aggregate posterior, GIF and grid images."""

import io
import math

import numpy as np
import pytest
import torch
from PIL import Image
from scipy.stats import norm
from torch import Tensor, nn

from vae_core.analysis.aggregate import (
    aggregate_posterior_histograms,
    ellipse_outlines,
    posterior_ellipses,
)
from vae_core.analysis.embeddings import (
    PCAProjection,
    RawProjection,
    TSNEProjection,
    project,
)
from vae_core.analysis.gif import frames_to_gif, grid_image
from vae_core.analysis.traversal import (
    decode_point,
    interpolate,
    interpolate_latents,
    inverse_cdf_grid,
    lerp,
    manifold_grid,
    order_dims_by_kl,
    prior_samples,
    slerp,
    traversal_grid,
    traversal_values,
)
from vae_core.config import ModelConfig
from vae_core.models import build_model
from vae_core.models.base import VAE

K = 5


class EchoVAE(VAE):
    """A VAE whose decoder shows z itself: decode(z) is z as a (1, 1, K) image, and encode(x)
    returns the pixels as μ. Every decoded image therefore says which latent produced it."""

    def __init__(self, k: int = K) -> None:
        super().__init__(ModelConfig(input_shape=(1, 1, k), hidden=(4,), latent_dim=k))
        self.anchor = nn.Parameter(torch.zeros(()))  # gives the model a device

    def encode(self, x: Tensor) -> tuple[Tensor, Tensor]:
        mu = x.flatten(1)  # (B, 1, 1, K) -> (B, K)
        return mu, torch.zeros_like(mu)

    def decode(self, z: Tensor) -> Tensor:
        return z.reshape(-1, 1, 1, self.latent_dim)  # (B, K) -> (B, 1, 1, K)


def as_latents(images: Tensor) -> Tensor:
    return images.reshape(*images.shape[:-3], -1)  # (..., 1, 1, K) -> (..., K)


# --- interpolation -------------------------------------------------------------------------

def test_lerp_ends_at_endpoints_and_is_linear():
    z0, z1 = torch.randn(K), torch.randn(K)
    path = lerp(z0, z1, 7)
    assert path.shape == (7, K)
    assert torch.equal(path[0], z0) and torch.equal(path[-1], z1)
    steps = path.diff(dim=0)
    torch.testing.assert_close(steps, (z1 - z0).expand(6, K) / 6)


def test_slerp_keeps_the_norm_and_ends_at_endpoints():
    g = torch.Generator().manual_seed(1)
    z0, z1 = torch.randn(16, generator=g), torch.randn(16, generator=g)
    z1 = z1 * z0.norm() / z1.norm()  # equal norms
    path = slerp(z0, z1, 11)
    assert torch.equal(path[0], z0) and torch.equal(path[-1], z1)
    torch.testing.assert_close(path.norm(dim=1), z0.norm().expand(11))
    # lerp's middle sags toward the origin; slerp's does not
    assert lerp(z0, z1, 11)[5].norm() < 0.99 * z0.norm()


def test_slerp_midpoint_of_orthogonal_unit_vectors():
    e0, e1 = torch.tensor([1.0, 0.0]), torch.tensor([0.0, 1.0])
    torch.testing.assert_close(slerp(e0, e1, 3)[1], torch.tensor([1.0, 1.0]) / math.sqrt(2))


def test_slerp_falls_back_to_lerp_for_parallel_or_zero_vectors():
    z0 = torch.tensor([1.0, 2.0, 3.0])
    for z1 in (2 * z0, -z0, torch.zeros(3)):
        path = slerp(z0, z1, 5)
        assert torch.isfinite(path).all()
        torch.testing.assert_close(path, lerp(z0, z1, 5))


def test_interpolation_errors():
    with pytest.raises(ValueError, match="unknown interpolation method 'cubic'"):
        interpolate_latents(torch.zeros(2), torch.ones(2), 4, "cubic")
    with pytest.raises(ValueError, match="n must be"):
        lerp(torch.zeros(2), torch.ones(2), 1)
    with pytest.raises(ValueError, match="same shape"):
        slerp(torch.zeros(2), torch.ones(3), 4)


def test_interpolate_decodes_the_path_between_posterior_means():
    model = EchoVAE()
    x0, x1 = torch.rand(1, 1, K), torch.rand(1, 1, K)
    for method, fn in (("lerp", lerp), ("slerp", slerp)):
        images = interpolate(model, x0, x1, 6, method)
        assert images.shape == (6, 1, 1, K)
        torch.testing.assert_close(as_latents(images), fn(x0.flatten(), x1.flatten(), 6))


# --- embeddings ---------------------------------------------------------------------------

def test_pca_inverse_maps_rank_two_data_back_exactly():
    g = np.random.default_rng(0)
    data = g.normal(size=(100, 2)) @ g.normal(size=(2, 6)) + g.normal(size=6)  # rank 2, offset
    pca = PCAProjection().fit(torch.from_numpy(data))
    np.testing.assert_allclose(pca.inverse_transform(pca.transform(data)), data, atol=1e-10)
    assert pca.explained_variance_ratio_.sum() == pytest.approx(1.0)


def test_pca_inverse_of_a_projection_is_a_fixed_point():
    data = np.random.default_rng(1).normal(size=(80, 6))
    pca = PCAProjection(n_components=2)
    assert pca.fit(data) is pca and not hasattr(PCAProjection(), "pca_")
    coords = pca.transform(data)
    back = pca.inverse_transform(coords)  # a point on the principal plane
    np.testing.assert_allclose(pca.transform(back), coords, atol=1e-10)
    np.testing.assert_allclose(pca.inverse_transform(pca.transform(back)), back, atol=1e-10)
    assert 0 < pca.explained_variance_ratio_.sum() < 1
    with pytest.raises(ValueError, match="latent dims"):
        PCAProjection().fit(np.zeros((10, 1)))


def test_raw_projection_selects_axes_and_fills_the_rest_from_base():
    mu = torch.randn(20, 4)
    raw = RawProjection(dims=(3, 1), base=[9.0, 8.0, 7.0, 6.0]).fit(mu)
    np.testing.assert_allclose(raw.transform(mu), mu[:, [3, 1]].double().numpy())
    np.testing.assert_allclose(raw.inverse_transform([[0.5, -0.5]]), [[9.0, -0.5, 7.0, 0.5]])
    assert RawProjection().fit(mu).inverse_transform(np.ones((1, 2))).tolist() == [[1, 1, 0, 0]]
    with pytest.raises(ValueError, match="two different latent axes"):
        RawProjection(dims=(0, 4)).fit(mu)


def test_project_by_name():
    mu = torch.randn(30, 3)
    coords, info = project("pca", mu)
    assert coords.shape == (30, 2) and len(info["explained_variance_ratio"]) == 2
    assert info["invertible"] and info["projection"].inverse_transform(coords).shape == (30, 3)
    coords, info = project("raw", mu, dims=(0, 2))
    np.testing.assert_allclose(coords, mu[:, [0, 2]].double().numpy())
    with pytest.raises(ValueError, match=r"^unknown projection 'umap'$"):
        project("umap", mu)


@pytest.fixture(scope="module")
def blobs():
    g = np.random.default_rng(0)
    centres = g.normal(scale=5.0, size=(4, 8))
    return centres.repeat(50, axis=0) + g.normal(size=(200, 8))  # (200, 8), 4 clusters


def test_tsne_shape_and_determinism(blobs):
    settings = dict(perplexity=15, n_iter=100, seed=3)  # scikit-learn runs ≥ 250
    first = TSNEProjection(**settings)
    ticks = []
    emb = first.fit_transform(blobs, progress=lambda i, total: ticks.append((i, total)))
    assert emb.shape == (200, 2) and np.isfinite(emb).all()
    assert first.backend_ == "opentsne"  # a requirement: the default backend, never skipped
    np.testing.assert_array_equal(TSNEProjection(**settings).fit_transform(blobs), emb)
    total = first.n_iter_
    assert ticks[0] == (0, total) and ticks[-1] == (total, total)
    assert [i for i, _ in ticks] == sorted(i for i, _ in ticks)


@pytest.mark.parametrize("fft_from", [10_000, 100])  # Barnes-Hut; the FFT path of large maps
def test_tsne_opentsne_settings_keep_clusters_apart(blobs, monkeypatch, fft_from):
    import vae_core.analysis.embeddings as emb_mod

    monkeypatch.setattr(emb_mod, "FFT_FROM_POINTS", fft_from)
    emb = TSNEProjection(perplexity=15, n_iter=250).fit_transform(blobs)
    labels = np.arange(200) // 50
    centres = np.stack([emb[labels == c].mean(axis=0) for c in range(4)])
    spread = max(np.linalg.norm(emb[labels == c] - centres[c], axis=1).mean() for c in range(4))
    gaps = [np.linalg.norm(centres[a] - centres[b]) for a in range(4) for b in range(a + 1, 4)]
    assert min(gaps) > 2 * spread


def test_tsne_sklearn_backend_is_deterministic(blobs):
    small = blobs[::4]  # (50, 8)
    a = TSNEProjection(perplexity=10, n_iter=250, n_jobs=1, backend="sklearn").fit_transform(small)
    b = TSNEProjection(perplexity=10, n_iter=250, n_jobs=1, backend="sklearn").fit_transform(small)
    assert a.shape == (50, 2)
    np.testing.assert_array_equal(a, b)


def test_tsne_refuses_perplexity_at_or_above_the_point_count(blobs):
    for perplexity in (200, 500):
        with pytest.raises(ValueError, match="must be less than the number of points"):
            TSNEProjection(perplexity=perplexity).fit_transform(blobs)
    with pytest.raises(ValueError, match="unknown t-SNE backend"):
        TSNEProjection(backend="umap").fit_transform(blobs)
    with pytest.raises(ValueError, match="must be less than the number of points"):
        project("tsne", blobs[:10], perplexity=30)


# --- traversals, prior samples, manifold --------------------------------------------------

def test_traversal_grid_row_d_changes_only_dim_d():
    model = EchoVAE()
    z0 = torch.tensor([0.5, -1.0, 2.0, 0.0, 0.25])
    dims = [3, 0, 2]
    grid = traversal_grid(model, z0, dims, k=2.0, n=5)
    assert grid.shape == (3, 5, 1, 1, K)
    latents = as_latents(grid)  # (3, 5, K)
    for row, d in enumerate(dims):
        others = [j for j in range(K) if j != d]
        torch.testing.assert_close(latents[row][:, others], z0[others].expand(5, K - 1))
        torch.testing.assert_close(latents[row][:, d], z0[d] + torch.linspace(-2, 2, 5))


def test_traversal_uses_given_stds():
    stds = torch.tensor([1.0, 0.5, 2.0, 1.0, 0.1])
    values = traversal_values(torch.zeros(K), [1, 2], k=3.0, n=3, stds=stds)
    torch.testing.assert_close(values, torch.tensor([[-1.5, 0.0, 1.5], [-6.0, 0.0, 6.0]]))
    with pytest.raises(ValueError, match="dims must be latent axes"):
        traversal_values(torch.zeros(K), [K], n=3)


def test_traversal_on_a_real_model_keeps_its_mode():
    model = build_model(ModelConfig(latent_dim=3))
    model.train()
    grid = traversal_grid(model, torch.zeros(3), [0, 1, 2], n=4)
    assert grid.shape == (3, 4, 1, 8, 8) and grid.min() >= 0 and grid.max() <= 1
    assert model.training  # restored
    assert decode_point(model, np.zeros(3)).shape == (1, 8, 8)


def test_inverse_cdf_grid_matches_norm_ppf():
    np.testing.assert_allclose(inverse_cdf_grid(20).numpy(),
                               norm.ppf(np.linspace(0.05, 0.95, 20)), rtol=1e-12, atol=1e-12)


def test_manifold_grid_shape_and_coordinates():
    model = EchoVAE()
    base = torch.arange(K, dtype=torch.float32)
    images, xs, ys = manifold_grid(model, n=6, dims=(1, 3), base=base)
    assert images.shape == (6, 6, 1, 1, K)
    torch.testing.assert_close(xs, inverse_cdf_grid(6))
    torch.testing.assert_close(ys, inverse_cdf_grid(6).flip(0))
    z = as_latents(images)  # (6, 6, K)
    torch.testing.assert_close(z[2, 4, 1].double(), xs[4], rtol=1e-6, atol=1e-6)
    torch.testing.assert_close(z[2, 4, 3].double(), ys[2], rtol=1e-6, atol=1e-6)
    torch.testing.assert_close(z[:, :, [0, 2, 4]], base[[0, 2, 4]].expand(6, 6, 3))
    assert ys[0] > 0 > ys[-1]  # top row is the highest z[dims[1]]
    assert manifold_grid(build_model(ModelConfig(latent_dim=2)), n=20).images.shape == (
        20, 20, 1, 8, 8)


def test_order_dims_by_kl():
    order, collapsed = order_dims_by_kl(torch.tensor([0.5, 0.001, 3.0, 0.0, 0.5]))
    assert order.tolist() == [2, 0, 4, 1, 3]
    assert collapsed.tolist() == [False, True, False, True, False]
    assert order_dims_by_kl([1.0, 0.2], threshold=0.5).collapsed.tolist() == [False, True]


def test_collapsed_dims_follow_the_active_unit_rule():
    """Traverse marks as collapsed exactly the dims that are not active units (Cov_x μ ≤ 0.01),
    as every count of active units does: a dim with KL 0.05 nats whose mean never moves is
    collapsed, one with a small KL but a moving mean is not (the KL rule said the opposite)."""
    kl, mu_var = [0.05, 0.004, 2.0], [0.001, 0.02, 0.9]
    assert order_dims_by_kl(kl, mu_var).collapsed.tolist() == [True, False, False]
    assert order_dims_by_kl(kl).collapsed.tolist() == [False, True, False]  # no Cov: KL rule


def test_prior_samples_shape_seed_and_temperature():
    model = EchoVAE()
    a = prior_samples(model, 50, seed=7)
    assert a.shape == (50, 1, 1, K)
    assert torch.equal(a, prior_samples(model, 50, seed=7))
    cold = prior_samples(model, 50, temperature=0.5, seed=7)
    torch.testing.assert_close(cold, 0.5 * a)
    assert torch.equal(prior_samples(model, 3, temperature=0.0), torch.zeros(3, 1, 1, K))


# --- aggregate posterior ------------------------------------------------------------------

def test_histograms_integrate_to_one():
    mu = torch.randn(4000, 3, generator=torch.Generator().manual_seed(0))
    h = aggregate_posterior_histograms(mu, bins=40, range=(-4, 4))
    width = h.edges[1] - h.edges[0]
    assert h.density.shape == (3, 40) and h.prior.shape == (40,)
    np.testing.assert_allclose(h.density.sum(axis=1) * width + h.outside, 1.0)
    assert (h.density.sum(axis=1) * width > 0.99).all()
    assert h.prior.sum() * width == pytest.approx(1.0, abs=1e-3)
    # a narrow range: the mass beyond it is reported, not spread over the bins
    narrow = aggregate_posterior_histograms(mu, range=(-1, 1))
    assert narrow.outside == pytest.approx(np.full(3, 0.317), abs=0.03)


def test_mixture_histogram_of_prior_posteriors_is_the_prior():
    mu, logvar = torch.zeros(10, 2), torch.zeros(10, 2)
    h = aggregate_posterior_histograms(mu, logvar=logvar, bins=200)
    np.testing.assert_allclose(h.density, np.broadcast_to(h.prior, (2, 200)), rtol=1e-3)
    assert h.density.sum(axis=1) * (h.edges[1] - h.edges[0]) == pytest.approx([1, 1], abs=1e-4)


def test_posterior_ellipses():
    mu, logvar = torch.randn(7, 2), torch.randn(7, 2)
    e = posterior_ellipses(mu, logvar, n_std=2.0)
    np.testing.assert_allclose(e.centres, mu.double().numpy())
    np.testing.assert_allclose(e.semi_axes, 2 * np.exp(0.5 * logvar.double().numpy()), rtol=1e-6)
    assert ellipse_outlines(e, n_vertices=16).shape == (7 * 18, 2)
    with pytest.raises(ValueError, match="2-D latent"):
        posterior_ellipses(torch.zeros(3, 4), torch.zeros(3, 4))


# --- GIF and grid images ------------------------------------------------------------------

def test_gif_bytes_and_frame_count():
    frames = torch.linspace(0, 1, 6)[:, None, None, None].expand(6, 1, 5, 7)  # distinct frames
    data = frames_to_gif(frames, scale=3, duration_ms=50)
    assert data.startswith(b"GIF89a")
    img = Image.open(io.BytesIO(data))
    assert img.n_frames == 6 and img.size == (21, 15)
    rgb = torch.rand(4, 3, 4, 4, generator=torch.Generator().manual_seed(0))
    assert Image.open(io.BytesIO(frames_to_gif(rgb))).n_frames == 4
    with pytest.raises(ValueError, match="C = 1 or 3"):
        frames_to_gif(torch.zeros(3, 2, 4, 4))


@pytest.mark.parametrize("shape, nrow, padding, pad_value", [
    ((6, 1, 8, 8), 3, 2, 1.0), ((4, 3, 5, 5), 2, 0, 0.5), ((5, 1, 7, 9), 8, 1, 0.0)])
def test_grid_image_is_make_grids_layout_in_uint8(shape, nrow, padding, pad_value):
    """The one tiler keeps torchvision's layout without importing torchvision."""
    from torchvision.utils import make_grid

    images = torch.rand(*shape, generator=torch.Generator().manual_seed(0)) * 1.2 - 0.1
    ref = make_grid(images.clamp(0, 1), nrow=nrow, padding=padding, pad_value=pad_value)
    expected = (ref * 255).round().to(torch.uint8).permute(1, 2, 0).numpy()  # -> (H', W', 3)
    grid = grid_image(images, nrow=nrow, padding=padding, pad_value=pad_value)
    assert grid.dtype == np.uint8
    np.testing.assert_array_equal(grid, expected)


def test_grid_image_scales_pads_a_lone_image_and_refuses_bad_shapes():
    grid = grid_image(torch.rand(2, 1, 8, 8), nrow=2, scale=3, padding=2)
    assert grid.shape == (2 + 24 + 2, 2 + 2 * (24 + 2), 3)
    block = grid[2:5, 2:5]
    assert (block == block[0, 0]).all()  # nearest neighbour: one flat block per pixel
    assert (grid[:2] == 255).all()       # white gaps by default
    one = grid_image(torch.zeros(1, 1, 4, 4), padding=1)  # make_grid would return it bare
    assert one.shape == (6, 6, 3) and (one[0] == 255).all() and one[1:5, 1:5].max() == 0
    with pytest.raises(ValueError, match="C = 1 or 3"):
        grid_image(torch.zeros(2, 2, 4, 4))
    with pytest.raises(ValueError, match="at least 1"):
        grid_image(torch.zeros(2, 1, 4, 4), nrow=0)
