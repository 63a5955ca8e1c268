"""Posterior collapse named where it happens (a Train run, β lab models, a model's evaluation),
with a link to lesson 7; and what "active units" counts."""

from __future__ import annotations

import streamlit as st

from ui.shell.strings import COLLAPSE

LESSON = "pages/lesson_7.py"


def few_active(active: int | None, k: int) -> bool:
    """Fewer than half of the ``k`` latent dimensions active: (partial) posterior collapse."""
    return isinstance(active, int) and k > 0 and 2 * active < k


def collapse_words(active: int, k: int) -> str:
    if active == 0:
        return COLLAPSE["none"].format(k=k)
    return COLLAPSE["partial"].format(active=active, k=k, collapsed=k - active)


def collapse_note(active: int | None, k: int) -> bool:
    """Say so (and link lesson 7) when few units are active; True if it did."""
    if not few_active(active, k):
        return False
    st.warning(collapse_words(int(active), k), icon=":material/compress:")
    st.page_link(LESSON, label=COLLAPSE["lesson"], icon=":material/bookmark:")
    return True


def au_help() -> str:
    return COLLAPSE["au_help"]


def au_caption() -> None:
    st.caption(COLLAPSE["au_caption"])
