"""Images for display and download: an animated GIF of frames, a tiled grid as uint8 pixels.

A 1-D sequence, stored as a one-row image (1, 1, L), is drawn as a waveform picture
(``waveform_pictures``) before it is tiled or animated, so every grid and GIF of the app shows a
sequence as a line, not as a 1-pixel-high stripe.
"""

from __future__ import annotations

import io

import numpy as np
import torch
from PIL import Image, ImageDraw
from torch import Tensor

from vae_core.data.base import is_sequence_shape

MAX_SCALE = 64
WAVE_MIN_H = 64          # least height of a waveform picture, px (its width is twice that)
WAVE_MAX_H = 512
WAVE_SUPERSAMPLE = 3     # drawn this many times larger, then shrunk: a smooth line
WAVE_INK = (31, 119, 180)        # the app's blue
WAVE_AXIS = (200, 200, 200)      # the signal's zero (½ in [0, 1])
WAVE_FRAME = (225, 225, 225)     # on a white page a picture without a frame reads as a gap


def waveform_pictures(x: Tensor, *, height: int = WAVE_MIN_H) -> Tensor:
    """(N, 1, 1, L) values in [0, 1] -> (N, 3, height, 2·height) RGB pictures in [0, 1]: each
    sequence as a line on white, the value ½ (the signal's zero) as a grey axis."""
    height = int(min(max(height, WAVE_MIN_H), WAVE_MAX_H))
    s = WAVE_SUPERSAMPLE
    h, w = height * s, 2 * height * s
    values = x.detach().float().cpu().clamp(0, 1).reshape(x.shape[0], -1).numpy()  # (N, L)
    xs = np.linspace(s, w - 1 - s, values.shape[1])
    out = np.empty((values.shape[0], height, 2 * height, 3), dtype=np.uint8)
    for i, row in enumerate(values):
        img = Image.new("RGB", (w, h), "white")
        draw = ImageDraw.Draw(img)
        draw.rectangle([0, 0, w - 1, h - 1], outline=WAVE_FRAME, width=s)
        draw.line([(0, h / 2), (w, h / 2)], fill=WAVE_AXIS, width=s)
        ys = s + (1 - row) * (h - 1 - 2 * s)
        draw.line(list(zip(xs.tolist(), ys.tolist())), fill=WAVE_INK, width=2 * s, joint="curve")
        out[i] = np.asarray(img.resize((2 * height, height), Image.Resampling.LANCZOS))
    return torch.from_numpy(out).permute(0, 3, 1, 2).float() / 255  # (N, H, W, 3) -> (N, 3, H, W)


def _pictures(images: Tensor, scale: int) -> tuple[Tensor, int]:
    """Sequences become waveform pictures about ``scale`` px high (one row scaled ``scale``
    times); images pass through. Returns (images, the scale still to apply)."""
    if images.ndim == 4 and is_sequence_shape(images.shape):
        return waveform_pictures(images, height=scale), 1
    return images, scale


def _to_uint8(images: Tensor) -> Tensor:
    """Floats in [0, 1] (clamped) -> uint8 in [0, 255], any shape."""
    return (images.detach().float().cpu().clamp(0, 1) * 255).round().to(torch.uint8)


def _frame_image(frame: Tensor, scale: int) -> Image.Image:
    """(C, H, W) uint8 with C = 1 or 3 -> a PIL image enlarged ``scale`` times (nearest)."""
    c, h, w = frame.shape
    if c == 1:
        img = Image.fromarray(frame[0].numpy())  # (1, H, W) -> (H, W)
    else:
        img = Image.fromarray(frame.permute(1, 2, 0).contiguous().numpy())  # -> (H, W, 3)
    return img.resize((w * scale, h * scale), Image.Resampling.NEAREST)


def frames_to_gif(frames: Tensor, *, scale: int = 4, duration_ms: int = 80,
                  loop: int | None = 0) -> bytes:
    """An animated GIF (bytes starting with ``b"GIF89a"``) of frames (T, C, H, W) in [0, 1].

    C is 1 (grey) or 3 (RGB; quantised to a 256-colour palette, as GIF requires). ``loop=0``
    repeats forever, ``None`` plays once. Pillow merges identical consecutive frames into one
    (adding their durations), so such a GIF plays the same but counts fewer frames.
    """
    if frames.ndim != 4 or frames.shape[1] not in (1, 3):
        raise ValueError(f"frames must be (T, C, H, W) with C = 1 or 3, got {tuple(frames.shape)}")
    if frames.shape[0] < 1:
        raise ValueError("need at least one frame")
    if isinstance(scale, bool) or not isinstance(scale, int) or not 1 <= scale <= MAX_SCALE:
        raise ValueError(f"scale must be an integer in [1, {MAX_SCALE}], got {scale!r}")
    frames, scale = _pictures(frames, scale)
    if not duration_ms > 0:
        raise ValueError(f"duration_ms must be positive, got {duration_ms!r}")
    images = [_frame_image(f, scale) for f in _to_uint8(frames)]
    buf = io.BytesIO()
    extra = {} if loop is None else {"loop": int(loop)}
    images[0].save(buf, format="GIF", save_all=True, append_images=images[1:],
                   duration=int(duration_ms), disposal=1, **extra)
    return buf.getvalue()


def grid_image(images: Tensor, *, nrow: int = 8, scale: int = 1, padding: int = 2,
               pad_value: float = 1.0) -> np.ndarray:
    """(N, C, H, W) in [0, 1] (clamped), C = 1 or 3 -> one uint8 picture (H', W', 3): ``nrow``
    images per row, each enlarged ``scale`` times (nearest, so 8×8 digits stay crisp),
    ``padding`` pixels of ``pad_value`` (white by default) around and between them.

    The layout is torchvision's ``make_grid``'s, pixel for pixel, except that a single image
    is padded too (``make_grid`` returns it bare). Not built on it: importing torchvision takes
    seconds, which the first grid on a page would wait for unless a torchvision dataset had
    already been loaded.
    """
    if images.ndim != 4 or images.shape[1] not in (1, 3):
        raise ValueError(f"images must be (N, C, H, W) with C = 1 or 3, got {tuple(images.shape)}")
    if images.shape[0] < 1:
        raise ValueError("need at least one image")
    if nrow < 1 or scale < 1:
        raise ValueError(f"nrow and scale must be at least 1, got {nrow!r} and {scale!r}")
    images, scale = _pictures(images, scale)
    pixels = _to_uint8(images)
    if scale > 1:  # (N, C, H, W) -> (N, C, H*s, W*s)
        pixels = pixels.repeat_interleave(scale, dim=-2).repeat_interleave(scale, dim=-1)
    n, _, h, w = pixels.shape
    pixels = pixels.expand(n, 3, h, w).permute(0, 2, 3, 1)  # grey -> RGB; -> (N, H, W, 3)
    cols = min(nrow, n)
    rows = -(-n // cols)
    fill = _to_uint8(torch.tensor(float(pad_value)))
    grid = torch.full((rows * (h + padding) + padding, cols * (w + padding) + padding, 3),
                      int(fill), dtype=torch.uint8)
    for i in range(n):
        r, q = divmod(i, cols)
        top, left = padding + r * (h + padding), padding + q * (w + padding)
        grid[top:top + h, left:left + w] = pixels[i]
    return grid.numpy()
