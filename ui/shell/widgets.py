"""Streamlit widgets whose own words are English only, worded in the page's language.

Streamlit draws a file uploader's button ("Upload") and its limits line ("50MB per file •
ZIP, NPZ") itself, in English, with no parameter to change them; a 中文 page would show them
as the only English on it. The uploader here keeps Streamlit's widget and draws the page's own
words over those two texts with a style scoped to its key (``st-key-<key>``): the text nodes
stay in the page for screen readers in English, only their glyphs are replaced."""

from __future__ import annotations

from typing import Any

import streamlit as st

from ui.shell import i18n
from ui.shell.strings import WIDGETS


def file_uploader(label: str, types: list[str], *, key: str, **kw: Any):
    """``st.file_uploader`` with its button and limits line in the page's language."""
    uploaded = st.file_uploader(label, type=types, key=key, **kw)
    if i18n.current_language() != "en":
        mb = st.get_option("server.maxUploadSize")
        limits = WIDGETS["upload_limits"].format(mb=mb, types=", ".join(t.upper() for t in types))
        st.html(_over(f".st-key-{key} [data-testid='stFileUploaderDropzone'] button p",
                      WIDGETS["upload"])
                + _over(f".st-key-{key} [data-testid='stFileUploaderDropzoneInstructions'] span",
                        limits))
    return uploaded


def choose_one() -> str:
    """The placeholder of a selectbox (Streamlit's is "Choose an option")."""
    return WIDGETS["choose_one"]


def choose_many() -> str:
    """The placeholder of a multiselect with nothing chosen (Streamlit's: "Choose options")."""
    return WIDGETS["choose_many"]


def _over(selector: str, text: str) -> str:
    """A style that hides an element's own glyphs and draws ``text`` in their place."""
    quoted = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return (f"<style>{selector} {{font-size: 0 !important}} "
            f"{selector}::after {{content: \"{quoted}\"; font-size: 0.875rem}}</style>")
