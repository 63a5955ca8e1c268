"""Traverse: one slider per latent dim, traversal grid, animated traversal with a GIF,
interpolation between two test images and samples from the prior."""

import streamlit as st

from ui.explore import latent_map as explore
from ui.explore import traverse as traverse_view
from ui.explore.strings import EXPLORE, TRAVERSE
from ui.shell import model_store, state

state.ensure_shell()
st.title(TRAVERSE["title"])
st.markdown(traverse_view.intro())

entry, ckpt = state.selected_checkpoint()
if ckpt is None:
    st.info(EXPLORE["no_model"])
    st.stop()
data, error = explore.test_data(ckpt)
if data is None:
    st.warning(error)  # zero and prior start points and prior samples still work

fp = model_store.fingerprint(ckpt)
z0, start_id = traverse_view.start_point(fp, ckpt, data)
z, order = traverse_view.sliders(fp, ckpt, z0, start_id, traverse_view.kl_per_dim(fp, ckpt, data))
k = traverse_view.grid(ckpt, z, order)
traverse_view.animation(fp, ckpt, z, order, k)
traverse_view.interpolation(ckpt, data, fp)
traverse_view.prior(ckpt)
