"""Every figure downloadable, through one helper each for image grids and charts.

Image grids (``grid``) are shown with ``st.image`` and a download button beside them: a PNG at
the scale chosen in the sidebar (nearest neighbour, so pixels stay sharp), with its caption in
the page's language written under the picture and in the PNG's own text fields. Charts
(``chart``) download from their toolbar's camera button as PNG or SVG (the sidebar's choice),
at that scale, named after their caption: Plotly draws the file in the browser, so the server
renders nothing (a static export would need kaleido and a Chromium per download).

The sidebar's choices (``preferences``) live in session state under ``K_SCALE`` and
``K_FORMAT``; pages do not read them.
"""

from __future__ import annotations

import io
import re
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import streamlit as st
from PIL import Image, ImageDraw, ImageFont, PngImagePlugin

from ui.shell.strings import VIEWS

K_SCALE = "vl_download_scale"
K_FORMAT = "vl_download_format"
SCALES = (1, 2, 4)
FORMATS = ("png", "svg")
FONT_FILES = (  # a font with 中文 glyphs where the system has one (Debian: fonts-noto-cjk)
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.otf",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "C:/Windows/Fonts/msyh.ttc",
)
CAPTION_PX = 14   # the caption's size at scale 1
MAX_NAME = 60     # characters of a caption kept in a file name


def preferences() -> None:
    """The scale and the chart format of every download, in the sidebar (folded away)."""
    where = st.sidebar.expander(VIEWS["downloads"], icon=":material/download:")
    where.segmented_control(VIEWS["scale"], SCALES, default=2, key=K_SCALE,
                            format_func=lambda s: f"{s}×", help=VIEWS["scale_help"])
    where.segmented_control(VIEWS["format"], FORMATS, default="png", key=K_FORMAT,
                            format_func=str.upper, help=VIEWS["format_help"])


def scale() -> int:
    return int(st.session_state.get(K_SCALE) or 2)


def chart_format() -> str:
    return st.session_state.get(K_FORMAT) or "png"


def file_name(caption: str, ext: str) -> str:
    """A caption as a file name: letters (any script), digits and dashes."""
    stem = re.sub(r"[^\w]+", "-", caption, flags=re.UNICODE).strip("-_")[:MAX_NAME]
    return f"{stem or 'figure'}.{ext}"


@cache
def _font(size: int) -> Any:
    for path in FONT_FILES:
        if Path(path).is_file():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)


def _wrap(text: str, font: Any, width: int, draw: Any) -> list[str]:
    """Lines no wider than ``width``; 中文 has no spaces, so it breaks between characters."""
    lines, line = [], ""
    for token in re.findall(r"\S+\s*|\s+", text) if " " in text else list(text):
        if line and draw.textlength(line + token, font=font) > width:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
    return [*lines, line.rstrip()] if line.strip() else lines


def png_bytes(pixels: np.ndarray, caption: str, *, factor: int) -> bytes:
    """(H, W, 3) uint8 -> a PNG ``factor`` times larger, the caption written under it (and
    kept as the PNG's Title and Description)."""
    image = Image.fromarray(pixels)
    image = image.resize((image.width * factor, image.height * factor), Image.Resampling.NEAREST)
    font, pad = _font(CAPTION_PX * factor), 6 * factor
    draw = ImageDraw.Draw(image)
    lines = _wrap(caption, font, image.width - 2 * pad, draw) if caption else []
    line_h = int(CAPTION_PX * factor * 1.4)
    out = Image.new("RGB", (image.width, image.height + (len(lines) * line_h + 2 * pad
                                                         if lines else 0)), "white")
    out.paste(image, (0, 0))
    pen = ImageDraw.Draw(out)
    for k, line in enumerate(lines):
        pen.text((pad, image.height + pad + k * line_h), line, fill="#1f2430", font=font)
    info = PngImagePlugin.PngInfo()
    info.add_itxt("Title", caption)
    info.add_itxt("Description", caption)
    buf = io.BytesIO()
    out.save(buf, format="PNG", pnginfo=info)
    return buf.getvalue()


def grid(pixels: np.ndarray, caption: str, *, key: str, where: Any = st,
         buttons: Any = None, **image_args: Any) -> None:
    """``st.image`` of a grid with its caption in ``where``, and a button that downloads it
    under it (or in ``buttons``, a row the caller adds its own downloads to)."""
    where.image(pixels, caption=caption, output_format="PNG", **image_args)
    factor = scale()
    (buttons or where).download_button(
        VIEWS["download_png"].format(scale=factor), data=lambda: png_bytes(pixels, caption,
                                                                          factor=factor),
        file_name=file_name(caption, "png"), mime="image/png", key=f"dl_{key}",
        icon=":material/download:", on_click="ignore", type="tertiary")


def chart_config(caption: str) -> dict:
    """Plotly's config for a chart's toolbar download: format, scale, and the caption as name."""
    return {"toImageButtonOptions": {"format": chart_format(), "scale": scale(),
                                     "filename": file_name(caption, "x")[:-2]},
            "displaylogo": False}


def chart(fig: Any, caption: str, *, key: str, where: Any = st, **chart_args: Any) -> Any:
    """``st.plotly_chart`` whose toolbar camera downloads the chart as the sidebar says."""
    return where.plotly_chart(fig, key=key, config=chart_config(caption), **chart_args)
