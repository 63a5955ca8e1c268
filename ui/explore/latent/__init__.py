"""The latent component: the VAE's encoder and decoder run in the browser (hand-written JS,
``net.js``), so the pointer, the sliders and the scrubber decode with no server round trip.

One component, mounted as several instances: ``weights`` (invisible; a model's decoder, or
its encoder, parsed once into a page-wide registry) and the views ``plane``, ``sliders``,
``interp``, ``draw`` and ``example``, which wait for their model's network by fingerprint.
Weights travel in their own element so that a view's settings can change without sending them
again; an unchanged element is not sent again either (Streamlit's message cache replaces a
repeated element of 10 kB or more by its hash), which ``tests/e2e`` measures.

Words come from ``ui.explore.strings.POINTER`` in the page's language; numbers and images are
packed by ``payload.pack``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import streamlit as st

from ui.explore.latent.payload import pack
from vae_core.export import UnsupportedLayer, export_program
from vae_core.models.base import VAE

HERE = Path(__file__).parent
JS_FILES = ("net.js", "paint.js", "plane.js", "views.js", "main.js")  # main.js exports last
NAME = "vae_lab_latent"


@cache
def _renderer() -> Any:
    js = "\n".join((HERE / name).read_text() for name in JS_FILES)
    return st.components.v2.component(NAME, html="", css=(HERE / "latent.css").read_text(),
                                      js=js)


@st.cache_data(max_entries=8, show_spinner=False)
def _payloads(fp: str, _model: VAE) -> tuple[bytes, bytes] | str:
    """(decoder payload, encoder payload), or the name of the layer the JS cannot run."""
    try:
        program = export_program(_model)
    except UnsupportedLayer as exc:
        return exc.layer
    shape = list(_model.cfg.input_shape)
    dec_names = {n for layer in program.decoder for n in (layer.get("w"), layer.get("b")) if n}
    dec = pack({"view": "weights", "part": "dec", "fp": fp, "latent_dim": _model.latent_dim,
                "input_shape": shape, "decoder": program.decoder},
               {n: a for n, a in program.arrays.items() if n in dec_names})
    enc = pack({"view": "weights", "part": "enc", "fp": fp, "encoder": program.encoder,
                "mu_head": program.mu_head, "logvar_head": program.logvar_head},
               {n: a for n, a in program.arrays.items() if n not in dec_names})
    return dec, enc


def unsupported_layer(fp: str, model: VAE) -> str | None:
    got = _payloads(fp, model)
    return got if isinstance(got, str) else None


def weights(fp: str, model: VAE, *, encoder: bool = False) -> bool:
    """Send the model's decoder (and encoder) to the page; False if the JS cannot run it."""
    got = _payloads(fp, model)
    if isinstance(got, str):
        return False
    _renderer()(key=f"vl_weights_dec_{fp}", data=got[0], height=0, width="stretch")
    if encoder:
        _renderer()(key=f"vl_weights_enc_{fp}", data=got[1], height=0, width="stretch")
    return True


def _mount(view: str, key: str, fp: str, header: dict, arrays: dict[str, np.ndarray] | None,
           **callbacks: Any) -> Any:
    payload = pack({"view": view, "fp": fp, **header}, arrays or {})
    return _renderer()(key=key, data=payload, **callbacks)


def plane(key: str, fp: str, header: dict, arrays: dict[str, np.ndarray],
          on_click: Callable[[dict], None]) -> None:
    """The latent plane. ``on_click`` gets each click ({"z", "p", "index"}) before the rerun
    it causes, so that this very run draws what the click changed (a callback, as widgets'
    ``on_change``: the mount's return value would come after the plane was drawn)."""

    def clicked() -> None:
        value = (st.session_state.get(key) or {}).get("click")
        if value:
            on_click(value)

    _mount("plane", key, fp, header, arrays, on_click_change=clicked)


def sliders(key: str, fp: str, header: dict) -> list[float] | None:
    """Live sliders; returns the z they were last released at (None before any release)."""
    result = _mount("sliders", key, fp, header, None, on_z_change=lambda: None)
    return result.get("z") if result is not None else None


def interp(key: str, fp: str, header: dict) -> None:
    _mount("interp", key, fp, header, None)


def draw(key: str, fp: str, header: dict) -> None:
    _mount("draw", key, fp, header, None)


def drawn(key: str, fp: str, header: dict) -> list[float] | None:
    """The drawing pad alone (no in-browser encoding): the last drawing as the model's flat
    input, for the page to encode (None before a stroke and after Clear)."""
    result = _mount("draw", key, fp, {**header, "send": True}, None, on_x_change=lambda: None)
    return result.get("x") if result is not None else None


def example(key: str, fp: str, header: dict) -> None:
    _mount("example", key, fp, header, None)
