"""Applications: what a VAE is for, on the selected model (generation, denoising, completion,
compression, anomaly detection)."""

import streamlit as st

from ui.applications import view as apps
from ui.applications.strings import APPS
from ui.shell import guards, model_store, state

state.ensure_shell()
st.title(APPS["title"])
st.markdown(APPS["intro"])
apps.label_links()

# generation needs no data; the other uses say so in their tabs
entry, ckpt, data = guards.model_and_test_data(data_needed=False)

fp = model_store.fingerprint(ckpt)
generate, *needs_data = st.tabs(apps.tab_labels())
with generate:
    apps.generation(ckpt)
for tab, section in zip(needs_data, (apps.denoising, apps.completion, apps.compression,
                                     apps.anomaly)):
    with tab:
        if data is None:
            st.info(APPS["needs_data"])
        else:
            section(fp, ckpt, data)
