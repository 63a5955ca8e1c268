"""Train a VAE in the background and watch it learn."""

import streamlit as st

from ui.shell import datasets, links, picker, session_job, state
from ui.train import form as train_view
from ui.train import live as train_live
from ui.train import share as train_links
from ui.train.strings import TRAIN

state.ensure_shell()
st.title(TRAIN["title"])
st.markdown(TRAIN["intro"])

links.apply_link(train_links.PATH, train_links.settings_spec())  # a shared link: its settings
links.show_problems(train_links.PATH)
slot = session_job.job_slot()
running = slot.running()
settings = train_view.settings_form(disabled=running)  # a dataset not on disk: Download, progress
ready = datasets.ready(settings.dataset)
train_links.share_box(settings)
if st.button(TRAIN["start"], type="primary", icon=":material/play_arrow:",
             disabled=running or not ready, key="train_start") and train_view.try_start(settings):
    # a warm job steps within ~50 ms: waiting for it lets the rerun draw the first point, a
    # full poll (0.5 s) and a fragment run sooner
    slot.wait_for_first_step(train_view.FIRST_STEP_WAIT_S)
    st.rerun()  # redraw with the settings locked and the live panel polling
failure = train_view.start_failure(settings)
if failure is not None:
    kind, message = failure
    (st.warning if kind == "warning" else st.error)(message)
elif running:
    st.caption(TRAIN["queued_note" if slot.queue_position() else "running_note"])

# The last run's dashboard under a failed Start or a "not on this server" warning would read
# as their outcome: it comes back once the settings change to an available dataset, or a run
# starts.
if running or (ready and failure is None):
    train_live.live_panel()
    entry, ckpt = session_job.trained_model()
    if ckpt is not None:
        picker.model_actions(entry, ckpt, key=entry.key)
