"""MNIST, Fashion-MNIST and KMNIST through ``torchvision.datasets``, preloaded as tensors.

torchvision reads the four raw IDX files from ``<root>/<ClassName>/raw/``::

    <root>/MNIST/raw/train-images-idx3-ubyte   (60,000 × 28 × 28)
    <root>/MNIST/raw/train-labels-idx1-ubyte
    <root>/MNIST/raw/t10k-images-idx3-ubyte    (10,000 × 28 × 28)
    <root>/MNIST/raw/t10k-labels-idx1-ubyte

(``FashionMNIST/raw`` and ``KMNIST/raw`` likewise). ``<root>`` is ``DataConfig.data_dir``, else
``$VAE_LAB_DATA_DIR``, else ``~/.cache/vae-lab/data``. Files placed there as ``.gz`` are
decompressed next to themselves. When the files are missing, one download is tried with a short
socket timeout; if it fails (offline), ``DatasetUnavailable`` says where to put the files.

``download_dataset`` fetches the missing files itself (stdlib ``urllib``, torchvision's mirrors
and MD5s) with byte progress and a stop event, each file under a temporary name until its MD5
matches; ``DatasetDownload`` runs it in a background thread for a UI to poll.

The whole split is read once through the dataset's ``.data`` / ``.targets`` tensors (uint8) and
scaled /255: never the per-sample ``__getitem__`` / PIL path.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import shutil
import socket
import threading
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import torch

from vae_core.data.base import DATA_DIR_ENV, DataBundle, DatasetUnavailable, resolve_data_dir
from vae_core.threads import name_os_thread

TORCHVISION_CLASSES = {"mnist": "MNIST", "fashion-mnist": "FashionMNIST", "kmnist": "KMNIST"}
RAW_FILES = ("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
             "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")
DOWNLOAD_TIMEOUT_S = 10.0  # socket timeout while downloading; offline fails fast, never hangs
MAX_PIXEL = 255.0
CHUNK_BYTES = 64 * 1024  # read size, so at most one progress callback per 64 KiB
USER_AGENT = "vae-lab"   # some mirrors refuse urllib's default agent
Progress = Callable[[int, "int | None"], None]  # (done_bytes, total_bytes or None)


class DownloadFailed(DatasetUnavailable):
    """No mirror delivered a file. ``folder``, ``files`` and ``reason`` let a UI word it."""

    def __init__(self, name: str, folder: Path, reason: str) -> None:
        super().__init__("download_failed", **_where(name, folder), reason=reason)
        self.folder, self.files, self.reason = folder, RAW_FILES, reason


class DownloadStopped(Exception):
    """The stop event was set; files already complete are kept, the partial one is removed."""


def raw_folder(name: str, data_dir: str | os.PathLike[str] | None = None) -> Path:
    """Where torchvision expects dataset ``name``'s raw IDX files."""
    return resolve_data_dir(data_dir) / _class_name(name) / "raw"


def files_present(name: str, data_dir: str | os.PathLike[str] | None = None) -> bool:
    """True when all four raw files (or their ``.gz``) are in ``raw_folder(name, data_dir)``."""
    raw = raw_folder(name, data_dir)
    return all((raw / f).is_file() or (raw / f"{f}.gz").is_file() for f in RAW_FILES)


def load_torchvision_bundle(name: str, *, data_dir: str | os.PathLike[str] | None = None,
                            download: bool = True,
                            timeout_s: float = DOWNLOAD_TIMEOUT_S) -> DataBundle:
    """Load ``name`` (mnist, fashion-mnist, kmnist) with its fixed 60k/10k split.

    Reads local files first (``download=False``); only when they are missing, and ``download``
    is true, tries torchvision's download. Raises ``DatasetUnavailable`` (a ``ValueError``) with
    the folder and file names when the data cannot be had.
    """
    from torchvision import datasets  # imported here: torchvision's import takes seconds

    cls = getattr(datasets, _class_name(name))
    root = resolve_data_dir(data_dir)
    raw = root / cls.__name__ / "raw"  # torchvision's MNIST.raw_folder
    _gunzip_missing(raw)
    train = _read_split(cls, root, name, train=True)
    if train is None:
        if not download:
            raise DatasetUnavailable("not_downloaded", **_where(name, raw))
        train = _download(cls, root, name, timeout_s=timeout_s)
    test = _read_split(cls, root, name, train=False)
    if test is None:
        raise DatasetUnavailable("not_downloaded", **_where(name, raw))
    return DataBundle(
        name=name,
        train_x=_to_images(train.data), train_y=train.targets.to(torch.int64),
        test_x=_to_images(test.data), test_y=test.targets.to(torch.int64),
        class_names=tuple(str(c) for c in cls.classes),
    )


def _class_name(name: str) -> str:
    try:
        return TORCHVISION_CLASSES[name]
    except KeyError:
        choices = ", ".join(TORCHVISION_CLASSES)
        raise ValueError(f"unknown torchvision dataset {name!r}; choose one of {choices}") from None


def _to_images(data: torch.Tensor) -> torch.Tensor:
    # (N, 28, 28) uint8 -> (N, 1, 28, 28) float32 in [0, 1]
    return data.to(torch.float32).div_(MAX_PIXEL).unsqueeze(1).contiguous()


def _where(name: str, raw: Path) -> dict[str, str]:
    """The params of a missing dataset: what is missing and exactly where to put which files."""
    return {"name": name, "folder": str(raw), "files": ", ".join(f"{f}[.gz]" for f in RAW_FILES),
            "env": DATA_DIR_ENV, "subfolder": raw.parent.name}


def _one_line(err: BaseException, limit: int = 160) -> str:
    """The error on one short line; for torchvision's multi-mirror report, the first cause."""
    text = " ".join(str(err).split()) or type(err).__name__
    cause = re.search(r"got: (.+?)(?: Tried |$)", text)  # "Tried <mirror>, got: <error> Tried …"
    if cause:
        text = cause.group(1)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _gunzip_missing(raw: Path) -> None:
    """Decompress ``X.gz`` to ``X`` for each raw file present only compressed (atomic rename)."""
    for f in RAW_FILES:
        target, packed = raw / f, raw / f"{f}.gz"
        if target.is_file() or not packed.is_file():
            continue
        partial = raw / f"{f}.partial"
        try:
            with gzip.open(packed, "rb") as src, open(partial, "wb") as dst:
                shutil.copyfileobj(src, dst)
            os.replace(partial, target)
        except (OSError, EOFError) as err:
            partial.unlink(missing_ok=True)
            raise DatasetUnavailable("gunzip_failed", file=str(packed),
                                     reason=_one_line(err)) from err


def _read_split(cls: Any, root: Path, name: str, *, train: bool) -> Any | None:
    """The torchvision dataset for one split read from local files, None if they are missing."""
    try:
        ds = cls(str(root), train=train, download=False)
    except Exception as err:  # missing: RuntimeError; corrupt: AssertionError, RuntimeError, …
        raw = root / cls.__name__ / "raw"
        if not all((raw / f).is_file() for f in RAW_FILES):
            return None
        raise DatasetUnavailable("files_unreadable", name=name, folder=str(raw),
                                 reason=_one_line(err), files=", ".join(RAW_FILES)) from err
    if ds.data.ndim != 3 or ds.data.shape[0] != ds.targets.shape[0]:
        raise DatasetUnavailable("files_mismatch", name=name, folder=str(root / cls.__name__),
                                 images=tuple(ds.data.shape), labels=tuple(ds.targets.shape))
    return ds


def _download(cls: Any, root: Path, name: str, *, timeout_s: float) -> Any:
    """Try torchvision's download once with a short socket timeout; the training split on success.

    The default socket timeout is process-wide, so it is restored right after the attempt.
    """
    previous = socket.getdefaulttimeout()
    socket.setdefaulttimeout(timeout_s)
    try:
        ds = cls(str(root), train=True, download=True)
    except Exception as err:  # URLError / TimeoutError (OSError), torchvision's RuntimeError, …
        raise DownloadFailed(name, root / cls.__name__ / "raw", _one_line(err)) from err
    finally:
        socket.setdefaulttimeout(previous)
    return ds


# -- downloading with progress ----------------------------------------------------------------
def download_dataset(name: str, data_dir: str | os.PathLike[str] | None = None, *,
                     progress: Progress | None = None, stop: threading.Event | None = None,
                     timeout_s: float = DOWNLOAD_TIMEOUT_S) -> Path:
    """Download the files of ``name`` missing from ``raw_folder(name, data_dir)``; its path.

    Each file comes from torchvision's mirrors in order, is written under a temporary name and
    renamed only once its MD5 (torchvision's) matches, so a failed or stopped download leaves no
    half-written file; then the ``.gz`` files are decompressed as torchvision does.
    ``progress(done, total)`` runs at most once per ``CHUNK_BYTES``; ``total`` sums the
    Content-Length of the missing files (None while one is unknown). Raises ``DownloadFailed``
    (a ``DatasetUnavailable``) naming the folder and files, or ``DownloadStopped``.
    """
    from torchvision import datasets  # imported here: torchvision's import takes seconds

    cls = getattr(datasets, _class_name(name))
    raw = raw_folder(name, data_dir)
    todo = [(f, md5) for f, md5 in cls.resources
            if not (raw / f).is_file() and not (raw / f.removesuffix(".gz")).is_file()]
    if todo:
        try:
            raw.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise DownloadFailed(name, raw, _one_line(err)) from err
        sources = _probe(name, raw, [f for f, _ in todo], list(cls.mirrors), timeout_s)
        meter = _Meter([size for _, size in sources], progress)
        for i, ((filename, md5), (urls, _)) in enumerate(zip(todo, sources)):
            _fetch_one(name, raw / filename, md5, urls, meter.file(i), stop, timeout_s)
    _gunzip_missing(raw)
    return raw


class _Meter:
    """Bytes done over all files; the total is known once every file's size is."""

    def __init__(self, sizes: list[int | None], callback: Progress | None) -> None:
        self.sizes, self.callback, self.done = sizes, callback, 0

    def total(self) -> int | None:
        return None if None in self.sizes else sum(self.sizes)  # type: ignore[arg-type]

    def file(self, index: int) -> Callable[[int | None, int], None]:
        """A reporter for file ``index``: ``(size or None, bytes of this file so far)``."""
        start = self.done

        def report(size: int | None, so_far: int) -> None:
            if size is not None:
                self.sizes[index] = size
            self.done = start + so_far  # a failed mirror's bytes go back out (so_far = 0)
            if self.callback is not None:
                self.callback(self.done, self.total())

        return report


def _request(url: str, method: str = "GET") -> urllib.request.Request:
    return urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})


def _length(headers: Any) -> int | None:
    value = headers.get("Content-Length")
    return int(value) if value and value.isdigit() else None


def _probe(name: str, raw: Path, files: list[str], mirrors: list[str],
           timeout_s: float) -> list[tuple[list[str], int | None]]:
    """Per file: the URLs worth a GET (first the one that answered HEAD) and its size.

    Done before any byte is written so that offline fails fast with nothing on disk, and the
    progress bar has its total from the start. A mirror that cannot be reached is not asked
    again; one that refuses HEAD (405, 501…) is still tried with GET, size unknown.
    """
    dead: set[str] = set()
    sources = []
    for filename in files:
        urls, size, errors = [], None, []
        for mirror in mirrors:
            if mirror in dead:
                continue
            url = f"{mirror}{filename}"
            try:
                with urllib.request.urlopen(_request(url, "HEAD"), timeout=timeout_s) as resp:
                    size = _length(resp.headers)
                    urls.insert(0, url)
                    break
            except urllib.error.HTTPError as err:
                err.close()
                errors.append(f"{url}: HTTP {err.code}")
                if err.code not in (404, 410):
                    urls.append(url)
            except OSError as err:  # URLError, timeout, refused: the mirror is unreachable
                errors.append(f"{url}: {_one_line(err)}")
                dead.add(mirror)
        if not urls:
            raise DownloadFailed(name, raw, errors[0] if errors else "no mirror")
        sources.append((urls, size))
    return sources


def _fetch_one(name: str, target: Path, md5: str, urls: list[str],
               report: Callable[[int | None, int], None], stop: threading.Event | None,
               timeout_s: float) -> None:
    """``target`` from the first of ``urls`` that delivers bytes with the right MD5."""
    errors = []
    for url in urls:
        try:
            _fetch(url, target, md5, report, stop, timeout_s)
            return
        except (OSError, ValueError) as err:  # URLError, timeout, a wrong MD5 (ValueError)
            errors.append(f"{url}: {_one_line(err)}")
            report(None, 0)
    raise DownloadFailed(name, target.parent, errors[0])


def _fetch(url: str, target: Path, md5: str, report: Callable[[int | None, int], None],
           stop: threading.Event | None, timeout_s: float) -> None:
    # a name of this thread's own: two sessions fetching the same file never share a part file
    part = target.with_name(f".{target.name}.{os.getpid()}-{threading.get_ident()}.part")
    digest = hashlib.md5(usedforsecurity=False)  # torchvision's checksums are MD5
    so_far = 0
    try:
        with urllib.request.urlopen(_request(url), timeout=timeout_s) as resp, \
                open(part, "wb") as out:
            size = _length(resp.headers)
            report(size, 0)
            while chunk := resp.read(CHUNK_BYTES):
                if stop is not None and stop.is_set():
                    raise DownloadStopped(f"stopped while downloading {target.name}")
                out.write(chunk)
                digest.update(chunk)
                so_far += len(chunk)
                report(size, so_far)
        if digest.hexdigest() != md5:
            raise ValueError(f"{target.name} failed its MD5 check ({so_far:,} bytes received)")
        os.replace(part, target)  # atomic: the name appears only with the whole, checked file
    finally:
        part.unlink(missing_ok=True)


@dataclass(frozen=True)
class DownloadSnapshot:
    name: str
    done: int                       # bytes so far
    total: int | None               # bytes of all missing files; None while unknown
    finished: bool                  # ended: done, failed or stopped
    error: DatasetUnavailable | None = None
    stopped: bool = False

    @property
    def fraction(self) -> float:
        return min(1.0, self.done / self.total) if self.total else 0.0

    @property
    def ok(self) -> bool:
        return self.finished and self.error is None and not self.stopped


class DatasetDownload:
    """``download_dataset`` in a daemon thread, observed through ``snapshot()`` (thread-safe).

    The thread never touches a UI; ``stop()`` ends it at the next chunk, leaving no partial
    file.
    """

    def __init__(self, name: str, data_dir: str | os.PathLike[str] | None = None, *,
                 timeout_s: float = DOWNLOAD_TIMEOUT_S) -> None:
        _class_name(name)  # an unknown name fails here, not in the thread
        self.name, self.data_dir, self.timeout_s = name, data_dir, timeout_s
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._snap = DownloadSnapshot(name=name, done=0, total=None, finished=False)
        self._thread = threading.Thread(target=self._run, name=f"vae-download-{name}",
                                        daemon=True)

    def start(self) -> DatasetDownload:
        self._thread.start()
        return self

    def stop(self, timeout: float | None = 2.0) -> None:
        self._stop.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout)

    def join(self, timeout: float | None = None) -> None:
        self._thread.join(timeout)

    def is_alive(self) -> bool:
        return self._thread.is_alive()

    def snapshot(self) -> DownloadSnapshot:
        with self._lock:
            return self._snap

    def _update(self, **changes: Any) -> None:
        with self._lock:
            self._snap = replace(self._snap, **changes)

    def _run(self) -> None:
        name_os_thread(self._thread.name)
        try:
            download_dataset(self.name, self.data_dir, stop=self._stop, timeout_s=self.timeout_s,
                             progress=lambda done, total: self._update(done=done, total=total))
        except DownloadStopped:
            self._update(finished=True, stopped=True)
        except DatasetUnavailable as err:
            self._update(finished=True, error=err)
        except Exception as err:  # the thread must report, never die silently
            self._update(finished=True, error=DownloadFailed(
                self.name, raw_folder(self.name, self.data_dir), _one_line(err)))
        else:
            self._update(finished=True)
