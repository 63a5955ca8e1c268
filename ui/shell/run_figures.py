"""A run's figures built once for every session that shows it.

The sessions sharing a run (``ui.shell.shared_runs``) redraw the same curves, KL map and
latent view; building a Plotly figure (its validators) is most of a redraw's time, so a figure
is kept per job, named, with the version it was built for (the step it shows, the toggles and
the language), and built again only when that changes. Streamlit serialises the figure for each
session; nothing here mutates a figure once it is kept. No Streamlit here.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Hashable
from typing import Any

_figures: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # job -> name -> (v, fig)
_lock = threading.Lock()


def of_job(job: Any, name: str, version: Hashable, build: Callable[[], Any]) -> Any:
    """The figure ``name`` of ``job`` for ``version``: kept, or built now and kept."""
    with _lock:
        kept = _figures.get(job, {}).get(name)
    if kept is not None and kept[0] == version:
        return kept[1]
    figure = build()  # outside the lock: two sessions may build one at the same moment
    with _lock:
        _figures.setdefault(job, {})[name] = (version, figure)
    return figure
