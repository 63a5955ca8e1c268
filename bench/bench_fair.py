"""Fair compute benchmark (issue 26): one hostile client opens N sessions and presses Start in
each, with the most epochs the server allows for the default network (1,000: about ten minutes
of a slot each); then a classmate, from another address, presses Start on the Train page's
default run. Run twice on fresh servers: with the fairness rules as shipped, and with the
per-client limits turned off (``VAE_LAB_MAX_QUEUED_PER_CLIENT=0``,
``VAE_LAB_MAX_RUNNING_PER_CLIENT=0``: what a class behind one NAT address gets, and what every
server got before). Prints a markdown table: the hostile runs accepted and refused, where the
classmate's run stood, how long it waited and trained, and ``/_stcore/health`` meanwhile.

All sessions are thin sessions (``bench/thin_session.py``: the Train page's requests without a
browser), each sending the address our nginx would forward as ``X-Forwarded-For``. No browser.

    python bench/bench_fair.py            # 33 hostile sessions (the issue's)
    python bench/bench_fair.py 10
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script from anywhere
from bench.server_watch import HealthProbe, start_server  # noqa: E402
from bench.thin_session import ThinCrowd  # noqa: E402

HOSTILE, CLASSMATE = "203.0.113.7", "198.51.100.20"
HOSTILE_EPOCHS = 1000
UNFAIR = {"VAE_LAB_MAX_QUEUED_PER_CLIENT": "0", "VAE_LAB_MAX_RUNNING_PER_CLIENT": "0"}


@dataclass
class FairResult:
    mode: str
    hostile: int
    hostile_training: int = 0
    hostile_queued: int = 0
    hostile_refused: int = 0
    classmate_place: str = "—"         # its first queue place, or "started at once"
    classmate_wait_s: float | None = None    # Start -> training
    classmate_done_s: float | None = None    # Start -> finished
    classmate_refused: str = ""
    health_p95_ms: float = 0.0
    health_failures: int = 0


def one_mode(mode: str, hostile: int, *, timeout_s: float) -> FairResult:
    """A fresh server; the hostile sessions first, every Start answered, then the classmate."""
    result = FairResult(mode=mode, hostile=hostile)
    with tempfile.TemporaryDirectory() as library:
        proc, url = start_server(library, env_extra=UNFAIR if mode == "off" else None)
        try:
            with HealthProbe(url, proc.pid) as probe:
                crowd = ThinCrowd(url, hostile, epochs=HOSTILE_EPOCHS, timeout_s=timeout_s,
                                  client=HOSTILE).start()
                try:
                    crowd.wait_until_accepted(timeout_s)
                    _count_hostile(crowd, result)
                    _classmate(url, result, timeout_s=timeout_s)
                finally:
                    crowd.close()
            stats = probe.stats_ms()
            result.health_p95_ms, result.health_failures = stats["p95"], len(probe.failures)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    return result


def _count_hostile(crowd: ThinCrowd, result: FairResult) -> None:
    for s in crowd.sessions:
        if s.refused is not None:
            result.hostile_refused += 1
        elif s.ever_queued:
            result.hostile_queued += 1
        elif s.training_s is not None:
            result.hostile_training += 1


def _classmate(url: str, result: FairResult, *, timeout_s: float) -> None:
    mate = ThinCrowd(url, 1, epochs=None, timeout_s=timeout_s, client=CLASSMATE).start()
    try:
        session = mate.sessions[0]
        deadline = time.perf_counter() + timeout_s
        first_place = None
        while not session.ended and time.perf_counter() < deadline:
            if first_place is None and session.queued is not None:
                first_place = session.queued
            time.sleep(0.1)
        result.classmate_refused = session.refused or ""
        result.classmate_wait_s, result.classmate_done_s = session.training_s, session.finished_s
        if first_place is not None:
            result.classmate_place = f"{first_place[0]} of {first_place[1]}"
        elif session.training_s is not None:
            result.classmate_place = "started at once"
    finally:
        mate.close()


def _s(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f} s"


def markdown(results: list[FairResult]) -> str:
    names = {"on": "per-client limits on (shipped)", "off": "per-client limits off"}
    rows = [
        ("hostile sessions (one address)", lambda r: str(r.hostile)),
        ("… training / queued / refused", lambda r: f"{r.hostile_training} / "
                                                   f"{r.hostile_queued} / {r.hostile_refused}"),
        ("classmate's Start", lambda r: (f"refused: “{r.classmate_refused[:70]}…”"
                                         if r.classmate_refused else r.classmate_place)),
        ("classmate: Start → training", lambda r: _s(r.classmate_wait_s)),
        ("classmate: Start → finished (30 epochs)", lambda r: _s(r.classmate_done_s)),
        ("health p95 (failures)", lambda r: f"{r.health_p95_ms:.0f} ms "
                                            f"({r.health_failures})"),
    ]
    head = "| | " + " | ".join(names[r.mode] for r in results) + " |"
    lines = [head, "|---" * (len(results) + 1) + "|"]
    lines += [f"| {what} | " + " | ".join(cell(r) for r in results) + " |"
              for what, cell in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("hostile", type=int, nargs="?", default=33,
                   help="sessions of the hostile client (default 33)")
    p.add_argument("--timeout", type=float, default=240.0,
                   help="seconds to wait for the classmate's run (default 240)")
    args = p.parse_args(argv)
    results = [one_mode(mode, args.hostile, timeout_s=args.timeout) for mode in ("on", "off")]
    print(markdown(results))
    return 0 if results[0].classmate_done_s is not None else 1


if __name__ == "__main__":
    sys.exit(main())
