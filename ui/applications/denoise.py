"""The Applications page's denoising tab: the picked model and a denoising VAE from the zoo
(trained on noisy inputs to give back clean ones) on the same noisy test images, judged by what
a learner sees (does the digit survive?) beside PSNR.

The digit reader is "Why variational?"'s classifier (``vae_core.analysis.why_variational``,
fitted once per dataset and process); the denoising VAE is loaded once per server process.
"""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import pandas as pd
import streamlit as st
import torch

from ui.applications.strings import APPS, DENOISE
from ui.shell import downloads, figures, model_store
from vae_core.analysis.applications import DenoiseScore, denoise, score_denoising
from vae_core.analysis.why_variational import digit_classifier
from vae_core.checkpoints import Checkpoint, load_checkpoint
from vae_core.data import DataBundle
from vae_core.zoo import DENOISING_MODEL

N_SHOWN = 8
N_SCORED = 1000        # test images behind the shares and the verdict (mnist-5k has 1,000)
SEED_MAX = 10_000
DIGITS = tuple("0123456789")


@st.cache_resource(show_spinner=False, max_entries=2)
def _load(path: str, mtime: float) -> Checkpoint:
    return load_checkpoint(Path(path))


def denoising_vae(ckpt: Checkpoint) -> Checkpoint | None:
    """The zoo's denoising VAE when it takes the picked model's images from the same dataset
    (else the comparison would teach nothing), and the picked model is not that VAE itself."""
    path = model_store.assets_dir() / f"{DENOISING_MODEL}.safetensors"
    if ckpt.data_cfg is None or ckpt.data_cfg.denoising or not path.is_file():
        return None
    other = _load(str(path), path.stat().st_mtime)
    same = (other.model_cfg.input_shape == ckpt.model_cfg.input_shape
            and other.data_cfg is not None and other.data_cfg.dataset == ckpt.data_cfg.dataset)
    return other if same else None


def _reader(ckpt: Checkpoint, data: DataBundle):
    """The digit classifier of the model's dataset, or None when its images are not digits
    (a share of "digits read right" would mean nothing there)."""
    if ckpt.data_cfg is None or tuple(data.class_names) != DIGITS:
        return None
    clean = dataclasses.replace(ckpt.data_cfg, noise_sigma=0.0, noise_fraction=0.0)
    return digit_classifier(data, clean)


@st.cache_data(max_entries=32, show_spinner=False)
def _run(fp: str, start: int, kind: str, level: float, seed: int, _model, _data: DataBundle,
         _reader) -> tuple[torch.Tensor, DenoiseScore, list[int]]:
    """(rows of the shown images: clean, noisy, reconstructed; the score over the test set;
    how many of the shown reconstructions keep their digit, noisy first). The same seed gives
    every model the same noise."""
    x, y = _data.test_x[:N_SCORED], _data.test_y[:N_SCORED]
    result = denoise(_model, x, kind, level, generator=torch.Generator().manual_seed(seed))
    part = slice(start, start + N_SHOWN)
    rows = torch.cat([result.clean[part], result.noisy[part], result.recon[part]])
    if _reader is None:
        return rows, score_denoising(result, y, None), []
    score = score_denoising(result, y, _reader.predict)
    shown = [int((_reader.predict(images[part]) == y[part].numpy()).sum())
             for images in (result.noisy, result.recon)]
    return rows, score, shown


def _controls(data: DataBundle) -> tuple[str, float, int, int]:
    kinds = DENOISE["kinds"]
    kind = st.radio(DENOISE["kind"], list(kinds), index=1, format_func=kinds.__getitem__,
                    key="app_noise_kind", horizontal=True)
    c1, c2, c3 = st.columns([2, 1, 1])
    if kind == "gaussian":
        level = c1.slider(DENOISE["sigma"], 0.05, 1.0, 0.5, 0.05, key="app_noise_sigma")
    else:
        level = c1.slider(DENOISE["fraction"], 0.05, 0.6, 0.2, 0.05, key="app_noise_fraction")
    last = min(N_SCORED, data.test_x.shape[0]) - min(N_SHOWN, data.test_x.shape[0])
    start = int(c2.number_input(DENOISE["first"], 0, last, 0, key="app_noise_first",
                                help=APPS["image_help"].format(last=last)))
    seed = int(c3.number_input(APPS["seed"], 0, SEED_MAX, 0, key="app_noise_seed",
                               help=APPS["seed_help"]))
    return kind, float(level), start, seed


def _verdict(who: str, score: DenoiseScore) -> None:
    gain = score.psnr_recon - score.psnr_noisy
    text = DENOISE[f"verdict_{score.verdict}"].format(
        who=who, recon=score.kept_recon, noisy=score.kept_noisy, clean=score.kept_clean)
    pixels = DENOISE["psnr_up" if gain >= 0 else "psnr_down"].format(gain=abs(gain))
    if score.verdict == "worse" and gain >= 0:
        pixels = DENOISE["psnr_misleads"].format(gain=gain)
    box = {"cleaner": st.success, "same": st.info, "worse": st.warning}[score.verdict]
    box(DENOISE["verdict"].format(digits=text, pixels=pixels))


def _table(scores: dict[str, DenoiseScore]) -> pd.DataFrame:
    first = next(iter(scores.values()))
    rows = [] if math.isnan(first.kept_clean) else [(DENOISE["row_clean"], first.kept_clean, None)]
    rows.append((DENOISE["row_noisy"], first.kept_noisy, first.psnr_noisy))
    rows += [(DENOISE[f"row_{who}"], s.kept_recon, s.psnr_recon) for who, s in scores.items()]
    return pd.DataFrame({DENOISE["col_images"]: [r[0] for r in rows],
                         DENOISE["col_kept"]: ["—" if math.isnan(r[1]) else f"{r[1]:.0%}"
                                               for r in rows],
                         DENOISE["col_psnr"]: ["—" if r[2] is None else f"{r[2]:.1f}"
                                               for r in rows]})


def denoising(fp: str, ckpt: Checkpoint, data: DataBundle) -> None:
    st.markdown(DENOISE["intro"])
    kind, level, start, seed = _controls(data)
    reader = _reader(ckpt, data)
    models = {"picked": (fp, ckpt)}
    other = denoising_vae(ckpt)
    if other is not None:
        models["denoiser"] = (model_store.fingerprint(other), other)
    with st.spinner(DENOISE["running"]):
        runs = {who: _run(key, start, kind, level, seed, c.model, data, reader)
                for who, (key, c) in models.items()}
    # clean, noisy and the picked model's rows, then the denoising VAE's reconstructions only
    picked = runs["picked"][0]
    n = picked.shape[0] // 3
    grid = torch.cat([picked] + [r[0][-n:] for who, r in runs.items() if who != "picked"])
    downloads.grid(figures.image_grid(grid, nrow=n),
                   DENOISE[f"rows_{'both' if other is not None else 'picked'}"], key="app_denoise")
    scores = {who: r[1] for who, r in runs.items()}
    counts = {who: r[2] for who, r in runs.items()}
    if reader is None:
        st.dataframe(_table(scores), hide_index=True, key="app_noise_table")
        st.caption(DENOISE["no_reader"])
        return
    st.caption(DENOISE["shown_both" if other is not None else "shown_picked"].format(
        n=n, noisy=counts["picked"][0], picked=counts["picked"][1],
        denoiser=counts["denoiser"][1] if other is not None else 0))
    st.dataframe(_table(scores), hide_index=True, key="app_noise_table")
    st.caption(DENOISE["table_caption"].format(n=scores["picked"].n))
    for who, score in scores.items():
        _verdict(DENOISE[f"who_{who}"], score)
    if other is None:
        itself = ckpt.data_cfg is not None and ckpt.data_cfg.denoising
        st.caption(DENOISE["is_denoiser" if itself else "no_denoiser"].format(
            name=DENOISING_MODEL))
