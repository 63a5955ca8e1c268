"""Several VAE Lab servers behind nginx: render ``deploy/nginx.conf.template`` for N replicas,
or run the whole thing on this machine.

    python deploy/nginx.py --replicas 3 > nginx.conf         # replicas on 127.0.0.1:8501-8503
    python deploy/nginx.py --servers app1:8501,app2:8501 --listen 80 \\
        --run-dir /tmp --log-dir /var/log/nginx > deploy/nginx.compose.conf   # compose.yaml's
    python deploy/nginx.py --replicas 3 --run --library /srv/vae-lab/library  # start it all

``--run`` starts the replicas (``streamlit run app.py`` on loopback ports, one library folder
for all) and nginx on ``--listen`` (8080), and stops them all on Ctrl-C or SIGTERM: each
replica then saves its running jobs as "(interrupted)" (``ui/shell/shutdown.py``). For several
machines, run the replicas where you like (``--server.address 0.0.0.0``, the same
``VAE_LAB_LIBRARY`` on a shared volume) and list them with ``--servers host:port,...``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = Path(__file__).with_name("nginx.conf.template")
FIRST_PORT = 8501
LISTEN = 8080
NGINX_CANDIDATES = ("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx")


def loopback_servers(replicas: int, first_port: int = FIRST_PORT) -> list[str]:
    return [f"127.0.0.1:{first_port + i}" for i in range(replicas)]


def render(servers: list[str], *, listen: int | str = LISTEN, run_dir: str | Path = "/tmp",
           log_dir: str | Path = "/var/log/nginx") -> str:
    """The nginx.conf text for these ``host:port`` upstreams."""
    if not servers:
        raise ValueError("at least one replica (host:port) is needed")
    for server in servers:
        host, _, port = server.rpartition(":")
        if not host or not port.isdigit() or any(c in server for c in " ;{}#"):
            raise ValueError(f"not a host:port: {server!r}")
    lines = "\n".join(f"        server {s} max_fails=1 fail_timeout=10s;" for s in servers)
    text = TEMPLATE.read_text(encoding="utf-8")
    for key, value in (("SERVERS", lines), ("LISTEN", str(listen)),
                       ("RUN_DIR", str(run_dir)), ("LOG_DIR", str(log_dir))):
        text = text.replace(f"@{key}@", value)
    return text


def nginx_binary() -> str | None:
    found = shutil.which("nginx")
    return found or next((c for c in NGINX_CANDIDATES if Path(c).is_file()), None)


def start_nginx(conf_text: str, run_dir: Path, *, nginx: str | None = None) -> subprocess.Popen:
    """nginx in the foreground with ``conf_text`` (rendered with ``run_dir`` as its run and
    log folder); raises ``RuntimeError`` when the config is refused."""
    nginx = nginx or nginx_binary()
    if nginx is None:
        raise RuntimeError("nginx not found (Debian: apt-get install -y nginx)")
    run_dir.mkdir(parents=True, exist_ok=True)
    run_dir.chmod(0o755)  # run as root, nginx's workers are "nobody": they write temp files here
    conf = run_dir / "nginx.conf"
    conf.write_text(conf_text, encoding="utf-8")
    base = [nginx, "-p", str(run_dir), "-c", str(conf), "-e", str(run_dir / "error.log")]
    check = subprocess.run([*base, "-t", "-q"], capture_output=True, text=True)
    if check.returncode != 0:
        raise RuntimeError(f"nginx refused the config: {check.stderr.strip()}")
    return subprocess.Popen([*base, "-g", "daemon off;"])


def wait_healthy(url: str, timeout_s: float = 120.0, proc: subprocess.Popen | None = None) -> float:
    """Seconds until ``url``/_stcore/health answers ok; raises ``RuntimeError`` past the
    timeout or when ``proc`` exits first."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout_s:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"{proc.args[0]} exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.read().strip() == b"ok":
                    return time.monotonic() - t0
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} was not healthy within {timeout_s:.0f} s")


def start_replica(port: int, library: Path, *, address: str = "127.0.0.1") -> subprocess.Popen:
    env = {**os.environ, "VAE_LAB_LIBRARY": str(library)}
    return subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py",
                             "--server.headless", "true", "--server.port", str(port),
                             "--server.address", address, "--browser.gatherUsageStats", "false",
                             "--server.fileWatcherType", "none"], cwd=ROOT, env=env)


def run(replicas: int, first_port: int, listen: int, library: Path) -> int:
    """Start ``replicas`` servers and nginx; wait for a signal; stop them (replicas first, so
    that each saves its running jobs while nginx still tells browsers it is restarting)."""
    library.mkdir(parents=True, exist_ok=True)
    run_dir = Path(tempfile.mkdtemp(prefix="vae-lab-nginx."))
    procs = [start_replica(first_port + i, library) for i in range(replicas)]
    nginx = None
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(1))
    try:
        for i, proc in enumerate(procs):
            wait_healthy(f"http://127.0.0.1:{first_port + i}", proc=proc)
        conf = render(loopback_servers(replicas, first_port), listen=listen, run_dir=run_dir,
                      log_dir=run_dir)
        nginx = start_nginx(conf, run_dir)
        wait_healthy(f"http://127.0.0.1:{listen}", proc=nginx)
        print(f"VAE Lab: {replicas} replicas behind http://127.0.0.1:{listen} (library "
              f"{library}, nginx logs in {run_dir}); Ctrl-C stops them", flush=True)
        while not stopping and all(p.poll() is None for p in procs):
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        for proc in procs:
            proc.send_signal(signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
        if nginx is not None:
            nginx.terminate()
            nginx.wait(timeout=10)
    return 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--replicas", type=int, default=2, help="loopback replicas (default 2)")
    p.add_argument("--first-port", type=int, default=FIRST_PORT)
    p.add_argument("--servers", help="host:port,host:port,... instead of loopback replicas")
    p.add_argument("--listen", default=str(LISTEN), help="nginx's port (or address:port)")
    p.add_argument("--run-dir", default="/tmp", help="pid file and temp files")
    p.add_argument("--log-dir", default="/var/log/nginx")
    p.add_argument("--run", action="store_true", help="start the replicas and nginx here")
    p.add_argument("--library", default=os.environ.get("VAE_LAB_LIBRARY", "library"))
    args = p.parse_args(argv)
    if args.run:
        return run(args.replicas, args.first_port, int(args.listen), Path(args.library))
    servers = (args.servers.split(",") if args.servers
               else loopback_servers(args.replicas, args.first_port))
    sys.stdout.write(render(servers, listen=args.listen, run_dir=args.run_dir,
                            log_dir=args.log_dir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
