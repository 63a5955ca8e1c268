"""The container recipe (issue 18), checked without Docker (CI has none): ``compose.yaml``'s app
services, ports and volume match the nginx config it mounts, which is exactly what
``deploy/nginx.py`` renders for them, and the ``Dockerfile`` runs the app as a non-root user
with a health check on ``/_stcore/health``. The loopback recipe itself runs in
``tests/e2e/test_replicas_e2e.py``."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
import yaml

from deploy import nginx

ROOT = Path(__file__).resolve().parents[1]
APP_PORT = "8501"


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))


def _apps(compose: dict) -> dict[str, dict]:
    return {name: svc for name, svc in compose["services"].items() if "build" in svc}


def _instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of the Dockerfile, continuation lines joined."""
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    joined = re.sub(r"\\\n\s*", " ", text)
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1].strip())
            for line in joined.splitlines() if line.strip() and not line.startswith("#")]


def test_the_proxy_config_is_the_one_rendered_for_compose_services(compose):
    apps = _apps(compose)
    assert len(apps) >= 2
    proxy = compose["services"]["proxy"]
    mounts = [v.split(":") for v in proxy["volumes"]]
    conf = next(Path(src) for src, dst, *_ in mounts if dst == "/etc/nginx/nginx.conf")
    listen = re.search(r"^\s*listen (\d+);", (ROOT / conf).read_text(), re.M)[1]
    expected = nginx.render([f"{name}:{APP_PORT}" for name in apps], listen=listen,
                            run_dir="/tmp", log_dir="/var/log/nginx")
    assert (ROOT / conf).read_text(encoding="utf-8") == expected  # no drift from the template
    assert [p.split(":")[1] for p in proxy["ports"]] == [listen]
    assert set(proxy["depends_on"]) == set(apps)
    assert all(d["condition"] == "service_healthy" for d in proxy["depends_on"].values())


def test_every_replica_shares_one_library_volume_on_the_app_port(compose):
    apps = _apps(compose)
    volumes = set()
    for svc in apps.values():
        library = svc["environment"]["VAE_LAB_LIBRARY"]
        (mount,) = [v for v in svc["volumes"] if v.split(":")[1] == library]
        volumes.add(mount.split(":")[0])
        assert svc["expose"] == [APP_PORT]
        assert int(svc["environment"]["VAE_LAB_MAX_JOBS"]) >= 1
    assert len(volumes) == 1 and volumes <= set(compose["volumes"])  # a named, shared volume


def test_the_dockerfile_runs_the_app_unprivileged_with_a_health_check():
    steps = _instructions()
    kinds = [k for k, _ in steps]
    assert kinds[0] == "FROM" and "python:3.11" in steps[0][1]  # the lock's Python
    runs = " ".join(arg for k, arg in steps if k == "RUN")
    assert "pip install -r requirements.txt" in runs
    users = [arg for k, arg in steps if k == "USER"]
    assert users and users[-1] not in ("root", "0") and kinds.index("USER") < kinds.index("CMD")
    health = dict(steps)["HEALTHCHECK"]
    assert f"127.0.0.1:{APP_PORT}/_stcore/health" in health
    cmd = json.loads(dict(steps)["CMD"])  # exec form: streamlit is PID 1 and gets SIGTERM
    assert cmd[:3] == ["streamlit", "run", "app.py"]
    flags = dict(zip(cmd[3::2], cmd[4::2]))
    assert flags["--server.port"] == APP_PORT and flags["--server.address"] == "0.0.0.0"
    assert dict(steps)["EXPOSE"] == APP_PORT
    library = shlex.split(dict(steps)["ENV"].replace("\\", ""))
    assert "VAE_LAB_LIBRARY=/data/library" in library


def test_render_refuses_what_is_not_host_port():
    for bad in ([], ["app1"], ["app1:80; evil"], ["app1:x"]):
        with pytest.raises(ValueError):
            nginx.render(bad)
