"""Replicas behind a proxy (issue 18): two ``streamlit run`` servers sharing one library folder
behind nginx with the config ``deploy/nginx.py`` renders. Two browser sessions go through the
proxy, one to each replica; each keeps its one websocket on its replica through reruns and page
switches (nginx's access log names the replica of every request), and a model saved through
one replica shows up in the other's picker."""

from __future__ import annotations

import contextlib
import re
import socket
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from bench import bench_load as load
from bench import server_watch as watch
from deploy import nginx

pytestmark = pytest.mark.e2e

LOG_LINE = re.compile(r'"(?P<method>\S+) (?P<path>\S+) [^"]*" (?P<status>\d+) '
                      r'upstream=(?P<upstream>\S+) route=(?P<route>\S+)')
SAVED = "via replica A"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _log(run_dir) -> list[dict]:
    text = (run_dir / "access.log").read_text()
    return [m.groupdict() for m in map(LOG_LINE.search, text.splitlines()) if m]


def _routes_to_replicas(proxy: str, run_dir, upstreams: list[str]) -> dict[str, str]:
    """A routing-cookie value for each replica, found by asking: nginx's consistent hash is
    not worth predicting. Returns upstream -> cookie value."""
    found: dict[str, str] = {}
    for i in range(64):
        key = f"probe{i}"
        req = urllib.request.Request(f"{proxy}/_stcore/health",
                                     headers={"Cookie": f"vae_lab_route={key}"})
        with urllib.request.urlopen(req, timeout=5) as r:
            assert r.read().strip() == b"ok"
            assert any(c.startswith(f"vae_lab_route={key};")
                       for c in r.headers.get_all("Set-Cookie"))
        # nginx writes the log line after the response is sent: wait for this probe's own line
        # (reading the last line raced with it and paired a key with the previous replica)
        assert watch.wait_for(lambda key=key: any(e["route"] == key for e in _log(run_dir)),
                             5) is not None
        upstream = next(e["upstream"] for e in _log(run_dir) if e["route"] == key)
        found.setdefault(upstream, key)
        if len(found) == len(upstreams):
            return found
    raise AssertionError(f"64 keys reached only {sorted(found)} of {upstreams}")


@contextlib.contextmanager
def replicas_behind_nginx(start_server, nginx_bin, tmp_path, *, name: str = "e2e-replica",
                          max_jobs: int = 2, env: dict | None = None):
    """Two ``streamlit run`` replicas sharing one library folder (and ``env``) behind nginx,
    started at once; yields (proxy URL, upstreams, upstream -> routing cookie, nginx's run
    folder with its access log). Everything started stops at the end, even after a failure."""
    library, run_dir = tmp_path / "library", tmp_path / "nginx"
    library.mkdir()
    with contextlib.ExitStack() as stack:
        started = []  # each started replica stops at the end, even if the other failed

        def start(i: int):
            server = start_server(library, max_jobs=max_jobs, log_name=f"{name}-{i}", env=env)
            replica = server.__enter__()
            started.append(server)
            return replica

        stack.callback(lambda: [server.__exit__(None, None, None) for server in started])
        with ThreadPoolExecutor(2) as pool:  # both start at once: less waiting on 2 cores
            replicas = list(pool.map(start, range(2)))
        upstreams = [f"127.0.0.1:{r.port}" for r in replicas]
        port = _free_port()
        proc = nginx.start_nginx(nginx.render(upstreams, listen=f"127.0.0.1:{port}",
                                              run_dir=run_dir, log_dir=run_dir),
                                 run_dir, nginx=nginx_bin)
        stack.callback(proc.wait, 10)
        stack.callback(proc.terminate)
        proxy = f"http://127.0.0.1:{port}"
        nginx.wait_healthy(proxy, 30, proc=proc)
        yield proxy, upstreams, _routes_to_replicas(proxy, run_dir, upstreams), run_dir


def test_two_sessions_stick_to_their_replicas_and_share_the_library(
        browser, start_server, nginx_bin, tmp_path):
    with replicas_behind_nginx(start_server, nginx_bin, tmp_path) as (
            proxy, upstreams, routes, run_dir):
        with urllib.request.urlopen(f"{proxy}/_stcore/health", timeout=5) as r:  # no cookie yet:
            assert any(re.fullmatch(r"vae_lab_route=[0-9a-f]{32}; Path=/; HttpOnly; SameSite=Lax",
                                    c) for c in r.headers.get_all("Set-Cookie"))  # one is given

        sessions = []
        for upstream in upstreams:
            context = browser.new_context(viewport={"width": 1400, "height": 1600})
            context.add_cookies([{"name": "vae_lab_route", "value": routes[upstream],
                                  "url": proxy}])
            page = context.new_page()
            page.set_default_timeout(load.TIMEOUT_MS)
            sockets: list[str] = []
            page.on("websocket", lambda ws, sockets=sockets: sockets.append(ws.url))
            sessions.append((context, page, sockets))
        (_, a, a_sockets), (_, b, b_sockets) = sessions
        for page in (a, b):
            page.goto(f"{proxy}/train")
            page.wait_for_selector(load.IDLE)

        # session A trains (many reruns while it polls), saves, and switches pages
        load.start_training(a, epochs=1)
        a.get_by_text("Finished 1 epochs").wait_for()
        name = a.get_by_label("Name in the library")
        name.fill(SAVED)
        name.press("Enter")
        a.wait_for_selector(load.IDLE)
        a.get_by_role("button", name="Save to library").click()
        a.get_by_text("Saved as via-replica-a.safetensors").wait_for()
        for title in ("Library", "Train"):
            a.locator("[data-testid='stSidebarNav'] a", has_text=title).click()
            a.wait_for_timeout(300)
            a.wait_for_selector(load.IDLE)

        # session B, on the other replica, lists it after a page switch (its next rerun)
        b.locator("[data-testid='stSidebarNav'] a", has_text="Library").click()
        b.wait_for_timeout(300)
        b.wait_for_selector(load.IDLE)
        b.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").click()
        b.get_by_role("option", name=f"{SAVED} · library").wait_for()
        b.keyboard.press("Escape")
        for page in (a, b):
            assert page.locator("[data-testid='stException']").count() == 0
        for context, _, _ in sessions:
            context.close()

        # nginx logs a websocket when it closes: wait for both
        watch.wait_for(lambda: sum(e["path"] == "/_stcore/stream" for e in _log(run_dir)) >= 2,
                      10)
    entries = _log(run_dir)
    for upstream, sockets in zip(upstreams, (a_sockets, b_sockets)):
        mine = [e for e in entries if e["route"] == routes[upstream]]
        assert {e["upstream"] for e in mine} == {upstream}, mine[:5]  # every request: one replica
        streams = [e for e in mine if e["path"] == "/_stcore/stream"]
        assert len(streams) == 1 and streams[0]["status"] == "101", streams
        assert len(sockets) == 1, sockets  # no reconnect through the reruns and page switches
    print(f"\n2 replicas behind nginx: sessions on {upstreams}, "
          f"{len(entries)} proxied requests, each session on one replica")
