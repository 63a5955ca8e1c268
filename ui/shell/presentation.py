"""Presentation mode: larger type, thicker lines, larger images and high contrast, for a
projector at 1024 px. A toggle in the sidebar, remembered as the language is: the address bar
carries ``?present=1``, so a reload (or a link a teacher shares) keeps it.

The look is one style sheet over the page (Streamlit's elements and Plotly's SVG, whose inline
sizes it overrides); the latent component's shadow DOM inherits CSS custom properties only, so
it reads ``--vl-*`` variables, and its image sizes come from ``image_px``.
"""

from __future__ import annotations

import streamlit as st

from ui.shell.strings import VIEWS

KEY = "vl_present"
PARAM = "present"
K_TAKEN = "_vl_present_taken"   # the link's value was read on this session's first run
IMAGE_FACTOR = 1.5             # images (grids, the in-browser decoder's canvases) grow by this

# Streamlit's own test ids; Plotly's classes. !important: Plotly writes sizes inline.
STYLE = """
<style id="vl-present-style">
:root { --vl-font: 18px; --vl-caption: 16px; --vl-text: #000; }
[data-testid="stMain"] { color: #000; }
[data-testid="stMain"] [data-testid="stMarkdownContainer"] p,
[data-testid="stMain"] [data-testid="stMarkdownContainer"] li { font-size: 1.3rem; }
[data-testid="stMain"] [data-testid="stCaptionContainer"],
[data-testid="stMain"] [data-testid="stCaptionContainer"] p,
[data-testid="stMain"] [data-testid="stImageCaption"] { font-size: 1.1rem; color: #111; }
[data-testid="stMain"] [data-testid="stWidgetLabel"] p { font-size: 1.15rem; color: #000; }
[data-testid="stMain"] h1 { font-size: 3rem; }
[data-testid="stMain"] [data-testid="stImage"] img { zoom: 1.5; max-width: 66vw; }
/* not the legend's: Plotly spaces its entries for their own size, larger ones overlapped */
.js-plotly-plot .main-svg text:not(.legendtext) { font-size: 15px !important; }
.js-plotly-plot .main-svg text { fill: #000 !important; }
.js-plotly-plot .main-svg .gtitle { font-size: 19px !important; }
.js-plotly-plot .scatterlayer .js-line { stroke-width: 3.5px !important; }
.js-plotly-plot .gridlayer path { stroke: #bbb !important; }
</style>
"""


def on() -> bool:
    return bool(st.session_state.get(KEY))


def image_px(px: int) -> int:
    """An image's on-screen size in the current mode."""
    return round(px * IMAGE_FACTOR) if on() else px


def toggle() -> bool:
    """The sidebar toggle (a link's ``?present=1`` on a session's first run), the address bar
    kept in step, and the style sheet while it is on."""
    if not st.session_state.get(K_TAKEN):
        st.session_state[K_TAKEN] = True
        if st.query_params.get(PARAM) == "1":
            st.session_state[KEY] = True
    value = st.sidebar.toggle(VIEWS["present"], key=KEY, help=VIEWS["present_help"])
    if value and st.query_params.get(PARAM) != "1":
        st.query_params[PARAM] = "1"
    elif not value and PARAM in st.query_params:
        del st.query_params[PARAM]
    if value:
        st.html(STYLE)
    return value
