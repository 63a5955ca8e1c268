"""What every benchmark script shares: the issue-7 rows it measured, written as JSON so that
``python -m bench`` can put the rows of all scripts into one table."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class IssueRow:
    row: str            # the issue's row number ("1".."8"); sub-rows share it
    what: str
    reference: str      # "—" where there is nothing to compare with
    ours: str
    result: str         # the ratio, share or value the target is about
    target: str
    met: bool | None    # None: a row to report, with no pass mark


def verdict(met: bool | None) -> str:
    return {True: "met", False: "**not met**", None: "reported"}[met]


def table(rows: list[IssueRow]) -> str:
    lines = ["| # | what | reference | ours | result | target | |",
             "|---|---|---|---|---|---|---|"]
    for r in sorted(rows, key=lambda r: int(r.row)):
        lines.append(f"| {r.row} | {r.what} | {r.reference} | {r.ours} | {r.result} | "
                     f"{r.target} | {verdict(r.met)} |")
    return "\n".join(lines)


def write_rows(path: str | None, rows: list[IssueRow]) -> None:
    if path:
        Path(path).write_text(json.dumps([asdict(r) for r in rows], ensure_ascii=False))


def read_rows(path: Path) -> list[IssueRow]:
    return [IssueRow(**d) for d in json.loads(path.read_text())]
