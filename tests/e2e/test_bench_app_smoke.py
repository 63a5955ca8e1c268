"""``python -m bench --quick --only app``: the browser benchmarks (rows 5-8) run end to end on
tiny settings against their own server (the numbers are not checked)."""

import subprocess
import sys

import pytest

from tests.e2e.conftest import ROOT, _chromium, _missing
from tests.test_bench_smoke import summary_rows

pytestmark = pytest.mark.e2e  # it drives Chromium: -m "not e2e" leaves it out


def test_bench_app_quick():
    if _chromium() != "/usr/bin/chromium":
        _missing("bench/bench_app.py drives /usr/bin/chromium")
    proc = subprocess.run([sys.executable, "-m", "bench", "--quick", "--only", "app"], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    rows = summary_rows(proc.stdout)
    assert sorted(rows) == ["5", "6", "7", "8"]
    assert "slider" in rows["5"] and "cached" in rows["6"] and "cold start" in rows["7"]
    assert "RSS" in rows["8"]
