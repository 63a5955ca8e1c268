"""The latent map page's glue: caches (encoded subsets, t-SNE), the clicked points' memory, and
the sections the page draws. The traverse page's sections live in ``ui.explore.traverse``.

The only session state here: per model, the last two clicked test indices (and, per chart, the
selection last seen, so a rerun that returns the same selection adds nothing).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import streamlit as st
import torch

from ui.explore import figures as explore_figures
from ui.explore.strings import MAP
from ui.shell import datasets, downloads, figures, i18n, model_store, state
from ui.shell.config_words import error_words
from ui.shell.inert import inert
from ui.shell.model_store import ModelEntry
from vae_core.analysis.aggregate import (
    aggregate_posterior_histograms,
    ellipse_outlines,
    posterior_ellipses,
)
from vae_core.analysis.embeddings import project
from vae_core.analysis.encode import encode
from vae_core.analysis.traversal import (
    decode_point,
    interpolate,
    manifold_grid,
    order_dims_by_kl,
)
from vae_core.checkpoints import Checkpoint
from vae_core.data import DataBundle
from vae_core.models.base import VAE

K_PICKS = "_vl_explore_picks"   # fingerprint -> [test index, ...] (the last two clicked)
K_SEEN = "_vl_explore_seen"     # chart key -> tuple of the selection's indices last seen
SUBSET_CAP = 5000
SUBSET_DEFAULT = 1000
SUBSET_SEED = 0
INTERP_STEPS = 10
IMAGE_PX = figures.SINGLE_PX
TWO_D_MODEL = "mnist-z2-bce"     # the zoo's 2-D model, offered above the map of a larger one
MU_SIGMA_PX = 380               # the μ ± σ bars beside the clicked image (a wrapping row)


# -- model, data and caches ------------------------------------------------------------------
def subset_index(total: int, n: int) -> np.ndarray:
    """The first n of one fixed permutation: a bigger subset contains every smaller one."""
    return np.random.default_rng(SUBSET_SEED).permutation(total)[:n]


@st.cache_data(max_entries=16, show_spinner=False)
def _encode_subset(fp: str, n: int, _model: VAE, _x: torch.Tensor) -> tuple[np.ndarray, ...]:
    index = subset_index(_x.shape[0], n)
    mu, logvar = encode(_model, _x[torch.from_numpy(index)])
    return index, mu.numpy().astype(np.float64), logvar.numpy().astype(np.float64)


def encoded(fp: str, ckpt: Checkpoint, data: DataBundle, n: int) -> tuple[np.ndarray, ...]:
    """(index (n,), μ (n, K), log σ² (n, K)) of a fixed random test subset, cached per model."""
    return _encode_subset(fp, n, ckpt.model, data.test_x)


@st.cache_data(max_entries=16, show_spinner=False)
def _tsne(fp: str, n: int, perplexity: float, n_iter: int,
          _mu: np.ndarray) -> tuple[np.ndarray, dict]:
    coords, info = project("tsne", _mu, perplexity=perplexity, n_iter=n_iter, n_jobs=1, seed=0)
    info.pop("projection")  # not picklable reliably, and t-SNE has no inverse anyway
    return coords, info


# -- clicked points --------------------------------------------------------------------------
def _selected_indices(event: Any) -> tuple[int, ...]:
    try:
        points = event["selection"]["points"]
    except (KeyError, TypeError):
        return ()
    out = []
    for p in points:
        cd = p.get("customdata")
        if isinstance(cd, dict):  # a (n, 1) customdata row arrives as {"0": index}
            cd = [cd[key] for key in sorted(cd, key=str)]
        if isinstance(cd, (list, tuple)):
            cd = cd[0] if cd else None
        if cd is not None:
            out.append(int(cd))
    return tuple(out)


def update_picks(fp: str, chart_key: str, event: Any) -> list[int]:
    """Add the newly selected indices to the model's last-two memory; returns it."""
    picks = st.session_state.setdefault(K_PICKS, {}).setdefault(fp, [])
    seen = st.session_state.setdefault(K_SEEN, {})
    selected = _selected_indices(event)
    if selected != seen.get(chart_key):
        for i in selected:
            if i not in seen.get(chart_key, ()):
                if i in picks:
                    picks.remove(i)
                picks.append(i)
        seen[chart_key] = selected
        del picks[:-2]
    return list(picks)


def add_pick(fp: str, index: int) -> list[int]:
    """One picked test index (a click on the latent plane) into the model's last-two memory."""
    picks = st.session_state.setdefault(K_PICKS, {}).setdefault(fp, [])
    if index in picks:
        picks.remove(index)
    picks.append(index)
    del picks[:-2]
    return list(picks)


def picks(fp: str) -> list[int]:
    return list(st.session_state.get(K_PICKS, {}).get(fp, []))


def clear_picks(fp: str) -> None:
    st.session_state.setdefault(K_PICKS, {})[fp] = []


# -- the page's sections ---------------------------------------------------------------------
@dataclass
class MapSettings:
    n: int
    projection: str
    dims: tuple[int, int]
    perplexity: float
    n_iter: int
    color: int           # -1: class, else a factor's column
    ellipses: bool


def default_axes(ckpt: Checkpoint) -> tuple[int, int]:
    """The two dims with the highest KL (the checkpoint's summary), else z1 and z2: a raw map
    of a collapsed dim is a flat line."""
    kl = ckpt.summary.get("kl_per_dim")
    if kl is None or len(kl) != ckpt.model.latent_dim:
        return (0, 1)
    top = sorted(order_dims_by_kl(kl).order.tolist()[:2])
    return (top[0], top[1])


def default_projection(k: int) -> str:
    """The view a map opens on: a 2-D model's own plane; else PCA, the plane holding most of
    the codes' spread (two raw axes of an 8-D model overlapped the classes)."""
    return "raw" if k <= 2 else "pca"


def two_d_offer(entry: ModelEntry, k: int, keys: list[str]) -> None:
    """Above the map of a model with K > 2: the pretrained 2-D model, whose plane is the whole
    latent space, one click away (the sidebar's picker selects it on the rerun)."""
    two_d = f"asset:{TWO_D_MODEL}{model_store.SUFFIX}"
    if k <= 2 or two_d not in keys or entry.key == two_d:
        return
    row = st.container(horizontal=True, vertical_alignment="center")
    row.caption(MAP["two_d_note"].format(k=k))
    row.button(MAP["two_d_button"], key="map_open_2d", icon=":material/grid_on:",
               on_click=state.select_model, args=(two_d,))


def map_settings(entry: ModelEntry, ckpt: Checkpoint, data: DataBundle) -> MapSettings:
    """The controls above the map (those that depend on the latent size have per-model keys)."""
    fp = model_store.fingerprint(ckpt)
    total, k = data.test_x.shape[0], ckpt.model.latent_dim
    cap = min(SUBSET_CAP, total)
    with st.expander(MAP["settings"], expanded=True):
        c1, c2, c3 = st.columns([3, 2, 2])
        n = c1.slider(MAP["subset"], min_value=min(20, cap), max_value=cap,
                      value=min(SUBSET_DEFAULT, cap), step=1 if cap < 100 else 10,
                      key="map_subset", help=MAP["subset_help"].format(cap=SUBSET_CAP))
        projs = ("raw", "pca", "tsne") if k >= 2 else ("raw",)
        # format_func may be called after the run (AppTest): plain dicts built now
        proj_labels = MAP["proj_labels"]
        proj = c2.radio(MAP["projection"], projs, format_func=proj_labels.__getitem__,
                        index=projs.index(default_projection(k)), key="map_projection",
                        horizontal=True)
        colours = {-1: MAP["class"], **dict(enumerate(data.factor_names))}
        color = c3.selectbox(MAP["color_by"], list(colours), key=f"map_color_{fp}",
                             format_func=colours.__getitem__)
        dims, perplexity, n_iter, ellipses = (0, min(1, k - 1)), 30.0, 500, False
        if proj == "raw" and k >= 2:
            a, b, _ = st.columns([1, 1, 2], vertical_alignment="bottom")
            labels = [f"z{d + 1}" for d in range(k)]
            top = default_axes(ckpt)
            x = a.selectbox(MAP["axis_x"], range(k), index=top[0], key=f"map_ax_x_{fp}",
                            format_func=labels.__getitem__)
            y = b.selectbox(MAP["axis_y"], range(k), index=top[1], key=f"map_ax_y_{fp}",
                            format_func=labels.__getitem__)
            dims = (x, y) if x != y else (x, (x + 1) % k)
            # its own row: beside the axes its label was cut at 800 px
            ellipses = st.toggle(MAP["ellipses"], value=k == 2, key=f"map_ellipses_{fp}",
                                 help=MAP["ellipses_help"])
        elif proj == "tsne":
            a, b = st.columns(2)
            perplexity = float(a.slider(MAP["perplexity"], 2, 100, min(30, max(2, n // 4)),
                                        key="map_perplexity", help=MAP["perplexity_help"]))
            n_iter = b.slider(MAP["iterations"], 250, 2000, 500, step=50, key="map_iterations")
    st.caption(MAP["subset_note"].format(n=n, total=total, k=k))
    return MapSettings(n, proj, dims, perplexity, n_iter, color, ellipses)


@dataclass
class MapView:
    fp: str
    index: np.ndarray
    mu: np.ndarray
    logvar: np.ndarray
    info: dict
    picks: list[int]


@st.cache_resource(max_entries=32, show_spinner=False)
def _scatter_figure(settings: tuple, picked: tuple[int, ...], _coords: np.ndarray,
                    _index: np.ndarray, _labels: np.ndarray, _names: Any, _axes: tuple,
                    _outlines: Any, _prior_rings: bool) -> Any:
    """The map's figure, shared read-only like ``_aggregate_figure``. ``settings`` (with the
    picks) determines every unhashed argument, so coming back to a map builds nothing."""
    return explore_figures.latent_scatter(_coords, _index, _labels, _names, axis_titles=_axes,
                               picked=list(picked), ellipses=_outlines,
                               prior_rings=_prior_rings)


def latent_map(entry: ModelEntry, ckpt: Checkpoint, data: DataBundle,
               s: MapSettings) -> MapView | None:
    """Encode, project, draw the scatter and take its clicks. None if t-SNE could not run."""
    fp = model_store.fingerprint(ckpt)
    index, mu, logvar = encoded(fp, ckpt, data, s.n)
    k = mu.shape[1]
    if s.projection == "tsne":
        # a spinner, not st.status: a status sleeps 0.1 s per run (Streamlit 1.67), which was a
        # third of coming back to a cached map; the spinner shows only if t-SNE really runs
        try:
            with st.spinner(MAP["tsne_running"].format(n=len(index))):
                coords, info = _tsne(fp, s.n, s.perplexity, s.n_iter, mu)
        except ValueError as exc:
            st.error(MAP["tsne_error"].format(error=error_words(exc)))
            return None
        st.success(MAP["tsne_done"].format(n=len(index), seconds=info["seconds"],
                                           backend=info["backend"], kl=info["kl_divergence"]),
                   icon=":material/check_circle:")
        st.caption(MAP["tsne_note"])
        axes = ("t-SNE 1", "t-SNE 2")
    elif s.projection == "pca":
        coords, info = project("pca", mu)
        ev = info["explained_variance_ratio"]
        st.caption(MAP["pca_variance"].format(pc1=ev[0], pc2=ev[1], total=sum(ev)))
        axes = ("PC 1", "PC 2")
    else:
        coords, info = project("raw", mu, dims=s.dims) if k >= 2 else \
            (np.column_stack([mu[:, 0], np.zeros(len(mu))]), {"invertible": False})
        axes = (f"z{s.dims[0] + 1}", f"z{s.dims[1] + 1}")
        if k > 2:
            st.caption(MAP["raw_note"].format(x=s.dims[0] + 1, y=s.dims[1] + 1, rest=k - 2))
    if s.color < 0:
        labels, names = data.test_y.numpy()[index], datasets.class_names(data)
    else:
        labels = data.test_factors[:, s.color].numpy()[index]
        names = [f"{data.factor_names[s.color]} {v}" for v in range(int(labels.max()) + 1)]
    outlines = None
    if s.ellipses and s.projection == "raw":
        d = list(s.dims)
        shown = explore_figures.MAX_ELLIPSES
        ell = posterior_ellipses(mu[:shown, d], logvar[:shown, d])
        outlines = ellipse_outlines(ell)
    chart_key = f"latent_map_{fp}_{s.projection}_{s.dims}_{s.n}"
    # the chart's selection is in its widget state before the chart is drawn: take the clicks
    # first, so this very run circles the clicked points (no second run)
    now = update_picks(fp, chart_key, st.session_state.get(chart_key))
    settings = (chart_key, s.color, s.ellipses, s.perplexity, s.n_iter, i18n.current_language())
    fig = _scatter_figure(settings, tuple(now), coords, index, labels, names, axes, outlines,
                          s.ellipses and s.projection == "raw")
    downloads.chart(fig, MAP["title"] + f" ({axes[0]}, {axes[1]})", key=chart_key,
                    on_select="rerun", selection_mode=("points",), width="stretch")
    return MapView(fp, index, mu, logvar, info, now)


def _image(x: torch.Tensor, caption: str, col: Any = st) -> None:
    pixels = figures.single_image(x, px=IMAGE_PX)
    col.image(pixels, caption=caption, output_format="PNG", width=pixels.shape[1])


def picked_points(ckpt: Checkpoint, data: DataBundle, view: MapView,
                  scrub: Callable[[str, np.ndarray, np.ndarray], None] | None = None) -> None:
    """The last clicked point's image, reconstruction and μ/σ; with two, the path between
    (and, given ``scrub(key, μ_a, μ_b)``, that path scrubbed in the browser)."""
    st.subheader(MAP["picked_title"])
    if not view.picks:
        st.info(MAP["pick_hint"])
        return
    i = view.picks[-1]
    x = data.test_x[i]
    mu, logvar = encode(ckpt.model, x[None])
    # a row that wraps: in a narrow window the chart goes under the two images (columns kept
    # their share of the width and the 168 px images spilled over each other at 800 px)
    row = st.container(horizontal=True, gap="medium")
    name = inert(datasets.class_names(data)[int(data.test_y[i])])  # an upload's folder name
    _image(x, MAP["original"].format(index=i, label=name), row)
    _image(decode_point(ckpt.model, mu[0]), MAP["recon"], row)
    bars = row.container(width=MU_SIGMA_PX)
    bars.caption(MAP["mu_sigma"])
    bars.plotly_chart(explore_figures.mu_sigma_bars(mu[0].numpy(), (0.5 * logvar[0]).exp().numpy()),
                      key="map_mu_sigma", width="stretch")
    if len(view.picks) == 2:
        a, b = view.picks
        st.markdown(f"**{MAP['pair_title'].format(a=a, b=b)}**")
        if scrub is not None:
            ends = encode(ckpt.model, data.test_x[[a, b]])[0].numpy()
            scrub(f"map_scrub_{view.fp}_{a}_{b}", ends[0], ends[1])
        for method in ("lerp", "slerp"):
            path = interpolate(ckpt.model, data.test_x[a], data.test_x[b], INTERP_STEPS, method)
            downloads.grid(figures.image_grid(path, nrow=INTERP_STEPS), MAP[method],
                           key=f"map_{method}")
    if st.button(MAP["clear"], key="map_clear", icon=":material/close:"):
        clear_picks(view.fp)
        st.rerun()


def decode_location(ckpt: Checkpoint, view: MapView) -> None:
    """Two number inputs decode a spot of a raw or PCA map (clicks on empty space are not
    reported by Streamlit)."""
    if not view.info.get("invertible"):
        return
    st.subheader(MAP["decode_title"])
    plane = "affine" in view.info
    st.caption(MAP["decode_intro_plane" if plane else "decode_intro"] + " "
               + (MAP["decode_pca"] if view.info["name"] == "pca"
                  else MAP["decode_base" if plane else "decode_raw"]))
    c1, c2, c3 = st.columns([1, 1, 3])
    x = c1.number_input(MAP["decode_x"], -6.0, 6.0, 0.0, 0.1, key="map_decode_x")
    y = c2.number_input(MAP["decode_y"], -6.0, 6.0, 0.0, 0.1, key="map_decode_y")
    if "affine" in view.info:  # the latent plane's map, base point included
        origin, wx, wy = view.info["affine"]
        z = origin + x * wx + y * wy
    else:
        z = view.info["projection"].inverse_transform(np.array([[x, y]]))[0]
    _image(decode_point(ckpt.model, torch.from_numpy(z).float()),
           MAP["decoded"].format(x=x, y=y), c3)


def manifold(ckpt: Checkpoint) -> None:
    """For a 2-D latent: the decoded plane on an inverse-CDF grid."""
    if ckpt.model.latent_dim != 2:
        return
    st.subheader(MAP["manifold_title"])
    n = st.slider(MAP["manifold_size"], 5, 20, 10, key="map_manifold_n")
    grid = manifold_grid(ckpt.model, n)
    images = grid.images.reshape(n * n, *grid.images.shape[2:])  # (n, n, C, H, W) -> (n*n, ...)
    pixels = figures.image_grid(images, nrow=n, pad=1)
    downloads.grid(pixels, MAP["manifold_caption"].format(lo=float(grid.xs[0]),
                                                          hi=float(grid.xs[-1])),
                   key="map_manifold")


@st.cache_resource(max_entries=16, show_spinner=False)
def _aggregate_figure(fp: str, n: int, lang: str, _mu: np.ndarray, _logvar: np.ndarray) -> Any:
    """The figure object itself, shared read-only (``st.plotly_chart`` copies it with
    ``to_dict``): building it took ~40 ms of every rerun, and a cached dict or a pickled figure
    would be validated by Plotly all over again."""
    h = aggregate_posterior_histograms(_mu, logvar=_logvar)
    return explore_figures.aggregate_figure(h.centres, h.density, h.prior, range(_mu.shape[1]))


def aggregate(view: MapView) -> None:
    st.subheader(MAP["aggregate_title"])
    st.caption(MAP["aggregate_caption"])
    fig = _aggregate_figure(view.fp, len(view.index), i18n.current_language(), view.mu,
                            view.logvar)
    downloads.chart(fig, MAP["aggregate_title"], key="map_aggregate", width="stretch")
