"""Latent map: the test set's posterior means in 2-D (raw axes, PCA or t-SNE); click points to
see them decoded and interpolated; the decoded plane and the aggregate posterior."""

import streamlit as st

from ui import explore, state
from ui.text_explore import EXPLORE, MAP

state.ensure_shell()
st.title(MAP["title"])
st.markdown(MAP["intro"])

entry, ckpt = state.selected_checkpoint()
if ckpt is None:
    st.info(EXPLORE["no_model"])
    st.stop()
data, error = explore.test_data(ckpt)
if data is None:
    st.error(error)
    st.stop()

settings = explore.map_settings(entry, ckpt, data)
view = explore.latent_map(entry, ckpt, data, settings)
if view is None:
    st.stop()
explore.picked_points(ckpt, data, view)
explore.decode_location(ckpt, view)
explore.manifold(ckpt)
explore.aggregate(view)
