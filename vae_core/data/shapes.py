"""Procedural dSprites-like shapes with ground-truth factors (Matthey et al. 2017, dSprites).

Every combination of the five factors below is rendered once (full factorial product, in this
order, the last factor varying fastest), so disentanglement metrics such as MIG can use the true
factors. Images are 32×32, one channel, white shape on black, anti-aliased by 4×4 supersampling
(pixel value = covered share of the pixel; ``antialias=False`` gives strictly binary images).

=========  ====  ===========================================================================
factor     size  values
=========  ====  ===========================================================================
shape      4     square, ellipse (axes 1 : 0.5), triangle (equilateral), heart
scale      4     0.5, 2/3, 5/6, 1 × the largest size; every shape fits in a disc of radius
                 7.5 px × scale (3.75, 5, 6.25, 7.5 px)
rotation   6     0°, 15°, 30°, 45°, 60°, 75° counter-clockwise. Kept inside [0°, 90°) so no two
                 rotation values give the same image for any shape (the square repeats every
                 90°, the ellipse every 180°)
x          8     centre at 9, 11, …, 23 px from the left edge (step 2 px)
y          8     centre at 9, 11, …, 23 px from the top edge (step 2 px; image rows go down)
=========  ====  ===========================================================================

4 × 4 × 6 × 8 × 8 = 6,144 images. The bounding disc (radius ≤ 7.5 px) around any centre stays at
least 1 px inside the frame, so no shape is ever clipped. Generation is deterministic and takes a
few milliseconds: each (shape, scale, rotation) is rendered once into a 16×16 patch, then the
patch is pasted at the 64 positions. The seed only chooses the train/test split.
"""

from __future__ import annotations

import numpy as np
import torch

from vae_core.data.base import DataBundle, split_indices

SHAPE_NAMES = ("square", "ellipse", "triangle", "heart")
SCALES = (0.5, 2 / 3, 5 / 6, 1.0)
ROTATIONS_DEG = (0.0, 15.0, 30.0, 45.0, 60.0, 75.0)
POSITIONS = tuple(float(9 + 2 * i) for i in range(8))  # centre, px from left (x) / top (y) edge
FACTOR_NAMES = ("shape", "scale", "rotation", "x", "y")
FACTOR_VALUES = (SHAPE_NAMES, SCALES, ROTATIONS_DEG, POSITIONS, POSITIONS)
FACTOR_SIZES = tuple(len(v) for v in FACTOR_VALUES)  # (4, 4, 6, 8, 8)

FRAME = 32           # image side, px
PATCH = 16           # side of the patch one shape is rendered into, px
MAX_RADIUS = 7.5     # bounding-disc radius at scale 1, px (the disc fits in the patch)
SUPERSAMPLE = 4      # samples per pixel side for anti-aliasing
_PATCH_OFFSETS = tuple(int(p - PATCH / 2) for p in POSITIONS)  # top-left corner: 1, 3, …, 15


def inside(shape: int, u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """Boolean mask: is (u, v) inside shape ``shape`` of bounding radius 1 (v points up)?

    Every shape lies within the unit disc, so any rotation keeps it within the same disc.
    """
    if shape == 0:  # square with its corners on the unit circle
        half = 1 / np.sqrt(2)
        return (np.abs(u) <= half) & (np.abs(v) <= half)
    if shape == 1:  # ellipse, semi-axes 1 (along u) and 0.5
        return u**2 + (v / 0.5) ** 2 <= 1
    if shape == 2:  # equilateral triangle inscribed in the unit circle, apex up; inradius ½
        normals = np.deg2rad([-90.0, 30.0, 150.0])  # outward normals of the three edges
        return np.all([np.cos(a) * u + np.sin(a) * v <= 0.5 for a in normals], axis=0)
    if shape == 3:  # heart curve (x² + y² − 1)³ − x²y³ ≤ 0; its bounding disc is centred at
        # (0, 0.25) with radius 1.25 (the bottom tip), so shift and scale it into the unit disc
        x, y = 1.25 * u, 1.25 * v + 0.25
        return (x**2 + y**2 - 1) ** 3 - x**2 * y**3 <= 0
    raise ValueError(f"unknown shape index {shape!r}; choose 0..{len(SHAPE_NAMES) - 1}")


def render_patches(*, antialias: bool = True) -> np.ndarray:
    """Every (shape, scale, rotation) centred in a PATCH×PATCH patch: (4, 4, 6, 16, 16) float32."""
    samples = SUPERSAMPLE if antialias else 1
    grid = (np.arange(PATCH * samples) + 0.5) / samples  # sample positions in px, (P*S,)
    u0 = (grid - PATCH / 2)[None, :]                     # (1, P*S) right is +u
    v0 = (PATCH / 2 - grid)[:, None]                     # (P*S, 1) up is +v
    radius = MAX_RADIUS * np.asarray(SCALES)[:, None, None, None]  # (4, 1, 1, 1)
    theta = np.deg2rad(ROTATIONS_DEG)[None, :, None, None]         # (1, 6, 1, 1)
    # a point is in the shape rotated by θ iff the point rotated by −θ is in the upright shape
    u = (np.cos(theta) * u0 + np.sin(theta) * v0) / radius  # (4, 6, P*S, P*S)
    v = (-np.sin(theta) * u0 + np.cos(theta) * v0) / radius
    masks = np.stack([inside(s, u, v) for s in range(len(SHAPE_NAMES))])  # (4, 4, 6, P*S, P*S)
    # (..., P*S, P*S) -> (..., P, S, P, S) -> mean over the S×S samples of each pixel
    cover = masks.reshape(*masks.shape[:3], PATCH, samples, PATCH, samples).mean(axis=(-3, -1))
    return cover.astype(np.float32)


def generate_shapes(*, antialias: bool = True) -> tuple[torch.Tensor, torch.Tensor]:
    """All 6,144 images and their factor indices: ((N, 1, 32, 32) float32, (N, 5) int64).

    Row ``i`` is the factor combination ``np.unravel_index(i, FACTOR_SIZES)``.
    """
    patches = render_patches(antialias=antialias)  # (4, 4, 6, P, P)
    images = np.zeros((*FACTOR_SIZES, FRAME, FRAME), dtype=np.float32)  # (4, 4, 6, 8, 8, 32, 32)
    for ix, left in enumerate(_PATCH_OFFSETS):
        for iy, top in enumerate(_PATCH_OFFSETS):
            images[:, :, :, ix, iy, top:top + PATCH, left:left + PATCH] = patches
    n = int(np.prod(FACTOR_SIZES))
    # (4, 4, 6, 8, 8, H, W) -> (N, 1, H, W)
    x = torch.from_numpy(images.reshape(n, 1, FRAME, FRAME))
    factors = torch.from_numpy(np.indices(FACTOR_SIZES).reshape(len(FACTOR_SIZES), n).T.copy())
    return x, factors.to(torch.int64)  # (5, N) -> (N, 5)


def load_shapes_bundle(*, test_fraction: float = 0.2, seed: int = 0,
                       antialias: bool = True) -> DataBundle:
    """The shapes as a ``DataBundle``: labels are the shape index, factors the five indices."""
    x, factors = generate_shapes(antialias=antialias)
    train_idx, test_idx = split_indices(x.shape[0], test_fraction, seed)
    return DataBundle(
        name="shapes",
        train_x=x[train_idx], train_y=factors[train_idx, 0].contiguous(),
        test_x=x[test_idx], test_y=factors[test_idx, 0].contiguous(),
        class_names=SHAPE_NAMES,
        factor_names=FACTOR_NAMES,
        factor_sizes=FACTOR_SIZES,
        train_factors=factors[train_idx], test_factors=factors[test_idx],
    )
