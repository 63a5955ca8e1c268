"""The Models page: the library of every model (load, save, rename, delete, download, upload),
evaluation on the test set with a comparison table, and anomaly detection by −ELBO."""

import streamlit as st

from ui.library import view as models_view
from ui.library.strings import MODELS
from ui.shell import datasets, picker, state
from ui.shell.strings import LIBRARY, TEST_DATA

state.ensure_shell()
st.title(MODELS["title"])
st.markdown(MODELS["intro"])

# conditional models are left out of the sidebar (every other page decodes without a label),
# but the library lists and manages them like any other
entries = state.model_entries()[0] + state.model_entries(conditional=True)[0]
entry, ckpt = state.selected_checkpoint()
tab_library, tab_eval, tab_anomaly = st.tabs(
    [MODELS["tab_library"], MODELS["tab_evaluate"], MODELS["tab_anomaly"]])

with tab_library:
    models_view.show_flash()
    if entries:
        # headers only: a model's weights are loaded when it is used, not to list it
        fps = {e.key: fp for e in entries if (fp := state.known_fingerprint(e)) is not None}
        models_view.library_table(entries, fps)
        models_view.manage(entries)
    else:
        st.info(LIBRARY["empty"])
    st.divider()
    picker.upload_box()
    st.caption(models_view.limits_text())

data, error = datasets.test_data(ckpt) if ckpt is not None else (None, None)
with tab_eval:
    if ckpt is None:
        st.info(TEST_DATA["no_model"])
    elif data is None:
        models_view.show_data_error(ckpt, error)
    else:
        k, n = models_view.evaluate_section(entry, ckpt, data)
        models_view.compare_section(entries, k, n)

with tab_anomaly:
    if ckpt is None:
        st.info(TEST_DATA["no_model"])
    elif data is None:
        models_view.show_data_error(ckpt, error)
    else:
        models_view.anomaly_section(entry, ckpt, data)
