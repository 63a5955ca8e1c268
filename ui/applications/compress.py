"""The Applications page's compression tab: the bits of an image in the model's code, compared
like with like. A lossless code (the −ELBO in bits) stands against a lossless file (PNG); the
lossy code (the KL, which gets the reconstruction across) against a lossy file (WebP or JPEG
from Pillow) at the reconstruction's PSNR.
"""

from __future__ import annotations

import streamlit as st
import torch

from ui.applications.strings import APPS, COMPRESS
from ui.shell import figures
from ui.shell.inert import inert
from vae_core.analysis.applications import (
    CompressionReport,
    LossyFile,
    RateSummary,
    best_lossy,
    compression_report,
    rate_summary,
)
from vae_core.checkpoints import Checkpoint
from vae_core.data import DataBundle
from vae_core.models.base import VAE

N_SUMMARY = 100        # test images behind the averages (about 1 s: a codec search per image)
CODEC_NAMES = {"WEBP": "WebP", "JPEG": "JPEG"}  # Pillow's format names as people write them


@st.cache_data(max_entries=64, show_spinner=False)
def _report(fp: str, index: int, _model: VAE, _x: torch.Tensor) -> tuple[CompressionReport,
                                                                         LossyFile]:
    report = compression_report(_model, _x[index])
    return report, best_lossy(_x[index], report.psnr)


@st.cache_data(max_entries=16, show_spinner=False)
def _summary(fp: str, _model: VAE, _x: torch.Tensor) -> RateSummary:
    return rate_summary(_model, _x[:N_SUMMARY])


def _label(data: DataBundle, index: int) -> str:
    y = int(data.test_y[index])
    names = data.class_names
    return APPS["test_label"].format(index=index, label=inert(names[y]) if y < len(names) else y)


def _times(big: float, small: float) -> str:
    """"12×" smaller, or how many times larger when the code loses."""
    if small <= 0:
        return COMPRESS["no_ratio"]
    ratio = big / small
    return (COMPRESS["smaller"] if ratio >= 1 else COMPRESS["larger"]).format(
        x=ratio if ratio >= 1 else 1 / ratio)


def _lossless(r: CompressionReport) -> None:
    st.markdown(COMPRESS["lossless_title"])
    a, b = st.columns(2)
    a.metric(COMPRESS["elbo"], COMPRESS["bits"].format(bits=r.elbo_bits),
             help=COMPRESS["elbo_help"].format(kl=r.kl_bits, recon=r.recon_bits))
    b.metric(COMPRESS["png"], COMPRESS["bits"].format(bits=r.png_bits),
             help=COMPRESS["png_help"].format(bytes=r.png_bytes))
    st.markdown(COMPRESS["lossless_line"].format(times=_times(r.png_bits, r.elbo_bits)))


def _lossy(r: CompressionReport, file: LossyFile) -> None:
    st.markdown(COMPRESS["lossy_title"].format(psnr=r.psnr))
    a, b = st.columns(2)
    a.metric(COMPRESS["kl"], COMPRESS["bits"].format(bits=r.kl_bits),
             help=COMPRESS["kl_help"].format(nats=r.kl_nats, bits=r.kl_bits))
    codec = CODEC_NAMES[file.codec]
    b.metric(COMPRESS["file"].format(codec=codec), COMPRESS["bits"].format(bits=file.bits),
             help=COMPRESS["file_help"].format(bytes=file.bytes, quality=file.quality,
                                               psnr=file.psnr))
    times = _times(file.bits, r.kl_bits)
    if not file.reached:
        line = COMPRESS["lossy_unreached"]
    elif file.psnr > r.psnr + 0.5 and file.quality == 1:
        line = COMPRESS["lossy_floor"]
    else:
        line = COMPRESS["lossy_matched"]
    st.markdown(line.format(times=times, codec=codec, quality=file.quality,
                            psnr=r.psnr, file_psnr=file.psnr))


def compression(fp: str, ckpt: Checkpoint, data: DataBundle) -> None:
    st.markdown(COMPRESS["intro"])
    last = data.test_x.shape[0] - 1
    index = int(st.number_input(APPS["image_index"], 0, last, 0, key="app_comp_image",
                                help=APPS["image_help"].format(last=last)))
    r, file = _report(fp, index, ckpt.model, data.test_x)
    left, right = st.columns(2)
    # one width: a caption wider than its image stretches the image to the caption's width
    original, recon = figures.single_image(data.test_x[index]), figures.single_image(r.recon)
    left.image(original, output_format="PNG", width=original.shape[1],
               caption=_label(data, index))
    right.image(recon, output_format="PNG", width=recon.shape[1],
                caption=COMPRESS["recon"].format(psnr=r.psnr))
    _lossless(r)
    _lossy(r, file)
    weights = sum(p.numel() * p.element_size() for p in ckpt.model.parameters())
    st.markdown(COMPRESS["honest"].format(weights=weights))
    with st.spinner(COMPRESS["summing"]):
        s = _summary(fp, ckpt.model, data.test_x)
    st.caption(COMPRESS["test_set"].format(
        n=s.n, elbo=s.elbo_bits, png=s.png_bits, lossless=_times(s.png_bits, s.elbo_bits),
        kl=s.kl_bits, lossy=s.lossy_bits, psnr=s.psnr, file_psnr=s.lossy_psnr,
        lossy_times=_times(s.lossy_bits, s.kl_bits), raw=r.raw_bits))
