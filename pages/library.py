"""The model library: every model the app knows, save / download the selected one, upload."""

import streamlit as st

from ui import library, state, widgets
from ui.text import LIBRARY

state.ensure_shell()
st.title(LIBRARY["title"])
st.markdown(LIBRARY["intro"].format(folder=library.library_dir()))

entries, _ = state.model_entries()
if entries:
    widgets.library_table(entries)
else:
    st.info(LIBRARY["empty"])

entry, ckpt = state.selected_checkpoint()
if ckpt is not None:
    st.markdown(LIBRARY["selected"].format(name=entry.name))
    widgets.model_actions(entry, ckpt, key=entry.key)

st.divider()
widgets.upload_box()
