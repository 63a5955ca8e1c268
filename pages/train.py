"""Train a VAE in the background and watch it learn."""

import streamlit as st

from ui import state, train_view, widgets
from ui.jobs import QueueFull
from ui.text import TRAIN
from vae_core.data import DatasetUnavailable

state.ensure_shell()
st.title(TRAIN["title"])
st.markdown(TRAIN["intro"])

slot = state.job_slot()
running = slot.running()
settings = train_view.settings_form(disabled=running)
if st.button(TRAIN["start"], type="primary", icon=":material/play_arrow:", disabled=running,
             key="train_start"):
    try:
        train_view.start(settings)
    except QueueFull as full:
        st.warning(TRAIN["busy"].format(running=full.running, limit=full.limit,
                                        queued=full.queued))
    except DatasetUnavailable as exc:
        st.error(TRAIN["data_error"].format(error=exc))
    except ValueError as exc:  # a config field out of range, named in the message
        st.error(TRAIN["bad_config"].format(error=exc))
    else:
        st.rerun()  # redraw with the settings locked and the live panel polling
if running:
    st.caption(TRAIN["queued_note" if slot.queue_position() else "running_note"])

train_view.live_panel()

entry, ckpt = state.trained_model()
if ckpt is not None:
    widgets.model_actions(entry, ckpt, key=entry.key)
