"""The sections that decode in the browser (``ui.explore.latent``): the latent plane of the
latent map, the live traversal sliders, the path scrubber, draw-a-digit and the home page's
walk-through. Each section sends its model's weights once (``latent.weights``); where the JS
cannot run a layer, ``ready`` says so and the caller keeps its server-side view.

Session state here: per model, the z of the last click on the plane (a possible base point).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import streamlit as st
import torch

from ui.explore import latent
from ui.explore import latent_map as explore
from ui.explore.figures import MAX_ELLIPSES
from ui.explore.strings import MAP, POINTER
from ui.shell import datasets, figures, model_store, presentation
from ui.shell.model_store import ModelEntry
from vae_core.analysis.aggregate import ellipse_outlines, posterior_ellipses
from vae_core.analysis.embeddings import project
from vae_core.checkpoints import Checkpoint
from vae_core.data import DataBundle, is_sequence_shape

K_CLICKS = "_vl_plane_clicks"  # fingerprint -> z (list) of the last click on the plane
PLANE_THUMBS = 2000            # the nearest-image thumbnails sent with the plane (n × C×H×W bytes)
PX = figures.SINGLE_PX


def ready(fp: str, ckpt: Checkpoint, *, encoder: bool = False) -> bool:
    """Mount the weights; False (with a visible note) if this model must decode on the server."""
    if latent.weights(fp, ckpt.model, encoder=encoder):
        return True
    st.info(POINTER["fallback"].format(layer=latent.unsupported_layer(fp, ckpt.model)),
            icon=":material/dns:")
    return False


def _texts(*keys: str) -> dict[str, str]:
    return {key: POINTER[key] for key in keys}


# -- the latent plane ------------------------------------------------------------------------
def _base_point(fp: str, k: int, view_picks: list[int], mu: np.ndarray,
                index: np.ndarray) -> np.ndarray:
    """For raw axes with K > 2: the radio choosing where the other dims are held."""
    labels = POINTER["base_labels"]
    mode = st.radio(POINTER["base"].format(rest=k - 2), ("zero", "image", "click"),
                    format_func=labels.__getitem__, key=f"plane_base_{fp}", horizontal=True)
    if mode == "image" and view_picks:
        rows = np.flatnonzero(index == view_picks[-1])
        if rows.size:
            return mu[rows[0]]
    clicked = st.session_state.get(K_CLICKS, {}).get(fp)
    if mode == "click" and clicked is not None:
        return np.asarray(clicked, dtype=np.float64)
    if mode != "zero":
        st.caption(POINTER["base_none"])
    return np.zeros(k)


def _affine(projection: Any, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(origin, wx, wy) with z = origin + p₁·wx + p₂·wy, read off the inverse transform."""
    corners = projection.inverse_transform(np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]]))
    origin = corners[0]
    return origin, corners[1] - origin, corners[2] - origin


def _selected_outline(mu: np.ndarray, logvar: np.ndarray, origin: np.ndarray,
                      w: np.ndarray) -> list[list[float]]:
    """The picked image's 1-σ ellipse of q(z|x) in plane coordinates: the posterior's diagonal
    covariance pushed through the plane's least-squares projection P = (WᵀW)⁻¹Wᵀ."""
    p = np.linalg.pinv(w)                            # (2, K)
    centre = p @ (mu - origin)                       # (2,)
    cov = p @ np.diag(np.exp(logvar)) @ p.T          # (2, 2)
    lower = np.linalg.cholesky(cov + 1e-12 * np.eye(2))
    theta = np.linspace(0, 2 * np.pi, 49)
    ring = centre[:, None] + lower @ np.stack([np.cos(theta), np.sin(theta)])  # (2, 49)
    return ring.T.round(4).tolist()


@st.cache_data(max_entries=8, show_spinner=False)
def _thumbs(fp: str, n: int, _x: torch.Tensor, _index: np.ndarray) -> np.ndarray:
    images = _x[torch.from_numpy(_index[:n])].clamp(0, 1)
    return (images.flatten(1).numpy() * 255).round().astype(np.uint8)  # (n, C, H, W) -> (n, CHW)


def latent_plane(entry: ModelEntry, ckpt: Checkpoint, data: DataBundle, s: Any) -> explore.MapView:
    """The plane for raw axes or PCA; a click picks the nearest test image (if it is on a dot)
    or becomes the decode box's location, in one rerun."""
    fp = model_store.fingerprint(ckpt)
    index, mu, logvar = explore.encoded(fp, ckpt, data, s.n)
    k, now = mu.shape[1], explore.picks(fp)
    st.subheader(POINTER["plane_title"])
    st.markdown(POINTER["plane_intro"])
    # the pointer starts at the plane's centre, whose decoded image is often a blur: say why
    st.caption(POINTER["centre_pca" if s.projection == "pca" else "centre_raw"])
    if s.projection == "pca":
        coords, info = project("pca", mu)
        ev = info["explained_variance_ratio"]
        st.caption(POINTER["pca_plane"] + " " + MAP["pca_variance"].format(
            pc1=ev[0], pc2=ev[1], total=sum(ev)))
        axes = ["PC 1", "PC 2"]
    else:
        base = _base_point(fp, k, now, mu, index) if k > 2 else np.zeros(k)
        coords, info = project("raw", mu, dims=s.dims, base=base)
        axes = [f"z{s.dims[0] + 1}", f"z{s.dims[1] + 1}"]
    origin, wx, wy = _affine(info["projection"], k)
    reach = float(max(3.0, np.abs(coords).max() * 1.05))
    if s.color < 0:
        labels, names = data.test_y.numpy()[index], datasets.class_names(data)
    else:
        labels = data.test_factors[:, s.color].numpy()[index]
        names = [f"{data.factor_names[s.color]} {v}" for v in range(int(labels.max()) + 1)]
    n = min(len(index), PLANE_THUMBS)
    if n < len(index):  # the thumbnails travel with the plane: 784 bytes a point
        st.caption(POINTER["plane_capped"].format(n=n, total=len(index)))
    selected = None
    if now:
        rows = np.flatnonzero(index == now[-1])
        if rows.size:
            selected = {"index": now[-1], "outline": _selected_outline(
                mu[rows[0]], logvar[rows[0]], origin, np.stack([wx, wy], axis=1))}
    if s.ellipses and s.projection == "raw":  # every point's 1-σ ellipse and the prior's rings
        d = list(s.dims)
        arrays_extra = {"ellipses": ellipse_outlines(posterior_ellipses(
            mu[:MAX_ELLIPSES, d], logvar[:MAX_ELLIPSES, d])).astype(np.float32)}
    else:
        arrays_extra = {}
    header = {"px": presentation.image_px(PX), "extent": [-reach, reach, -reach, reach],
              "axes": axes,
              "rings": bool(arrays_extra),
              "origin": origin.tolist(), "wx": wx.tolist(), "wy": wy.tolist(),
              "classes": names, "colours": list(figures.PALETTE), "selected": selected,
              "texts": {"decoded": POINTER["decoded_here"], "nearest": POINTER["nearest"],
                        "hint": POINTER["plane_hint"], "aria": POINTER["plane_aria"],
                        "loading": POINTER["loading"]}}
    arrays = {"points": coords[:n].astype(np.float32), "labels": labels[:n].astype(np.uint8),
              "index": index[:n].astype(np.int32), "thumbs": _thumbs(fp, n, data.test_x, index),
              **arrays_extra}
    latent.plane(f"plane_{fp}_{s.projection}_{s.dims}", fp, header, arrays,
                 on_click=lambda click: _take_click(fp, click))
    info["affine"] = (origin, wx, wy)
    return explore.MapView(fp, index, mu, logvar, info, now)


def _take_click(fp: str, click: dict) -> None:
    """A click on a dot picks its image; anywhere, its spot goes to the decode box."""
    st.session_state.setdefault(K_CLICKS, {})[fp] = click["z"]
    if click.get("index") is not None:
        explore.add_pick(fp, int(click["index"]))
    x, y = (float(np.clip(v, -6.0, 6.0)) for v in click["p"])
    st.session_state["map_decode_x"], st.session_state["map_decode_y"] = round(x, 2), round(y, 2)


# -- sliders, scrubber, drawing, walk-through ------------------------------------------------
def live_sliders(key: str, fp: str, z0: np.ndarray, order: list[int], labels: list[str],
                 bounds: tuple[float, float, float]) -> np.ndarray:
    """Sliders that decode while dragged; returns the z they were last released at."""
    st.caption(POINTER["sliders_note"])
    lo, hi, step = bounds
    header = {"start": np.clip(z0, lo, hi).tolist(), "order": order, "labels": labels,
              "min": lo, "max": hi, "step": step, "px": presentation.image_px(224),
              "texts": {"decoded": POINTER["decoded_live"], "loading": POINTER["loading"]}}
    released = latent.sliders(key, fp, header)
    if released is not None and len(released) == len(z0):
        return np.asarray(released, dtype=np.float64)
    return np.clip(z0, lo, hi)


def scrub(key: str, fp: str, mu_a: np.ndarray, mu_b: np.ndarray) -> None:
    st.markdown(f"**{POINTER['scrub_title']}**")
    st.caption(POINTER["scrub_caption"])
    header = {"a": mu_a.tolist(), "b": mu_b.tolist(), "px": presentation.image_px(PX),
              "texts": _texts("t", "play", "pause", "at", "lerp", "slerp", "loading")}
    latent.interp(key, fp, header)


def scrubber(fp: str) -> Callable[[str, np.ndarray, np.ndarray], None]:
    """``scrub`` for this model, as ``explore.picked_points`` takes it."""
    return lambda key, mu_a, mu_b: scrub(key, fp, mu_a, mu_b)


def draw_digit(key: str, fp: str, ckpt: Checkpoint, *, on_map: bool) -> None:
    c, h, w = ckpt.model.cfg.input_shape
    if is_sequence_shape((c, h, w)):  # a brush on a 1×256 canvas draws nothing a learner can
        return
    st.subheader(POINTER["draw_title"])
    st.markdown(POINTER["draw_intro"].format(h=h, w=w)
                + (" " + POINTER["draw_on_map"] if on_map else ""))
    header = {"px": presentation.image_px(PX),
              "texts": {**_texts("clear", "encoded", "resample", "mu_sigma", "sample",
                                 "recon", "loading"),
                        "hint": POINTER["draw_hint"]}}
    latent.draw(key, fp, header)


def walk_through(key: str, fp: str, x: torch.Tensor | None, result: dict, seed: int,
                 texts: dict[str, str]) -> None:
    """The home page's x → (μ, σ) → z → x̂, with ε resampled in the page."""
    header = {"px": presentation.image_px(PX), "mu": result["mu"].tolist(),
              "sigma": result["sigma"].tolist(),
              "eps": result["eps"].tolist(), "seed": seed, "texts": texts,
              "x": x.flatten().tolist() if x is not None else None}
    latent.example(key, fp, header)
