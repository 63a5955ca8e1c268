"""Hypothesis: any JSON-like input to the configs either builds a valid config or raises
ValueError; nothing else escapes (TypeError, OverflowError, ...). The same for random and
mutated bytes through the pytorch/examples ``.pt`` import and for random upload names.
(The safetensors loader is fuzzed in ``test_checkpoints.py``.)"""

import io
import math

import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support import mutate_bytes
from ui.shell import model_store
from vae_core.config import DataConfig, ModelConfig, TrainConfig
from vae_core.importers import import_examples_state_dict

values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner,
                                                                max_size=3),
    max_leaves=8,
)


def _fields(cls):
    return list(cls.__dataclass_fields__)


def _try(cls, data):
    try:
        cfg = cls.from_dict(data)
    except ValueError:
        return
    # a config that was accepted is sane: every number finite
    for v in cfg.to_dict().values():
        if isinstance(v, float):
            assert math.isfinite(v)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([ModelConfig, DataConfig, TrainConfig]), st.data())
def test_random_field_values(cls, data):
    keys = data.draw(st.lists(st.sampled_from(_fields(cls)), unique=True, max_size=4))
    payload = {k: data.draw(values) for k in keys}
    _try(cls, payload)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from([ModelConfig, DataConfig, TrainConfig]), values)
def test_random_documents(cls, doc):
    _try(cls, doc)


# -- model files: random and mutated bytes through the .pt import and the upload path ---------

def _pt_bytes() -> bytes:
    buffer = io.BytesIO()
    torch.save({"fc1.weight": torch.zeros(2, 3), "fc1.bias": torch.ones(2)}, buffer)
    return buffer.getvalue()


PT = _pt_bytes()
FILES = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _refused_cleanly(call, *args) -> None:
    try:
        call(*args)
    except ValueError as exc:  # CheckpointError, UnsafeName: one line for the user
        assert "\n" not in str(exc) and str(exc)


@FILES
@given(st.binary(max_size=4096) | st.builds(lambda tail: b"PK\x03\x04" + tail,
                                           st.binary(max_size=2048)))
def test_random_bytes_through_the_pt_import(data):
    _refused_cleanly(import_examples_state_dict, data)


@FILES
@given(st.data())
def test_mutated_pt_archives_only_raise_checkpoint_errors(data):
    """Byte edits anywhere in a real torch.save archive (pickle, members, central directory):
    torch.load may see what passes the archive checks, and must fail politely."""
    blob = mutate_bytes(data, PT)
    _refused_cleanly(import_examples_state_dict, blob)


@FILES
@given(st.one_of(st.none(), st.text(max_size=300)),
       st.sampled_from([b"", b"junk", PT]))
def test_random_upload_names_and_bytes(name, data):
    if isinstance(name, str) and data:  # with the suffixes that reach the loaders, too
        for suffix in (".pt", ".safetensors"):
            _refused_cleanly(model_store.read_upload, name + suffix, data)
    _refused_cleanly(model_store.read_upload, name, data)
