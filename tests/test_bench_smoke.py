"""The latent-space benchmark runs end to end on tiny sizes (numbers are not checked here)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_bench_latent_quick():
    proc = subprocess.run([sys.executable, "bench/bench_latent.py", "--quick"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    rows = [line for line in proc.stdout.splitlines() if line.startswith("| ")]
    assert rows[0].startswith("| step | setting | median")
    assert any("manifold grid 20×20" in r for r in rows)
    assert sum("t-SNE" in r for r in rows) >= 2
