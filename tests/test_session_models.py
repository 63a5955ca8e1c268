"""A session holds at most ``$VAE_LAB_SESSION_MB`` of models and uploads, counted in bytes: the
least recently selected models go first, the picker names them once, the selected model and
the one just added stay, and a model file bigger than the cap is refused."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from ui.shell import memory_budget

SMALL = dict(input_shape=(1, 8, 8), hidden=(8,), latent_dim=2)
BIG = dict(input_shape=(1, 28, 28), hidden=(100,), latent_dim=2)  # about 0.7 MB


def checkpoint(shape: dict, name: str):
    from vae_core.checkpoints import Checkpoint
    from vae_core.config import ModelConfig
    from vae_core.models import build_model

    cfg = ModelConfig(**shape)
    return Checkpoint(model=build_model(cfg), model_cfg=cfg, data_cfg=None, train_cfg=None,
                      summary={}, name=name)


def size(shape: dict) -> int:
    from vae_core.footprint import checkpoint_footprint

    return checkpoint_footprint(checkpoint(shape, "x"))


def _session_with_models(n_small: int, add_big: bool) -> None:
    import streamlit as st

    from tests.test_session_models import BIG, SMALL, checkpoint
    from ui.shell import picker, state

    if st.session_state.get("filled") is None:
        st.session_state["filled"] = True
        for i in range(n_small):
            state.add_session_model(checkpoint(SMALL, f"own{i}"), select=i == 0)
            if i == 0:
                state.apply_pending_selection(["session:1"])
        state.selected_entry()  # own0 is used last: it would go last, and it is selected
        if add_big:
            state.add_session_model(checkpoint(BIG, "big"), select=False)
    picker.model_picker()


def run(n_small: int, add_big: bool) -> AppTest:
    at = AppTest.from_function(_session_with_models, args=(n_small, add_big), default_timeout=60)
    return at.run()


def names(at: AppTest) -> list[str]:
    """The session models the picker offers."""
    shown = [o.split(" · ")[0] for o in at.sidebar.selectbox[0].options]
    return [n for n in shown if n == "big" or n.startswith("own")]


@pytest.fixture
def one_mb(monkeypatch):
    monkeypatch.setenv(memory_budget.SESSION_MB_ENV, "1")


def test_a_big_model_makes_room_by_bytes_and_the_picker_says_which(one_mb):
    small, big = size(SMALL), size(BIG)
    n = (memory_budget.MB - big) // small + 3  # fits alone; with the big one, 3 or so must go
    must_go = -(-(n * small + big - memory_budget.MB) // small)  # ceil: how many small ones
    at = run(n, add_big=True)
    assert not at.exception, at.exception
    kept = names(at)
    gone = [f"own{i}" for i in range(1, must_go + 1)]  # own0, selected, was used last
    assert "big" in kept and "own0" in kept
    assert not set(gone) & set(kept) and len(kept) == n + 1 - must_go
    assert (len(kept) - 1) * small + big <= memory_budget.MB
    info = " ".join(i.value for i in at.sidebar.info)
    assert "at most 1 MB of models and uploaded images" in info
    assert ", ".join(f"“{g}”" for g in gone) + ", used least recently, made room" in info
    at.run()
    assert not [i for i in at.sidebar.info if "made room" in i.value]  # said once


def test_many_small_models_under_the_cap_all_stay():
    at = run(20, add_big=False)  # 20 × 70 KB: more than the 12 models an item cap kept
    assert len(names(at)) == 20
    assert not at.sidebar.info


def test_the_plan_lets_older_uploads_go_before_models_and_only_for_an_upload(one_mb):
    mb = memory_budget.MB
    models, used = {"a": mb // 4, "b": mb // 4}, {"a": 2, "b": 1}
    uploads = {"upload:old": mb // 2, "upload:new": mb // 2}
    assert memory_budget.to_let_go(models, used, uploads, keep=set(), new_dataset="upload:new") == \
        (["upload:old"], [])
    # a new model never takes an upload: the least recently used model goes, the kept one stays
    assert memory_budget.to_let_go(models, used, uploads, keep={"b"}) == ([], ["a"])
    assert memory_budget.to_let_go({"a": 2 * mb}, {}, {}, keep={"a"}) == ([], [])


def _model_upload() -> None:
    from ui.shell import picker

    picker.upload_box()


def test_a_model_file_bigger_than_the_session_cap_is_refused(one_mb, tmp_path, monkeypatch):
    from vae_core.checkpoints import checkpoint_bytes

    monkeypatch.setenv("VAE_LAB_LIBRARY", str(tmp_path))
    huge = dict(BIG, hidden=(400,))
    data = checkpoint_bytes(checkpoint(huge, "huge").model)
    at = AppTest.from_function(_model_upload, default_timeout=60).run()
    assert "at most 1 MB of models" in at.file_uploader(key="upload_model").help
    at.file_uploader(key="upload_model").set_value(
        ("huge.safetensors", data, "application/octet-stream")).run()
    assert not at.exception, at.exception
    error = " ".join(e.value for e in at.error)
    mb = memory_budget.in_mb(size(huge))
    assert f"it takes {mb:.1f} MB in memory, more than the 1 MB a session may hold" in error
    from ui.shell import state

    assert not at.session_state[state.K_MODELS] if state.K_MODELS in at.session_state else True
