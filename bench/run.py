"""The benchmark runner: ``python -m bench.run --scale province --db sqlite --out results.json``.

Sets up its own database (an SQLite file under ``var/bench/`` or a throw-away
PostgreSQL cluster), migrates, times ``dangvu generate_national`` at the scale,
then runs every measure side by side with its baseline and prints ONE JSON
document (also written to ``--out``). Progress goes to stderr. A measure whose
piece is not in the code base is reported as ``"status": "missing"`` with the
reason; a missed target as ``"met": false`` with ``missed_by``. See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import secrets
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import pg
from bench.stats_util import target

REPO = Path(__file__).resolve().parent.parent
SCALES = {"tiny": 3_000, "province": 280_000, "national": 5_600_000}
IMPORT_ROWS = {"tiny": 300, "province": 100_000, "national": 100_000}
HTTP_SECONDS = {"tiny": 2.0, "province": 15.0, "national": 20.0}
GENERATION_TARGET_S = {"national": 15 * 60}
HTTP_PORT = 8400
STAFF = "bench-staff"


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def machine() -> dict[str, Any]:
    import django

    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
    except OSError:
        mem_kb = 0
    return {
        "cpu": cpu or platform.processor(),
        "cores": os.cpu_count(),
        "memory_gb": round(mem_kb / 1024 / 1024, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "django": django.get_version(),
    }


def database_info(cluster: pg.Cluster | None) -> dict[str, Any]:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT version()")
            version = cursor.fetchone()[0]
            settings = {}
            for name in cluster.settings if cluster else {}:
                cursor.execute(f"SHOW {name}")
                settings[name] = cursor.fetchone()[0]
        else:
            cursor.execute("SELECT sqlite_version()")
            version = "SQLite " + cursor.fetchone()[0]
            settings = {}
            for pragma in ("journal_mode", "synchronous", "cache_size", "mmap_size", "page_size"):
                cursor.execute(f"PRAGMA {pragma}")
                settings[pragma] = cursor.fetchone()[0]
    return {"vendor": connection.vendor, "version": version, "settings": settings}


def dangvu(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dangvu", *args],
        env=env, check=True, stdout=subprocess.PIPE, stderr=sys.stderr, text=True, cwd=REPO,
    )  # fmt: skip


def guarded(name: str, function: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """A measure that fails is reported as an error in the JSON, not a crash of the run."""
    log(f"measuring {name}")
    try:
        return function()
    except Exception as exc:
        traceback.print_exc(file=sys.stderr)
        return {"status": "error", "reason": f"{type(exc).__name__}: {exc}"}


def pick_roots() -> dict[str, Any]:
    """The national root (or the top-level organisations), a province and a commune."""
    from dangvu.organizations.choices import Level
    from dangvu.organizations.models import Organization

    tops = list(Organization.objects.filter(parent__isnull=True).order_by("path"))
    provinces = Organization.objects.filter(level=Level.PROVINCE).order_by("path")
    province = provinces.first()
    commune = None
    if province is not None:
        under = Organization.objects.subtree(province).filter(level=Level.GRASSROOTS)
        commune = under.filter(is_cell=False).order_by("path").first() or under.first()
    national: dict[str, Any] | None = None
    if len(tops) == 1:
        national = {"orgs": tops, "label": f"{tops[0].code} (national root)"}
    elif tops:
        national = {
            "orgs": tops,
            "label": f"sum over the {len(tops)} top-level organisations (no single root)",
        }
    return {
        "national": national,
        "province": {"orgs": [province], "label": province.code} if province else None,
        "commune": {"orgs": [commune], "label": commune.code} if commune else None,
    }


def scale_info() -> dict[str, Any]:
    from dangvu.members.models import Member
    from dangvu.organizations.models import Organization

    return {
        "members": Member.objects.count(),
        "organisations": Organization.objects.count(),
        "cells": Organization.objects.cells().count(),
    }


def http_measures(
    env: dict[str, str], province: Any, password: str, seconds: float, port: int
) -> Any:
    from bench import http_load
    from dangvu.members.models import Member

    server = http_load.start_gunicorn(env, port, workers=3, threads=2)
    try:
        cookie = http_load.login(server, STAFF, password)
        member = Member.objects.filter(org_path__startswith=province.path).order_by("id").first()
        pages = {
            "member_list": "/members/",
            "organisation_page": f"/organizations/{province.code}/",
        }
        if member is not None:
            pages["member_page"] = f"/members/{member.pk}/"
        out: dict[str, Any] = {"server": f"gunicorn, {server.workers} workers x "
                               f"{server.threads} threads, 127.0.0.1:{server.port}"}  # fmt: skip
        for name, path in pages.items():
            try:
                status = http_load.check_page(server, cookie, path)
            except TimeoutError:
                out[name] = {"status": "error", "path": path,
                             "reason": "one request took over 60 s (timed out)"}  # fmt: skip
                continue
            if status != 200:
                out[name] = {"status": "error", "path": path, "reason": f"HTTP {status}"}
                continue
            # Warm-up (every worker loads its templates and opens its connection), not counted.
            http_load.load(server, cookie, path, 32, min(3.0, seconds), max_requests=2_000)
            result = http_load.load(server, cookie, path, 32, seconds, max_requests=200_000)
            rps = target(result["throughput_rps"], 150.0, at_most=False, unit="req/s")
            p99 = target(result["p99_ms"], 250.0)
            out[name] = {
                "status": "ok",
                "path": path,
                **result,
                "target": {
                    "throughput": rps,
                    "p99": p99,
                    "errors": {"limit": 0, "met": result["errors"] == 0},
                },
                "met": rps["met"] and p99["met"] and result["errors"] == 0,
            }
        return out
    finally:
        server.stop()


def targets_summary(node: Any, prefix: str = "") -> dict[str, Any]:
    """Every measure with a target: met true/false (and by how much), or its status."""
    if not isinstance(node, dict):
        return {}
    if "status" in node:
        if node["status"] != "ok":
            return {prefix: node["status"]}
        if node.get("met") is None:
            return {}
        missed = [
            f"{key}: {value['missed_by']}"
            for key, value in node.items()
            if key.startswith("target") and isinstance(value, dict) and "missed_by" in value
        ]
        missed += [
            f"{key} {value['missed_by']}"
            for key, value in (node.get("target") or {}).items()
            if isinstance(value, dict) and "missed_by" in value
        ]
        return {prefix: True if node["met"] else "missed (" + "; ".join(missed) + ")"}
    out: dict[str, Any] = {}
    for key, value in node.items():
        out.update(targets_summary(value, f"{prefix}.{key}" if prefix else key))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--scale", choices=sorted(SCALES), default="province")
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--members", type=int, help="override the scale's member count")
    parser.add_argument("--import-rows", type=int, help="override the import file's rows")
    parser.add_argument("--http-seconds", type=float, help="override each page's load time")
    parser.add_argument("--no-http", action="store_true", help="skip the HTTP measures")
    parser.add_argument("--port", type=int, default=HTTP_PORT, help="gunicorn's port (8400)")
    parser.add_argument("--out", type=Path, help="also write the JSON here")
    parser.add_argument("--work", type=Path, help="work directory (default var/bench/)")
    parser.add_argument(
        "--reuse", action="store_true", help="SQLite: measure the existing file, no generation"
    )
    args = parser.parse_args(argv)

    members = args.members or SCALES[args.scale]
    work = (args.work or REPO / "var" / "bench").resolve()
    work.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DANGVU_HOME": str(REPO),
        "DANGVU_VAR": str(work),
        "DANGVU_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "DJANGO_SETTINGS_MODULE": "dangvu.settings",
        "AXES_ENABLED": "false",
    }
    env.pop("DATABASE_URL", None)
    cluster: pg.Cluster | None = None
    started = time.monotonic()
    try:
        if args.db == "postgresql":
            log("starting a throw-away PostgreSQL cluster")
            cluster = pg.start()
            env["DATABASE_URL"] = cluster.url
        else:
            db_file = work / f"bench-{args.scale}.sqlite3"
            for suffix in ("", "-wal", "-shm") if not args.reuse else ():
                Path(f"{db_file}{suffix}").unlink(missing_ok=True)
            env["SQLITE_PATH"] = str(db_file)
        os.environ.clear()
        os.environ.update(env)
        result = run(args, env, cluster, members, work)
    finally:
        if cluster is not None:
            from django.db import connections

            connections.close_all()
            log("stopping the PostgreSQL cluster")
            cluster.stop()
    result["targets"] = targets_summary(result["measures"])
    result["total_seconds"] = round(time.monotonic() - started, 1)
    text = json.dumps(result, ensure_ascii=False, indent=2, default=str)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


def run(
    args: argparse.Namespace, env: dict[str, str], cluster: pg.Cluster | None, members: int,
    work: Path,
) -> dict[str, Any]:  # fmt: skip
    import django

    django.setup()
    from django.core.management import get_commands

    from bench import measures

    log("migrating")
    dangvu(env, "migrate", "--noinput", "-v", "0")
    out: dict[str, Any] = {
        "runner": "bench/run.py",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "arguments": {
            "scale": args.scale,
            "db": args.db,
            "repeat": args.repeat,
            "seed": args.seed,
            "members_requested": members,
        },
    }
    results: dict[str, Any] = {}
    out["measures"] = results

    if args.reuse:
        results["generation"] = {"status": "skipped", "reason": "--reuse of an existing database"}
    elif "generate_national" not in get_commands():
        results["generation"] = measures.missing("the `generate_national` command does not exist")
    else:
        log(f"generating {members} members (seed {args.seed})")
        began = time.monotonic()
        dangvu(env, "generate_national", "--members", str(members), "--seed", str(args.seed))
        seconds = time.monotonic() - began
        gen: dict[str, Any] = {
            "status": "ok",
            "seconds": round(seconds, 1),
            "members_per_s": round(members / seconds, 1),
        }
        limit = GENERATION_TARGET_S.get(args.scale)
        gen["target"] = target(seconds, limit, unit="s") if limit else None
        gen["met"] = gen["target"]["met"] if limit else None
        results["generation"] = gen
    out["database"] = database_info(cluster)
    out["scale"] = scale_info()
    if out["scale"]["members"] == 0:
        reason = "no members in the database (the generator is missing or made none)"
        for name in ("statistics", "search", "http", "import", "deadlines"):
            results[name] = measures.missing(reason)
        return out

    from dangvu.accounts.models import User

    roots = pick_roots()
    province = roots["province"]["orgs"][0] if roots["province"] else None
    if province is None:
        for name in ("statistics", "search", "http", "import", "deadlines"):
            results[name] = measures.missing("no province-level organisation in the data")
        return out
    password = secrets.token_urlsafe(18)
    dangvu(env, "grant", STAFF, "staff", province.code, "--password", password)
    user = User.objects.get(username=STAFF)
    out["scope"] = {"province": province.code, "staff_user": STAFF}
    from django.utils import timezone as dj_timezone

    today = dj_timezone.localdate()  # the app's day (Asia/Ho_Chi_Minh), as its pages use

    def stats() -> dict[str, Any]:
        parquet = work / "members.parquet"
        exported = measures.export_parquet(parquet)
        return {"parquet_export": exported,
                **measures.stats_measures(roots, parquet, args.repeat, today)}  # fmt: skip

    results["statistics"] = guarded("statistics", stats)
    results["search"] = guarded(
        "search", lambda: measures.search_measures(user, province, args.repeat)
    )
    results["deadlines"] = guarded(
        "deadlines", lambda: measures.deadline_measures(user, province, args.repeat, today)
    )
    if args.no_http:
        results["http"] = {"status": "skipped", "reason": "--no-http"}
    else:
        dangvu(env, "collectstatic", "--noinput", "-v", "0")
        seconds = args.http_seconds or HTTP_SECONDS[args.scale]
        results["http"] = guarded(
            "http", lambda: http_measures(env, province, password, seconds, args.port)
        )
    rows = args.import_rows or IMPORT_ROWS[args.scale]
    results["import"] = guarded(
        "import", lambda: measures.import_measure(user, province, rows, work, args.seed)
    )
    return out


if __name__ == "__main__":
    sys.exit(main())
