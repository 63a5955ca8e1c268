"""The wire format of the latent component's ``data``: one ``bytes`` payload, because only
top-level bytes reach the browser as bytes (nested ones are stringified; arrays in a dict
become Arrow tables the JS would need a library to read).

Layout: ``b"VAEL"``, the header's length (uint32, little-endian), the header as UTF-8 JSON,
then every array, each starting on an 8-byte boundary. The header's ``"arrays"`` entry maps
each name to its dtype, shape and byte offset. ``unpack`` in ``net.js`` reads it back.
"""

from __future__ import annotations

import json
import struct

import numpy as np

MAGIC = b"VAEL"
DTYPES = {np.dtype(np.float32): "f32", np.dtype(np.uint8): "u8", np.dtype(np.int32): "i32"}
ALIGN = 8


def _pad(n: int) -> int:
    return (-n) % ALIGN


def pack(header: dict, arrays: dict[str, np.ndarray]) -> bytes:
    """Header and arrays as one payload; float64 arrays travel as float32."""
    blobs, table, offset = [], {}, 0
    for name, array in arrays.items():
        a = np.ascontiguousarray(array.astype(np.float32) if array.dtype == np.float64
                                 else array)
        if a.dtype not in DTYPES:
            raise TypeError(f"array {name!r} has unsupported dtype {a.dtype}")
        raw = a.tobytes()
        table[name] = {"dtype": DTYPES[a.dtype], "shape": list(a.shape), "offset": offset}
        blobs.append(raw + b"\0" * _pad(len(raw)))
        offset += len(raw) + _pad(len(raw))
    head = json.dumps({**header, "arrays": table}, separators=(",", ":")).encode()
    prefix = MAGIC + struct.pack("<I", len(head)) + head
    return prefix + b"\0" * _pad(len(prefix)) + b"".join(blobs)


def unpack(payload: bytes) -> tuple[dict, dict[str, np.ndarray]]:
    """The inverse of ``pack`` (for tests; the browser has its own)."""
    if payload[:4] != MAGIC:
        raise ValueError("not a VAEL payload")
    (n,) = struct.unpack("<I", payload[4:8])
    header = json.loads(payload[8:8 + n])
    start = 8 + n + _pad(8 + n)
    names = {v: k for k, v in DTYPES.items()}
    arrays = {}
    for name, spec in header.pop("arrays").items():
        dtype = names[spec["dtype"]]
        count = int(np.prod(spec["shape"]))
        arrays[name] = np.frombuffer(payload, dtype, count, start + spec["offset"]).reshape(
            spec["shape"])
    return header, arrays
