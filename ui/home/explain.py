"""The home page's live walk through one image: x -> (μ, σ) -> z = μ + σ⊙ε -> x̂."""

from __future__ import annotations

from typing import Any

import streamlit as st
import torch

from ui.explore import pointer as pointer_view
from ui.explore.strings import POINTER
from ui.home.strings import HOME
from ui.shell import datasets, figures, model_store, state
from ui.shell.model_store import ModelEntry
from vae_core.checkpoints import Checkpoint
from vae_core.models.base import VAE


@torch.no_grad()
def walk_through(model: VAE, x: torch.Tensor | None, *, seed: int) -> dict[str, Any]:
    """Encode one image (C, H, W) and decode one reparameterised draw.

    Without an image (dataset unavailable) μ = 0, σ = 1: a draw from the prior.
    """
    k = model.latent_dim
    if x is not None:
        mu, logvar = model.encode(x.unsqueeze(0))  # (C, H, W) -> (1, C, H, W) -> (1, K)
        mu, logvar = mu[0], logvar[0]
    else:
        mu, logvar = torch.zeros(k), torch.zeros(k)
    sigma = torch.exp(0.5 * logvar)
    eps = torch.randn(k, generator=torch.Generator().manual_seed(seed))
    z = mu + sigma * eps
    return {
        "mu": mu.numpy(), "sigma": sigma.numpy(), "eps": eps.numpy(), "z": z.numpy(),
        "decoded": model.decode(z.unsqueeze(0))[0], "decoded_mu": model.decode(mu.unsqueeze(0))[0],
    }


def _bump(field: str) -> None:
    example = state.example_state()
    example[field] += 1


def test_image(ckpt: Checkpoint, index: int) -> tuple[torch.Tensor | None, str | None]:
    """The ``index``-th test image (cycling) of the model's dataset, or (None, why not)."""
    data, problem = datasets.test_data(ckpt)
    if data is None:
        return None, problem
    # a spread of test images: step through them with a stride coprime to most set sizes
    return data.test_x[(index * 37) % data.n_test], None


def live_example(entry: ModelEntry, ckpt: Checkpoint) -> None:
    """Buttons, the input image, μ / σ / z bars and the decoded images: in the browser (ε is
    resampled there, and a drawn digit can replace the test image), else on the server."""
    example = state.example_state()
    fp = model_store.fingerprint(ckpt)
    in_browser = pointer_view.ready(fp, ckpt, encoder=True)
    buttons = st.container(horizontal=True)  # wraps instead of cutting labels at 800 px
    buttons.button(HOME["another"], on_click=_bump, args=("index",), icon=":material/shuffle:",
                   key="home_another")
    if not in_browser:
        buttons.button(HOME["resample"], on_click=_bump, args=("seed",),
                       icon=":material/casino:")
    x, error = test_image(ckpt, example["index"])
    if error:
        st.warning(f"{error} {HOME['prior_instead']}")
    result = walk_through(ckpt.model, x, seed=example["seed"])
    if in_browser:
        texts = {"input": HOME["input"], "resample": HOME["resample"],
                 "mu_sigma": HOME["mu_sigma"], "recon": HOME["decoded_mu"],
                 "sample": HOME["decoded"] if x is not None else HOME["prior_sample"],
                 "loading": POINTER["loading"]}
        pointer_view.walk_through(f"home_walk_{fp}", fp, x, result, example["seed"], texts)
        pointer_view.draw_digit(f"home_draw_{fp}", fp, ckpt, on_map=False)
        return
    c1, c2, c3 = st.columns([1, 3, 1])
    with c1:
        if x is not None:
            st.image(figures.single_image(x), caption=HOME["input"])
    with c2:
        st.markdown(f"**{HOME['mu_sigma']}**")
        st.plotly_chart(figures.latent_bars(result["mu"], result["sigma"], result["z"]),
                        key="home_latent")
        st.latex(r"\varepsilon = (" + ", ".join(f"{v:.2f}" for v in result["eps"][:8])
                 + (r", \dots" if len(result["eps"]) > 8 else "") + ")")
    with c3:
        caption = HOME["decoded"] if x is not None else HOME["prior_sample"]
        st.image(figures.single_image(result["decoded"]), caption=caption)
        if x is not None:
            st.image(figures.single_image(result["decoded_mu"]), caption=HOME["decoded_mu"])


def glossary() -> None:
    """The English ⇄ 中文 glossary (``ui/shell/glossary.py``) in a collapsed expander."""
    from ui.home.strings import GLOSSARY
    from ui.shell.glossary import GLOSSARY as TERMS
    from ui.shell.i18n import current_language

    cols = GLOSSARY["columns"]
    zh = current_language() == "zh"
    rows = [{cols["en"]: t.en, cols["zh"]: t.zh, cols["variants"]: "、".join(t.variants),
             cols["note"]: t.note_zh if zh else t.note_en} for t in TERMS]
    with st.expander(GLOSSARY["title"], icon=":material/translate:"):
        st.caption(GLOSSARY["intro"])
        st.dataframe(rows, hide_index=True)
