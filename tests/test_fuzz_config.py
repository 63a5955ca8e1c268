"""Hypothesis: any JSON-like input to the configs either builds a valid config or raises
ValueError; nothing else escapes (TypeError, OverflowError, ...)."""

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vae_core.config import DataConfig, ModelConfig, TrainConfig

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
