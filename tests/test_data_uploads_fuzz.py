"""Uploads under Hypothesis: random bytes and random edits of valid zips, images and .npy
members are accepted or refused with an ``UploadRejected``, never any other exception."""

from __future__ import annotations

import functools

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_data_uploads import flat, jpeg, make_zip, npy, npz_holding, png
from vae_core.data import UploadRejected, load_upload, upload_zip

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# ---------------------------------------------------------------- fuzzing: only UploadRejected

def _accept_or_refuse(data: bytes, filename: str, **kwargs) -> None:
    try:
        up = load_upload(data, filename, **kwargs)
    except UploadRejected as err:
        assert err.code in upload_zip.MESSAGES
    else:
        assert up.bundle.n_train + up.bundle.n_test == up.n_images


@functools.cache
def valid_zip() -> bytes:
    return make_zip(flat(100, folder="d/"))


@functools.cache
def valid_npy() -> bytes:
    return npy(np.arange(100 * 16, dtype=np.uint8).reshape(100, 4, 4))


@FUZZ
@given(data=st.binary(max_size=600), ext=st.sampled_from(["zip", "npz"]))
def test_random_bytes_are_refused(data, ext):
    _accept_or_refuse(data, f"f.{ext}")


@FUZZ
@given(edits=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1,
                      max_size=8),
       cut=st.one_of(st.none(), st.integers(0, 10**6)), keep_size=st.booleans())
def test_mutated_zip_never_raises_anything_else(edits, cut, keep_size):
    buf = bytearray(valid_zip())
    for pos, byte in edits:
        buf[pos % len(buf)] = byte
    if cut is not None:
        buf = buf[:cut % len(buf)]
    _accept_or_refuse(bytes(buf), "f.zip", keep_size=keep_size)


@FUZZ
@given(edits=st.lists(st.tuples(st.integers(0, 10**4), st.integers(0, 255)), min_size=1,
                      max_size=6), jpg=st.booleans())
def test_mutated_image_in_a_valid_zip(edits, jpg):
    image = bytearray(jpeg(1) if jpg else png(1, (20, 20)))
    for pos, byte in edits:
        image[pos % len(image)] = byte
    _accept_or_refuse(make_zip([("a/0.png", bytes(image)), *flat(100, folder="a/")]), "f.zip")


@FUZZ
@given(edits=st.lists(st.tuples(st.integers(0, 200), st.integers(0, 255)), min_size=1,
                      max_size=6))
def test_mutated_npy_header_in_a_valid_npz(edits):
    payload = bytearray(valid_npy())
    for pos, byte in edits:
        payload[pos % len(payload)] = byte
    _accept_or_refuse(npz_holding(bytes(payload)), "f.npz")
