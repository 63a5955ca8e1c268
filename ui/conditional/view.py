"""The conditional VAE page: pick a digit and drag the style (decoded in the browser by the
latent component of ``ui.explore.latent``), the analogy grid, a drawing's style written as every
label, and the per-label share of samples the digit classifier calls the label asked for.

Conditional models are not in the sidebar picker (every other page encodes and decodes without
a label), so this page has its own.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pandas as pd
import streamlit as st
import torch

from ui.conditional.figures import shares_figure
from ui.conditional.strings import COND
from ui.explore import latent
from ui.shell import datasets, downloads, figures, model_store, state
from ui.shell.inert import inert
from ui.shell.model_store import ModelEntry
from vae_core.analysis.conditional import (
    LabelShares,
    analogy_grid,
    label_shares,
    styles,
    written_as_every_label,
)
from vae_core.analysis.why_variational import DigitClassifier, digit_classifier
from vae_core.checkpoints import Checkpoint
from vae_core.config import DataConfig
from vae_core.data import DataBundle

PLANE_POINTS = 2000      # test styles drawn on the plane (each brings a 784-byte thumbnail)
SLIDER_REACH = 3.0       # sliders span ±3 prior standard deviations
GRID_ROWS = (2, 10, 5)   # min, max, default rows of the analogy grid
PAGE_SHARES_N = 200      # samples per label here; bench/bench_conditional.py uses 1,000
SHARES_SEED = 0
ROW_PX = 35              # a dataframe row's height
K_SHARES = "_vl_cond_shares"  # the last shares shown here, for lesson 9's task


def last_shares() -> dict[str, float | None] | None:
    """The mean shares this session last measured here: "cond" (asked for d, called d) and
    "uncond" (the unconditional model's samples called any digit; None without one)."""
    return st.session_state.get(K_SHARES)


def render() -> None:
    st.title(COND["title"])
    st.markdown(COND["intro"])
    picked = _pick_model()
    if picked is None:
        st.info(COND["none"], icon=":material/info:")
        st.stop()
    entry, ckpt = picked
    data, problem = datasets.test_data(ckpt)
    if data is None:
        st.warning(problem)
        st.stop()
    fp = model_store.fingerprint(ckpt)
    names = [str(n) for n in data.class_names]
    elbo = entry.info.get("test_elbo")
    st.caption(COND["facts"].format(dataset=inert(datasets.label(data.name)), labels=len(names),
                                    k=ckpt.model.latent_dim,
                                    elbo="—" if elbo is None else f"{elbo:.1f}"))
    digit = st.radio(COND["digit"], range(len(names)), format_func=names.__getitem__,
                     horizontal=True, key=f"cond_digit_{fp}")
    _drag(fp, ckpt, data, names, digit)
    _grid(ckpt, data, names)
    _draw(fp, ckpt, data, names)
    _shares(fp, ckpt, data, names)


def _pick_model() -> tuple[ModelEntry, Checkpoint] | None:
    entries, _ = state.model_entries(conditional=True)
    if not entries:
        return None
    by_key = {e.key: e for e in entries}
    key = st.selectbox(COND["model"], list(by_key), format_func=lambda k: by_key[k].name,
                       help=COND["model_help"], key=state.CONDITIONAL_PICKER_KEY)
    entry = by_key[key]
    return entry, state.load_entry(entry)


def _one_hot(digit: int, n: int) -> list[float]:
    return [1.0 if i == digit else 0.0 for i in range(n)]


@st.cache_data(max_entries=8, show_spinner=False)
def _plane_arrays(fp: str, _model: Any, _data: DataBundle) -> dict[str, np.ndarray]:
    n = min(PLANE_POINTS, _data.n_test)
    x, y = _data.test_x[:n], _data.test_y[:n]
    mu = styles(_model, x, y).numpy()
    return {"points": mu[:, :2].astype(np.float32), "labels": y.numpy().astype(np.uint8),
            "index": np.arange(n, dtype=np.int32),
            "thumbs": (x.clamp(0, 1).flatten(1).numpy() * 255).round().astype(np.uint8)}


def _drag(fp: str, ckpt: Checkpoint, data: DataBundle, names: list[str], digit: int) -> None:
    st.subheader(COND["drag_title"])
    st.markdown(COND["drag_intro"])
    model = ckpt.model
    if not latent.weights(fp, model):
        st.info(COND["fallback"].format(layer=latent.unsupported_layer(fp, model)))
        return
    onehot, k = _one_hot(digit, len(names)), model.latent_dim
    if k != 2:
        st.caption(COND["sliders_note"].format(k=k))
        latent.sliders(f"cond_sliders_{fp}", fp, {
            "start": [0.0] * k, "order": list(range(k)),
            "labels": [f"z{i + 1}" for i in range(k)], "min": -SLIDER_REACH,
            "max": SLIDER_REACH, "step": 0.05, "px": 224, "cond": onehot,
            "texts": {"decoded": COND["decoded"], "loading": COND["loading"]}})
        return
    arrays = _plane_arrays(fp, model, data)
    reach = float(max(3.0, np.abs(arrays["points"]).max() * 1.05))
    header = {"px": figures.SINGLE_PX, "extent": [-reach, reach, -reach, reach],
              "axes": ["z1", "z2"], "rings": False, "origin": [0.0, 0.0], "wx": [1.0, 0.0],
              "wy": [0.0, 1.0], "classes": names, "colours": list(figures.PALETTE[:10]),
              "selected": None, "cond": onehot,
              "texts": {t: COND[t] for t in ("decoded", "nearest", "hint", "aria", "loading")}}
    # one key for every digit: the pointer stays on the same style when the digit changes
    latent.plane(f"cond_plane_{fp}", fp, header, arrays, on_click=lambda click: None)


def _grid(ckpt: Checkpoint, data: DataBundle, names: list[str]) -> None:
    st.subheader(COND["grid_title"])
    st.markdown(COND["grid_intro"])
    left, right = st.columns(2)
    lo, hi, default = GRID_ROWS
    rows = left.slider(COND["grid_rows"], lo, hi, default, key="cond_grid_rows")
    seed = right.number_input(COND["grid_seed"], 0, 10_000, 0, key="cond_grid_seed")
    pick = torch.randperm(data.n_test, generator=torch.Generator().manual_seed(int(seed)))[:rows]
    x, y = data.test_x[pick], data.test_y[pick]
    written = analogy_grid(ckpt.model, x, y)                  # (R, L, C, H, W)
    images = torch.cat([x.unsqueeze(1), written], dim=1)      # (R, 1+L, C, H, W)
    grid = figures.image_grid(images.flatten(0, 1), nrow=len(names) + 1, px=56)
    downloads.grid(grid, COND["grid_caption"].format(labels=", ".join(names)), key="cond_grid")


def _draw(fp: str, ckpt: Checkpoint, data: DataBundle, names: list[str]) -> None:
    c, h, w = ckpt.model.cfg.input_shape
    st.subheader(COND["draw_title"])
    st.markdown(COND["draw_intro"].format(h=h, w=w))
    texts = {"clear": COND["draw_clear"], "hint": COND["draw_hint"],
             "sent": COND["draw_sent"], "loading": COND["loading"]}
    drawn = latent.drawn(f"cond_draw_{fp}", fp, {"px": figures.SINGLE_PX, "texts": texts})
    choices = [-1, *range(len(names))]
    chosen = st.selectbox(COND["draw_label"], choices, key=f"cond_draw_label_{fp}",
                          format_func=lambda v: COND["draw_auto"] if v < 0 else names[v])
    if not drawn or len(drawn) != c * h * w:
        st.caption(COND["draw_waiting"])
        return
    x = torch.tensor(drawn, dtype=torch.float32).view(1, c, h, w)
    p = _classifier(data, ckpt.data_cfg).probabilities(x)[0]
    read = int(np.argmax(p))
    used = read if chosen < 0 else int(chosen)
    row = written_as_every_label(ckpt.model, styles(ckpt.model, x, torch.tensor([used])))
    st.markdown(COND["draw_read"].format(label=inert(names[read]), p=float(p[read]),
                                          used=inert(names[used])))
    downloads.grid(figures.image_grid(row[0], nrow=len(names), px=56),
                   COND["draw_caption"].format(labels=", ".join(names)), key="cond_drawn")


def _classifier(data: DataBundle, data_cfg: DataConfig | None) -> DigitClassifier:
    return digit_classifier(data, data_cfg or DataConfig())


def _baseline(ckpt: Checkpoint) -> tuple[ModelEntry, Checkpoint] | None:
    """A shipped unconditional model of the same dataset, of the same latent size if any."""
    dataset = (ckpt.data_cfg or DataConfig()).dataset
    entries, _ = state.model_entries()
    same = [e for e in entries if e.source == "asset" and e.info.get("dataset") == dataset
            and e.info.get("arch") == "mlp"]
    same.sort(key=lambda e: e.info.get("latent_dim") != ckpt.model.latent_dim)
    return (same[0], state.load_entry(same[0])) if same else None


@st.cache_data(max_entries=8, show_spinner=False)
def _measured(fp: str, base_fp: str | None, data_key: str, _model: Any, _base: Any,
              _clf: DigitClassifier) -> tuple[LabelShares, LabelShares | None]:
    cond = label_shares(_model, _clf, n_per_label=PAGE_SHARES_N,
                        generator=torch.Generator().manual_seed(SHARES_SEED))
    base = None if _base is None else label_shares(
        _base, _clf, n_per_label=PAGE_SHARES_N,
        generator=torch.Generator().manual_seed(SHARES_SEED))
    return cond, base


def _shares(fp: str, ckpt: Checkpoint, data: DataBundle, names: list[str]) -> None:
    st.subheader(COND["shares_title"])
    st.markdown(COND["shares_intro"])
    clf = _classifier(data, ckpt.data_cfg)
    if len(clf.classes_) < 2:
        st.info(COND["no_classifier"])
        return
    base = _baseline(ckpt)
    base_fp = model_store.fingerprint(base[1]) if base else None
    data_key = json.dumps((ckpt.data_cfg or DataConfig()).to_dict(), sort_keys=True)
    cond, uncond = _measured(fp, base_fp, data_key, ckpt.model, base[1].model if base else None,
                             clf)
    st.session_state[K_SHARES] = {"cond": float(cond.mean),
                                  "uncond": None if uncond is None else float(uncond.mean)}
    if uncond is None:
        st.caption(COND["no_baseline"])
    else:
        st.caption(COND["shares_n"].format(n=cond.n_per_label, m=uncond.n_per_label,
                                           baseline=inert(base[0].name)))
    downloads.chart(shares_figure(names, cond.shares, None if uncond is None else uncond.shares),
                    COND["shares_title"], width="stretch", key="cond_shares_chart")
    rows = [{COND["col_label"]: names[d], COND["col_cond"]: cond.shares[d],
             COND["col_uncond"]: None if uncond is None else uncond.shares[d]}
            for d in range(len(names))]
    rows.append({COND["col_label"]: COND["row_all"], COND["col_cond"]: cond.mean,
                 COND["col_uncond"]: None if uncond is None else uncond.mean})
    frame = pd.DataFrame(rows)
    styled = frame.style.format({COND["col_cond"]: "{:.1%}", COND["col_uncond"]: "{:.1%}"},
                                na_rep="—")
    # every row in sight: at its default height the table hid "All labels" behind a scroll
    st.dataframe(styled, hide_index=True, width="stretch", height=ROW_PX * (len(rows) + 1) + 3)
    if uncond is not None:
        low, high = float(uncond.shares.min()), float(uncond.shares.max())
        typical = float(np.mean(uncond.shares))
        st.markdown(COND["shares_summary"].format(
            cond=cond.mean, any=uncond.mean, low=low, high=high,
            ratio=cond.mean / typical if typical > 0 else float("inf")))
