"""Images for display and download: an animated GIF of frames, a tiled grid as uint8 pixels."""

from __future__ import annotations

import io

import numpy as np
import torch
from PIL import Image
from torch import Tensor

MAX_SCALE = 64


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
    if not duration_ms > 0:
        raise ValueError(f"duration_ms must be positive, got {duration_ms!r}")
    images = [_frame_image(f, scale) for f in _to_uint8(frames)]
    buf = io.BytesIO()
    extra = {} if loop is None else {"loop": int(loop)}
    images[0].save(buf, format="GIF", save_all=True, append_images=images[1:],
                   duration=int(duration_ms), disposal=1, **extra)
    return buf.getvalue()


def grid_image(images: Tensor, *, nrow: int | None = None, padding: int = 2,
               pad_value: float = 0.5) -> np.ndarray:
    """Tile images into one picture for display: uint8 (H, W) for grey, (H, W, 3) for RGB.

    ``images`` is (N, C, H, W), ``nrow`` images per row (8 by default, as in torchvision), or a
    (R, N, C, H, W) grid such as ``traversal_grid``'s, laid out as R rows of N. ``pad_value``
    0.5 (grey) separates tiles on both dark and light backgrounds.
    """
    from torchvision.utils import make_grid

    if images.ndim == 5:
        rows, cols = images.shape[:2]
        if nrow is not None and nrow != cols:
            raise ValueError(f"a (R, N, C, H, W) grid has {cols} images per row, got nrow={nrow}")
        nrow = int(cols)
        images = images.reshape(rows * cols, *images.shape[2:])  # (R, N, C, H, W) -> (R*N, ...)
    if images.ndim != 4 or images.shape[1] not in (1, 3):
        raise ValueError(f"images must be (N, C, H, W) with C = 1 or 3, got {tuple(images.shape)}")
    if images.shape[0] < 1:
        raise ValueError("need at least one image")
    grey = images.shape[1] == 1
    grid = make_grid(images.detach().float().cpu().clamp(0, 1), nrow=nrow or 8, padding=padding,
                     pad_value=pad_value)  # (3, H', W'): make_grid repeats a grey channel
    pixels = _to_uint8(grid)
    if grey:
        return pixels[0].numpy().copy()  # (3, H', W') -> (H', W')
    return pixels.permute(1, 2, 0).numpy().copy()  # (3, H', W') -> (H', W', 3)
