"""What a VAE is used for, on images in [0, 1]: denoising, completion (inpainting) and the rate
of an image in bits. Generation is ``traversal.prior_samples``; anomaly scores are ``anomaly``.

Every function decodes with the likelihood's mean under ``torch.no_grad``, leaves the model's
train/eval mode as it found it, never mutates its arguments and returns CPU tensors, arrays and
dataclasses (no words: the UI tables word them). Randomness comes in as a ``torch.Generator``.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

import numpy as np
import torch
from PIL import Image
from torch import Tensor

from vae_core.analysis.traversal import eval_mode
from vae_core.losses import kl_divergence
from vae_core.models.base import VAE

NOISE_KINDS = ("gaussian", "salt_pepper")
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
    """A noisy copy of ``x`` in [0, 1].

    ``gaussian``: x + level·ε, ε ~ N(0, 1) per pixel, clipped to [0, 1] (level = σ ≥ 0).
    ``salt_pepper``: each pixel, with probability ``level`` ∈ [0, 1], becomes 0 or 1 (even odds).
    """
    x = _images(x)
    if not (isinstance(level, (int, float)) and math.isfinite(level) and level >= 0):
        raise ValueError(f"noise level must be a finite number ≥ 0, got {level!r}")
    if kind == "gaussian":
        eps = torch.randn(x.shape, generator=generator)
        return (x + level * eps).clamp(0, 1)
    if kind == "salt_pepper":
        if level > 1:
            raise ValueError(f"salt-and-pepper level is a fraction in [0, 1], got {level!r}")
        hit = torch.rand(x.shape, generator=generator) < level
        salt = (torch.rand(x.shape, generator=generator) < 0.5).float()
        return torch.where(hit, salt, x)
    raise ValueError(f"unknown noise kind {kind!r} (one of {', '.join(NOISE_KINDS)})")


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

    @property
    def kl_bits(self) -> float:
        return self.kl_nats / math.log(2)  # 1 nat = 1 / ln 2 bits

    @property
    def recon_bits(self) -> float:
        return self.recon_nats / math.log(2)

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
                             int(x[0].numel()), recon)
