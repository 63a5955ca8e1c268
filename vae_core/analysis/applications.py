"""What a VAE is used for, on images in [0, 1]: denoising, completion (inpainting) and the rate
of an image in bits. Generation is ``traversal.prior_samples``; anomaly scores are ``anomaly``.

Every function decodes with the likelihood's mean under ``torch.no_grad``, leaves the model's
train/eval mode as it found it, never mutates its arguments and returns CPU tensors, arrays and
dataclasses (no words: the UI tables word them). Randomness comes in as a ``torch.Generator``.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import torch
from PIL import Image
from torch import Tensor

from vae_core.analysis.traversal import eval_mode
from vae_core.data import NOISE_KINDS  # noqa: F401  (part of this module's API)
from vae_core.data import add_noise as data_noise
from vae_core.losses import kl_divergence
from vae_core.models.base import VAE

REGIONS = ("top", "bottom", "left", "right", "square")
MAX_ITERATIONS = 200
PEAK = 1.0  # images live in [0, 1], so PSNR's peak signal is 1


def _images(x: Tensor, name: str = "x") -> Tensor:
    """A float (N, C, H, W) tensor on the CPU; a single (C, H, W) image becomes N = 1."""
    t = torch.as_tensor(x).detach().cpu()
    t = t.unsqueeze(0) if t.ndim == 3 else t
    if t.ndim != 4:
        raise ValueError(f"{name} must be images (N, C, H, W), got shape {tuple(t.shape)}")
    return t.float()


def _check_shape(model: VAE, x: Tensor) -> None:
    if tuple(x.shape[1:]) != tuple(model.cfg.input_shape):
        raise ValueError(f"the model takes {tuple(model.cfg.input_shape)} images, "
                         f"got {tuple(x.shape[1:])}")


def reconstruct(model: VAE, x: Tensor) -> Tensor:
    """decode(μ(x)) clamped to [0, 1]: the posterior mean's image, (N, C, H, W)."""
    x = _images(x)
    _check_shape(model, x)
    with eval_mode(model):
        mu, _ = model.encode(x.to(model.device))
        return model.decode(mu).cpu().clamp(0, 1)


# -- denoising -------------------------------------------------------------------------------
def add_noise(x: Tensor, kind: str, level: float, *, generator: torch.Generator) -> Tensor:
    """A noisy copy of ``x`` (CPU, float) in [0, 1]: ``vae_core.data.add_noise``, the noise a
    denoising VAE is trained on."""
    return data_noise(_images(x), kind, level, generator=generator)


def psnr(x: Tensor, reference: Tensor, *, peak: float = PEAK) -> Tensor:
    """Peak signal-to-noise ratio per image in dB: 10·log10(peak² / MSE), (N,); +inf where the
    images are equal."""
    x, reference = _images(x), _images(reference, "reference")
    if x.shape != reference.shape:
        raise ValueError(f"shapes differ: {tuple(x.shape)} and {tuple(reference.shape)}")
    mse = (x.double() - reference.double()).pow(2).flatten(1).mean(1)  # (N, C, H, W) -> (N,)
    return 10 * torch.log10(peak ** 2 / mse)  # 1/0 = inf: equal images have no noise


@dataclass(frozen=True)
class Denoised:
    clean: Tensor          # (N, C, H, W)
    noisy: Tensor          # (N, C, H, W)
    recon: Tensor          # (N, C, H, W): decode(μ(noisy))
    psnr_noisy: Tensor     # (N,) dB, noisy against clean
    psnr_recon: Tensor     # (N,) dB, reconstruction against clean


def denoise(model: VAE, x: Tensor, kind: str, level: float, *,
            generator: torch.Generator) -> Denoised:
    """Noise ``x``, encode the noisy images and decode their means: the model's prior over
    clean images pulls each one back towards images it knows."""
    clean = _images(x).clamp(0, 1)
    noisy = add_noise(clean, kind, level, generator=generator)
    recon = reconstruct(model, noisy)
    return Denoised(clean, noisy, recon, psnr(noisy, clean), psnr(recon, clean))


def mean_psnr(values: Tensor) -> float:
    """Mean PSNR over images; an image equal to its reference (∞ dB) is left out."""
    finite = values[torch.isfinite(values)]
    return float(finite.mean()) if finite.numel() else float("inf")


# -- judging a denoiser by its digits --------------------------------------------------------
DIGITS_TOLERANCE = 0.02   # shares closer than this count as the same (1,000 images: ±1.5% s.e.)
VERDICTS = ("cleaner", "same", "worse")


@dataclass(frozen=True)
class DenoiseScore:
    psnr_noisy: float      # mean dB over the images, noisy against clean
    psnr_recon: float      # mean dB, reconstruction against clean
    kept_noisy: float      # share of noisy images the classifier gives the clean image's label
    kept_recon: float      # the same share for the reconstructions
    kept_clean: float      # the classifier on the clean images themselves: the ceiling
    n: int
    verdict: str           # one of VERDICTS (the digits' verdict, not the pixels'), or ""


def denoise_verdict(kept_noisy: float, kept_recon: float, *,
                    tolerance: float = DIGITS_TOLERANCE) -> str:
    """``worse`` when fewer reconstructions than noisy images still read as their digit,
    ``cleaner`` when more do, ``same`` within ``tolerance``. PSNR has no say: a blurry wrong
    digit can sit closer to the truth in pixels than a noisy right one."""
    if kept_recon < kept_noisy - tolerance:
        return "worse"
    return "cleaner" if kept_recon > kept_noisy + tolerance else "same"


def score_denoising(result: Denoised, labels: Tensor,
                    predict: Callable[[Tensor], np.ndarray] | None) -> DenoiseScore:
    """PSNR beside the share of images that ``predict`` (images -> class labels, such as
    ``why_variational.DigitClassifier.predict``) gives their clean image's label. Without
    ``predict`` the shares are NaN and the verdict is "" (PSNR alone, unjudged)."""
    y = np.asarray(labels)

    def kept(images: Tensor) -> float:
        if predict is None:
            return math.nan
        return float((np.asarray(predict(images)) == y).mean()) if len(y) else 0.0

    noisy, recon = kept(result.noisy), kept(result.recon)
    verdict = denoise_verdict(noisy, recon) if predict is not None else ""
    return DenoiseScore(mean_psnr(result.psnr_noisy), mean_psnr(result.psnr_recon), noisy,
                        recon, kept(result.clean), len(y), verdict)


# -- completion ------------------------------------------------------------------------------
def region_mask(height: int, width: int, region: str, *, top: int = 0, left: int = 0,
                size: int = 0) -> Tensor:
    """(H, W) bool, True where pixels are *missing*: a half (``top``, ``bottom``, ``left``,
    ``right``; an odd side's middle row goes to the missing half) or a ``size``² square whose
    top-left corner is (top, left) and that lies inside the image."""
    mask = torch.zeros(height, width, dtype=torch.bool)
    if region == "top":
        mask[:(height + 1) // 2] = True
    elif region == "bottom":
        mask[height // 2:] = True
    elif region == "left":
        mask[:, :(width + 1) // 2] = True
    elif region == "right":
        mask[:, width // 2:] = True
    elif region == "square":
        if not (1 <= size <= min(height, width)):
            raise ValueError(f"square size must be in [1, {min(height, width)}], got {size!r}")
        if not (0 <= top <= height - size and 0 <= left <= width - size):
            raise ValueError(f"a {size}×{size} square at ({top}, {left}) does not fit in "
                             f"{height}×{width}")
        mask[top:top + size, left:left + size] = True
    else:
        raise ValueError(f"unknown region {region!r} (one of {', '.join(REGIONS)})")
    return mask


@dataclass(frozen=True)
class Completion:
    steps: Tensor          # (T + 1, N, C, H, W): step 0 is the masked start, step t after t passes
    missing: Tensor        # (H, W) bool
    masked_mse: Tensor     # (T + 1, N): mean squared error against the truth, missing pixels only


def complete(model: VAE, x: Tensor, missing: Tensor, *, iterations: int,
             fill: float = 0.0) -> Completion:
    """Fill the ``missing`` pixels of ``x`` by iterating x ← known ⊕ decode(μ(x)).

    The missing pixels start at ``fill``; each pass encodes the current guess, decodes the
    posterior mean and writes the decoded values into the missing pixels only, so the known
    pixels stay exactly as given. It is the deterministic (mean) version of the Markov chain of
    Rezende et al. 2014, §5.4, whose fixed points agree with the known pixels.
    """
    x = _images(x).clamp(0, 1)
    _check_shape(model, x)
    missing = torch.as_tensor(missing, dtype=torch.bool)
    if missing.shape != x.shape[-2:]:
        raise ValueError(f"mask must be {tuple(x.shape[-2:])}, got {tuple(missing.shape)}")
    if not missing.any():
        raise ValueError("the mask hides no pixel: nothing to complete")
    if isinstance(iterations, bool) or not isinstance(iterations, int) \
            or not 1 <= iterations <= MAX_ITERATIONS:
        raise ValueError(f"iterations must be an integer in [1, {MAX_ITERATIONS}], "
                         f"got {iterations!r}")
    hole = missing.expand_as(x)  # (H, W) -> (N, C, H, W)
    guess = torch.where(hole, torch.full_like(x, fill), x)
    steps = [guess]
    for _ in range(iterations):
        guess = torch.where(hole, reconstruct(model, guess), x)
        steps.append(guess)
    stacked = torch.stack(steps)  # (T + 1, N, C, H, W)
    err = (stacked - x).pow(2) * hole  # zero on known pixels
    n_missing = int(missing.sum()) * x.shape[1]
    return Completion(stacked, missing, err.flatten(2).sum(2) / n_missing)


# -- compression -----------------------------------------------------------------------------
def to_uint8(image: Tensor) -> np.ndarray:
    """(C, H, W) in [0, 1] -> (H, W) or (H, W, C) uint8, rounded: the 8-bit image a file holds."""
    arr = (_images(image)[0].clamp(0, 1).numpy() * 255).round().astype(np.uint8)
    return arr[0] if arr.shape[0] == 1 else np.moveaxis(arr, 0, -1)  # (C, H, W) -> (H, W, C)


def png_bytes(image: Tensor) -> int:
    """Size in bytes of the 8-bit image as a PNG (Pillow, best compression), header included."""
    buf = io.BytesIO()
    Image.fromarray(to_uint8(image)).save(buf, format="PNG", optimize=True)
    return buf.tell()


@dataclass(frozen=True)
class CompressionReport:
    kl_nats: float            # KL(q(z|x) ‖ p(z)) summed over latent dims: the rate
    kl_per_dim: np.ndarray    # (K,) nats
    recon_nats: float         # −log p(x | z = μ): what the code leaves out (the distortion)
    png_bytes: int            # the lossless PNG file
    raw_bytes: int            # C·H·W bytes at 8 bits per value
    recon: Tensor             # (C, H, W): the image decoded at that rate (from μ)
    psnr: float               # dB of that reconstruction against the image

    @property
    def kl_bits(self) -> float:
        return self.kl_nats / math.log(2)  # 1 nat = 1 / ln 2 bits

    @property
    def recon_bits(self) -> float:
        return self.recon_nats / math.log(2)

    @property
    def elbo_bits(self) -> float:
        """−ELBO in bits: what a lossless code built on the model would cost (bits-back)."""
        return self.kl_bits + self.recon_bits

    @property
    def png_bits(self) -> int:
        return 8 * self.png_bytes

    @property
    def raw_bits(self) -> int:
        return 8 * self.raw_bytes


def compression_report(model: VAE, image: Tensor) -> CompressionReport:
    """The rate of one (C, H, W) image in the model's code against its file sizes."""
    x = _images(image, "image")
    if x.shape[0] != 1:
        raise ValueError(f"one image (C, H, W) expected, got {x.shape[0]}")
    _check_shape(model, x)
    x = x.clamp(0, 1)
    with eval_mode(model):
        mu, logvar = model.encode(x.to(model.device))
        logits = model.decode_logits(mu)
        recon_nats = float(-model.likelihood.log_prob(logits, x.to(model.device))[0])
        recon = model.likelihood.mean(logits).cpu().clamp(0, 1)[0]
    kl = kl_divergence(mu, logvar)[0].cpu().double().numpy()  # (1, K) -> (K,)
    return CompressionReport(float(kl.sum()), kl, recon_nats, png_bytes(x[0]),
                             int(x[0].numel()), recon, float(psnr(recon, x[0])[0]))


# -- a lossy file at the code's quality ------------------------------------------------------
CODECS = ("WEBP", "JPEG")   # Pillow's lossy formats; the smaller file is the one to beat
QUALITY_RANGE = (1, 100)


@dataclass(frozen=True)
class LossyFile:
    codec: str                # "WEBP" or "JPEG"
    quality: int              # Pillow's quality setting
    bytes: int                # the whole file, header included
    psnr: float               # dB of the decoded file against the image
    reached: bool             # False: even the best quality stays below the target PSNR

    @property
    def bits(self) -> int:
        return 8 * self.bytes


def lossy_file(image: Tensor, codec: str, quality: int) -> tuple[int, float]:
    """(bytes, PSNR in dB) of the 8-bit image saved by Pillow as ``codec`` at ``quality``."""
    if codec not in CODECS:
        raise ValueError(f"unknown codec {codec!r} (one of {', '.join(CODECS)})")
    pixels = to_uint8(image)
    buf = io.BytesIO()
    Image.fromarray(pixels).save(buf, format=codec, quality=int(quality))
    size = buf.tell()
    buf.seek(0)
    decoded = np.asarray(Image.open(buf).convert(Image.fromarray(pixels).mode))
    mse = np.mean((decoded.astype(np.float64) - pixels.astype(np.float64)) ** 2) / 255 ** 2
    return size, float(10 * np.log10(1 / mse)) if mse > 0 else math.inf


def matched_lossy(image: Tensor, target_psnr: float, codec: str) -> LossyFile:
    """The lowest quality whose file reaches ``target_psnr`` dB, found by bisection (PSNR
    grows with quality, near enough that a step's dip does not move the answer by more than
    one setting): a lossy file as good as the model's reconstruction, so their sizes compare
    like with like."""
    lo, hi = QUALITY_RANGE
    size, got = lossy_file(image, codec, lo)
    if got >= target_psnr:  # even the lowest quality is sharper than the target: say so
        return LossyFile(codec, lo, size, got, reached=True)
    size, got = lossy_file(image, codec, hi)
    if got < target_psnr:
        return LossyFile(codec, hi, size, got, reached=False)
    best = (hi, size, got)
    lo += 1
    while lo < hi:
        mid = (lo + hi) // 2
        size, got = lossy_file(image, codec, mid)
        if got >= target_psnr:
            hi, best = mid, (mid, size, got)
        else:
            lo = mid + 1
    return LossyFile(codec, *best, reached=True)


def best_lossy(image: Tensor, target_psnr: float) -> LossyFile:
    """The smallest of the ``CODECS`` files that reach ``target_psnr`` (or the closest)."""
    files = [matched_lossy(image, target_psnr, codec) for codec in CODECS]
    return min(files, key=lambda f: (not f.reached, f.bytes))



@dataclass(frozen=True)
class RateSummary:
    """Means over ``n`` images of what ``compression_report`` and ``best_lossy`` give one."""
    n: int
    kl_bits: float
    elbo_bits: float
    png_bits: float
    lossy_bits: float         # the smaller of WebP and JPEG at each reconstruction's PSNR
    psnr: float               # the reconstructions'
    lossy_psnr: float         # the lossy files'


def rate_summary(model: VAE, images: Tensor) -> RateSummary:
    """The compression figures of each image, averaged: like with like, −ELBO against PNG
    (both lossless) and KL against a lossy file of the same PSNR."""
    rows = []
    for image in _images(images, "images"):
        r = compression_report(model, image)
        lossy = best_lossy(image, r.psnr)
        rows.append((r.kl_bits, r.elbo_bits, r.png_bits, lossy.bits, r.psnr, lossy.psnr))
    means = np.mean(np.array(rows, dtype=np.float64), axis=0) if rows else np.zeros(6)
    return RateSummary(len(rows), *map(float, means))
