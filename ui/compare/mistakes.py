"""The "Common mistakes in tutorials" tab of BCE vs MSE: eight mistakes, each with what it looks
like, why it is wrong and the correct form; the two the trainer can reproduce (the KL-sign and
the mean-reduction switches) start the Pitfalls tab's sweep with just that mistake in one click.

The sketches are written for this app (not taken from any tutorial) and are the same in both
languages; the words are in ``ui.compare.strings``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from ui.compare import sweeps as compare
from ui.compare.strings import MISTAKES
from ui.shell import state
from vae_core.sweeps import SweepSpec, pitfall_sweep

# mistake -> the pitfall sweep that reproduces it (the correct loss beside the mistake)
RUNS = {"kl_sign": ("correct", "kl_sign_bug"), "keras_mean": ("correct", "mean_reduction")}

# mistake -> (wrong, right); a sketch is ("python", code) or ("latex", formula)
SKETCHES: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "kl_sign": (
        ("python", "kl = 0.5 * torch.sum(1 + logvar - mu**2 - logvar.exp())\nloss = recon + kl"),
        ("python", "kl = -0.5 * torch.sum(1 + logvar - mu**2 - logvar.exp())\nloss = recon + kl"),
    ),
    "keras_mean": (
        ("python", "recon = keras.losses.binary_crossentropy(x, x_hat)\n"
                   "kl = -0.5 * tf.reduce_sum(1 + logvar - mu**2 - tf.exp(logvar), axis=-1)\n"
                   "loss = tf.reduce_mean(recon + kl)"),
        ("python", "recon = 784 * keras.losses.binary_crossentropy(x, x_hat)\n"
                   "kl = -0.5 * tf.reduce_sum(1 + logvar - mu**2 - tf.exp(logvar), axis=-1)\n"
                   "loss = tf.reduce_mean(recon + kl)"),
    ),
    "recon_sign": (
        ("latex", r"\mathcal{L} = \mathbb{E}_{q(z|x)}[\log p(x|z)] + \mathrm{KL}"),
        # broken over lines: a box at 800 px leaves a formula about 430 px
        ("latex", r"\begin{aligned}\mathcal{L} = -\mathrm{ELBO} &= -\mathbb{E}_{q(z|x)}"
                  r"[\log p(x|z)]\\ &\quad + \mathrm{KL}\big(q(z|x)\,\|\,p(z)\big)"
                  r"\end{aligned}"),
    ),
    "elbo_is_nll": (
        ("latex", r"\max \mathrm{ELBO} \;\Longleftrightarrow\; \max \log p(x)\ \ ?"),
        ("latex", r"\begin{aligned}\log p(x) &= \mathrm{ELBO}(x) + \mathrm{KL}\big(q(z|x)"
                  r"\,\|\,p(z|x)\big)\\ &\ge \mathrm{ELBO}(x)\end{aligned}"),
    ),
    "logvar": (
        ("python", "mu, logvar = encoder(x)\nz = mu + logvar.exp() * torch.randn_like(mu)"),
        ("python", "mu, logvar = encoder(x)\nz = mu + (0.5 * logvar).exp() * torch.randn_like(mu)"),
    ),
    "cross_entropy": (
        ("latex", r"-\sum_i x_i \log \hat x_i"),
        ("latex", r"-\sum_i \big[x_i \log \hat x_i + (1 - x_i)\log(1 - \hat x_i)\big]"),
    ),
    "beta_usual": (
        ("python", "loss = beta * (recon + kl)"),
        ("python", "loss = recon + beta * kl"),
    ),
    "match_prior": (
        ("latex", r"q(z|x) = p(z)\ \ \forall x \;\Rightarrow\; \mathrm{KL} = 0,\ "
                  r"I(x; z) = 0"),
        ("latex", r"\begin{gathered}q(z) = \tfrac{1}{N}\textstyle\sum_n q(z|x_n) \;\approx\;"
                  r" p(z),\\ \mathrm{KL}\big(q(z|x)\,\|\,p(z)\big) > 0\end{gathered}"),
    ),
}


def pitfall_spec(pitfalls: Sequence[str], epochs: int) -> Callable[[Any], SweepSpec]:
    """The Pitfalls tab's sweep for ``pitfalls`` on mnist-5k: one builder for its Start button
    and for this tab's one-click runs, so both train the same way."""
    dataset = compare.PITFALL_DATASET
    return lambda data: pitfall_sweep(
        tuple(pitfalls), model_cfg=compare.model_cfg_for(dataset, data.input_shape),
        data_cfg=state.data_config(dataset), train_cfg=compare.train_cfg(epochs))


def _sketch(sketch: tuple[str, str], caption: str) -> None:
    kind, text = sketch
    st.caption(caption)
    if kind == "latex":
        st.latex(text)
    else:
        st.code(text, language=kind)


def _run_button(name: str, epochs: int) -> None:
    current = compare.sweep("pitfall")
    running = current is not None and current.is_alive()
    clicked = st.button(MISTAKES["run"][name], key=f"mk_run_{name}", icon=":material/play_arrow:",
                        help=MISTAKES["run_help"], disabled=running)
    if clicked and compare.launch("pitfall", compare.PITFALL_DATASET,
                                  pitfall_spec(RUNS[name], epochs)):
        st.rerun()
    if current is not None:
        st.caption(MISTAKES["where"])


def mistakes_tab(*, epochs: int) -> None:
    """The eight mistakes; ``epochs`` is the Pitfalls tab's setting, used by the one-click runs."""
    st.markdown(MISTAKES["intro"])
    titles, why = MISTAKES["titles"], MISTAKES["why"]
    pixels = compare.PIXELS[compare.PITFALL_DATASET]
    for number, name in enumerate(SKETCHES, start=1):
        wrong, right = SKETCHES[name]
        with st.container(border=True):
            st.markdown(f"**{number}. {titles[name]}**")
            _sketch(wrong, MISTAKES["looks"])
            st.markdown(why[name].format(pixels=pixels))
            _sketch(right, MISTAKES["right"])
            if name in RUNS:
                _run_button(name, epochs)
            if name == "elbo_is_nll":
                st.page_link("pages/library.py", label=MISTAKES["see_iwae"],
                             icon=":material/calculate:")
