"""Every bad input of issue 8 in one walk: each is refused with a clear one-line message (a
``ValueError``: ``CheckpointError``, ``UnsafeName``), no traceback text, the library folder
byte-for-byte unchanged, and a malicious pickle's marker file never created.

Cases tested elsewhere (not repeated here): - pickle that runs code, via ``open`` and ``os.system``,
as file / bytes / raw pickle, against the core loaders:
``test_checkpoints.py::test_malicious_pickle_is_refused_and_never_runs`` (control:
``test_pickle_payload_is_live_when_unpickled_unsafely``); the CLI:
``test_cli.py::test_malicious_files_are_refused_without_running`` - truncated safetensors at ten cut
points: ``test_checkpoints.py::test_truncated_files_are_refused`` - wrong shapes, float64 / float16,
NaN / inf, extra / missing tensors: ``test_checkpoints.py::test_bad_tensors_are_refused``; in a .pt:
``test_bad_examples_files_are_refused`` - absurd header length, non-JSON / non-UTF-8 / deeply nested
header: ``test_checkpoints.py::test_garbage_and_absurd_headers_are_refused``; file over 256 MiB:
``test_size_limit``; config that would allocate terabytes: ``test_huge_config_allocates_nothing`` -
JSON config with unknown keys or out-of-range values: ``test_checkpoints.py::
test_bad_configs_are_refused``, ``test_config.py``; unknown metadata fields:
``test_bad_metadata_fields_are_refused`` - unsafe save / rename names:
``test_ui_library.py::test_unsafe_names_are_refused``, and on the Models page
``test_pages_models.py::test_rename_and_delete_a_library_model`` - random and mutated bytes, random
configs (Hypothesis): ``test_checkpoints.py`` (fuzzing) and ``test_fuzz_config.py`` (configs, .pt
bytes, upload names) - a crash mid-save never leaves a broken file: ``test_crash_safety.py`` - in
the browser: ``e2e/test_app_e2e.py::test_bad_upload_shows_a_clear_error`` and
``e2e/test_bad_files_e2e.py`` (zip bomb, path in the name)

Here: each of those through the app's upload path (``ui.shell.model_store.read_upload``) with the
library hashed before and after, zip bombs (deflated, overlapping, too many members, nested, legacy
pickle, oversized pickle), file names that are not UTF-8 / hold ``../`` / are absolute / empty / too
long, odd files in the library folder, and unknown option values sent through the core."""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import re
import struct
import time
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import pytest
import torch

from tests.test_checkpoints import _Evil, _rebuild, _split
from ui.classroom.store import DEFAULT_FILE
from ui.compare import sweeps as compare
from ui.shell import model_store
from vae_core import importers
from vae_core.analysis.metrics import iwae_nll
from vae_core.checkpoints import checkpoint_bytes
from vae_core.config import DataConfig, ModelConfig, TrainConfig
from vae_core.models import build_model
from vae_core.sweeps import MAX_SWEEP_EPOCHS, MAX_SWEEP_MODELS, SweepSpec

TINY = ModelConfig(input_shape=(1, 4, 4), hidden=(4,), latent_dim=2)
GIB = 2**30


# ------------------------------------------------------------------------------- helpers


def tree_hash(folder: Path) -> dict[bytes, str]:
    """Every file name (as bytes: names need not be UTF-8) -> sha256 of its content; the class
    database the app keeps in the library folder is left out (learners write to it all the
    time, as they should)."""
    out = {}
    for name in sorted(os.listdir(os.fsencode(folder))):
        if name.startswith(os.fsencode(DEFAULT_FILE)):
            continue
        path = os.path.join(os.fsencode(folder), name)
        if os.path.isfile(path):
            with open(path, "rb") as f:
                out[name] = hashlib.sha256(f.read()).hexdigest()
        else:
            out[name] = "not a file"
    return out


def refused(call, *args, match: str | None = None) -> str:
    """The one-line message of the ``ValueError`` that ``call(*args)`` must raise."""
    with pytest.raises(ValueError, match=match) as info:
        call(*args)
    message = str(info.value)
    assert message and "\n" not in message and "Traceback" not in message, message
    return message


def _local_header(name: bytes, method: int, crc: int, csize: int, usize: int) -> bytes:
    return (
        struct.pack(
            "<4s5H3L2H", b"PK\x03\x04", 20, 0, method, 0, 0x21, crc, csize, usize, len(name), 0
        )
        + name
    )


def _central(name: bytes, method: int, crc: int, csize: int, usize: int, offset: int) -> bytes:
    return (
        struct.pack(
            "<4s6H3L5H2L",
            b"PK\x01\x02",
            20,
            20,
            0,
            method,
            0,
            0x21,
            crc,
            csize,
            usize,
            len(name),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        + name
    )


def hand_zip(members: list[tuple[str, bytes, int, int, int]], *, central=None) -> bytes:
    """A zip from ``(name, payload, method, crc, uncompressed size)``; ``central`` may replace
    the central directory's entries as ``(name, method, crc, csize, usize, offset)``."""
    out, entries = bytearray(), []
    for name, payload, method, crc, usize in members:
        entries.append((name.encode(), method, crc, len(payload), usize, len(out)))
        out += _local_header(name.encode(), method, crc, len(payload), usize) + payload
    cd_start = len(out)
    for name, method, crc, csize, usize, offset in central or entries:
        out += _central(
            name if isinstance(name, bytes) else name.encode(), method, crc, csize, usize, offset
        )
    n = len(central or entries)
    out += struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, n, n, len(out) - cd_start, cd_start, 0)
    return bytes(out)


def zip_bomb(size: int = GIB) -> bytes:
    """A torch.save-shaped archive whose ``archive/data/0`` inflates to ``size`` zero bytes from
    about ``size / 1000``: one deflated MiB of zeros after a full flush is the same bytes every
    time, so the stream is built by repetition without ever holding the gigabyte."""
    block = 2**20
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = comp.compress(b"\0" * block) + comp.flush(zlib.Z_FULL_FLUSH)
    stream = chunk * (size // block) + comp.flush(zlib.Z_FINISH)
    crc, zeros = 0, b"\0" * block
    for _ in range(size // block):
        crc = zlib.crc32(zeros, crc)
    pkl = pickle.dumps({})
    return hand_zip(
        [
            ("archive/data.pkl", pkl, 0, zlib.crc32(pkl), len(pkl)),
            ("archive/data/0", stream, zipfile.ZIP_DEFLATED, crc, size),
        ]
    )


def pt_bytes(obj, **kwargs) -> bytes:
    buffer = io.BytesIO()
    torch.save(obj, buffer, **kwargs)
    return buffer.getvalue()


@pytest.fixture
def lib(tmp_path):
    """A library folder with one good model; yields it, then checks it is unchanged."""
    folder = tmp_path / "library"
    torch.manual_seed(0)
    model_store.save_model(
        build_model(TINY),
        "good",
        folder,
        data_cfg=DataConfig(),
        train_cfg=TrainConfig(),
        summary={"test_elbo": 1.0},
        owner="me",  # so that a rename reaches the name checks
    )
    before = tree_hash(folder)
    yield folder
    assert tree_hash(folder) == before


@pytest.fixture(scope="module")
def good_bytes() -> bytes:
    torch.manual_seed(0)
    return checkpoint_bytes(
        build_model(TINY), data_cfg=DataConfig(), train_cfg=TrainConfig(), name="tiny"
    )


# ------------------------------------------------------------------------------- zip bombs


def test_the_bomb_is_real():
    """Control: the archive really claims a GiB and really inflates to zeros."""
    data = zip_bomb()
    assert len(data) < 2 * 2**20
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        info = z.getinfo("archive/data/0")
        assert info.file_size == GIB
        with z.open(info) as f:
            assert f.read(8 * 2**20) == b"\0" * (8 * 2**20)


@pytest.mark.parametrize("name", ["bomb.pt", "bomb.pth"])
def test_zip_bomb_is_refused_before_torch_reads_it(name, lib, monkeypatch):
    data = zip_bomb()

    def never(*args, **kwargs):
        raise AssertionError("torch.load must not see a zip bomb")

    monkeypatch.setattr(importers.torch, "load", never)
    tracemalloc.start()
    started = time.perf_counter()
    try:
        message = refused(model_store.read_upload, name, data, match="zip bomb")
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert time.perf_counter() - started < 5
    assert peak < 16 * 2**20, f"refusing a bomb allocated {peak / 2**20:.0f} MiB"
    assert "'archive/data/0'" in message and "1,073,741,824 bytes" in message


def _overlapping(n: int = 40) -> bytes:
    """Stored members that all point at the same bytes: each claims the whole payload."""
    payload = b"\0" * 4096
    crc = zlib.crc32(payload)
    pkl = pickle.dumps({})
    head = hand_zip(
        [
            ("archive/data.pkl", pkl, 0, zlib.crc32(pkl), len(pkl)),
            ("archive/data/0", payload, 0, crc, len(payload)),
        ]
    )
    body = head[: head.index(b"PK\x01\x02")]
    offset = len(_local_header(b"archive/data.pkl", 0, 0, len(pkl), len(pkl))) + len(pkl)
    central = [("archive/data.pkl", 0, zlib.crc32(pkl), len(pkl), len(pkl), 0)] + [
        (f"archive/data/{i}", 0, crc, len(payload), len(payload), offset) for i in range(n)
    ]
    tail = hand_zip([], central=central)
    # the central directory follows the members: fix its offset in the end record
    return (
        body
        + tail[:-22]
        + struct.pack(
            "<4s4H2LH",
            b"PK\x05\x06",
            0,
            0,
            len(central),
            len(central),
            len(tail) - 22,
            len(body),
            0,
        )
    )


@pytest.mark.parametrize(
    "case, data, match",
    [
        ("overlapping members", _overlapping(), "claim .* bytes, more than the file"),
        (
            "too many members",
            hand_zip([(f"archive/{i}", b"", 0, 0, 0) for i in range(500)]),
            "more than 64 members",
        ),
        (
            "nested zip",
            hand_zip([("model.pt", b"PK\x03\x04", 0, zlib.crc32(b"PK\x03\x04"), 4)]),
            "not all under one top folder",
        ),
        ("no pickle", hand_zip([("archive/data/0", b"", 0, 0, 0)]), "no archive/data.pkl"),
        (
            "path in a member",
            hand_zip([("archive/data.pkl", b"", 0, 0, 0), ("archive/../../etc/x", b"", 0, 0, 0)]),
            "one top folder",
        ),
    ],
)
def test_odd_archives_are_refused(case, data, match, lib):
    refused(model_store.read_upload, "odd.pt", data, match=match)


def test_legacy_and_oversized_pickles_are_refused(lib):
    legacy = pt_bytes({"fc1.bias": torch.zeros(400)}, _use_new_zipfile_serialization=False)
    refused(model_store.read_upload, "legacy.pt", legacy, match="expected the zip format")
    big = pt_bytes({"x" * (2 * 2**20): torch.zeros(1)})
    refused(model_store.read_upload, "big.pt", big, match="pickle is .* bytes")


# --------------------------------------------------------- the list, through uploads


def _info_edit(good: bytes, section: str, key: str, value) -> bytes:
    info = _split(good)[1]
    info[section][key] = value
    return _rebuild(good, info=info)


def _tensor_edit(good: bytes, key: str, value) -> bytes:
    tensors = dict(_split(good)[2])
    tensors[key] = value
    return _rebuild(good, tensors=tensors)


BAD_FILES = {  # name -> (make bytes from a good checkpoint, words of the message)
    "truncated": (lambda g: g[: len(g) // 2], "truncated"),
    "wrong shape": (lambda g: _tensor_edit(g, "fc_mu.weight", torch.zeros(3, 4)), "shape"),
    "wrong dtype": (lambda g: _tensor_edit(g, "fc_mu.bias", torch.zeros(2).double()), "F64"),
    "absurd header": (lambda g: (2**62).to_bytes(8, "little") + g[8:], "absurd"),
    "oversized header": (lambda g: (2**20 + 1).to_bytes(8, "little") + g[8:], "absurd"),
    "unknown config key": (lambda g: _info_edit(g, "model_cfg", "url", "x"), "unknown"),
    "out of range": (lambda g: _info_edit(g, "train_cfg", "beta", -1.0), "beta"),
    "nan config": (lambda g: _info_edit(g, "model_cfg", "sigma", float("nan")), "sigma"),
    "pickle as safetensors": (lambda g: pickle.dumps([1]), "checkpoint"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_files_are_refused_on_upload(case, good_bytes, lib):
    make, words = BAD_FILES[case]
    refused(model_store.read_upload, "model.safetensors", make(good_bytes), match=words)


@pytest.mark.parametrize("suffix", [".pt", ".safetensors"])
def test_malicious_pickle_upload_never_runs(suffix, tmp_path, lib):
    marker = tmp_path / "pwned-marker"
    for via in ("open", "system"):
        data = pt_bytes({"fc1.weight": _Evil(marker, via)})
        refused(model_store.read_upload, f"evil{suffix}", data)
        refused(model_store.read_upload, f"evil{suffix}", pickle.dumps(_Evil(marker, via)))
    assert not marker.exists()


# ------------------------------------------------------------------------------ file names

BAD_NAMES = [
    "../x.safetensors",
    "/etc/passwd.safetensors",
    "C:\\x.safetensors",
    "a/b.pt",
    "",
    "   ",
    ".safetensors",
    "..pt",
    "x" * 300 + ".pt",
    "bad\x00name.pt",
    "line\nb.pt",
    "\udcff\udcfe.safetensors",
    "rtl\u202egnp.pt",
    "~root.pt",
    None,
]


@pytest.mark.parametrize("name", BAD_NAMES, ids=repr)
def test_bad_upload_names_are_refused(name, good_bytes, lib):
    message = refused(model_store.read_upload, name, good_bytes)
    message.encode("utf-8")  # printable in the page: no lone surrogates


def test_plain_upload_names_still_work(good_bytes):
    for name in ("我的 模型.safetensors", "model (1).safetensors", "x.y.safetensors"):
        assert model_store.read_upload(name, good_bytes).name == "tiny"


@pytest.mark.parametrize("name", BAD_NAMES[:-1], ids=repr)
def test_bad_save_and_rename_names_leave_the_library_unchanged(name, lib):
    torch.manual_seed(1)
    try:
        path = model_store.safe_model_path(name, lib)
    except model_store.UnsafeName:
        pass
    else:  # sanitised instead of refused: then it is a plain file directly inside the folder
        assert path.parent == lib.resolve() and len(path.stem) <= model_store.MAX_NAME
        return
    refused(
        lambda: model_store.save_model(
            build_model(TINY), name, lib, data_cfg=None, train_cfg=None, summary=None
        )
    )
    refused(lambda: model_store.rename_model(lib / "good.safetensors", name, lib, by="me"))


def test_long_names_are_sanitised(tmp_path):
    path = model_store.save_model(
        build_model(TINY), "β " * 400, tmp_path, data_cfg=None, train_cfg=None, summary=None
    )
    assert path.parent == tmp_path.resolve() and len(path.stem) <= model_store.MAX_NAME
    assert len(model_store.list_models(tmp_path, "library")[0][0].name) <= 100


def test_odd_files_in_the_library_are_skipped_with_a_message(lib):
    folder = os.fsencode(lib)
    odd = [b"\xff\xfe-latin1-\xe9.safetensors", b"bell\x07.safetensors"]
    for name in odd:
        with open(os.path.join(folder, name), "wb") as f:
            f.write(b"whatever")
    os.mkfifo(os.path.join(folder, b"pipe.safetensors"))  # open() would block forever
    os.mkdir(os.path.join(folder, b"dir.safetensors"))
    started = time.perf_counter()
    entries, problems = model_store.list_models(lib, "library")
    assert time.perf_counter() - started < 5
    assert [e.name for e in entries] == ["good"]
    assert len(problems) == 4
    for line in problems:
        line.encode("utf-8")
        assert "\n" not in line and line.isprintable(), line
    shown = [re.sub(r"\\(.)", r"\1", p) for p in problems]  # as Markdown renders them
    assert any("\\xff\\xfe-latin1-\\xe9" in p and "not valid UTF-8" in p for p in shown)
    assert any("bell\\x07" in p for p in shown)
    assert sum("not a regular file" in p for p in problems) == 2
    for name in odd + [b"pipe.safetensors"]:  # the fixture's check ignores them: remove
        os.unlink(os.path.join(folder, name))
    os.rmdir(os.path.join(folder, b"dir.safetensors"))


# ------------------------------------------------------------ unknown options through the core


@pytest.mark.parametrize(
    "make, words",
    [
        (lambda: TrainConfig(schedule="bogus"), "schedule"),
        (lambda: TrainConfig(reduction="median"), "reduction"),
        (lambda: TrainConfig(epochs=10**9), "epochs"),
        (lambda: ModelConfig(arch="transformer"), "arch"),
        (lambda: ModelConfig(recon="poisson"), "recon"),
        (lambda: DataConfig(dataset="imagenet"), "imagenet"),
        (lambda: SweepSpec("bogus", (1.0,), TINY), "unknown sweep kind"),
        (lambda: SweepSpec("beta", tuple(range(MAX_SWEEP_MODELS + 1)), TINY), "1 to 12 models"),
        (lambda: compare.train_cfg(MAX_SWEEP_EPOCHS + 1), "1 to 200 epochs"),
        (
            lambda: SweepSpec(
                "beta", (1.0,), TINY, train_cfg=TrainConfig(epochs=MAX_SWEEP_EPOCHS + 1)
            ),
            "at most 200 epochs",
        ),
        (lambda: SweepSpec("schedule", ("sideways",), TINY), "unknown beta schedule"),
        (lambda: SweepSpec("pitfall", ("typo",), TINY), "unknown pitfall"),
        (lambda: iwae_nll(build_model(TINY), torch.rand(2, 1, 4, 4), k=5001), "iwae k"),
        (lambda: iwae_nll(build_model(TINY), torch.rand(2, 1, 4, 4), k=0), "iwae k"),
    ],
)
def test_unknown_options_through_the_core(make, words):
    refused(make, match=words)
