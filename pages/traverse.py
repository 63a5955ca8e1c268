"""Traverse: one slider per latent dim, traversal grid, animated traversal with a GIF,
interpolation between two test images and samples from the prior."""

import streamlit as st

from ui.explore import traverse as traverse_view
from ui.explore.strings import TRAVERSE
from ui.shell import guards, model_store, state

state.ensure_shell()
st.title(TRAVERSE["title"])
st.markdown(traverse_view.intro())

# zero and prior start points and prior samples work without the test images
entry, ckpt, data = guards.model_and_test_data(data_needed=False)

fp = model_store.fingerprint(ckpt)
z0, start_id = traverse_view.start_point(fp, ckpt, data)
z, order = traverse_view.sliders(fp, ckpt, z0, start_id, traverse_view.kl_per_dim(fp, ckpt, data))
k = traverse_view.grid(ckpt, z, order)
traverse_view.animation(fp, ckpt, z, order, k)
traverse_view.interpolation(ckpt, data, fp)
traverse_view.prior(ckpt)
