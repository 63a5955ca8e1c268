"""A session keeps a bounded number of its own models: the least recently selected go first,
the picker names them once, and the selected one is never dropped."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _session_with_models(n_models: int, select_first_again: bool) -> None:
    import streamlit as st

    from ui.shell import picker, state
    from vae_core.checkpoints import Checkpoint
    from vae_core.config import ModelConfig
    from vae_core.models import build_model

    if st.session_state.get("filled") is None:
        st.session_state["filled"] = True
        cfg = ModelConfig(input_shape=(1, 8, 8), hidden=(8,), latent_dim=2)
        for i in range(n_models):
            ckpt = Checkpoint(model=build_model(cfg), model_cfg=cfg, data_cfg=None,
                              train_cfg=None, summary={}, name=f"own{i}")
            state.add_session_model(ckpt, select=i == 0)
            if i == 0:
                state.apply_pending_selection([f"session:{i + 1}"])
                if select_first_again:
                    state.selected_entry()
    picker.model_picker()


def run(n_models: int, select_first_again: bool = False) -> AppTest:
    at = AppTest.from_function(_session_with_models, args=(n_models, select_first_again),
                               default_timeout=60)
    return at.run()


def names(at: AppTest) -> list[str]:
    return [o.split(" · ")[0] for o in at.sidebar.selectbox[0].options]


def test_the_oldest_models_make_room_and_the_picker_says_which(monkeypatch):
    from ui.shell import state

    at = run(state.MAX_SESSION_MODELS + 2, select_first_again=True)
    assert not at.exception, at.exception
    kept = [n for n in names(at) if n.startswith("own")]
    assert len(kept) == state.MAX_SESSION_MODELS
    assert "own0" in kept  # the selected model stays
    assert "own1" not in kept and "own2" not in kept  # the least recently used went
    info = " ".join(i.value for i in at.sidebar.info)
    assert "“own1”, “own2” made room" in info
    at.run()
    assert not [i for i in at.sidebar.info if "made room" in i.value]  # said once


def test_under_the_cap_nothing_is_dropped():
    from ui.shell import state

    at = run(state.MAX_SESSION_MODELS)
    assert len([n for n in names(at) if n.startswith("own")]) == state.MAX_SESSION_MODELS
    assert not at.sidebar.info
