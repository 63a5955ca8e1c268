"""The training benchmark runs end to end on a tiny setting (numbers are not checked here)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_bench_train_quick():
    proc = subprocess.run([sys.executable, "bench/bench_train.py", "--quick"], cwd=ROOT,
                          capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr[-2000:]
    rows = [line for line in proc.stdout.splitlines() if line.startswith("| ")]
    assert len(rows) == 5 and "samples/s" in rows[2] and "GFLOP/s" in rows[3]
