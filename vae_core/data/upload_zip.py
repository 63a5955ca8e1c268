"""An uploaded zip, read without trusting it: what its central directory claims is checked before
a byte is decompressed, and every read is capped at the claimed size.

Also home of ``UploadRejected`` and its English wording, which every upload check raises: it lives
in this lower module so that ``vae_core.data.uploads`` (the public entry point, whose docstring
lists every code) and this one can share it without an import cycle. Nothing here decodes images.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

MAX_ZIP_ENTRIES = 40_000              # central-directory entries: MAX_IMAGES plus folders and junk
MAX_RATIO = 100                       # uncompressed : compressed, per member that is read
MAX_UNCOMPRESSED_BYTES = 256 * 2**20  # what all members together claim to expand to
MAX_NAME_CHARS = 120                  # member names in messages; zip names may be 64 KB long
# bzip2 and lzma are left out: zipfile decompresses them without an output cap per chunk, so a
# few KB of input could expand to hundreds of MB before the size cap is ever consulted
READABLE_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
JUNK_NAMES = frozenset({"__MACOSX", "Thumbs.db", "desktop.ini"})
ARCHIVE_SUFFIXES = (".zip", ".npz", ".jar", ".gz", ".tgz", ".tar", ".7z", ".rar", ".bz2", ".xz")
ARCHIVE_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08", b"\x1f\x8b", b"7z\xbc\xaf",
                 b"Rar!", b"BZh", b"\xfd7zXZ")
IMAGE_MAGIC = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG"}
_CENTRAL_SIG = b"PK\x01\x02"          # starts every central-directory entry of a zip
_DRIVE = re.compile(r"^[A-Za-z]:")

MESSAGES = {
    "unknown_extension": "{name!r} is neither a .zip of images nor an .npz file ({allowed})",
    "file_too_large": "the file is {size:,} bytes; the limit is {limit:,}",
    "not_a_zip": "the file is not a readable zip archive",
    "not_an_npz": "the file is not a readable .npz archive",
    "too_many_entries": "the archive has about {count:,} entries; the limit is {limit:,}",
    "zip_too_large": "the archive would expand to {size:,} bytes; the limit is {limit:,}",
    "zip_ratio": "{member!r} would expand {ratio:,}× (a zip bomb?); the limit is {limit}×",
    "zip_encrypted": "{member!r} is encrypted; upload an archive without a password",
    "zip_unsupported": "{member!r} uses compression method {method}; only stored or deflate "
                       "members are read",
    "zip_corrupt": "{member!r} is damaged or its size differs from the archive's directory",
    "unsafe_path": "{member!r} has an unsafe path ('..', absolute or a drive letter)",
    "nested_archive": "{member!r} is an archive inside the archive; put the images in directly",
    "not_an_image": "{member!r} is not a PNG or JPEG image",
    "mixed_layout": "{member!r} lies next to label folders; put every image in a label folder "
                    "or none in folders",
    "too_few_images": "found {count:,} images; at least {minimum:,} are needed",
    "too_many_images": "found {count:,} images; at most {limit:,} are allowed",
    "too_many_pixels": "the images hold more than {limit:,} pixels in all",
    "image_corrupt": "{member!r} could not be decoded as an image",
    "image_too_large": "{member!r} is {width}×{height} pixels; the limit is {limit}×{limit}",
    "image_bomb": "{member!r} claims a size so large that Pillow refuses to open it",
    "keep_size_too_large": "{member!r} is {width}×{height} pixels; at its own size the limit is "
                           "{limit}×{limit}",
    "keep_size_mixed": "{member!r} is {width}×{height} pixels but the first image is "
                       "{first_width}×{first_height}; at their own size all must match",
    "npz_missing_x": "the .npz has no array 'x' (it has: {keys})",
    "npz_corrupt": "array {array!r} in the .npz could not be read",
    "npz_bad_shape": "array {array!r} has shape {shape}; expected {expected}",
    "npz_bad_dtype": "array {array!r} has dtype {dtype}; expected {expected}",
    "npz_not_finite": "array 'x' holds NaN or infinite values",
    "npz_out_of_range": "array 'x' spans [{low:g}, {high:g}]; floats must lie in [0, 1]",
    "npz_labels_mismatch": "'y' has {labels:,} labels for {images:,} images",
    "label_too_small": "label {label!r} has {count} image(s); each needs at least 2 to split "
                       "into train and test",
    "over_memory": "{images:,} images would take {size:,} bytes in memory; the limit is "
                   "{limit:,}",
}


class UploadRejected(ValueError):
    """An upload was refused. ``code`` names the reason (see ``vae_core.data.uploads``),
    ``params`` its numbers and names for the UI to word; ``str()`` is one English line."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(MESSAGES[code].format(**params))

    def __reduce__(self) -> tuple[Any, ...]:  # the default would call __init__(message)
        return _rebuild, (self.code, self.params)


def _rebuild(code: str, params: dict[str, Any]) -> UploadRejected:
    return UploadRejected(code, **params)


def short_name(name: str) -> str:
    return name if len(name) <= MAX_NAME_CHARS else name[:MAX_NAME_CHARS - 1] + "…"


def open_archive(data: bytes, *, unreadable: str) -> tuple[zipfile.ZipFile, list[zipfile.ZipInfo]]:
    """The archive and its members, after the checks that need no decompression: entry count
    and total claimed size. ``unreadable`` is the code for bytes that are no zip at all."""
    # zipfile builds one ZipInfo per central-directory signature it meets: bound them first, so
    # 50 MB of empty entries cannot cost gigabytes of ZipInfo objects (as in importers.py)
    count = data.count(_CENTRAL_SIG)
    if count > MAX_ZIP_ENTRIES:
        raise UploadRejected("too_many_entries", count=count, limit=MAX_ZIP_ENTRIES)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except Exception:  # BadZipFile, but also EOFError / ValueError / OSError on odd bytes
        raise UploadRejected(unreadable) from None
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED_BYTES:
        archive.close()
        raise UploadRejected("zip_too_large", size=total, limit=MAX_UNCOMPRESSED_BYTES)
    return archive, infos


def check_readable(info: zipfile.ZipInfo) -> None:
    """Refuse a member before it is read: encrypted, an unbounded method, or a bomb's ratio."""
    member = short_name(info.filename)
    if info.flag_bits & 0x1:
        raise UploadRejected("zip_encrypted", member=member)
    if info.compress_type not in READABLE_METHODS:
        raise UploadRejected("zip_unsupported", member=member, method=info.compress_type)
    if info.file_size > MAX_RATIO * max(info.compress_size, 1):
        ratio = info.file_size // max(info.compress_size, 1)
        raise UploadRejected("zip_ratio", member=member, ratio=ratio, limit=MAX_RATIO)


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """A member's bytes, never more than its claimed size plus one.

    The claimed sizes were summed and capped in ``open_archive``, so the cap per read also caps
    the total. zipfile itself stops at the claimed size and checks the CRC; the length check is
    for a directory that claims more than the data holds."""
    check_readable(info)
    try:
        with archive.open(info) as f:
            blob = f.read(info.file_size + 1)
    except Exception:  # BadZipFile (CRC, names that differ), zlib.error, EOFError, ...
        raise UploadRejected("zip_corrupt", member=short_name(info.filename)) from None
    if len(blob) != info.file_size:
        raise UploadRejected("zip_corrupt", member=short_name(info.filename))
    return blob


def image_members(infos: list[zipfile.ZipInfo]) -> tuple[list[tuple[zipfile.ZipInfo, str | None]],
                                                         int]:
    """The members to read as images with their label folder (None: unlabelled), sorted by label
    then path so that the same files give the same dataset whatever order they were zipped in;
    and the number of junk files ignored. Refuses unsafe paths, nested archives and unreadable
    members from their names and headers alone."""
    kept: list[tuple[list[str], zipfile.ZipInfo]] = []
    n_ignored = 0
    for info in infos:
        parts = _safe_parts(info.filename)
        if info.filename.replace("\\", "/").endswith("/") or not parts:
            continue  # a directory entry
        if any(p.startswith(".") or p in JUNK_NAMES for p in parts):
            n_ignored += 1
            continue
        if parts[-1].lower().endswith(ARCHIVE_SUFFIXES):
            raise UploadRejected("nested_archive", member=short_name(info.filename))
        check_readable(info)
        kept.append((parts, info))
    return _labelled(kept), n_ignored


def _safe_parts(name: str) -> list[str]:
    """The path's components; '.' and empty ones dropped, '..' and absolute paths refused."""
    path = name.replace("\\", "/")  # zips written on Windows may use either separator
    parts = path.split("/")
    if path.startswith("/") or _DRIVE.match(path) or ".." in parts:
        raise UploadRejected("unsafe_path", member=short_name(name))
    return [p for p in parts if p not in ("", ".")]


def _labelled(kept: list[tuple[list[str], zipfile.ZipInfo]]
              ) -> list[tuple[zipfile.ZipInfo, str | None]]:
    # zipping a folder puts everything under its name: strip folders that every file shares, so
    # "data/cat/1.png" is labelled "cat" and "digits/1.png" (one folder) is unlabelled
    paths = [parts for parts, _ in kept]
    while paths and all(len(p) > 1 for p in paths) and len({p[0] for p in paths}) == 1:
        paths = [p[1:] for p in paths]
    depths = {len(p) > 1 for p in paths}
    if len(depths) > 1:
        loose = next(info for p, (_, info) in zip(paths, kept, strict=True) if len(p) == 1)
        raise UploadRejected("mixed_layout", member=short_name(loose.filename))
    rows = [(p[0] if len(p) > 1 else None, "/".join(p), info)
            for p, (_, info) in zip(paths, kept, strict=True)]
    rows.sort(key=lambda r: (r[0] or "", r[1]))
    return [(info, label) for label, _, info in rows]


def image_format(blob: bytes, member: str) -> str:
    """"PNG" or "JPEG" from the magic bytes (the name's extension is not trusted)."""
    for magic, fmt in IMAGE_MAGIC.items():
        if blob.startswith(magic):
            return fmt
    if blob.startswith(ARCHIVE_MAGIC):
        raise UploadRejected("nested_archive", member=short_name(member))
    raise UploadRejected("not_an_image", member=short_name(member))
