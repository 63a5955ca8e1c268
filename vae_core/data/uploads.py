"""Your own images: an uploaded ``.zip`` of PNG/JPEG files or an ``.npz`` array, turned into a
session dataset (a ``DataBundle``) by ``load_upload``, or refused with ``UploadRejected``.

Accepted inputs
    ``.zip``  PNG and JPEG files, recognised by their magic bytes (names are not trusted). One
              folder per label makes a labelled dataset: folder names become the class names,
              sorted; files nested deeper count for their top label folder. Files all at the top,
              or all in one folder, are unlabelled: label 0, class name "all". Folders that every
              file shares are stripped first, so zipping ``data/`` holding ``cat/`` and ``dog/``
              is labelled. Ignored: directory entries, and any path with a component that starts
              with "." (``.DS_Store``, ``._x.png``) or is ``__MACOSX``, ``Thumbs.db``,
              ``desktop.ini``. Any other file that is not PNG/JPEG is refused, not skipped.
    ``.npz``  ``x``: (N, H, W) or (N, H, W, 1), uint8 (0-255) or float (within [0, 1]); optional
              ``y``: (N,) integers, any values: class names are the sorted distinct values.
              Never unpickled: each .npy header is parsed (``numpy.lib.format``) and numeric
              dtypes only are read with ``frombuffer``; other arrays in the file are ignored.

Processing: greyscale (Pillow ``convert("L")``; an alpha channel is dropped), resized to 28×28
with Lanczos (the aspect ratio is not kept) unless ``keep_size``, then every image must already
share one size of at most 64×64. Images in a zip are ordered by label then path. The result is
float32 in [0, 1], (N, 1, H, W), split 80/20 per label with a ``torch.Generator`` seeded by
``seed``. ``content_hash`` is the first 16 hex digits of a sha256 over the processed images,
labels and class names before the split: the same upload gives the same hash, whatever the zip's
member order or the seed; a change of processing (``keep_size``) gives another.

Codes (``UploadRejected.code``) and their ``params``; the English wording is ``MESSAGES``:
    unknown_extension {name, allowed}   not .zip / .npz (case-insensitive)
    file_too_large {size, limit}        more than MAX_UPLOAD_BYTES
    not_a_zip {} / not_an_npz {}        the bytes are no readable zip archive
    too_many_entries {count, limit}     more than MAX_ZIP_ENTRIES central-directory entries
    zip_too_large {size, limit}         members claim more than MAX_UNCOMPRESSED_BYTES in all
    zip_ratio {member, ratio, limit}    a member claims to expand more than MAX_RATIO times
    zip_encrypted {member}              a password-protected member
    zip_unsupported {member, method}    compression other than stored / deflate
    zip_corrupt {member}                bad CRC, truncated, or a size that differs from the
                                        directory's claim (reads stop at the claimed size)
    unsafe_path {member}                '..', an absolute path or a drive letter
    nested_archive {member}             a zip (or other archive) inside, by name or magic bytes
    not_an_image {member}               a file that is not PNG / JPEG by its magic bytes
    mixed_layout {member}               files at the top beside label folders
    too_few_images {count, minimum}     fewer than MIN_IMAGES
    too_many_images {count, limit}      more than MAX_IMAGES
    too_many_pixels {limit}             the images' headers add up to more than MAX_TOTAL_PIXELS
    image_corrupt {member}              Pillow cannot decode it (truncated, damaged)
    image_too_large {member, width, height, limit}   a side over MAX_DECODE_SIDE, checked from
                                        the header before decoding
    image_bomb {member}                 a header so large that Pillow refuses to open it
    keep_size_too_large {member, width, height, limit}   keep_size and a side over MAX_SIDE_KEEP
    keep_size_mixed {member, width, height, first_width, first_height}   keep_size, sizes differ
    npz_missing_x {keys}                no ``x`` (keys: the arrays found, comma-separated)
    npz_corrupt {array}                 not a valid .npy inside, or its data is short
    npz_bad_shape {array, shape, expected}   x not (N, H, W[, 1]) or y not (N,)
    npz_bad_dtype {array, dtype, expected}   x not uint8 / float, y not integer, or object
    npz_not_finite {}                   NaN or inf in a float x
    npz_out_of_range {low, high}        a float x outside [0, 1]
    npz_labels_mismatch {labels, images}   len(y) != len(x)
    label_too_small {label, count}      a label with fewer than 2 images (no train/test split)
    over_memory {images, size, limit}   kept, the images would take more than ``max_bytes``
                                        (``kept_bytes``), told from the headers before decoding
For npz arrays ``member`` is "x". Nothing is written or cached, refused or not.
"""

from __future__ import annotations

import hashlib
import io
import math
import re
import zipfile
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import torch
from PIL import Image

from vae_core.config import UPLOAD_HASH_LEN, UPLOAD_NAME_MAX, UPLOAD_PREFIX
from vae_core.data.base import DataBundle
from vae_core.data.upload_zip import (
    MAX_RATIO,
    MAX_UNCOMPRESSED_BYTES,
    MAX_ZIP_ENTRIES,
    MESSAGES,
    UploadRejected,
    image_format,
    image_members,
    open_archive,
    read_member,
    short_name,
)

MAX_UPLOAD_BYTES = 50 * 2**20
MIN_IMAGES = 100
MAX_IMAGES = 20_000
TARGET_SIDE = 28                  # images are resized to TARGET_SIDE² unless keep_size
MAX_SIDE_KEEP = 64                # keep_size: the largest side a model is asked to take as is
MAX_DECODE_SIDE = 4096            # checked from the header, before any pixel is decoded
MAX_TOTAL_PIXELS = 2**29          # all images' header sizes added up: bounds the decoding time
MAX_STEM_CHARS = UPLOAD_NAME_MAX  # what DataConfig accepts after "upload:"
EXTENSIONS = (".zip", ".npz")
UNLABELLED = ("all",)
_HASH_TAG = b"vae-lab-upload-v1"  # bump when processing changes what equal uploads hash to
PIXEL_BYTES = 4                   # float32, as the images are kept
LABEL_BYTES = 8                   # int64

__all__ = ["MAX_DECODE_SIDE", "MAX_IMAGES", "MAX_RATIO", "MAX_SIDE_KEEP", "MAX_TOTAL_PIXELS",
           "MAX_UNCOMPRESSED_BYTES", "MAX_UPLOAD_BYTES", "MAX_ZIP_ENTRIES", "MESSAGES",
           "MIN_IMAGES", "UploadRejected", "UploadedDataset", "kept_bytes", "load_upload"]


@dataclass(frozen=True)
class UploadedDataset:
    """An accepted upload: the bundle plus what a model trained on it should record."""

    bundle: DataBundle
    name: str                  # "upload:<file stem>", also bundle.name
    content_hash: str          # 16 hex digits; equal for equal processed content
    n_images: int              # train + test
    source_size: int           # bytes of the uploaded file
    source_format: str         # "zip" or "npz"
    labelled: bool             # label folders, or an npz with y
    n_ignored: int = 0         # junk files skipped in a zip (__MACOSX, .DS_Store, ...)


class _Decoded(NamedTuple):
    images: np.ndarray         # (N, 1, H, W) float32 in [0, 1]
    labels: np.ndarray         # (N,) int64 indices into class_names
    class_names: tuple[str, ...]
    labelled: bool
    n_ignored: int


def load_upload(data: bytes | bytearray | memoryview, filename: str, *, keep_size: bool = False,
                test_fraction: float = 0.2, seed: int = 0,
                max_bytes: int | None = None) -> UploadedDataset:
    """The uploaded file ``data`` (named ``filename``, which picks the format) as a dataset.

    ``max_bytes``: refuse (``over_memory``) images that would take more memory than this once
    kept, before they are decoded: decoding 20,000 images of 64×64 to refuse them afterwards
    took 1.3 GB at its peak.

    Raises ``UploadRejected`` (a ``ValueError`` with ``code`` and ``params``) for any file it
    will not use; ``TypeError`` / ``ValueError`` only for wrong arguments.
    """
    if not isinstance(data, (bytes, bytearray, memoryview)) or not isinstance(filename, str):
        raise TypeError("load_upload takes the file's bytes and its name (a str)")
    if not 0.0 < test_fraction < 1.0:
        raise ValueError(f"test_fraction must lie in (0, 1), got {test_fraction!r}")
    base = re.split(r"[\\/]", filename)[-1]  # browsers may send "C:\fakepath\x.zip"
    stem, dot, ext = base.rpartition(".")
    if not dot or f".{ext.lower()}" not in EXTENSIONS:
        raise UploadRejected("unknown_extension", name=short_name(base),
                             allowed=", ".join(EXTENSIONS))
    size = memoryview(data).nbytes  # before any copy
    if size > MAX_UPLOAD_BYTES:
        raise UploadRejected("file_too_large", size=size, limit=MAX_UPLOAD_BYTES)
    data = bytes(data)
    fmt = ext.lower()
    read = _read_zip if fmt == "zip" else _read_npz
    decoded = read(data, keep_size, max_bytes)
    _check_label_sizes(decoded.labels, decoded.class_names)
    name = f"{UPLOAD_PREFIX}{_clean_stem(stem)}"
    train_idx, test_idx = _stratified_split(decoded.labels, test_fraction, seed)
    x, y = torch.from_numpy(decoded.images), torch.from_numpy(decoded.labels)
    bundle = DataBundle(name=name, train_x=x[train_idx], train_y=y[train_idx],
                        test_x=x[test_idx], test_y=y[test_idx], class_names=decoded.class_names)
    return UploadedDataset(bundle=bundle, name=name, content_hash=_content_hash(decoded),
                           n_images=len(y), source_size=len(data), source_format=fmt,
                           labelled=decoded.labelled, n_ignored=decoded.n_ignored)


def _clean_stem(stem: str) -> str:
    text = " ".join("".join(c if c.isprintable() else " " for c in stem).split())
    return text[:MAX_STEM_CHARS] or "data"


def kept_bytes(n_images: int, height: int, width: int) -> int:
    """The memory ``load_upload`` keeps for ``n_images`` greyscale images of height×width:
    float32 pixels and int64 labels (``vae_core.footprint`` counts the same)."""
    return n_images * (height * width * PIXEL_BYTES + LABEL_BYTES)


def _check_memory(n_images: int, height: int, width: int, max_bytes: int | None) -> None:
    size = kept_bytes(n_images, height, width)
    if max_bytes is not None and size > max_bytes:
        raise UploadRejected("over_memory", images=n_images, size=size, limit=max_bytes)


def _check_count(count: int, *, at_least: bool = True) -> None:
    if at_least and count < MIN_IMAGES:
        raise UploadRejected("too_few_images", count=count, minimum=MIN_IMAGES)
    if count > MAX_IMAGES:
        raise UploadRejected("too_many_images", count=count, limit=MAX_IMAGES)


def _read_zip(data: bytes, keep_size: bool, max_bytes: int | None) -> _Decoded:
    archive, infos = open_archive(data, unreadable="not_a_zip")
    with archive:
        members, n_ignored = image_members(infos)
        # too many: refused before anything is decompressed; too few only once the files are
        # read, so that a zip of 50 GIFs says "not an image", not "too few images"
        _check_count(len(members), at_least=False)
        if not keep_size:
            _check_memory(len(members), TARGET_SIDE, TARGET_SIDE, max_bytes)
        names = sorted({label for _, label in members if label is not None})
        index = {label: i for i, label in enumerate(names)}
        first: tuple[int, int] | None = None
        pixels_left = MAX_TOTAL_PIXELS
        grey = []
        for info, _ in members:
            member = short_name(info.filename)
            blob = read_member(archive, info)
            img = _open_image(blob, image_format(blob, member), member)
            with img:
                width, height = img.size
                pixels_left -= width * height
                if pixels_left < 0:
                    raise UploadRejected("too_many_pixels", limit=MAX_TOTAL_PIXELS)
                if keep_size:
                    first = first or (width, height)
                    _check_kept_size(member, (width, height), first)
                    if not grey:  # the first image: every other must share its size
                        _check_memory(len(members), height, width, max_bytes)
                grey.append(_to_grey(img, member, keep_size))
    _check_count(len(grey))
    labels = np.array([index[label] if label is not None else 0 for _, label in members],
                      dtype=np.int64)
    images = np.stack(grey)[:, None].astype(np.float32)  # (N, H, W) -> (N, 1, H, W)
    images /= 255.0  # in place: one float copy of the images less at the peak
    return _Decoded(images, labels, tuple(names) or UNLABELLED, bool(names), n_ignored)


def _open_image(blob: bytes, fmt: str, member: str) -> Image.Image:
    """The image opened lazily (header only), its size checked before pixels are decoded."""
    try:
        img = Image.open(io.BytesIO(blob), formats=(fmt,))
    except Image.DecompressionBombError:  # over twice Pillow's MAX_IMAGE_PIXELS: size not told
        raise UploadRejected("image_bomb", member=member) from None
    except Exception:  # UnidentifiedImageError, SyntaxError, struct.error, ... on odd bytes
        raise UploadRejected("image_corrupt", member=member) from None
    width, height = img.size
    if max(width, height) > MAX_DECODE_SIDE:
        img.close()
        raise UploadRejected("image_too_large", member=member, width=width, height=height,
                             limit=MAX_DECODE_SIDE)
    return img


def _check_kept_size(member: str, size: tuple[int, int], first: tuple[int, int]) -> None:
    width, height = size
    if max(width, height) > MAX_SIDE_KEEP:
        raise UploadRejected("keep_size_too_large", member=member, width=width, height=height,
                             limit=MAX_SIDE_KEEP)
    if size != first:
        raise UploadRejected("keep_size_mixed", member=member, width=width, height=height,
                             first_width=first[0], first_height=first[1])


def _to_grey(img: Image.Image, member: str, keep_size: bool) -> np.ndarray:
    """(H, W) uint8: decoded, greyscale, resized unless ``keep_size``."""
    try:
        if not keep_size:
            img.draft("L", (TARGET_SIDE, TARGET_SIDE))  # JPEG: decode at a reduced scale
        grey = img.convert("L")
        if not keep_size and grey.size != (TARGET_SIDE, TARGET_SIDE):
            grey = grey.resize((TARGET_SIDE, TARGET_SIDE), Image.Resampling.LANCZOS)
        return np.asarray(grey, dtype=np.uint8)
    except Exception:  # truncated data (OSError), broken chunks (SyntaxError, ValueError), ...
        raise UploadRejected("image_corrupt", member=member) from None


def _read_npz(data: bytes, keep_size: bool, max_bytes: int | None) -> _Decoded:
    archive, infos = open_archive(data, unreadable="not_an_npz")
    with archive:
        arrays = {i.filename.removesuffix(".npy"): i for i in infos}
        if "x" not in arrays:
            keys = ", ".join(short_name(k) for k in sorted(arrays)[:20])
            raise UploadRejected("npz_missing_x", keys=keys)
        x = _read_npy(archive, arrays["x"], "x", expected="uint8 or float")
        y = _read_npy(archive, arrays["y"], "y", expected="integer") if "y" in arrays else None
    x = _check_x(x, keep_size)
    height, width = x.shape[1:] if keep_size else (TARGET_SIDE, TARGET_SIDE)
    _check_memory(len(x), height, width, max_bytes)
    sized = x if keep_size else np.stack([_resize_array(a) for a in x])
    scale = 255.0 if x.dtype == np.uint8 else 1.0
    images = (sized.astype(np.float32) / scale)[:, None]  # (N, H, W) -> (N, 1, H, W), a copy
    if y is None:
        return _Decoded(images, np.zeros(len(images), np.int64), UNLABELLED, False, 0)
    values, labels = _check_y(y, len(images))
    return _Decoded(images, labels, tuple(str(v) for v in values), True, 0)


def _read_npy(archive: zipfile.ZipFile, info: zipfile.ZipInfo, array: str, *,
              expected: str) -> np.ndarray:
    """One .npy member of numbers, its header parsed before any array is allocated. Not
    ``np.load``: it allocates whatever shape the header claims, whatever the data holds; and
    object arrays, which only a pickle can hold, are refused from the header's dtype."""
    blob = read_member(archive, info)
    fp = io.BytesIO(blob)
    try:
        version = np.lib.format.read_magic(fp)
        read_header = {(1, 0): np.lib.format.read_array_header_1_0,
                       (2, 0): np.lib.format.read_array_header_2_0}[version]
        shape, fortran, dtype = read_header(fp)
    except Exception:  # bad magic, unknown version, a header that is no dict literal, ...
        raise UploadRejected("npz_corrupt", array=array) from None
    if dtype.kind not in "iuf":  # objects (pickles), records, strings, bool, complex, ...
        raise UploadRejected("npz_bad_dtype", array=array, dtype=str(dtype), expected=expected)
    count = math.prod(shape)  # Python ints: a claimed shape cannot overflow into a match
    if count * dtype.itemsize != len(blob) - fp.tell():
        raise UploadRejected("npz_corrupt", array=array)
    flat = np.frombuffer(blob, dtype=dtype, count=count, offset=fp.tell())
    return flat.reshape(shape, order="F" if fortran else "C")


def _check_x(x: np.ndarray, keep_size: bool) -> np.ndarray:
    """x as (N, H, W), uint8 or float, every check on it passed."""
    if x.ndim == 4 and x.shape[3] == 1:
        x = x[..., 0]
    if x.ndim != 3 or 0 in x.shape[1:]:
        raise UploadRejected("npz_bad_shape", array="x", shape=tuple(x.shape),
                             expected="(N, H, W) or (N, H, W, 1)")
    if x.dtype != np.uint8 and x.dtype.kind != "f":
        raise UploadRejected("npz_bad_dtype", array="x", dtype=str(x.dtype),
                             expected="uint8 or float")
    _check_count(x.shape[0])
    height, width = x.shape[1:]
    side_limit, code = (MAX_SIDE_KEEP, "keep_size_too_large") if keep_size else \
        (MAX_DECODE_SIDE, "image_too_large")
    if max(height, width) > side_limit:
        raise UploadRejected(code, member="x", width=width, height=height, limit=side_limit)
    if x.dtype.kind == "f":
        if not np.isfinite(x).all():
            raise UploadRejected("npz_not_finite")
        low, high = float(x.min()), float(x.max())
        if low < 0.0 or high > 1.0:
            raise UploadRejected("npz_out_of_range", low=low, high=high)
    return x


def _resize_array(a: np.ndarray) -> np.ndarray:
    """One (H, W) image to (TARGET_SIDE, TARGET_SIDE), uint8 stays uint8, float -> float32."""
    if a.shape == (TARGET_SIDE, TARGET_SIDE):
        return a
    pil = Image.fromarray(a if a.dtype == np.uint8 else a.astype(np.float32))
    out = np.asarray(pil.resize((TARGET_SIDE, TARGET_SIDE), Image.Resampling.LANCZOS))
    return out if a.dtype == np.uint8 else np.clip(out, 0.0, 1.0)  # Lanczos overshoots edges


def _check_y(y: np.ndarray, n_images: int) -> tuple[np.ndarray, np.ndarray]:
    """The distinct label values (sorted) and y as indices into them."""
    if y.dtype.kind not in "iu":
        raise UploadRejected("npz_bad_dtype", array="y", dtype=str(y.dtype), expected="integer")
    if y.ndim != 1:
        raise UploadRejected("npz_bad_shape", array="y", shape=tuple(y.shape), expected="(N,)")
    if len(y) != n_images:
        raise UploadRejected("npz_labels_mismatch", labels=len(y), images=n_images)
    values, labels = np.unique(y, return_inverse=True)
    return values, labels.astype(np.int64)


def _check_label_sizes(labels: np.ndarray, class_names: tuple[str, ...]) -> None:
    counts = np.bincount(labels, minlength=len(class_names))
    for name, count in zip(class_names, counts, strict=True):
        if count < 2:
            raise UploadRejected("label_too_small", label=short_name(name), count=int(count))


def _stratified_split(labels: np.ndarray, test_fraction: float,
                      seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    """(train_idx, test_idx), each sorted: ``round(n * test_fraction)`` of each label's n images
    (at least 1, at most n - 1) go to the test set, drawn with a generator seeded by ``seed``."""
    generator = torch.Generator().manual_seed(seed)
    y = torch.from_numpy(labels)
    train, test = [], []
    for label in range(int(y.max()) + 1):
        idx = (y == label).nonzero().flatten()
        n_test = min(max(round(len(idx) * test_fraction), 1), len(idx) - 1)
        idx = idx[torch.randperm(len(idx), generator=generator)]
        test.append(idx[:n_test])
        train.append(idx[n_test:])
    return torch.cat(train).sort().values, torch.cat(test).sort().values


def _content_hash(decoded: _Decoded) -> str:
    digest = hashlib.sha256(_HASH_TAG)
    digest.update(repr((decoded.images.shape, decoded.class_names)).encode("utf-8"))
    digest.update(np.ascontiguousarray(decoded.images, dtype="<f4"))  # no copy: little-endian
    digest.update(decoded.labels.astype("<i8").tobytes())
    return digest.hexdigest()[:UPLOAD_HASH_LEN]
