"""Pages over HTTP against a real gunicorn, with concurrent clients, loopback only.

A staff user logs in through the login form (CSRF token, then POST) and the
session cookie is replayed by every client. The load generator is Debian's
``wrk`` (a Lua script sets the cookie and prints the latency percentiles as
JSON) when it is installed, else a Python client of threads with keep-alive
connections. Both are bounded in time; the Python one also in request count.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.stats_util import percentile

WRK_SCRIPT = """
wrk.headers["Cookie"] = "%(cookie)s"
done = function(summary, latency, requests)
  local e = summary.errors
  io.write("WRKJSON " .. string.format(
    '{"requests": %%d, "duration_us": %%d, "p50_us": %%d, "p95_us": %%d, "p99_us": %%d, '
    .. '"max_us": %%d, "connect": %%d, "read": %%d, "write": %%d, "status": %%d, '
    .. '"timeout": %%d}',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, e.connect, e.read, e.write, e.status, e.timeout) .. "\\n")
end
"""


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    port: int
    workers: int
    threads: int

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    def stop(self) -> None:
        """Stop the master and its workers (its own process group), busy or not."""
        group = self.process.pid  # start_new_session: the master leads its group
        with contextlib.suppress(ProcessLookupError):
            os.killpg(group, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(group, signal.SIGKILL)  # a worker stuck in a long request


def start_gunicorn(env: dict[str, str], port: int, workers: int, threads: int) -> Server:
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            raise RuntimeError(f"port {port} is already in use (another server?)")
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    process = subprocess.Popen(
        [gunicorn, "dangvu.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--threads", str(threads), "--log-level", "warning"],
        env=env, stdout=sys.stderr, stderr=sys.stderr, start_new_session=True,
    )  # fmt: skip
    server = Server(process, port, workers, threads)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn exited at start")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/accounts/login/")
            conn.getresponse().read()
            conn.close()
            return server
        except OSError:
            time.sleep(0.3)
    server.stop()
    raise RuntimeError("gunicorn did not answer within 60 s")


def _cookies(response: http.client.HTTPResponse, jar: dict[str, str]) -> None:
    for header, value in response.getheaders():
        if header.lower() == "set-cookie":
            name, _, rest = value.partition("=")
            jar[name.strip()] = rest.split(";", 1)[0]


def login(server: Server, username: str, password: str) -> str:
    """The Cookie header of a logged-in session, obtained through the login form."""
    jar: dict[str, str] = {}
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    conn.request("GET", "/accounts/login/")
    response = conn.getresponse()
    page = response.read().decode("utf-8", "replace")
    _cookies(response, jar)
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if not match:
        raise RuntimeError("no CSRF token on the login page")
    body = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": match.group(1), "username": username, "password": password}
    )
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": "; ".join(f"{k}={v}" for k, v in jar.items()),
        "Referer": f"http://{server.host}/accounts/login/",
    }
    conn.request("POST", "/accounts/login/", body=body, headers=headers)
    response = conn.getresponse()
    response.read()
    _cookies(response, jar)
    conn.close()
    if response.status != 302 or "sessionid" not in jar:
        raise RuntimeError(f"login failed (HTTP {response.status})")
    return "; ".join(f"{k}={v}" for k, v in jar.items())


def check_page(server: Server, cookie: str, path: str) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    conn.request("GET", path, headers={"Cookie": cookie})
    response = conn.getresponse()
    response.read()
    conn.close()
    return response.status


def load(
    server: Server, cookie: str, path: str, clients: int, seconds: float, max_requests: int
) -> dict[str, Any]:
    if shutil.which("wrk"):
        return _load_wrk(server, cookie, path, clients, seconds)
    return _load_python(server, cookie, path, clients, seconds, max_requests)


def _load_wrk(
    server: Server, cookie: str, path: str, clients: int, seconds: float
) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT % {"cookie": cookie.replace('"', "")})
    try:
        threads = min(clients, max(1, os.cpu_count() or 1))
        output = subprocess.run(
            ["wrk", "-t", str(threads), "-c", str(clients), "-d", f"{max(1, int(seconds))}s",
             "--timeout", "10s", "-s", script.name, f"http://{server.host}{path}"],
            check=True, capture_output=True, text=True, timeout=seconds + 60,
        )  # fmt: skip
    finally:
        os.unlink(script.name)
    line = next(x for x in output.stdout.splitlines() if x.startswith("WRKJSON "))
    raw = json.loads(line.removeprefix("WRKJSON "))
    errors = sum(raw[k] for k in ("connect", "read", "write", "status", "timeout"))
    duration = raw["duration_us"] / 1e6
    return {
        "client": "wrk 4 (Lua script for the session cookie)",
        "clients": clients,
        "duration_s": round(duration, 2),
        "requests": raw["requests"],
        "throughput_rps": round(raw["requests"] / duration, 1) if duration else 0.0,
        "p50_ms": raw["p50_us"] / 1000,
        "p95_ms": raw["p95_us"] / 1000,
        "p99_ms": raw["p99_us"] / 1000,
        "max_ms": raw["max_us"] / 1000,
        "errors": errors,
        "errors_detail": {k: raw[k] for k in ("connect", "read", "write", "status", "timeout")},
    }


def _load_python(
    server: Server, cookie: str, path: str, clients: int, seconds: float, max_requests: int
) -> dict[str, Any]:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds
    sent = 0

    def client() -> None:
        nonlocal errors, sent
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        while time.monotonic() < stop_at:
            with lock:
                if sent >= max_requests:
                    return
                sent += 1
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Cookie": cookie})
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                errors += 0 if ok else 1
        conn.close()

    began = time.monotonic()
    workers = [threading.Thread(target=client) for _ in range(clients)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    duration = time.monotonic() - began
    return {
        "client": "python threads (wrk not installed)",
        "clients": clients,
        "duration_s": round(duration, 2),
        "requests": len(latencies),
        "throughput_rps": round(len(latencies) / duration, 1) if duration else 0.0,
        "p50_ms": percentile(latencies, 50),
        "p95_ms": percentile(latencies, 95),
        "p99_ms": percentile(latencies, 99),
        "max_ms": max(latencies, default=0.0),
        "errors": errors,
    }
