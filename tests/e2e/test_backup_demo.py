"""``dangvu backup`` and ``dangvu restore`` round-trip the demo (issue 14, item 13).

The demo the browser tests run on (``scripts/test-e2e.sh``: SQLite at
``SQLITE_PATH``, data folder ``DANGVU_VAR``) gets an attachment through the
running server's API, is backed up while the server runs, and is restored into
a new data folder. The restored installation must hold the same rows in every
table, the same bytes in every attached file, and give the same API answers.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import requests

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]
STAFF = "thuongxuan.staff"
API = [
    "/api/v1/organizations/?page_size=200",
    "/api/v1/members/?page_size=200",
    "/api/v1/meetings/?page_size=200",
    "/api/v1/documents/?page_size=200",
    "/api/v1/programs/?page_size=200",
    "/api/v1/evaluations/?page_size=200",
    "/api/v1/workday-exceptions/",
]
SCAN = b"%PDF-1.4 bi\xc3\xaan b\xe1\xba\xa3n qu\xc3\xa9t\n\x00\xff" * 200

# Run inside an installation: the API answers to the demo's staff, as JSON.
ANSWERS = """
import hashlib, json, sys, django
django.setup()
from django.test import Client
from dangvu.accounts.models import User
client = Client()
client.force_login(User.objects.get(username=sys.argv[1]))
found = {}
for url in json.loads(sys.argv[2]):
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    found[url] = f"{response.status_code} {hashlib.sha256(body).hexdigest()}"
print(json.dumps(found))
"""


def installation(database: Path, var: Path) -> dict[str, str]:
    env = {**os.environ, "DANGVU_ENV": "demo", "SQLITE_PATH": str(database)}
    env["DANGVU_VAR"] = str(var)
    env.pop("DATABASE_URL", None)
    return env


def dangvu(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, *args], env=env, cwd=REPO, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def table_digests(database: Path) -> dict[str, str]:
    """Every table's rows, in a stable order, as one SHA-256 each (sessions left out)."""
    found = {}
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        names = [
            row[0]
            for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not row[0].startswith("sqlite_") and row[0] != "django_session"
        ]
        for name in sorted(names):
            digest = hashlib.sha256()
            for row in db.execute(f'SELECT * FROM "{name}" ORDER BY 1'):
                digest.update(repr(row).encode())
            found[name] = digest.hexdigest()
    return found


def file_digests(media: Path) -> dict[str, str]:
    return {
        str(path.relative_to(media)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(media.rglob("*"))
        if path.is_file()
    }


def attach_a_scan(e2e_url: str, env: dict[str, str]) -> None:
    """An attachment on a demo document, sent to the running server like any client."""
    token = dangvu(env, "-m", "dangvu", "api_token", STAFF).strip().split()[-1]
    session = requests.Session()
    session.headers["Authorization"] = f"Token {token}"
    listed = session.get(f"{e2e_url}/api/v1/documents/?page_size=1", timeout=30)
    assert listed.status_code == 200, listed.text
    document = listed.json()["results"][0]["id"]
    sent = session.post(
        f"{e2e_url}/api/v1/documents/{document}/files/",
        data={"title": "Bản quét"},
        files={"upload": ("ban-quet.pdf", SCAN, "application/pdf")},
        timeout=30,
    )
    assert sent.status_code in (200, 201), sent.text


def test_it_round_trips_the_demo_with_every_attachment(e2e_url: str, tmp_path: Path) -> None:
    database = Path(os.environ["SQLITE_PATH"])
    original = installation(database, Path(os.environ["DANGVU_VAR"]))
    attach_a_scan(e2e_url, original)

    archive = tmp_path / "demo.tar.gz"
    dangvu(original, "-m", "dangvu", "backup", "--output", str(archive))
    restored_db = tmp_path / "restored" / "dangvu.sqlite3"
    restored = installation(restored_db, tmp_path / "restored" / "var")
    dangvu(restored, "-m", "dangvu", "restore", str(archive))

    assert table_digests(restored_db) == table_digests(database)
    media = file_digests(Path(original["DANGVU_VAR"]) / "media")
    assert any(name.endswith(".pdf") for name in media)
    assert file_digests(Path(restored["DANGVU_VAR"]) / "media") == media
    urls = json.dumps(API)
    before = json.loads(dangvu(original, "-c", ANSWERS, STAFF, urls))
    assert json.loads(dangvu(restored, "-c", ANSWERS, STAFF, urls)) == before
    assert all(answer.startswith("200 ") for answer in before.values()), before
