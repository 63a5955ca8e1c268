"""The dashboard's table as CSV that a spreadsheet opens safely: a cell that starts like a
formula (``=``, ``+``, ``-``, ``@``, a tab or a carriage return) gets a leading apostrophe, so
a learner named ``=HYPERLINK(…)`` stays text (OWASP's advice on CSV injection)."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def to_csv(rows: Sequence[Mapping[str, Any]]) -> bytes:
    """UTF-8 with a byte-order mark, which Excel needs to read 中文 names right."""
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), quoting=csv.QUOTE_ALL)
        writer.writeheader()
        writer.writerows({k: cell(v) for k, v in row.items()} for row in rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")
