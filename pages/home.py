"""What is a VAE? The ELBO, the encoder → z → decoder path, and one image run live."""

import streamlit as st

from ui.home import explain
from ui.home.strings import HOME
from ui.shell import figures, session_job, state
from ui.shell.job_progress import progress_bar
from ui.shell.jobs import QueueFull
from ui.train import form as train_view

state.ensure_shell()
st.title(HOME["title"])
st.markdown(HOME["intro"])
# the loss, not "−ELBO_β": the two agree only at β = 1
# two lines each: at 1024 px (a projector) the column is about 560 px wide
st.latex(r"\begin{aligned}\mathcal{L}_\beta(x) &= \underbrace{\mathbb{E}_{q(z|x)}"
         rf"\big[-\log p(x|z)\big]}}_{{\text{{{HOME['term_recon']}}}}}\\ &\quad + \beta\,"
         r"\underbrace{\mathrm{KL}\big(q(z|x)\,\|\,p(z)\big)}"
         rf"_{{\text{{{HOME['term_reg']}}}}}\end{{aligned}}")
st.caption(HOME["elbo_caption"])
st.latex(r"\begin{gathered}\mathrm{KL}_k = -\tfrac{1}{2}\left(1 + \log\sigma_k^2 - \mu_k^2"
         r" - \sigma_k^2\right),\\ z = \mu + \sigma \odot \varepsilon,\quad"
         r" \varepsilon \sim \mathcal{N}(0, I)\end{gathered}")
st.caption(HOME["kl_caption"])

st.subheader(HOME["diagram_title"])
st.graphviz_chart(figures.vae_diagram())

st.subheader(HOME["live_title"])
entry, ckpt = state.selected_checkpoint()
if ckpt is None:
    st.info(HOME["no_model"])
    progress_bar(where="home")
    if st.button(HOME["quick_train"], type="primary", help=HOME["quick_help"],
                 icon=":material/bolt:", disabled=session_job.job_slot().running()):
        try:
            train_view.start(train_view.Settings(), name="quick MNIST")
        except QueueFull as full:
            st.warning(HOME["busy"].format(running=full.running, limit=full.limit,
                                           queued=full.queued))
        else:
            st.rerun()
    st.page_link("pages/train.py", label=HOME["or_train"], icon=":material/arrow_forward:")
else:
    explain.live_example(entry, ckpt)

st.subheader(HOME["try_title"])
for page_file, what, icon in (("pages/train.py", "try_train", ":material/model_training:"),
                              ("pages/train.py", "try_beta", ":material/tune:"),
                              ("pages/library.py", "try_library", ":material/inventory_2:")):
    st.page_link(page_file, label=HOME[f"{what}_link"], icon=icon)
    st.caption(HOME[what])
explain.glossary()
