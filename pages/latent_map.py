"""Latent map: the test set's posterior means in 2-D (raw axes, PCA or t-SNE). On raw axes and
PCA the plane decodes under the pointer in the browser; t-SNE (no inverse) and models the JS
cannot run keep the clickable Plotly map. Then the picked points, draw-a-digit, the decode box,
the decoded plane and the aggregate posterior."""

import streamlit as st

from ui.explore import latent_map as explore
from ui.explore import pointer as pointer_view
from ui.explore.strings import MAP
from ui.shell import guards, model_store, state

state.ensure_shell()
st.title(MAP["title"])
st.markdown(MAP["intro"])

entry, ckpt, data = guards.model_and_test_data(data_needed=True)

explore.two_d_offer(entry, ckpt.model.latent_dim, [e.key for e in state.model_entries()[0]])
settings = explore.map_settings(entry, ckpt, data)
fp = model_store.fingerprint(ckpt)
in_browser = (settings.projection != "tsne" and ckpt.model.latent_dim >= 2
              and pointer_view.ready(fp, ckpt, encoder=True))
if in_browser:
    view = pointer_view.latent_plane(entry, ckpt, data, settings)
else:
    view = explore.latent_map(entry, ckpt, data, settings)
if view is None:
    st.stop()
explore.picked_points(ckpt, data, view, pointer_view.scrubber(fp) if in_browser else None)
if in_browser:
    pointer_view.draw_digit(f"map_draw_{fp}", fp, ckpt, on_map=True)
explore.decode_location(ckpt, view)
explore.manifold(ckpt)
explore.aggregate(view)
