"""vae_core.data: digits, shapes, torchvision sets from local IDX files (offline), batching."""

from __future__ import annotations

import dataclasses
import gzip
import socket
import struct
import time
from pathlib import Path
from urllib.error import URLError

import numpy as np
import pytest
import torch
import torchvision.datasets.mnist as tv_mnist

from tests.support import idx_arrays
from vae_core.config import DATASETS, DataConfig
from vae_core.data import (
    DATA_DIR_ENV,
    DataBundle,
    DatasetUnavailable,
    binarize,
    dataset_available,
    default_data_dir,
    describe_dataset,
    iterate_minibatches,
    load_dataset,
    split_indices,
)
from vae_core.data import shapes as shapes_mod
from vae_core.data.registry import DESCRIPTIONS, LOADERS
from vae_core.data.torchvision_sets import RAW_FILES, TORCHVISION_CLASSES

# ---------------------------------------------------------------- fixtures and helpers


@pytest.fixture
def no_network(monkeypatch):
    """Any socket connection or name lookup fails at once, whatever the sandbox allows."""

    def refuse(*args, **kwargs):
        raise OSError("network disabled in tests")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)


@pytest.fixture
def download_calls(monkeypatch, no_network):
    """torchvision's download raises URLError (offline); the list records each attempt."""
    calls: list[str] = []

    def offline_download(url, *args, **kwargs):
        calls.append(url)
        raise URLError("offline (test)")

    monkeypatch.setattr(tv_mnist, "download_and_extract_archive", offline_download)
    return calls


def _write_idx(path: Path, array: np.ndarray, *, compress: bool = False) -> None:
    """IDX file: big-endian magic (2051 images, 2049 labels), the dims, then uint8 data."""
    magic = {3: 2051, 1: 2049}[array.ndim]
    payload = struct.pack(f">{1 + array.ndim}i", magic, *array.shape) + array.tobytes()
    if compress:
        path = path.with_name(path.name + ".gz")
        payload = gzip.compress(payload)
    path.write_bytes(payload)


def _write_fake_set(root: Path, class_name: str, *, n_train: int = 20, n_test: int = 10,
                    seed: int = 0, compress: bool = False) -> dict[str, np.ndarray]:
    arrays = idx_arrays(n_train, n_test, seed)
    raw = root / class_name / "raw"
    raw.mkdir(parents=True)
    for name, array in arrays.items():
        _write_idx(raw / name, array, compress=compress)
    return arrays


def _check_bundle(b: DataBundle, shape: tuple[int, int, int]) -> None:
    for x, y in ((b.train_x, b.train_y), (b.test_x, b.test_y)):
        assert x.dtype == torch.float32 and x.is_contiguous()
        assert x.shape[1:] == shape and x.shape[0] == y.shape[0]
        assert y.dtype == torch.int64
        assert x.min() >= 0 and x.max() <= 1
    assert b.input_shape == shape and b.n_pixels == int(np.prod(shape))


# ---------------------------------------------------------------- digits


def test_digits_shapes_ranges_and_split():
    from sklearn.datasets import load_digits

    b = load_dataset(DataConfig(dataset="digits", test_fraction=0.2, seed=0))
    _check_bundle(b, (1, 8, 8))
    assert b.n_train + b.n_test == 1797 and b.n_test == round(1797 * 0.2)
    assert b.class_names == tuple("0123456789")
    assert b.train_x.max() == 1.0  # /16 reaches the top grey level
    assert b.train_factors is None and b.factor_names == ()
    # the rows are load_digits' rows at the split indices: train and test disjoint, union all
    train_idx, test_idx = split_indices(1797, 0.2, 0)
    assert set(train_idx.tolist()).isdisjoint(test_idx.tolist())
    assert sorted(train_idx.tolist() + test_idx.tolist()) == list(range(1797))
    raw = load_digits()
    images = torch.from_numpy(raw.images).float().unsqueeze(1) / 16
    assert torch.equal(b.train_x, images[train_idx]) and torch.equal(b.test_x, images[test_idx])
    assert torch.equal(b.test_y, torch.from_numpy(raw.target)[test_idx].long())


def test_digits_read_from_the_csv_without_importing_sklearn_and_same_as_fallback(monkeypatch):
    import subprocess
    import sys

    import vae_core.data.digits as digits

    code = ("import sys; from vae_core.data.digits import read_digits; px, y = read_digits(); "
            "print(px.shape, y.shape, 'sklearn' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=Path(__file__).resolve().parents[1], check=True).stdout
    assert out.strip() == "(1797, 64) (1797,) False"
    from_csv = digits.read_digits()
    monkeypatch.setattr(digits.importlib.util, "find_spec", lambda name: None)
    fallback = digits.read_digits()
    assert np.array_equal(from_csv[0], fallback[0]) and np.array_equal(from_csv[1], fallback[1])


def test_digits_split_deterministic_per_seed():
    a = load_dataset(DataConfig(dataset="digits", seed=3))
    b = load_dataset(DataConfig(dataset="digits", seed=3))
    c = load_dataset(DataConfig(dataset="digits", seed=4))
    assert torch.equal(a.test_x, b.test_x) and torch.equal(a.train_y, b.train_y)
    assert not torch.equal(split_indices(1797, 0.2, 3)[1], split_indices(1797, 0.2, 4)[1])
    assert a.n_test == c.n_test and not torch.equal(a.test_x, c.test_x)
    other = load_dataset(DataConfig(dataset="digits", test_fraction=0.5))
    assert other.n_train + other.n_test == 1797 and other.n_test == round(1797 * 0.5)


# ---------------------------------------------------------------- shapes


@pytest.fixture(scope="module")
def shapes_grid():
    """All images and factors in factorial order: (4, 4, 6, 8, 8, 32, 32), (N, 5)."""
    x, factors = shapes_mod.generate_shapes()
    return x.reshape(*shapes_mod.FACTOR_SIZES, 32, 32), factors


def test_shapes_bundle_and_determinism():
    a = load_dataset(DataConfig(dataset="shapes", seed=1))
    b = load_dataset(DataConfig(dataset="shapes", seed=1))
    c = load_dataset(DataConfig(dataset="shapes", seed=2))
    _check_bundle(a, (1, 32, 32))
    assert a.factor_names == ("shape", "scale", "rotation", "x", "y")
    assert a.factor_sizes == (4, 4, 6, 8, 8) and a.class_names == shapes_mod.SHAPE_NAMES
    assert a.n_train + a.n_test == 6144 and a.n_test == round(6144 * 0.2)
    for x, y, f in ((a.train_x, a.train_y, a.train_factors), (a.test_x, a.test_y, a.test_factors)):
        assert f.dtype == torch.int64 and f.shape == (x.shape[0], 5)
        assert torch.equal(y, f[:, 0])
    assert torch.equal(a.train_x, b.train_x) and torch.equal(a.test_factors, b.test_factors)
    assert not torch.equal(a.test_factors, c.test_factors)


def test_shapes_factors_cover_the_full_product():
    b = load_dataset(DataConfig(dataset="shapes"))
    factors = torch.cat([b.train_factors, b.test_factors])
    assert torch.unique(factors, dim=0).shape[0] == 6144 == int(np.prod(b.factor_sizes))
    for k, size in enumerate(b.factor_sizes):
        assert torch.equal(factors[:, k].unique(), torch.arange(size))
    # row i of the generated grid is the factor combination np.unravel_index(i, sizes)
    x, grid_factors = shapes_mod.generate_shapes()
    i = 12345 % 6144
    assert grid_factors[i].tolist() == list(np.unravel_index(i, b.factor_sizes))


def test_shapes_images_differ_and_move_with_position(shapes_grid):
    grid, _ = shapes_grid
    flat = grid.reshape(6144, -1)
    assert torch.unique(flat, dim=0).shape[0] == 6144  # every factor combination is its own image
    cols = torch.arange(32.0) + 0.5

    def centre(img):  # centre of mass (x right, y down), px, as plain floats
        mass = img.sum()
        return (((img.sum(0) * cols).sum() / mass).item(),
                ((img.sum(1) * cols).sum() / mass).item())

    for shape, scale, rot in ((0, 0, 0), (3, 3, 5), (2, 1, 2)):
        cx0, cy0 = centre(grid[shape, scale, rot, 0, 0])
        cx1, cy1 = centre(grid[shape, scale, rot, 1, 0])
        cx2, cy2 = centre(grid[shape, scale, rot, 1, 1])
        assert cx1 - cx0 == pytest.approx(2.0, abs=1e-4) and cy1 == pytest.approx(cy0, abs=1e-4)
        assert cy2 - cy1 == pytest.approx(2.0, abs=1e-4) and cx2 == pytest.approx(cx1, abs=1e-4)
    mass = grid.sum(dim=(-1, -2))  # (4, 4, 6, 8, 8)
    # translation keeps the ink (nothing clipped); a larger scale has more ink
    assert torch.allclose(mass, mass[..., :1, :1].expand_as(mass))
    assert (mass[:, 1:] > mass[:, :-1]).all()


def test_shapes_pixels_and_frame(shapes_grid):
    grid, _ = shapes_grid
    assert grid.dtype == torch.float32 and grid.min() == 0 and grid.max() == 1
    # every shape fully inside the frame: the outer rows and columns stay empty
    assert grid[..., 0, :].max() == 0 and grid[..., -1, :].max() == 0
    assert grid[..., :, 0].max() == 0 and grid[..., :, -1].max() == 0
    assert (grid.sum(dim=(-1, -2)) > 3).all()  # even the smallest shape is visible
    # and inside its bounding disc (so inside its patch) for every rotation
    g = np.linspace(-1.5, 1.5, 601)
    u, v = np.meshgrid(g, g)
    for s in range(len(shapes_mod.SHAPE_NAMES)):
        m = shapes_mod.inside(s, u, v)
        assert m.any() and (u[m] ** 2 + v[m] ** 2).max() <= 1 + 1e-9
    binary, _ = shapes_mod.generate_shapes(antialias=False)
    assert set(binary.unique().tolist()) == {0.0, 1.0}


def test_shapes_generation_is_fast():
    shapes_mod.generate_shapes()  # warm-up
    start = time.perf_counter()
    load_dataset(DataConfig(dataset="shapes"))
    assert time.perf_counter() - start < 1.0


# ---------------------------------------------------------------- torchvision sets, offline


@pytest.mark.parametrize(("name", "compress"), [("mnist", False), ("fashion-mnist", False),
                                                ("kmnist", True)])
def test_torchvision_sets_load_local_idx_files(tmp_path, download_calls, name, compress):
    class_name = TORCHVISION_CLASSES[name]
    arrays = _write_fake_set(tmp_path, class_name, compress=compress)
    cfg = DataConfig(dataset=name, data_dir=str(tmp_path))
    assert dataset_available(cfg)
    b = load_dataset(cfg)
    _check_bundle(b, (1, 28, 28))
    assert (b.n_train, b.n_test) == (20, 10)
    train_images = torch.from_numpy(arrays["train-images-idx3-ubyte"])
    assert torch.equal(b.train_x, train_images.float().unsqueeze(1) / 255)
    assert torch.equal((b.test_x * 255).round().to(torch.uint8).squeeze(1),
                       torch.from_numpy(arrays["t10k-images-idx3-ubyte"]))
    assert torch.equal(b.train_y, torch.from_numpy(arrays["train-labels-idx1-ubyte"]).long())
    assert torch.equal(b.test_y, torch.from_numpy(arrays["t10k-labels-idx1-ubyte"]).long())
    assert b.class_names == tuple(getattr(tv_mnist, class_name).classes)
    assert download_calls == []  # files present: the network is never tried


def test_default_data_dir_from_env(tmp_path, monkeypatch, download_calls):
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path))
    assert default_data_dir() == tmp_path
    _write_fake_set(tmp_path, "MNIST", n_train=5, n_test=3)
    b = load_dataset(DataConfig(dataset="mnist"))
    assert (b.n_train, b.n_test) == (5, 3) and download_calls == []
    monkeypatch.delenv(DATA_DIR_ENV)
    assert default_data_dir() == Path.home() / ".cache" / "vae-lab" / "data"


@pytest.mark.parametrize("name", ["mnist", "fashion-mnist", "kmnist"])
def test_missing_files_raise_dataset_unavailable(tmp_path, download_calls, name):
    cfg = DataConfig(dataset=name, data_dir=str(tmp_path))
    assert not dataset_available(cfg)
    timeout_before = socket.getdefaulttimeout()
    start = time.perf_counter()
    with pytest.raises(DatasetUnavailable) as info:
        load_dataset(cfg)
    assert time.perf_counter() - start < 10
    assert download_calls, "the download should have been tried once the files were missing"
    message = str(info.value)
    raw = tmp_path / TORCHVISION_CLASSES[name] / "raw"
    assert str(raw) in message and "\n" not in message
    assert all(f in message for f in RAW_FILES) and "offline (test)" in message
    assert isinstance(info.value, ValueError)
    assert socket.getdefaulttimeout() == timeout_before  # the short timeout was restored


def test_unreadable_files_are_reported(tmp_path, download_calls):
    _write_fake_set(tmp_path, "MNIST")
    (tmp_path / "MNIST" / "raw" / "train-images-idx3-ubyte").write_bytes(b"not an idx file")
    with pytest.raises(DatasetUnavailable, match="could not be read"):
        load_dataset(DataConfig(dataset="mnist", data_dir=str(tmp_path)))
    assert download_calls == []


# ---------------------------------------------------------------- batching and binarisation


@pytest.mark.parametrize(("n", "batch_size"), [(10, 3), (12, 4), (5, 8), (1, 1)])
def test_iterate_minibatches_covers_each_index_once(n, batch_size):
    x = torch.zeros(n, 1, 2, 2)
    batches = list(iterate_minibatches(x, batch_size, generator=torch.Generator().manual_seed(0)))
    assert [len(b) for b in batches] == [min(batch_size, n - s) for s in range(0, n, batch_size)]
    idx = torch.cat(batches)
    assert idx.dtype == torch.int64 and idx.device == x.device
    assert sorted(idx.tolist()) == list(range(n))
    ordered = list(iterate_minibatches(x, batch_size, generator=None, shuffle=False))
    assert torch.equal(torch.cat(ordered), torch.arange(n))


def test_iterate_minibatches_deterministic_per_seed():
    x = torch.zeros(100, 3)

    def order(seed):
        gen = torch.Generator().manual_seed(seed)
        return torch.cat(list(iterate_minibatches(x, 32, generator=gen)))

    assert torch.equal(order(7), order(7)) and not torch.equal(order(7), order(8))
    gen = torch.Generator().manual_seed(7)  # one generator: a fresh permutation every epoch
    first, second = (torch.cat(list(iterate_minibatches(x, 32, generator=gen))) for _ in range(2))
    assert not torch.equal(first, second)
    assert list(iterate_minibatches(torch.zeros(0, 3), 4, generator=None)) == []
    with pytest.raises(ValueError, match="batch_size"):
        next(iterate_minibatches(x, 0, generator=None))


def test_binarize():
    x = torch.full((200, 1, 10, 10), 0.3)
    x[:100] = 0.8
    out = binarize(x, torch.Generator().manual_seed(0))
    assert out.shape == x.shape and out.dtype == x.dtype
    assert set(out.unique().tolist()) == {0.0, 1.0}
    assert out[:100].mean().item() == pytest.approx(0.8, abs=0.02)
    assert out[100:].mean().item() == pytest.approx(0.3, abs=0.02)
    assert torch.equal(out, binarize(x, torch.Generator().manual_seed(0)))
    assert torch.equal(binarize(torch.tensor([0.0, 1.0])), torch.tensor([0.0, 1.0]))


# ---------------------------------------------------------------- bundle and registry


def test_bundle_to_repr_and_validation():
    b = load_dataset(DataConfig(dataset="shapes"))
    moved = b.to("cpu")
    assert moved is not b and moved.train_x.device.type == "cpu"
    assert moved.factor_names == b.factor_names and torch.equal(moved.test_x, b.test_x)
    digits = load_dataset(DataConfig(dataset="digits")).to(torch.device("cpu"))
    assert digits.train_factors is None and digits.test_factors is None
    text = repr(b)
    assert "shapes" in text and "\n" not in text and len(text) < 300
    with pytest.raises(dataclasses.FrozenInstanceError):
        b.name = "other"  # type: ignore[misc]
    with pytest.raises(ValueError, match="train_y"):
        dataclasses.replace(b, train_y=b.train_y[:-1])
    with pytest.raises(ValueError, match="train_x"):
        dataclasses.replace(b, train_x=b.train_x[:, 0])


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a GPU")
def test_bundle_and_batches_on_gpu():
    b = load_dataset(DataConfig(dataset="digits")).to("cuda")
    assert b.train_x.is_cuda and b.test_y.is_cuda
    gen = torch.Generator().manual_seed(0)
    idx = torch.cat(list(iterate_minibatches(b.train_x, 64, generator=gen)))
    assert idx.is_cuda and torch.equal(idx.sort().values.cpu(), torch.arange(b.n_train))
    gen = torch.Generator().manual_seed(0)
    assert torch.equal(idx.cpu(), torch.cat(list(iterate_minibatches(
        b.train_x.cpu(), 64, generator=gen))))
    out = binarize(b.train_x, torch.Generator(device="cuda").manual_seed(0))
    assert out.is_cuda and set(out.unique().tolist()) <= {0.0, 1.0}


def test_registry_and_descriptions():
    assert set(LOADERS) == set(DATASETS) == set(DESCRIPTIONS)
    for name in DATASETS:
        text = describe_dataset(name)
        assert text.endswith(".") and "\n" not in text
    with pytest.raises(ValueError, match="unknown dataset"):
        describe_dataset("cifar")
    assert dataset_available(DataConfig(dataset="digits"))
    assert dataset_available(DataConfig(dataset="shapes"))


# -- a denoising VAE's corrupted inputs ---------------------------------------------------------
def test_corrupt_gives_each_image_one_noise_and_nothing_when_off():
    from vae_core.data import add_noise, corrupt

    x = torch.rand(64, 1, 6, 6, generator=torch.Generator().manual_seed(1))
    assert corrupt(x, sigma=0.0, fraction=0.0) is x
    g = torch.Generator().manual_seed(0)
    only = corrupt(x, sigma=0.5, fraction=0.0, generator=g)
    assert torch.equal(only, add_noise(x, "gaussian", 0.5,
                                       generator=torch.Generator().manual_seed(0)))
    both = corrupt(x, sigma=0.5, fraction=0.3, generator=torch.Generator().manual_seed(2))
    s_and_p = ((both == 0) | (both == 1) | (both == x)).flatten(1).all(1)  # (N,)
    assert 10 < int(s_and_p.sum()) < 54                            # about half each
    assert not torch.equal(both, x)


def test_noise_is_left_out_of_the_data_config_s_json_while_off():
    """Run keys and checkpoints hash ``to_dict``: a plain run's must not change."""
    from vae_core.config import ConfigError, DataConfig

    assert list(DataConfig().to_dict()) == ["dataset", "data_dir", "binarize", "test_fraction",
                                            "seed", "upload_hash"]
    noisy = DataConfig(noise_sigma=0.5, noise_fraction=0.2)
    assert noisy.denoising and not DataConfig().denoising
    assert DataConfig.from_dict(noisy.to_dict()) == noisy
    with pytest.raises(ConfigError):
        DataConfig(noise_fraction=1.5)
