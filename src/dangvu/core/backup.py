"""One archive holding everything an office would lose with the server: the database
and every attached file, with a manifest of checksums (``dangvu backup``/``restore``).

Layout of the ``.tar.gz`` (the manifest comes last, so each checksum is of the
very bytes written, hashed while they are streamed into the archive):

* ``database/dangvu.sqlite3`` — SQLite's online backup (``Connection.backup``:
  consistent while the site runs, WAL included), or ``database/dangvu.dump`` —
  ``pg_dump --format=custom`` on PostgreSQL;
* ``media/<path>`` — every file under ``MEDIA_ROOT`` (the attachments of
  meetings, congresses, documents and tasks, ``core.files``);
* ``manifest.json`` — format version, creation time, engine, and each file's
  path, size and SHA-256.

A restore goes into an empty target only (no user account and no organisation
in the database, no file in the media folder): it never overwrites an office's
data. Everything is unpacked into a staging folder beside the media folder and
checked against the manifest first; a missing, extra, altered or unsafe entry
(absolute path, ``..``, a link) refuses the archive and nothing is written to
the database or the media folder. Files are streamed, never held in memory.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.conf import settings
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = "dangvu-backup"
VERSION = 1
MANIFEST = "manifest.json"
DATABASE_DIR = "database"
MEDIA_DIR = "media"
DATABASE_NAMES = {"sqlite": "dangvu.sqlite3", "postgresql": "dangvu.dump"}
CHUNK = 1024 * 1024
MANIFEST_MAX_BYTES = 64 * 1024 * 1024


class BackupError(Exception):
    """A refused backup or restore, with a Vietnamese message for the operator."""


@dataclass(frozen=True)
class Entry:
    path: str
    size: int
    sha256: str

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.path, "size": self.size, "sha256": self.sha256}


class _HashingReader:
    """A file wrapper that hashes what ``tarfile`` reads from it."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle = handle
        self.digest = hashlib.sha256()
        self.size = 0

    def read(self, n: int = -1) -> bytes:
        data = self.handle.read(n)
        self.digest.update(data)
        self.size += len(data)
        return data


# --- the database engines -------------------------------------------------------------


def _engine(connection: BaseDatabaseWrapper) -> str:
    if connection.vendor not in DATABASE_NAMES:
        raise BackupError(
            _("Không hỗ trợ sao lưu cơ sở dữ liệu %(vendor)s.") % {"vendor": connection.vendor}
        )
    return connection.vendor


def _pg_tool(name: str) -> str:
    """``pg_dump``/``pg_restore`` from PATH, else the newest of Debian's server packages."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda path: int(Path(path).parts[-3]) if Path(path).parts[-3].isdigit() else 0,
    )
    if not candidates:
        raise BackupError(
            _("Không tìm thấy lệnh %(name)s (cài gói postgresql-client).") % {"name": name}
        )
    return candidates[-1]


def _pg_env(settings_dict: dict[str, Any]) -> dict[str, str]:
    """The connection of ``settings.DATABASES`` as libpq's variables: the password is
    never on the command line (where ``ps`` would show it)."""
    env = dict(os.environ)
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ):
        value = settings_dict.get(key)
        if value:
            env[variable] = str(value)
    sslmode = (settings_dict.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = str(sslmode)
    return env


def _run(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(
            _("Lệnh %(name)s thất bại: %(error)s")
            % {"name": Path(command[0]).name, "error": done.stderr.strip()[-2000:]}
        )


def dump_database(connection: BaseDatabaseWrapper, target: Path) -> None:
    """Write a consistent copy of the database to ``target``."""
    if _engine(connection) == "sqlite":
        if connection.in_atomic_block:
            # The online backup waits for this connection's own open write to end: forever.
            raise BackupError(_("Không sao lưu được giữa một giao dịch đang mở."))
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            # Online backup: consistent while other workers keep writing.
            connection.connection.backup(copy)
        finally:
            copy.close()
        return
    command = [_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges"]
    _run([*command, "--file", str(target)], _pg_env(connection.settings_dict))


def database_is_empty(connection: BaseDatabaseWrapper) -> bool:
    """No user account and no organisation: nothing an office entered would be lost."""
    from dangvu.accounts.models import User
    from dangvu.organizations.models import Organization

    tables = set(connection.introspection.table_names())
    for model in (User, Organization):
        if (
            model._meta.db_table in tables
            and model._default_manager.using(connection.alias).exists()
        ):
            return False
    return True


def load_database(connection: BaseDatabaseWrapper, source: Path) -> None:
    """Put the checked copy ``source`` in place of the (empty) database."""
    engine = _engine(connection)
    settings_dict = connection.settings_dict
    connections.close_all()
    if engine == "sqlite":
        name = str(settings_dict["NAME"])
        if not name or name == ":memory:" or "mode=memory" in name:
            raise BackupError(_("Không khôi phục được vào cơ sở dữ liệu SQLite trong bộ nhớ."))
        target = Path(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        staged = target.with_name(target.name + ".restoring")
        shutil.copyfile(source, staged)
        os.replace(staged, target)
        # The old write-ahead log belongs to the empty file just replaced.
        for suffix in ("-wal", "-shm", "-journal"):
            Path(name + suffix).unlink(missing_ok=True)
        return
    command = [_pg_tool("pg_restore"), "--no-owner", "--no-privileges", "--clean", "--if-exists"]
    command += ["--single-transaction", "--exit-on-error", "--dbname", str(settings_dict["NAME"])]
    _run([*command, str(source)], _pg_env(settings_dict))


# --- backup ---------------------------------------------------------------------------


def _media_files(root: Path) -> Iterator[tuple[Path, str]]:
    """Every regular file under ``root`` (links are not followed), in a stable order."""
    if not root.is_dir():
        return
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs.sort()
        for name in sorted(files):
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                yield path, path.relative_to(root).as_posix()


def _add(archive: tarfile.TarFile, name: str, source: Path) -> Entry:
    with source.open("rb") as handle:
        info = tarfile.TarInfo(name)
        info.size = os.fstat(handle.fileno()).st_size
        info.mtime = int(os.fstat(handle.fileno()).st_mtime)
        info.mode = 0o600
        reader = _HashingReader(handle)
        archive.addfile(info, reader)
    return Entry(name, reader.size, reader.digest.hexdigest())


def _applied_migrations(connection: BaseDatabaseWrapper) -> dict[str, str]:
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        latest[app] = max(latest.get(app, ""), name)
    return dict(sorted(latest.items()))


def create_backup(output: Path, *, alias: str = "default") -> dict[str, Any]:
    """Write the archive to ``output`` (refused if it exists); returns the manifest."""
    if output.exists():
        raise BackupError(_("Tệp %(path)s đã có; chọn tên khác.") % {"path": output})
    connection = connections[alias]
    engine = _engine(connection)
    media_root = Path(settings.MEDIA_ROOT)
    partial = output.with_name(output.name + ".part")
    with tempfile.TemporaryDirectory(prefix="dangvu-backup-") as work:
        dump = Path(work) / DATABASE_NAMES[engine]
        dump_database(connection, dump)
        # The archive holds personal data: readable by its owner only.
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with (
                os.fdopen(descriptor, "wb") as raw,
                tarfile.open(fileobj=raw, mode="w:gz") as archive,
            ):
                database = _add(archive, f"{DATABASE_DIR}/{dump.name}", dump)
                files = [
                    _add(archive, f"{MEDIA_DIR}/{relative}", path)
                    for path, relative in _media_files(media_root)
                ]
                manifest = {
                    "format": FORMAT,
                    "version": VERSION,
                    "created_at": timezone.now().isoformat(),
                    "engine": engine,
                    "migrations": _applied_migrations(connection),
                    "database": database.as_dict(),
                    "files": [entry.as_dict() for entry in files],
                }
                body = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size = len(body)
                info.mode = 0o600
                info.mtime = int(timezone.now().timestamp())
                archive.addfile(info, _BytesReader(body))
            os.replace(partial, output)
        finally:
            partial.unlink(missing_ok=True)
    return manifest


class _BytesReader:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.offset = 0

    def read(self, n: int = -1) -> bytes:
        end = len(self.data) if n < 0 else self.offset + n
        chunk = self.data[self.offset : end]
        self.offset += len(chunk)
        return chunk


# --- restore --------------------------------------------------------------------------


def _safe_name(name: str) -> str:
    """The member's name if it may be written under the staging folder, else refused."""
    path = PurePosixPath(name)
    parts = path.parts
    if (
        not parts
        or path.is_absolute()
        or "\\" in name
        or any(part in {"", ".", ".."} for part in parts)
        or not (name == MANIFEST or (len(parts) >= 2 and parts[0] in {DATABASE_DIR, MEDIA_DIR}))
    ):
        raise BackupError(_("Bản sao lưu có mục không hợp lệ: %(name)s.") % {"name": name})
    return name


def _read_manifest(handle: IO[bytes], size: int) -> dict[str, Any]:
    if size > MANIFEST_MAX_BYTES:
        raise BackupError(_("Tệp kê khai (manifest.json) quá lớn."))
    try:
        manifest = json.loads(handle.read())
    except ValueError as exc:
        raise BackupError(_("Tệp kê khai (manifest.json) không đọc được.")) from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(_("Đây không phải bản sao lưu của dangvu."))
    if manifest.get("version") != VERSION:
        raise BackupError(
            _("Bản sao lưu phiên bản %(version)s không được hỗ trợ.")
            % {"version": manifest.get("version")}
        )
    return manifest


def _expected(manifest: dict[str, Any]) -> dict[str, Entry]:
    try:
        rows = [manifest["database"], *manifest["files"]]
        entries = [Entry(str(r["path"]), int(r["size"]), str(r["sha256"])) for r in rows]
    except (KeyError, TypeError, ValueError) as exc:
        raise BackupError(_("Tệp kê khai (manifest.json) thiếu thông tin.")) from exc
    if not entries[0].path.startswith(f"{DATABASE_DIR}/"):
        raise BackupError(_("Tệp kê khai (manifest.json) thiếu thông tin."))
    return {entry.path: entry for entry in entries}


def unpack(archive_path: Path, staging: Path) -> dict[str, Any]:
    """Unpack into ``staging`` (an empty folder) and check every entry against the manifest.

    Raises ``BackupError`` on any missing, extra, altered or unsafe entry.
    """
    found: dict[str, Entry] = {}
    manifest: dict[str, Any] | None = None
    try:
        with tarfile.open(archive_path, mode="r|gz") as archive:
            for member in archive:
                name = _safe_name(member.name)
                if not member.isreg():
                    raise BackupError(
                        _("Bản sao lưu có mục không phải tệp: %(name)s.") % {"name": name}
                    )
                if name in found or (name == MANIFEST and manifest is not None):
                    raise BackupError(_("Bản sao lưu có mục trùng: %(name)s.") % {"name": name})
                handle = archive.extractfile(member)
                if handle is None:  # pragma: no cover - isreg() members always have data
                    raise BackupError(_("Bản sao lưu bị hỏng."))
                if name == MANIFEST:
                    manifest = _read_manifest(handle, member.size)
                    continue
                target = staging.joinpath(*PurePosixPath(name).parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                digest = hashlib.sha256()
                size = 0
                with target.open("xb") as out:
                    while chunk := handle.read(CHUNK):
                        digest.update(chunk)
                        size += len(chunk)
                        out.write(chunk)
                found[name] = Entry(name, size, digest.hexdigest())
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise BackupError(_("Bản sao lưu bị hỏng hoặc không phải tệp .tar.gz.")) from exc
    if manifest is None:
        raise BackupError(_("Bản sao lưu không có tệp kê khai (manifest.json)."))
    expected = _expected(manifest)
    for path, entry in expected.items():
        _safe_name(path)
        if found.get(path) != entry:
            raise BackupError(
                _(
                    "Tệp %(path)s trong bản sao lưu bị thiếu hoặc đã bị thay đổi "
                    "(sai tổng kiểm tra)."
                )
                % {"path": path}
            )
    extra = sorted(set(found) - set(expected))
    if extra:
        raise BackupError(_("Bản sao lưu có tệp ngoài kê khai: %(path)s.") % {"path": extra[0]})
    return manifest


def _media_is_empty(root: Path) -> bool:
    return not root.exists() or (root.is_dir() and not any(root.iterdir()))


def restore_backup(archive_path: Path, *, alias: str = "default") -> dict[str, Any]:
    """Restore ``archive_path`` into the empty database and media folder of the settings."""
    connection = connections[alias]
    engine = _engine(connection)
    media_root = Path(settings.MEDIA_ROOT)
    if not archive_path.is_file():
        raise BackupError(_("Không có tệp %(path)s.") % {"path": archive_path})
    # A new installation's SQLite file may not exist yet: opening it would create it.
    new_file = engine == "sqlite" and not Path(str(connection.settings_dict["NAME"])).exists()
    if not (new_file or database_is_empty(connection)):
        raise BackupError(
            _(
                "Cơ sở dữ liệu đích đã có dữ liệu (tài khoản hoặc tổ chức): chỉ khôi phục vào "
                "cơ sở dữ liệu trống. Hãy chuyển dữ liệu cũ đi nơi khác trước."
            )
        )
    if not _media_is_empty(media_root):
        raise BackupError(
            _("Thư mục tệp đính kèm %(path)s không trống: chỉ khôi phục vào thư mục trống.")
            % {"path": media_root}
        )
    media_root.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".dangvu-restore-", dir=media_root.parent))
    try:
        manifest = unpack(archive_path, staging)
        if manifest.get("engine") != engine:
            raise BackupError(
                _("Bản sao lưu của %(source)s không khôi phục được vào %(target)s.")
                % {"source": manifest.get("engine"), "target": engine}
            )
        database = PurePosixPath(manifest["database"]["path"])
        load_database(connection, staging.joinpath(*database.parts))
        staged_media = staging / MEDIA_DIR
        if media_root.exists():
            media_root.rmdir()  # checked empty above
        if staged_media.is_dir():
            os.replace(staged_media, media_root)
        else:
            media_root.mkdir()
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return manifest
