"""Downloading MNIST / Fashion-MNIST / KMNIST with progress, against a local HTTP server (no
internet here): the files land where torchvision reads them, a bad checksum or a dead mirror
leaves nothing half-written; and the Train page offline (AppTest)."""

from __future__ import annotations

import contextlib
import functools
import gzip
import hashlib
import http.server
import socket
import struct
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
import torch
import torchvision.datasets.mnist as tv_mnist
from streamlit.testing.v1 import AppTest

from tests.support import idx_arrays, keep_navigation_mode, server_like_env, wait_until
from tests.test_pages import train_page_after_a_diverged_run
from ui.train import form as train_view
from vae_core.data import (
    DATA_DIR_ENV,
    RAW_FILES,
    TORCHVISION_CLASSES,
    DatasetDownload,
    DatasetUnavailable,
    DownloadFailed,
    DownloadStopped,
    download_dataset,
    raw_folder,
)
from vae_core.data.torchvision_sets import CHUNK_BYTES, load_torchvision_bundle

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
TIMEOUT = 60


# -- a local mirror ---------------------------------------------------------------------------
def idx_bytes(array: np.ndarray) -> bytes:
    """IDX: big-endian magic (2051 images, 2049 labels), the dims, then the uint8 data."""
    magic = {3: 2051, 1: 2049}[array.ndim]
    return struct.pack(f">{1 + array.ndim}i", magic, *array.shape) + array.tobytes()


def make_mirror(folder: Path, *, n_train: int = 200, n_test: int = 20,
                seed: int = 0) -> tuple[list[tuple[str, str]], dict[str, np.ndarray]]:
    """The four ``.gz`` files a torchvision mirror serves, written to ``folder``; returns
    torchvision-style ``resources`` (name, md5) and the arrays. 200 random images make the
    first file about 157 kB: three chunks of 64 KiB."""
    arrays = idx_arrays(n_train, n_test, seed)
    folder.mkdir(parents=True, exist_ok=True)
    resources = []
    for name, array in arrays.items():
        blob = gzip.compress(idx_bytes(array), mtime=0)
        (folder / f"{name}.gz").write_bytes(blob)
        resources.append((f"{name}.gz", hashlib.md5(blob).hexdigest()))
    return resources, arrays


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder (HEAD included, with Content-Length); ``delay_s`` after each 16 kB so a
    browser test can watch the progress bar move."""

    delay_s = 0.0

    def log_message(self, *args) -> None:
        pass

    def copyfile(self, source, outputfile) -> None:
        while chunk := source.read(16 * 1024):
            outputfile.write(chunk)
            time.sleep(self.delay_s)


@contextlib.contextmanager
def serve(folder: Path, *, delay_s: float = 0.0):
    """An HTTP server on 127.0.0.1 in a thread; yields its base URL (ending in /)."""
    handler = type("Handler", (QuietHandler,), {"delay_s": delay_s})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def refused_url() -> str:
    """A URL on a port nothing listens on: the connection is refused at once."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


@pytest.fixture
def mirror(tmp_path, monkeypatch):
    """A local mirror of all three sets (same files), patched into torchvision's classes."""
    resources, arrays = make_mirror(tmp_path / "mirror")
    with serve(tmp_path / "mirror") as url:
        for cls in TORCHVISION_CLASSES.values():
            monkeypatch.setattr(getattr(tv_mnist, cls), "mirrors", [url])
            monkeypatch.setattr(getattr(tv_mnist, cls), "resources", resources)
        yield SimpleNamespace(url=url, resources=resources, arrays=arrays,
                              data_dir=tmp_path / "data",
                              sizes=[(tmp_path / "mirror" / f).stat().st_size
                                     for f, _ in resources])


def set_mirrors(monkeypatch, urls: list[str], name: str = "mnist") -> None:
    monkeypatch.setattr(getattr(tv_mnist, TORCHVISION_CLASSES[name]), "mirrors", urls)


def leftovers(raw: Path) -> list[str]:
    return sorted(p.name for p in raw.iterdir()) if raw.is_dir() else []


# -- the core ---------------------------------------------------------------------------------
@pytest.mark.parametrize("name", list(TORCHVISION_CLASSES))
def test_download_reports_progress_and_torchvision_then_loads_it(mirror, name):
    calls: list[tuple[int, int | None]] = []
    raw = download_dataset(name, mirror.data_dir, progress=lambda d, t: calls.append((d, t)))
    assert raw == raw_folder(name, mirror.data_dir)
    total = sum(mirror.sizes)
    assert calls[-1] == (total, total)
    assert all(t == total for _, t in calls)  # HEAD gave every size before the first byte
    done = [d for d, _ in calls]
    assert done == sorted(done)
    assert all(b - a <= CHUNK_BYTES for a, b in zip(done, done[1:]))
    n_chunks = sum(-(-size // CHUNK_BYTES) for size in mirror.sizes)
    assert len(calls) <= n_chunks + len(mirror.sizes)  # one per chunk, plus one per file start
    assert leftovers(raw) == sorted([*RAW_FILES, *(f"{f}.gz" for f in RAW_FILES)])

    b = load_torchvision_bundle(name, data_dir=mirror.data_dir, download=False)
    assert (b.n_train, b.n_test) == (200, 20)
    images = torch.from_numpy(mirror.arrays["train-images-idx3-ubyte"])
    assert torch.equal(b.train_x, images.float().unsqueeze(1) / 255)
    assert torch.equal(b.test_y, torch.from_numpy(mirror.arrays["t10k-labels-idx1-ubyte"]).long())


def test_files_already_there_are_not_fetched_again(mirror, monkeypatch):
    download_dataset("mnist", mirror.data_dir)
    set_mirrors(monkeypatch, [refused_url()])
    calls = []
    download_dataset("mnist", mirror.data_dir, progress=lambda d, t: calls.append(d))
    assert calls == []


def test_a_checksum_mismatch_leaves_nothing_and_says_so(mirror, monkeypatch):
    bad = [(mirror.resources[0][0], "0" * 32), *mirror.resources[1:]]
    monkeypatch.setattr(tv_mnist.MNIST, "resources", bad)
    with pytest.raises(DownloadFailed) as info:
        download_dataset("mnist", mirror.data_dir)
    raw = raw_folder("mnist", mirror.data_dir)
    message = str(info.value)
    assert "train-images-idx3-ubyte.gz failed its MD5 check" in message
    assert str(raw) in message and all(f in message for f in RAW_FILES) and "\n" not in message
    assert leftovers(raw) == []  # no partial file, no file under its real name


def test_a_refused_connection_names_the_folder_fast(mirror, monkeypatch):
    set_mirrors(monkeypatch, [refused_url(), refused_url()])
    start = time.perf_counter()
    with pytest.raises(DatasetUnavailable) as info:
        download_dataset("mnist", mirror.data_dir)
    assert time.perf_counter() - start < 2
    raw = raw_folder("mnist", mirror.data_dir)
    assert str(raw) in str(info.value) and all(f in str(info.value) for f in RAW_FILES)
    assert "refused" in info.value.reason.lower()
    assert leftovers(raw) == []


def test_the_next_mirror_is_tried(mirror, monkeypatch, tmp_path):
    (tmp_path / "empty").mkdir()
    with serve(tmp_path / "empty") as empty:  # 404 for every file
        set_mirrors(monkeypatch, [refused_url(), empty, mirror.url])
        download_dataset("mnist", mirror.data_dir)
    assert load_torchvision_bundle("mnist", data_dir=mirror.data_dir, download=False).n_test == 20


def test_stop_leaves_no_partial_file(mirror):
    stop = threading.Event()
    with pytest.raises(DownloadStopped):
        download_dataset("mnist", mirror.data_dir, stop=stop, progress=lambda d, t: stop.set())
    assert leftovers(raw_folder("mnist", mirror.data_dir)) == []


def test_the_background_download_snapshots(mirror, monkeypatch):
    job = DatasetDownload("kmnist", mirror.data_dir).start()
    job.join(10)
    snap = job.snapshot()
    assert snap.ok and snap.done == snap.total == sum(mirror.sizes) and snap.fraction == 1.0
    set_mirrors(monkeypatch, [refused_url()], "fashion-mnist")
    failed = DatasetDownload("fashion-mnist", mirror.data_dir).start()
    failed.join(10)
    snap = failed.snapshot()
    assert snap.finished and not snap.ok and isinstance(snap.error, DownloadFailed)
    assert snap.error.folder == raw_folder("fashion-mnist", mirror.data_dir)
    with pytest.raises(ValueError, match="unknown torchvision dataset"):
        DatasetDownload("cifar")


# -- the Train page (AppTest) -----------------------------------------------------------------
@pytest.fixture
def env(tmp_path, monkeypatch):
    keep_navigation_mode(monkeypatch)
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "data"))
    with server_like_env(tmp_path, monkeypatch, pretrained=False) as e:
        yield e


def texts(elements) -> str:
    return " ".join(str(e.value) for e in elements)


def labels(at: AppTest) -> list[str]:
    return [b.label for b in at.button]


def train_page_after_a_run() -> AppTest:
    """The Train page with the last run's dashboard on it (a run that diverged)."""
    at = train_page_after_a_diverged_run()
    assert "Training diverged" in texts(at.warning) and "Save to library" in labels(at)
    return at


def run_until(at: AppTest, condition, what: str) -> None:
    def check():
        at.run()
        return condition()

    wait_until(check, 10, what)


def test_train_page_offline_names_the_folder_and_drops_the_old_dashboard(env, monkeypatch):
    set_mirrors(monkeypatch, [refused_url()])
    at = train_page_after_a_run()
    at.selectbox(key="tr_dataset").set_value("mnist").run()
    assert not at.exception
    folder = str(raw_folder("mnist"))  # named inside the server's data folder, not absolute
    assert "`MNIST/raw` in the server's data folder" in texts(at.warning)
    assert folder not in texts(at.warning) and "Start downloads" not in texts(at.warning)
    assert "Training diverged" not in texts(at.warning) and "Save to library" not in labels(at)
    assert at.button(key="train_start").disabled and not at.button(key="train_download").disabled

    at.button(key="train_download").click().run()
    run_until(at, lambda: at.error, "the download's error")
    assert not at.exception
    error = texts(at.error)
    assert "download failed" in error and "`MNIST/raw`" in error and RAW_FILES[0] in error
    assert "Traceback" not in error and "\n" not in error
    assert "Save to library" not in labels(at) and at.button(key="train_start").disabled

    at.selectbox(key="tr_dataset").set_value("digits").run()  # available: the dashboard is back
    assert not at.error and "Save to library" in labels(at)


def test_download_from_the_page_enables_start(env, mirror):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    at.switch_page("pages/train.py").run()
    at.selectbox(key="tr_dataset").set_value("kmnist").run()
    assert at.button(key="train_start").disabled
    at.button(key="train_download").click().run()
    run_until(at, lambda: not at.button(key="train_start").disabled, "Start to be enabled")
    at.run()  # a clean run: AppTest may keep elements of the run the fragment's rerun cut short
    assert not at.exception and not at.warning and not at.button(key="train_start").disabled
    assert (raw_folder("kmnist") / RAW_FILES[0]).is_file()


def test_a_failed_start_shows_its_error_alone_until_the_settings_change(env, monkeypatch):
    def refuse(self, input_shape, **kw):
        raise ValueError("lr must be in (0, 10], got 0")

    monkeypatch.setattr(train_view.Settings, "configs", refuse)
    at = train_page_after_a_run()
    at.selectbox(key="tr_dataset").set_value("digits").run()
    at.button(key="train_start").click().run()
    assert not at.exception
    assert "Cannot train with these settings" in texts(at.error)
    assert "Training diverged" not in texts(at.warning) and "Save to library" not in labels(at)
    at.run()  # any rerun with the same settings: still the error alone
    assert at.error and "Save to library" not in labels(at)
    at.number_input(key="tr_epochs").set_value(2).run()
    assert not at.error and "Save to library" in labels(at)
