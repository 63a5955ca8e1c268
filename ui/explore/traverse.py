"""The traverse page's sections: the start point, one slider per latent dim (sorted by KL), the
traversal grid, the animated traversal with its GIF, interpolation and prior samples.

Session state here: per model, the prior-sample seed and a reset counter (bumping it gives the
sliders new keys, so they return to the start point).
"""

from __future__ import annotations

import numpy as np
import streamlit as st
import torch

from ui.explore import figures as explore_figures
from ui.explore import latent
from ui.explore import pointer as pointer_view
from ui.explore.strings import TRAVERSE
from ui.shell import downloads, figures
from vae_core.analysis.encode import encode
from vae_core.analysis.gif import frames_to_gif
from vae_core.analysis.traversal import (
    decode_point,
    interpolate,
    order_dims_by_kl,
    prior_samples,
    sample_prior,
    traversal_grid,
    traversal_values,
)
from vae_core.checkpoints import Checkpoint
from vae_core.data import DataBundle, is_sequence_shape
from vae_core.models.base import VAE

K_TRAVERSE = "_vl_traverse"   # fingerprint -> {"seed": int, "reset": int}
SLIDER_MIN, SLIDER_MAX, SLIDER_STEP = -4.0, 4.0, 0.05
ANIM_FRAMES = 21
GIF_PX = 128


def _memory(fp: str) -> dict:
    return st.session_state.setdefault(K_TRAVERSE, {}).setdefault(fp, {"seed": 0, "reset": 0})


@st.cache_data(max_entries=16, show_spinner=False)
def _dim_stats(fp: str, _model: VAE, _x: torch.Tensor) -> np.ndarray:
    mu, logvar = encode(_model, _x)
    # KL(N(μ, σ²) || N(0, 1)) per dim = −½(1 + log σ² − μ² − σ²) (Kingma & Welling, App. B)
    kl = (-0.5 * (1 + logvar - mu ** 2 - logvar.exp())).mean(0)
    mu_var = mu.var(dim=0, unbiased=True) if mu.shape[0] > 1 else torch.zeros_like(kl)
    return torch.stack([kl, mu_var]).numpy()


def kl_per_dim(fp: str, ckpt: Checkpoint, data: DataBundle) -> np.ndarray | None:
    """(2, K): the mean KL per dim over the test set and Cov_x(μ) per dim, the active-unit
    measure (from the checkpoint's summary without data, NaN where it was not saved)."""
    if data is not None:
        return _dim_stats(fp, ckpt.model, data.test_x)
    saved = ckpt.summary.get("kl_per_dim")
    if saved is not None and len(saved) == ckpt.model.latent_dim:
        var = ckpt.summary.get("mu_var_per_dim") or [float("nan")] * len(saved)
        return np.asarray([saved, var], dtype=np.float64)
    return None


def start_point(fp: str, ckpt: Checkpoint, data: DataBundle) -> tuple[torch.Tensor, str]:
    """The radio for the start point and its controls: (z0 (K,), an id of this start)."""
    k = ckpt.model.latent_dim
    modes = ("zero", "prior", "image") if data is not None else ("zero", "prior")
    mem = _memory(fp)
    c1, c2 = st.columns([2, 3], vertical_alignment="bottom")
    start_labels = TRAVERSE["start_labels"]  # a plain dict: format_func may run after the run
    mode = c1.radio(TRAVERSE["start"], modes, format_func=start_labels.__getitem__,
                    key="trav_start", horizontal=True)
    if mode == "prior":
        if c2.button(TRAVERSE["resample"], key="trav_resample", icon=":material/casino:"):
            mem["seed"] += 1
        c2.caption(TRAVERSE["seed_note"].format(seed=mem["seed"]))
        return sample_prior(k, 1, seed=mem["seed"])[0], f"prior{mem['seed']}"
    if mode == "image":
        i = int(c2.number_input(TRAVERSE["image_index"], 0, data.test_x.shape[0] - 1, 0,
                                key="trav_image"))
        mu, _ = encode(ckpt.model, data.test_x[i:i + 1])
        return mu[0], f"image{i}"
    return torch.zeros(k), "zero"


def sliders(fp: str, ckpt: Checkpoint, z0: torch.Tensor, start_id: str,
            stats: np.ndarray | None) -> tuple[torch.Tensor, list[int]]:
    """One slider per dim, highest KL first, next to the decoded image; returns (z, order)."""
    k = ckpt.model.latent_dim
    kl = None if stats is None else stats[0]
    if stats is None:
        order, collapsed = list(range(k)), [False] * k
        st.caption(TRAVERSE["kl_unknown"])
    else:
        var = None if np.isnan(stats[1]).any() else stats[1]
        dim_order = order_dims_by_kl(kl, var)
        order, collapsed = dim_order.order.tolist(), dim_order.collapsed.tolist()
    mem = _memory(fp)
    labels = [TRAVERSE["slider_collapsed" if collapsed[d] else "slider_label"].format(
        dim=d + 1, kl=float(kl[d]) if kl is not None else float("nan")) for d in order]
    if pointer_view.ready(fp, ckpt):
        st.markdown(f"**{TRAVERSE['sliders']}**")
        z = pointer_view.live_sliders(f"trav_live_{fp}_{start_id}_{mem['reset']}", fp,
                                      z0.double().numpy(), order, labels,
                                      (SLIDER_MIN, SLIDER_MAX, SLIDER_STEP))
        if st.button(TRAVERSE["reset"], key="trav_reset", icon=":material/restart_alt:"):
            mem["reset"] += 1
            st.rerun()
        return torch.from_numpy(z).float(), order
    left, right = st.columns([3, 2])
    z = z0.clone().float()
    with left:
        st.markdown(f"**{TRAVERSE['sliders']}**")
        cols = st.columns(2)
        for rank, (d, label) in enumerate(zip(order, labels)):
            start = float(np.clip(round(float(z0[d]) / SLIDER_STEP) * SLIDER_STEP,
                                  SLIDER_MIN, SLIDER_MAX))
            z[d] = cols[rank % 2].slider(label, SLIDER_MIN, SLIDER_MAX, start, SLIDER_STEP,
                                         key=f"trav_{fp}_{start_id}_{mem['reset']}_{d}")
    with right:
        st.image(figures.single_image(decode_point(ckpt.model, z), px=224),
                 caption=TRAVERSE["decoded"], output_format="PNG")
        if st.button(TRAVERSE["reset"], key="trav_reset", icon=":material/restart_alt:"):
            mem["reset"] += 1
            st.rerun()
    return z, order


def grid(ckpt: Checkpoint, z: torch.Tensor, order: list[int]) -> float:
    """Rows = dims (KL order), columns −k..+k σ around z; returns k."""
    st.subheader(TRAVERSE["grid_title"])
    c1, c2 = st.columns(2)
    k = c1.slider(TRAVERSE["k"], 0.5, 4.0, 2.5, 0.5, key="trav_k")
    n = c2.slider(TRAVERSE["steps"], 5, 15, 9, 2, key="trav_steps")
    images = traversal_grid(ckpt.model, z, order, k=k, n=n)  # (D, n, C, H, W)
    rows = ", ".join(f"z{d + 1}" for d in order)
    if is_sequence_shape(images.shape[2:]):
        values = traversal_values(z, order, k=k, n=n).numpy()  # (D, n)
        # (D, n, 1, 1, L) -> (D, n, L)
        waves = images.reshape(*images.shape[:2], -1).numpy()
        st.plotly_chart(explore_figures.traversal_waves(waves, values, order),
                        key="trav_waves", width="stretch")
        st.caption(TRAVERSE["wave_caption"].format(rows=rows, k=k))
        return k
    flat = images.reshape(-1, *images.shape[2:])  # (D, n, C, H, W) -> (D*n, C, H, W)
    downloads.grid(figures.image_grid(flat, nrow=n),
                   TRAVERSE["grid_caption"].format(rows=rows, k=k), key="trav_grid")
    return k


def animation(fp: str, ckpt: Checkpoint, z: torch.Tensor, order: list[int], k: float) -> None:
    """Plotly frames that scrub in the browser, and the same frames as a GIF."""
    st.subheader(TRAVERSE["anim_title"])
    dim = st.selectbox(TRAVERSE["anim_dim"], order, format_func=lambda d: f"z{d + 1}",
                       key=f"trav_anim_dim_{fp}")
    frames = traversal_grid(ckpt.model, z, [dim], k=k, n=ANIM_FRAMES)[0]  # (n, C, H, W)
    values = traversal_values(z, [dim], k=k, n=ANIM_FRAMES)[0].tolist()
    pictures = [figures.single_image(f, px=GIF_PX * 2) for f in frames]
    c1, c2 = st.columns([3, 2])
    c1.plotly_chart(explore_figures.traversal_animation(pictures, values, dim), key="trav_anim",
                    width="stretch")
    c2.caption(TRAVERSE["anim_caption"])
    scale = max(1, GIF_PX // frames.shape[-1])
    loop = torch.cat([frames, frames.flip(0)[1:-1]])  # there and back: a seamless loop
    c2.download_button(TRAVERSE["gif"], frames_to_gif(loop, scale=scale),
                       file_name=f"traversal-z{dim + 1}.gif", mime="image/gif",
                       key="trav_gif", icon=":material/download:", on_click="ignore")


def interpolation(ckpt: Checkpoint, data: DataBundle, fp: str) -> None:
    st.subheader(TRAVERSE["interp_title"])
    if data is None:
        st.info(TRAVERSE["no_data_interp"])
        return
    last = data.test_x.shape[0] - 1
    c1, c2, c3 = st.columns(3)
    a = int(c1.number_input(TRAVERSE["from"], 0, last, 0, key="trav_from"))
    b = int(c2.number_input(TRAVERSE["to"], 0, last, min(1, last), key="trav_to"))
    n = c3.slider(TRAVERSE["interp_steps"], 3, 20, 10, key="trav_interp_n")
    scale = max(1, GIF_PX // data.test_x.shape[-1])
    if latent.unsupported_layer(fp, ckpt.model) is None:  # the sliders sent the weights
        ends = encode(ckpt.model, data.test_x[[a, b]])[0].numpy()
        pointer_view.scrub(f"trav_scrub_{fp}_{a}_{b}", fp, ends[0], ends[1])
    for method in ("lerp", "slerp"):
        path = interpolate(ckpt.model, data.test_x[a], data.test_x[b], n, method)
        # the strip takes the whole width (ten 28×28 steps need 860 px at 84 px each)
        picture, buttons = st.container(), st.container(horizontal=True)  # PNG beside GIF
        downloads.grid(figures.image_grid(path, nrow=n), TRAVERSE[method], key=f"trav_{method}",
                       where=picture, buttons=buttons)
        buttons.download_button(TRAVERSE[f"gif_{method}"], frames_to_gif(path, scale=scale),
                                file_name=f"interpolation-{a}-{b}-{method}.gif",
                                mime="image/gif", key=f"trav_gif_{method}",
                                icon=":material/download:", on_click="ignore")


def prior(ckpt: Checkpoint) -> None:
    st.subheader(TRAVERSE["prior_title"])
    c1, c2 = st.columns([3, 1])
    t = c1.slider(TRAVERSE["temperature"], 0.0, 2.0, 1.0, 0.1, key="trav_temperature")
    seed = int(c2.number_input(TRAVERSE["prior_seed"], 0, 10_000, 0, key="trav_prior_seed"))
    images = prior_samples(ckpt.model, 16, temperature=t, seed=seed)
    downloads.grid(figures.image_grid(images, nrow=8), TRAVERSE["prior_caption"],
                   key="trav_prior")


def intro() -> str:
    return TRAVERSE["intro"]
