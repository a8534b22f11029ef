"""A throw-away PostgreSQL cluster for one benchmark run (what scripts/test-postgres.sh does).

Own temporary directory, a free port on 127.0.0.1, trust authentication over the
cluster's own socket and loopback only, run as the ``postgres`` system user when
we are root (initdb refuses root), always stopped and removed by ``stop``.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

# The settings of the run, written into postgresql.conf and reported in the JSON.
# Durability stays on (fsync, full_page_writes); only the commit wait is relaxed,
# as a bulk-loading production server would too.
RUN_SETTINGS: dict[str, str] = {
    "shared_buffers": "4GB",
    "effective_cache_size": "16GB",
    "work_mem": "64MB",
    "maintenance_work_mem": "1GB",
    "max_wal_size": "16GB",
    "checkpoint_timeout": "30min",
    "synchronous_commit": "off",
    "random_page_cost": "1.1",
    "effective_io_concurrency": "200",
    "max_parallel_workers_per_gather": "2",
    "jit": "off",
    "max_connections": "100",
}


def _pg_bin() -> str:
    dirs = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda d: int(d.split("/")[-2]))
    for directory in reversed(dirs):
        if os.access(f"{directory}/initdb", os.X_OK):
            return directory
    raise RuntimeError("PostgreSQL server binaries not found (apt-get install postgresql)")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Cluster:
    tmp: Path
    port: int
    bin_dir: str
    settings: dict[str, str] = field(default_factory=lambda: dict(RUN_SETTINGS))

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/dangvu_bench"

    def _as_pg(self, *args: str, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
        command = list(args)
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, cwd=self.tmp, check=True, **kwargs)  # type: ignore[call-overload]

    def stop(self) -> None:
        data = self.tmp / "data"
        if (data / "postmaster.pid").exists():
            with contextlib.suppress(subprocess.CalledProcessError):
                self._as_pg(
                    f"{self.bin_dir}/pg_ctl", "-D", str(data), "-m", "fast", "-w", "stop",
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                )  # fmt: skip
        shutil.rmtree(self.tmp, ignore_errors=True)


def start() -> Cluster:
    bin_dir = _pg_bin()
    if os.geteuid() == 0:
        subprocess.run(["id", "postgres"], check=True, stdout=subprocess.DEVNULL)
    tmp = Path(tempfile.mkdtemp(prefix="dangvu-bench-pg.", dir="/tmp"))
    cluster = Cluster(tmp=tmp, port=_free_port(), bin_dir=bin_dir)
    try:
        if os.geteuid() == 0:
            shutil.chown(tmp, "postgres", "postgres")
        data = tmp / "data"
        cluster._as_pg(
            f"{bin_dir}/initdb", "-D", str(data), "-U", "postgres", "--encoding=UTF8",
            "--locale=C.UTF-8", "--auth=trust",
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        (data / "pg_hba.conf").write_text(
            "local all all trust\nhost  all all 127.0.0.1/32 trust\n", encoding="utf-8"
        )
        lines = [
            "listen_addresses = '127.0.0.1'",
            f"port = {cluster.port}",
            f"unix_socket_directories = '{tmp}'",
            *(f"{name} = '{value}'" for name, value in cluster.settings.items()),
        ]
        with (data / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.write("\n".join(lines) + "\n")
        if os.geteuid() == 0:
            for name in ("pg_hba.conf", "postgresql.conf"):
                shutil.chown(data / name, "postgres", "postgres")
        cluster._as_pg(
            f"{bin_dir}/pg_ctl", "-D", str(data), "-l", str(tmp / "server.log"), "-w",
            "-t", "60", "start", stdout=subprocess.DEVNULL,
        )  # fmt: skip
        for _ in range(60):
            ready = subprocess.run(
                [f"{bin_dir}/pg_isready", "-q", "-h", "127.0.0.1", "-p", str(cluster.port)],
                check=False,
            )
            if ready.returncode == 0:
                break
            time.sleep(0.5)
        subprocess.run(
            [f"{bin_dir}/psql", "-q", "-h", "127.0.0.1", "-p", str(cluster.port), "-U",
             "postgres", "-c", "CREATE DATABASE dangvu_bench"],
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
    except BaseException:
        cluster.stop()
        raise
    return cluster
