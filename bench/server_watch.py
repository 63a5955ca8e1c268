"""The server process seen from outside, for the load benchmarks and the e2e tests that start
servers: its RSS and threads from ``/proc``, a health-endpoint probe, and ``streamlit run`` on a
free port."""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _status_field(pid: int, name: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{name}:"):
            return int(line.split()[1])
    raise ValueError(f"no {name} in /proc/{pid}/status")


def rss_mb(pid: int) -> float:
    return _status_field(pid, "VmRSS") / 1024


def thread_count(pid: int) -> int:
    return _status_field(pid, "Threads")


def work_threads(pid: int) -> list[str]:
    """The app's own work threads (training jobs, sweeps, the queue dispatcher): they carry
    "vae-…" OS names (``vae_core.threads.name_os_thread``). The rest are the web server's pools,
    which grow on demand up to their own bounds and shrink when idle."""
    names = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            comm = (task / "comm").read_text(errors="replace").strip()
        except OSError:  # the thread ended while we looked
            continue
        if comm.startswith("vae-"):
            names.append(comm)
    return sorted(names)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


class HealthProbe:
    """A thread that asks ``/_stcore/health`` every ``every_s`` and samples the server's RSS.
    A request that fails or times out is kept as ``inf``, so it shows in the maximum."""

    def __init__(self, url: str, pid: int, *, every_s: float = 0.2, timeout_s: float = 10.0):
        self.url, self.pid, self.every_s, self.timeout_s = url, pid, every_s, timeout_s
        self.latencies: list[float] = []
        self.failures: list[str] = []
        self.peak_rss_mb = rss_mb(pid)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="health-probe", daemon=True)

    def __enter__(self) -> HealthProbe:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            t = time.perf_counter()
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health",
                                            timeout=self.timeout_s) as r:
                    ok = r.read().strip() == b"ok"
                if not ok:
                    self.failures.append("health answered something other than ok")
            except OSError as exc:
                self.failures.append(f"{type(exc).__name__}: {exc}")
                ok = False
            self.latencies.append(time.perf_counter() - t if ok else float("inf"))
            self.peak_rss_mb = max(self.peak_rss_mb, rss_mb(self.pid))
            self._stop.wait(self.every_s)

    def stats_ms(self) -> dict[str, float]:
        ms = [v * 1000 for v in self.latencies]
        return {"n": len(ms), "p50": statistics.median(ms), "p95": percentile(ms, 0.95),
                "max": max(ms)}


def wait_for(condition, timeout_s: float) -> float | None:
    """Seconds until ``condition()`` held, or None if it did not within ``timeout_s``."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout_s:
        if condition():
            return time.monotonic() - t0
        time.sleep(0.1)
    return None


def settled_threads(pid: int, *, timeout_s: float = 15) -> int:
    """The server's thread count once it stops changing (two equal readings 0.5 s apart)."""
    last, deadline = thread_count(pid), time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        time.sleep(0.5)
        now = thread_count(pid)
        if now == last:
            break
        last = now
    return last


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# Streamlit keeps a closed tab's session (its state, its models) this long, for the tab to
# reconnect after a network blip (server.disconnectedSessionTTL), and drops it at the next
# session event after that: closed sessions give their memory back only then
SESSION_TTL_S = 120


def start_server(library: str, *, session_ttl_s: int = SESSION_TTL_S,
                 env_extra: dict[str, str] | None = None) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "VAE_LAB_LIBRARY": library}
    env.pop("VAE_LAB_MAX_JOBS", None)  # the default limit, as users get it
    env.update(env_extra or {})
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py",
                             "--server.headless", "true", "--server.port", str(port),
                             "--server.address", "127.0.0.1", "--server.fileWatcherType", "none",
                             "--browser.gatherUsageStats", "false",
                             "--server.disconnectedSessionTTL", str(session_ttl_s)],
                            cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < 120:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as r:
                if r.read().strip() == b"ok":
                    return proc, url
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("streamlit did not start in 120 s")


def cpu_seconds(pid: int) -> float:
    """The CPU time (user + system) the process has used so far, all its threads together."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def load_average() -> float:
    return os.getloadavg()[0]
