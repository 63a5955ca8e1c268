"""The guard at the top of every page that shows the selected model on its test images."""

from __future__ import annotations

import streamlit as st

from ui.shell import datasets, state
from ui.shell.model_store import ModelEntry
from ui.shell.strings import TEST_DATA
from vae_core.checkpoints import Checkpoint
from vae_core.data import DataBundle


def model_and_test_data(*, data_needed: bool) -> tuple[ModelEntry, Checkpoint,
                                                         DataBundle | None]:
    """The selected model and its test set. With no model the page says so and stops; without
    its test images it stops too when ``data_needed``, else it warns and goes on (data None:
    what needs no data, such as prior samples, still works)."""
    entry, ckpt = state.selected_checkpoint()
    if ckpt is None:
        st.info(TEST_DATA["no_model"])
        st.stop()
    data, problem = datasets.test_data(ckpt)
    if data is None:
        (st.error if data_needed else st.warning)(problem)
        if data_needed:
            st.stop()
    return entry, ckpt, data
