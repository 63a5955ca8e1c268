"""Uploads: a zip of PNG/JPEG or an .npz becomes a DataBundle, or is refused with a code.

Every file is built in memory (zipfile, Pillow, numpy.savez); nothing touches the disk.
"""

from __future__ import annotations

import functools
import io
import os
import pickle
import re
import struct
import zipfile
import zlib

import numpy as np
import pytest
import torch
from hypothesis import HealthCheck, settings
from PIL import Image

from vae_core.data import UploadedDataset, UploadRejected, load_upload, upload_zip, uploads

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# ---------------------------------------------------------------- building uploads in memory

def encode(pixels: np.ndarray, fmt: str) -> bytes:
    out = io.BytesIO()
    Image.fromarray(pixels).save(out, format=fmt)
    return out.getvalue()


@functools.cache
def png(seed: int, size: tuple[int, int] = (8, 8), channels: tuple[int, ...] = ()) -> bytes:
    """A PNG of random pixels, ``size`` = (width, height): different seeds, different images."""
    rng = np.random.default_rng(seed)
    return encode(rng.integers(0, 256, (size[1], size[0], *channels), dtype=np.uint8), "PNG")


def jpeg(seed: int) -> bytes:
    return encode(np.random.default_rng(seed).integers(0, 256, (40, 40, 3), np.uint8), "JPEG")


def make_zip(members, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=method) as zf:
        for name, data in members:
            zf.writestr(name, data)
    return out.getvalue()


def flat(n: int = 100, folder: str = "") -> list[tuple[str, bytes]]:
    return [(f"{folder}img{i:05d}.png", png(i)) for i in range(n)]


def labelled(per_label: int = 40, labels=("cat", "dog", "fox"), size=(8, 8)):
    return [(f"{label}/{i:03d}.png", png(k * 1000 + i, size))
            for k, label in enumerate(labels) for i in range(per_label)]


def make_npz(**arrays) -> bytes:
    out = io.BytesIO()
    np.savez(out, **arrays)
    return out.getvalue()


def npy(array: np.ndarray) -> bytes:
    out = io.BytesIO()
    np.save(out, array)
    return out.getvalue()


def npz_holding(payload: bytes) -> bytes:
    """An .npz container whose x.npy holds ``payload`` as is (with a valid CRC)."""
    return make_zip([("x.npy", payload)], method=zipfile.ZIP_STORED)


def patch_central(data: bytes, name: str, offset: int, fmt: str, value: int) -> bytes:
    """Overwrite one field of ``name``'s central-directory entry (APPNOTE 4.3.12 offsets:
    8 flags, 10 method, 20 compressed size, 24 uncompressed size)."""
    wanted, pos = name.encode(), data.find(b"PK\x01\x02")
    while pos != -1:
        n = struct.unpack_from("<H", data, pos + 28)[0]
        if data[pos + 46:pos + 46 + n] == wanted:
            buf = bytearray(data)
            struct.pack_into(fmt, buf, pos + offset, value)
            return bytes(buf)
        pos = data.find(b"PK\x01\x02", pos + 4)
    raise AssertionError(f"{name} not in the central directory")


def png_claiming(width: int, height: int) -> bytes:
    """A 1×1 PNG whose IHDR claims another size (chunk CRC fixed, so only the size lies)."""
    buf = bytearray(png(0, (1, 1)))
    struct.pack_into(">II", buf, 16, width, height)
    struct.pack_into(">I", buf, 29, zlib.crc32(bytes(buf[12:29])))
    return bytes(buf)


def rejected(data: bytes, filename: str, **kwargs) -> UploadRejected:
    with pytest.raises(UploadRejected) as info:
        load_upload(data, filename, **kwargs)
    return info.value


class CountingZlib:
    """Stands in for zipfile's ``zlib`` to count the bytes actually decompressed."""

    def __init__(self) -> None:
        self.produced = 0

    def __getattr__(self, name):
        return getattr(zlib, name)

    def decompressobj(self, *args):
        return _Counted(zlib.decompressobj(*args), self)


class _Counted:
    def __init__(self, inner, counter: CountingZlib) -> None:
        self.inner, self.counter = inner, counter

    def __getattr__(self, name):  # eof, unconsumed_tail, ...
        return getattr(self.inner, name)

    def decompress(self, data, max_length=0):
        return self._count(self.inner.decompress(data, max_length))

    def flush(self, *args):
        return self._count(self.inner.flush(*args))

    def _count(self, out: bytes) -> bytes:
        self.counter.produced += len(out)
        return out


# ---------------------------------------------------------------- accepted uploads

def test_labelled_zip_end_to_end():
    members = labelled(size=(30, 20))
    data = make_zip(members)
    up = load_upload(data, "pets.zip")
    b = up.bundle
    assert isinstance(up, UploadedDataset)
    assert up.name == b.name == "upload:pets"
    assert b.class_names == ("cat", "dog", "fox") and up.labelled
    assert (up.n_images, up.source_size, up.source_format) == (120, len(data), "zip")
    assert re.fullmatch(r"[0-9a-f]{16}", up.content_hash)
    assert tuple(b.train_x.shape) == (96, 1, 28, 28) and tuple(b.test_x.shape) == (24, 1, 28, 28)
    for x in (b.train_x, b.test_x):
        assert x.dtype == torch.float32 and x.is_contiguous()
        assert float(x.min()) >= 0.0 and float(x.max()) <= 1.0
    assert b.train_y.dtype == torch.int64 and b.test_y.dtype == torch.int64
    assert torch.bincount(b.test_y).tolist() == [8, 8, 8]  # stratified: 20 % of each label
    assert torch.bincount(b.train_y).tolist() == [32, 32, 32]


def test_hash_and_split_follow_content_not_order_or_seed():
    members = labelled()
    first = load_upload(make_zip(members), "a.zip")
    again = load_upload(make_zip(members[::-1]), "b.zip")  # same files, zipped in another order
    assert again.content_hash == first.content_hash
    assert torch.equal(again.bundle.train_x, first.bundle.train_x)
    assert torch.equal(again.bundle.test_y, first.bundle.test_y)
    other_seed = load_upload(make_zip(members), "a.zip", seed=1)
    assert other_seed.content_hash == first.content_hash
    assert not torch.equal(other_seed.bundle.test_x, first.bundle.test_x)
    changed = [(members[0][0], png(999_999)), *members[1:]]
    assert load_upload(make_zip(changed), "a.zip").content_hash != first.content_hash
    renamed = [(n.replace("fox/", "wolf/"), d) for n, d in members]
    assert load_upload(make_zip(renamed), "a.zip").content_hash != first.content_hash


def test_upload_leaves_global_rng_and_disk_alone(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    state = torch.random.get_rng_state()
    load_upload(make_zip(labelled()), "pets.zip")
    rejected(make_zip(flat(99)), "few.zip")
    assert torch.equal(torch.random.get_rng_state(), state)
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("folder", ["", "digits/"], ids=["top-level", "one-folder"])
def test_unlabelled_zip(folder):
    junk = [("__MACOSX/._img00000.png", b"\x00\x05\x16\x07junk"), (".DS_Store", b"\x00\x00"),
            (f"{folder}Thumbs.db", b"junk"), ("__MACOSX/", b"")]
    up = load_upload(make_zip(flat(100, folder=folder) + junk), "my digits.zip")
    assert up.bundle.class_names == ("all",) and not up.labelled
    assert up.n_ignored == 3 and up.n_images == 100
    assert set(up.bundle.train_y.tolist()) == {0}
    assert (up.bundle.n_train, up.bundle.n_test) == (80, 20)
    assert up.name == "upload:my digits"


def test_common_top_folder_is_stripped_and_backslashes_are_separators():
    members = [(f"data\\{n.replace('/', chr(92))}", d) for n, d in labelled()]
    up = load_upload(make_zip(members), "data.ZIP")
    assert up.bundle.class_names == ("cat", "dog", "fox")


def test_jpeg_and_colour_images_become_grey_28x28():
    members = [(f"{i}.jpg", jpeg(i)) for i in range(60)]
    members += [(f"{i}.png", png(i, (12, 12), (4,))) for i in range(60)]
    up = load_upload(make_zip(members), "photos.zip")
    assert up.bundle.input_shape == (1, 28, 28) and up.n_images == 120


def test_pixel_values_survive_a_zip_at_28x28():
    pixels = np.random.default_rng(0).integers(0, 256, (100, 28, 28), dtype=np.uint8)
    members = [(f"{i:03d}.png", encode(p, "PNG")) for i, p in enumerate(pixels)]
    b = load_upload(make_zip(members), "exact.zip").bundle
    got = np.rint(torch.cat([b.train_x, b.test_x])[:, 0].numpy() * 255).astype(np.uint8)
    assert sorted(g.tobytes() for g in got) == sorted(p.tobytes() for p in pixels)


def test_npz_uint8_with_labels():
    rng = np.random.default_rng(0)
    x = rng.integers(0, 256, (100, 28, 28), dtype=np.uint8)
    y = np.repeat(np.array([7, 3]), 50)
    up = load_upload(make_npz(x=x, y=y, extra=np.zeros(3)), "mine.npz")
    b = up.bundle
    assert b.class_names == ("3", "7") and up.labelled and up.source_format == "npz"
    assert torch.bincount(b.test_y).tolist() == [10, 10]
    for split_x, split_y in ((b.train_x, b.train_y), (b.test_x, b.test_y)):
        assert split_x.dtype == torch.float32 and split_y.dtype == torch.int64
    # 28×28 uint8 is taken as is: every image is one of x / 255, its label kept
    lookup = {img.tobytes(): label for img, label in zip(x, y, strict=True)}
    for img, label in zip(b.train_x[:, 0].numpy(), b.train_y.tolist(), strict=True):
        source = np.rint(img * 255).astype(np.uint8).tobytes()
        assert b.class_names[label] == str(lookup[source])


@pytest.mark.parametrize("shape", [(120, 20, 20), (120, 20, 20, 1)])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_npz_float_unlabelled(shape, dtype):
    x = np.random.default_rng(1).random(shape).astype(dtype)
    up = load_upload(make_npz(x=x), "floats.npz")
    b = up.bundle
    assert b.input_shape == (1, 28, 28) and b.class_names == ("all",) and not up.labelled
    assert b.train_x.dtype == torch.float32
    assert float(b.train_x.min()) >= 0.0 and float(b.train_x.max()) <= 1.0


def test_keep_size_zip_and_npz():
    up = load_upload(make_zip(labelled(size=(16, 12))), "small.zip", keep_size=True)
    assert up.bundle.input_shape == (1, 12, 16)
    x = np.random.default_rng(2).random((100, 64, 64)).astype(np.float32)
    up = load_upload(make_npz(x=x), "big.npz", keep_size=True)
    assert up.bundle.input_shape == (1, 64, 64)
    both = torch.cat([up.bundle.train_x, up.bundle.test_x])[:, 0]
    assert {round(float(v), 6) for v in both[:, 0, 0]} == {round(float(v), 6) for v in x[:, 0, 0]}
    other = load_upload(make_npz(x=x), "big.npz")
    assert other.content_hash != up.content_hash  # processing changes what the model sees


# ---------------------------------------------------------------- refusals, one code each

def _with(bad_name: str, bad: bytes, n: int = 100) -> bytes:
    return make_zip([(bad_name, bad), *flat(n)])


X100 = np.zeros((100, 8, 8), np.uint8)
REFUSALS = {
    "unknown_extension": lambda: (b"x" * 10, "images.tar", {}),
    "unknown_extension-none": lambda: (b"x" * 10, "zip", {}),
    "file_too_large": lambda: (bytes(uploads.MAX_UPLOAD_BYTES + 1), "big.zip", {}),
    "not_a_zip": lambda: (b"hello, not a zip", "x.zip", {}),
    "not_a_zip-empty": lambda: (b"", "x.zip", {}),
    "not_an_npz": lambda: (npy(X100), "x.npz", {}),  # a bare .npy renamed .npz
    "too_few_images": lambda: (make_zip(flat(99)), "few.zip", {}),
    "too_many_images": lambda: (make_zip([(f"{i}.png", b"") for i in range(20_001)],
                                         zipfile.ZIP_STORED), "many.zip", {}),
    "too_many_images-npz": lambda: (make_npz(x=np.zeros((20_001, 1, 1), np.uint8)), "m.npz", {}),
    "too_few_images-npz": lambda: (make_npz(x=np.zeros((99, 8, 8), np.uint8)), "f.npz", {}),
    "zip_encrypted": lambda: (patch_central(_with("a.png", png(5000)), "a.png", 8, "<H", 1),
                              "x.zip", {}),
    "zip_unsupported": lambda: (make_zip(flat(100), zipfile.ZIP_BZIP2), "x.zip", {}),
    "zip_corrupt": lambda: (patch_central(_with("a.png", png(5000)), "a.png", 16, "<I", 0),
                            "x.zip", {}),  # a CRC that does not match
    "unsafe_path-dotdot": lambda: (_with("../evil.png", png(5000)), "x.zip", {}),
    "unsafe_path-absolute": lambda: (_with("/etc/evil.png", png(5000)), "x.zip", {}),
    "unsafe_path-drive": lambda: (_with("C:/evil.png", png(5000)), "x.zip", {}),
    "unsafe_path-backslash": lambda: (_with("a\\..\\..\\evil.png", png(5000)), "x.zip", {}),
    "nested_archive-name": lambda: (_with("inner.zip", make_zip(flat(2))), "x.zip", {}),
    "nested_archive-magic": lambda: (_with("inner.png", make_zip(flat(2))), "x.zip", {}),
    "not_an_image": lambda: (_with("readme.png", b"just some text"), "x.zip", {}),
    "not_an_image-gif": lambda: (_with("a.png", b"GIF89a" + bytes(20)), "x.zip", {}),
    "mixed_layout": lambda: (make_zip([("loose.png", png(1)), *labelled()]), "x.zip", {}),
    "image_corrupt": lambda: (_with("a.png", png(5000)[:40]), "x.zip", {}),
    "image_corrupt-jpeg": lambda: (_with("a.jpg", jpeg(1)[:200]), "x.zip", {}),
    "image_too_large": lambda: (_with("wide.png", png(1, (4097, 1))), "x.zip", {}),
    "image_bomb": lambda: (_with("bomb.png", png_claiming(20_000, 20_000)), "x.zip", {}),
    "keep_size_too_large": lambda: (make_zip(labelled(size=(65, 8))), "x.zip",
                                    {"keep_size": True}),
    "keep_size_mixed": lambda: (_with("odd.png", png(1, (9, 8))), "x.zip", {"keep_size": True}),
    "keep_size_too_large-npz": lambda: (make_npz(x=np.zeros((100, 65, 8), np.uint8)), "x.npz",
                                        {"keep_size": True}),
    "image_too_large-npz": lambda: (make_npz(x=np.zeros((100, 1, 4097), np.uint8)), "x.npz", {}),
    "npz_missing_x": lambda: (make_npz(images=X100), "x.npz", {}),
    "npz_corrupt": lambda: (npz_holding(b"\x93NUMPY garbage"), "x.npz", {}),
    "npz_corrupt-short": lambda: (npz_holding(npy(X100)[:-10]), "x.npz", {}),
    "npz_bad_shape": lambda: (make_npz(x=np.zeros((100, 64), np.uint8)), "x.npz", {}),
    "npz_bad_shape-rgb": lambda: (make_npz(x=np.zeros((100, 8, 8, 3), np.uint8)), "x.npz", {}),
    "npz_bad_shape-y": lambda: (make_npz(x=X100, y=np.zeros((100, 1), int)), "x.npz", {}),
    "npz_bad_dtype": lambda: (make_npz(x=X100.astype(np.int64)), "x.npz", {}),
    "npz_bad_dtype-object": lambda: (make_npz(x=np.array([{"a": 1}] * 100, dtype=object)),
                                     "x.npz", {}),
    "npz_bad_dtype-bytes": lambda: (make_npz(x=np.zeros((100, 8, 8), "S1")), "x.npz", {}),
    "npz_bad_dtype-y": lambda: (make_npz(x=X100, y=np.zeros(100)), "x.npz", {}),
    "npz_not_finite": lambda: (make_npz(x=np.full((100, 8, 8), np.nan, np.float32)), "x.npz", {}),
    "npz_out_of_range": lambda: (make_npz(x=np.full((100, 8, 8), 1.5, np.float32)), "x.npz", {}),
    "npz_out_of_range-negative": lambda: (make_npz(x=-np.ones((100, 8, 8))), "x.npz", {}),
    "npz_labels_mismatch": lambda: (make_npz(x=X100, y=np.zeros(99, int)), "x.npz", {}),
    "label_too_small": lambda: (make_zip([*labelled(), ("owl/0.png", png(77))]), "x.zip", {}),
    "label_too_small-npz": lambda: (make_npz(x=X100, y=np.r_[np.zeros(99, int), 1]), "x.npz",
                                    {}),
    "over_memory": lambda: (make_zip(flat(100)), "m.zip",
                            {"max_bytes": uploads.kept_bytes(100, 28, 28) - 1}),
    "over_memory-kept": lambda: (make_zip(flat(100)), "m.zip", {
        "keep_size": True, "max_bytes": uploads.kept_bytes(100, 8, 8) - 1}),
    "over_memory-npz": lambda: (make_npz(x=X100), "m.npz", {"keep_size": True, "max_bytes": 100}),
}


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_refusals_carry_their_code(case):
    data, filename, kwargs = REFUSALS[case]()
    err = rejected(data, filename, **kwargs)
    assert err.code == case.split("-")[0], str(err)
    assert isinstance(err, ValueError) and str(err) == upload_zip.MESSAGES[err.code].format(
        **err.params)
    assert pickle.loads(pickle.dumps(err)).params == err.params


@pytest.mark.parametrize(("limit", "value", "code"), [
    ("MAX_ZIP_ENTRIES", 50, "too_many_entries"),
    ("MAX_UNCOMPRESSED_BYTES", 5_000, "zip_too_large"),
])
def test_container_limits_refuse_from_the_directory(monkeypatch, limit, value, code):
    monkeypatch.setattr(upload_zip, limit, value)
    counter = CountingZlib()
    monkeypatch.setattr(zipfile, "zlib", counter)
    assert rejected(make_zip(flat(100)), "x.zip").code == code
    assert counter.produced == 0


def test_pixel_budget_is_checked_from_headers(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_TOTAL_PIXELS", 50 * 64)
    assert rejected(make_zip(flat(100)), "x.zip").code == "too_many_pixels"


def test_zip_bomb_is_refused_before_decompression(monkeypatch):
    zeros = bytes(8 * 2**20)  # deflates about 1000:1
    data = make_zip([*flat(100), ("zzz/bomb.png", zeros)])
    assert len(data) < 100_000
    counter = CountingZlib()
    monkeypatch.setattr(zipfile, "zlib", counter)
    err = rejected(data, "bomb.zip")
    assert err.code == "zip_ratio" and err.params["ratio"] > 100
    assert counter.produced == 0  # refused from the central directory alone


def test_member_whose_directory_understates_its_size(monkeypatch):
    # 4 MB of zeros claimed to be 4,000 bytes: the ratio looks harmless, so reading starts, but
    # it stops at the claimed size (and the CRC then fails) instead of inflating 4 MB
    data = patch_central(_with("liar.png", bytes(4 * 2**20)), "liar.png", 24, "<I", 4_000)
    counter = CountingZlib()
    monkeypatch.setattr(zipfile, "zlib", counter)
    assert rejected(data, "x.zip").code == "zip_corrupt"
    assert counter.produced < 64 * 2**10


def test_member_whose_directory_overstates_its_size():
    data = make_zip([("big.png", png(5000)), *flat(100)], zipfile.ZIP_STORED)
    real = len(png(5000))
    data = patch_central(data, "big.png", 24, "<I", real + 50)  # stored: compressed size is real
    assert rejected(data, "x.zip").code == "zip_corrupt"


def test_every_code_is_documented_and_worded():
    documented = set(re.findall(r"^ {4}(\w+) \{", uploads.__doc__, re.M))
    documented |= set(re.findall(r"/ (\w+) \{", uploads.__doc__))
    raised = set()
    for module in (uploads, upload_zip):
        with open(module.__file__, encoding="utf-8") as f:
            source = f.read()
        raised |= set(re.findall(r'UploadRejected\(\s*"(\w+)"', source))
        raised |= set(re.findall(r'unreadable="(\w+)"', source))
    assert documented == set(upload_zip.MESSAGES)
    assert raised <= documented
    assert {c.split("-")[0] for c in REFUSALS} | {"too_many_entries", "zip_too_large",
                                                  "too_many_pixels", "zip_ratio"} == documented


def test_memory_is_refused_from_the_headers_before_any_image_is_decoded(monkeypatch):
    def decoded(*args):
        raise AssertionError("an image was decoded")

    monkeypatch.setattr(uploads, "_to_grey", decoded)
    for keep, side in ((False, 28), (True, 8)):
        err = rejected(make_zip(flat(100)), "m.zip", keep_size=keep, max_bytes=1000)
        assert err.code == "over_memory"
        assert err.params == {"images": 100, "size": 100 * (side * side * 4 + 8), "limit": 1000}


def test_wrong_arguments_are_type_or_value_errors():
    with pytest.raises(TypeError):
        load_upload("not bytes", "x.zip")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="test_fraction"):
        load_upload(make_zip(flat(100)), "x.zip", test_fraction=1.0)
