"""``dangvu backup`` and ``dangvu restore`` (issue 14, item 13).

The round trip backs up the test database (committed: ``transaction=True``) with
attachments of a meeting, a document and a task, restores it in a separate
``python -m dangvu`` process into a new data folder (SQLite) or a second
database (PostgreSQL), and compares the API's answers and every download there
with the ones given before.

Every test commits (``transaction=True``): SQLite's online backup cannot read a
database while the same connection holds the test's open transaction. Such
tests run after the others and empty the tables when they end, so the round
trip builds the cast again when an earlier one has emptied it.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from dangvu.core import backup
from tests.fixtures.cast import Cast, build_cast

pytestmark = pytest.mark.django_db(transaction=True)

REPO = Path(__file__).resolve().parents[2]
API = [
    "/api/v1/organizations/?page_size=200",
    "/api/v1/members/?page_size=200",
    "/api/v1/meetings/?page_size=200",
    "/api/v1/documents/?page_size=200",
    "/api/v1/programs/?page_size=200",
    "/api/v1/tasks/?page_size=200",
    "/api/v1/workday-exceptions/",
]
# Bytes that are not text, and a Vietnamese file name.
PDF = b"%PDF-1.4 bi\xc3\xaan b\xe1\xba\xa3n\n\x00\xff\xfe" * 100


def answers(urls: list[str]) -> dict[str, str]:
    """Status and SHA-256 of the body of each URL, read as the superuser."""
    from dangvu.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username="root"))
    found = {}
    for url in urls:
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        found[url] = f"{response.status_code} {hashlib.sha256(body).hexdigest()}"
    return found


# Run in the restored installation: the same reads, printed as JSON.
AFTER = """
import json, sys, django
django.setup()
from tests.core.test_backup import answers
print(json.dumps(answers(json.loads(sys.argv[1]))))
"""


def dangvu(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, **env, "DANGVU_ENV": "test", "PYTHONPATH": str(REPO)}
    full.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.settings")
    if "DATABASE_URL" not in env:
        full.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, *args], env=full, cwd=REPO, capture_output=True, text=True, check=False
    )


def sqlite_target(folder: Path) -> dict[str, str]:
    return {"SQLITE_PATH": str(folder / "dangvu.sqlite3"), "DANGVU_VAR": str(folder / "var")}


@pytest.fixture
def target_db(tmp_path: Path) -> Iterator[dict[str, str]]:
    """Where the round trip restores: a new data folder, or a second PostgreSQL database."""
    env = sqlite_target(tmp_path / "restored")
    if connection.vendor != "postgresql":
        yield env
        return
    name = f"dangvu_restore_{uuid.uuid4().hex[:8]}"
    s = connection.settings_dict
    credentials = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    url = f"postgres://{credentials}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{name}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {**env, "DATABASE_URL": url}
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def attach_everywhere(cast: Cast) -> list[str]:
    """A meeting, a document and a task with one file each; their download URLs."""
    from dangvu.documents import services as documents
    from dangvu.meetings import services as meetings
    from dangvu.programs import services as programs
    from tests.documents.helpers import issue, with_terms
    from tests.meetings.helpers import meeting

    alice = cast.user("alice")
    held = meeting(cast)
    minutes = meetings.attach_file(
        alice, held, file=SimpleUploadedFile("biên bản.pdf", PDF), title="Biên bản"
    )
    with_terms(cast)
    resolution = issue(cast, date(2022, 1, 10))
    annex = documents.attach_file(
        alice, resolution, title="Phụ lục", upload=SimpleUploadedFile("phu-luc.docx", PDF[:700])
    )
    programme = programs.create_programme(alice, organization=cast.org("XA"), period="2022-Q1")
    task = programs.add_task(
        alice, programme, title="Kiểm tra", deadline="31/3/2022", owner_org=cast.org("XA")
    )
    evidence = programs.add_task_file(
        alice, task, title="Ảnh", upload=SimpleUploadedFile("anh.png", b"\x89PNG\r\n" + PDF)
    )
    return [
        reverse("meetings:download_file", args=[held.pk, minutes.pk]),
        reverse("documents:file", args=[resolution.pk, annex.pk]),
        reverse("programs:task_file", args=[task.pk, evidence.pk]),
    ]


def test_it_round_trips_the_data_and_every_attachment(
    settings: Any, tmp_path: Path, target_db: dict[str, str]
) -> None:
    from dangvu.accounts.models import User

    if not User.objects.filter(username="root").exists():
        build_cast()
    settings.MEDIA_ROOT = str(tmp_path / "media")
    downloads = attach_everywhere(Cast())
    archive = tmp_path / "sao-luu.tar.gz"
    call_command("backup", output=str(archive), stdout=io.StringIO())
    before = answers(API + downloads)
    assert all(answer.startswith("200 ") for answer in before.values()), before

    restored = dangvu(target_db, "-m", "dangvu", "restore", str(archive))
    assert restored.returncode == 0, restored.stderr
    assert "3 tệp đính kèm" in restored.stdout
    after = dangvu(target_db, "-c", AFTER, json.dumps(API + downloads))
    assert after.returncode == 0, after.stderr
    assert json.loads(after.stdout.strip().splitlines()[-1]) == before

    # The target has data now: a second restore is refused, nothing touched.
    again = dangvu(target_db, "-m", "dangvu", "restore", str(archive))
    assert again.returncode != 0
    assert "Cơ sở dữ liệu đích đã có dữ liệu" in again.stderr

    # An empty database but a media folder with files: refused as well.
    media_full = {**sqlite_target(tmp_path / "other"), "DANGVU_VAR": target_db["DANGVU_VAR"]}
    refused = dangvu(media_full, "-m", "dangvu", "restore", str(archive))
    assert refused.returncode != 0
    assert "không trống" in refused.stderr
    assert not (tmp_path / "other" / "dangvu.sqlite3").exists()


def test_it_writes_a_manifest_with_each_files_size_and_checksum(
    settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    (tmp_path / "media" / "meetings").mkdir(parents=True)
    (tmp_path / "media" / "meetings" / "a.pdf").write_bytes(PDF)
    archive = tmp_path / "b.tar.gz"
    manifest = backup.create_backup(archive)
    assert manifest["format"] == "dangvu-backup" and manifest["version"] == 1
    assert manifest["engine"] == connection.vendor
    assert manifest["files"] == [
        {
            "path": "media/meetings/a.pdf",
            "size": len(PDF),
            "sha256": hashlib.sha256(PDF).hexdigest(),
        }
    ]
    assert oct(archive.stat().st_mode & 0o777) == "0o600"
    with pytest.raises(backup.BackupError, match="đã có"):
        backup.create_backup(archive)


def rewrite(source: Path, target: Path, change: Any) -> None:
    """Copy the archive member by member through ``change(info, data) -> [(info, data)]``."""
    with tarfile.open(source, "r:gz") as old, tarfile.open(target, "w:gz") as new:
        for info in old.getmembers():
            handle = old.extractfile(info)
            data = handle.read() if handle else b""
            for out_info, out_data in change(info, data):
                out_info.size = len(out_data)
                new.addfile(out_info, io.BytesIO(out_data))


@pytest.fixture
def good_archive(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    (tmp_path / "media" / "documents").mkdir(parents=True)
    (tmp_path / "media" / "documents" / "nghi-quyet.pdf").write_bytes(PDF)
    archive = tmp_path / "good.tar.gz"
    backup.create_backup(archive)
    return archive


def flip_a_byte(info: tarfile.TarInfo, data: bytes) -> list[tuple[tarfile.TarInfo, bytes]]:
    if info.name.startswith("media/"):
        data = bytes([data[0] ^ 1]) + data[1:]
    return [(info, data)]


def test_it_refuses_a_tampered_archive_and_writes_nothing(
    good_archive: Path, tmp_path: Path
) -> None:
    tampered = tmp_path / "tampered.tar.gz"
    rewrite(good_archive, tampered, flip_a_byte)
    target = tmp_path / "fresh"
    done = dangvu(sqlite_target(target), "-m", "dangvu", "restore", str(tampered))
    assert done.returncode != 0
    assert "media/documents/nghi-quyet.pdf" in done.stderr and "tổng kiểm tra" in done.stderr
    assert not (target / "dangvu.sqlite3").exists()
    assert not (target / "var" / "media").exists()
    assert not list((target / "var").glob(".dangvu-restore-*"))


@pytest.mark.parametrize(
    "name", ["../evil.txt", "/etc/evil", "media/../../evil", "media\\..\\evil", "other/x"]
)
def test_it_refuses_a_path_outside_the_archive_layout(
    good_archive: Path, tmp_path: Path, name: str
) -> None:
    def add_evil(info: tarfile.TarInfo, data: bytes) -> list[tuple[tarfile.TarInfo, bytes]]:
        return (
            [(info, data), (tarfile.TarInfo(name), b"x")]
            if info.name == "manifest.json"
            else [(info, data)]
        )

    evil = tmp_path / "evil.tar.gz"
    rewrite(good_archive, evil, add_evil)
    staging = tmp_path / "staging"
    staging.mkdir()
    with pytest.raises(backup.BackupError, match="không hợp lệ"):
        backup.unpack(evil, staging)
    assert not (tmp_path / "evil.txt").exists()


def test_it_refuses_a_link_an_extra_file_and_a_missing_one(
    good_archive: Path, tmp_path: Path
) -> None:
    def add_link(info: tarfile.TarInfo, data: bytes) -> list[tuple[tarfile.TarInfo, bytes]]:
        link = tarfile.TarInfo("media/link")
        link.type = tarfile.SYMTYPE
        link.linkname = "/etc/passwd"
        return [(link, b""), (info, data)] if info.name == "manifest.json" else [(info, data)]

    def add_extra(info: tarfile.TarInfo, data: bytes) -> list[tuple[tarfile.TarInfo, bytes]]:
        extra = [(tarfile.TarInfo("media/extra.pdf"), b"x")] if info.name == "manifest.json" else []
        return [*extra, (info, data)]

    def drop_media(info: tarfile.TarInfo, data: bytes) -> list[tuple[tarfile.TarInfo, bytes]]:
        return [] if info.name.startswith("media/") else [(info, data)]

    for change, message in (
        (add_link, "không phải tệp"),
        (add_extra, "ngoài kê khai"),
        (drop_media, "bị thiếu"),
    ):
        broken = tmp_path / f"{change.__name__}.tar.gz"
        rewrite(good_archive, broken, change)
        staging = tmp_path / change.__name__
        staging.mkdir()
        with pytest.raises(backup.BackupError, match=message):
            backup.unpack(broken, staging)


def test_it_refuses_a_file_that_is_not_an_archive(tmp_path: Path) -> None:
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not a tar" * 100)
    staging = tmp_path / "staging"
    staging.mkdir()
    with pytest.raises(backup.BackupError, match="bị hỏng"):
        backup.unpack(junk, staging)
