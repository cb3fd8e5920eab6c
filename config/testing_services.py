"""Throwaway PostgreSQL and Redis servers for the test suite and benchmarks.

Started in a temporary directory from the machine's own binaries when DATABASE_URL or
REDIS_URL is not set, and stopped when the process exits. PostgreSQL refuses to run as
root, so as root the cluster is run by the `postgres` system user.
"""

from __future__ import annotations

import atexit
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

_started: dict[str, str] = {}


class ServiceUnavailable(RuntimeError):
    pass


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _pg_bin(name: str) -> str:
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    found = shutil.which(name) if not candidates else candidates[0]
    if not found:
        raise ServiceUnavailable(
            f"PostgreSQL's `{name}` was not found. Install the server: "
            "`apt-get install -y postgresql` (Debian/Ubuntu), or set DATABASE_URL."
        )
    return found


def _as_service_user(cmd: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


def ensure_postgres() -> str:
    """Start a private PostgreSQL cluster and return its URL."""
    if "postgres" in _started:
        return _started["postgres"]
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    root = Path(tempfile.mkdtemp(prefix="partneriaeth-pg-"))
    data = root / "data"
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    port = _free_port()
    subprocess.run(
        _as_service_user([initdb, "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                          "--no-sync", "--locale=C.UTF-8"]),
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=root,
    )
    options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off " \
              "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
    subprocess.run(
        _as_service_user([pg_ctl, "-D", str(data), "-o", options, "-l", str(root / "log"), "-w", "start"]),
        check=True, stdout=subprocess.DEVNULL, cwd=root,
    )

    def stop() -> None:
        subprocess.run(_as_service_user([pg_ctl, "-D", str(data), "-m", "immediate", "stop"]),
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd="/")
        shutil.rmtree(root, ignore_errors=True)

    atexit.register(stop)
    _started["postgres"] = f"postgres://postgres@127.0.0.1:{port}/postgres"
    _pg_restart.append(lambda: subprocess.run(
        _as_service_user([pg_ctl, "-D", str(data), "-o", options, "-l", str(root / "log"), "-m", "fast", "-w",
                          "restart"]), check=True, stdout=subprocess.DEVNULL, cwd=root))
    return _started["postgres"]


_pg_restart: list = []


def restart_postgres() -> None:
    """Restart the private cluster (fast shutdown: every open connection is cut), for fault checks."""
    if not _pg_restart:
        raise ServiceUnavailable("No PostgreSQL was started here to restart.")
    _pg_restart[0]()


def ensure_redis() -> str:
    """Return REDIS_URL, starting a private redis-server when it is unset."""
    if os.environ.get("REDIS_URL"):
        return os.environ["REDIS_URL"]
    if "redis" in _started:
        return _started["redis"]
    server = shutil.which("redis-server")
    if not server:
        raise ServiceUnavailable(
            "`redis-server` was not found. Install it: `apt-get install -y redis-server`, "
            "or set REDIS_URL."
        )
    port = _free_port()
    root = tempfile.mkdtemp(prefix="partneriaeth-redis-")
    proc = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", root],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    else:
        proc.kill()
        raise ServiceUnavailable("redis-server did not start within 10 seconds.")

    def stop() -> None:
        proc.terminate()
        proc.wait(timeout=10)
        shutil.rmtree(root, ignore_errors=True)

    atexit.register(stop)
    _started["redis"] = f"redis://127.0.0.1:{port}/0"
    return _started["redis"]
