"""``python -m bench``: every issue-7 row in one table (about 10 minutes on 2 cores).

Runs bench_train.py (rows 1-3), bench_data.py (rows 9-11), bench_latent.py (rows 4, 6),
bench_app.py (rows 5-8, in Chromium), bench_pointer.py (rows 12-15), bench_why.py (row 16),
bench_live.py (rows 17-19) and bench_time_to_elbo.py (row 20) one after another, each in its
own process so that thread settings and memory do not leak from one to the next, prints each
script's detailed table and then the summary.

    python -m bench                  # the README's table
    python -m bench --quick          # smoke run on tiny sizes (the numbers mean nothing)
    python -m bench --only train     # one script: train, data, latent, app, pointer, why, live
                                     # or elbo
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import read_rows, table

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = {"train": "bench/bench_train.py", "data": "bench/bench_data.py",
           "latent": "bench/bench_latent.py",
           "app": "bench/bench_app.py", "pointer": "bench/bench_pointer.py",
           "why": "bench/bench_why.py", "live": "bench/bench_live.py",
           "elbo": "bench/bench_time_to_elbo.py"}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="tiny sizes: a smoke run")
    p.add_argument("--only", choices=list(SCRIPTS), action="append",
                   help="run only this script (repeatable)")
    args = p.parse_args(argv)
    rows, failed = [], []
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.only or list(SCRIPTS):
            out = Path(tmp) / f"{name}.json"
            cmd = [sys.executable, SCRIPTS[name], "--json", str(out)]
            print(f"## {name}: {SCRIPTS[name]}{' --quick' if args.quick else ''}\n", flush=True)
            # output streams through: a full run takes minutes
            proc = subprocess.run(cmd + (["--quick"] if args.quick else []), cwd=ROOT)
            print(flush=True)
            if proc.returncode != 0 or not out.exists():
                failed.append(name)
                print(f"{name} failed (exit {proc.returncode})", file=sys.stderr)
                continue
            rows += read_rows(out)
    print(f"## Summary ({time.perf_counter() - t0:.0f} s{', quick sizes' if args.quick else ''})"
          "\n")
    print(table(rows))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
