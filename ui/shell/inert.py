"""Text from outside (a link's values and names, file and model names, checkpoint headers) made
inert before it is formatted into anything Streamlit renders as Markdown.

``st.markdown``, ``st.caption``, ``st.info``/``warning``/``error``/``success`` and widget labels
render Markdown, KaTeX (``$…$``) and bare URLs as links; a value from a link or a file must show
as the characters it is, never as a link, an image, a heading or a formula. Every message that
formats such text passes it through ``inert`` (``tests/test_inert.py`` feeds the known payloads
through every page that shows outside text).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

MAX_CHARS = 80      # a shown value is cut here with "…": a 10 kB link value is not a wall of text
# C0/C1 controls (newlines make headings), zero-width and bidirectional controls (they reorder
# what a reader sees: a right-to-left override before "gpj.exe" shows it as "exe.jpg"),
# and the byte-order mark
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]")
# what Markdown, KaTeX and Streamlit act on: emphasis, code, links and images, HTML, $…$,
# :directives[…] and :icons:, e-mail autolinks; CommonMark shows a backslash-escaped one as
# itself. Quotes, commas and hyphens stay as they are, so plain sentences read plainly.
_ACTIVE = re.compile(r"([\\`*_{}\[\]()#+!|<>~$@:])")
# GFM links bare addresses after the escapes are resolved ("http://…", "www.…", "a@b.c"), so
# a backslash cannot stop it: an invisible word joiner inside the pattern does
_AUTOLINK = re.compile(r"(?i)(?<=\bwww)(?=\\?\.)|(?<=[a-z])(?=\\?:\\?/)|(?=\\@)")
_JOINER = "\u2060"


def plain(text: Any, *, limit: int = MAX_CHARS) -> str:
    """``text`` as one printable line: invisible and control characters become spaces (then
    collapsed), and it is cut to ``limit`` characters with an ellipsis."""
    line = _INVISIBLE.sub(" ", unicodedata.normalize("NFC", str(text)))
    line = " ".join(line.split())
    return line if len(line) <= limit else line[:limit - 1].rstrip() + "…"


def inert(text: Any, *, limit: int = MAX_CHARS) -> str:
    """``plain(text)`` with every character Markdown could act on backslash-escaped, ready to be
    formatted into Markdown: it renders as exactly those characters."""
    escaped = _ACTIVE.sub(r"\\\1", plain(text, limit=limit))
    return _AUTOLINK.sub(_JOINER, escaped)


PLOT_CHARS = 40  # a legend entry or a hover line


def plot_text(text: Any, *, limit: int = PLOT_CHARS) -> str:
    """``plain(text)`` for a Plotly label (a legend entry, a hover line, a tick): in the
    browser Plotly renders a subset of HTML in them, ``<a href>`` as a live link among it, so
    ``&``, ``<`` and ``>`` become the entities it shows as those characters."""
    return plain(text, limit=limit).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# parameters the app and the core fill in themselves, never from a link or a file: the server's
# folder and file names (set in `code` spans, where a backslash would show), field names,
# allowed ranges and choices, limits
OWN_PARAMS = frozenset({"folder", "files", "field", "allowed", "choices", "config", "section",
                        "where", "expected", "max", "limit", "digits", "env", "reason_code",
                        "reason_kind"})
PARAM_CHARS = 120  # a core message already cuts a refused value to 100 (vae_core.config.shown)


def inert_params(params: Mapping[str, Any]) -> dict[str, Any]:
    """A coded error's parameters, its text values made inert: they may come from a file's
    header or a link (a refused value, unknown keys, a dataset's name). Numbers stay numbers
    for the messages' format specs."""
    def one(key: str, value: Any) -> Any:
        if isinstance(value, Mapping):  # a wrapped error's own params (``reason_params``)
            return inert_params(value)
        if isinstance(value, str) and key not in OWN_PARAMS:
            return inert(value, limit=PARAM_CHARS)
        return value

    return {k: one(k, v) for k, v in params.items()}
