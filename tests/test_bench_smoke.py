"""``python -m bench --quick`` runs the training, data and latent benchmarks end to end on tiny
sizes and prints their issue rows in one summary (the numbers are not checked: a benchmark is not a
test). The browser rows run in tests/e2e/test_bench_app_smoke.py."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def summary_rows(stdout: str) -> dict[str, str]:
    """Row number -> its lines of the summary table (a row may have sub-rows), joined."""
    summary = stdout.split("## Summary", 1)[1]
    rows: dict[str, str] = {}
    for line in summary.splitlines():
        if line.startswith("| ") and not line.startswith("| #"):
            key = line.split("|")[1].strip()
            rows[key] = rows.get(key, "") + line + "\n"
    return rows


@pytest.mark.e2e  # a whole program in a subprocess
def test_bench_train_data_and_latent_quick():
    proc = subprocess.run([sys.executable, "-m", "bench", "--quick", "--only", "train",
                           "--only", "data", "--only", "latent"], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    rows = summary_rows(proc.stdout)
    assert sorted(rows, key=int) == ["1", "2", "3", "4", "6", "9", "10", "11"]
    assert "mnist-5k" in rows["9"] and "pytorch/examples-style" in rows["10"]
    assert "samples/s" in rows["1"] and "GFLOP/s" in rows["2"] and "t-SNE" in rows["6"]
    assert "| step | setting | median" in proc.stdout  # bench_latent's detailed table
    assert "manifold grid 20×20" in proc.stdout


@pytest.mark.e2e  # a whole program in a subprocess
def test_bench_time_to_elbo_quick():
    """``bench/bench_time_to_elbo.py --quick``: the reference and our runs, 2 epochs each."""
    proc = subprocess.run([sys.executable, "bench/bench_time_to_elbo.py", "--quick"], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = proc.stdout
    assert "target: the reference's test −ELBO after its 2 epochs" in out
    for run in ("| reference (pytorch/examples-style loop) |", "| ours, the app's defaults |",
                "| ours, the old defaults |"):
        assert run in out, out
