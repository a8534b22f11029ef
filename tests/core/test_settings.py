from __future__ import annotations

import os
import subprocess
import sys
from datetime import date

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.utils import formats, translation


def _import_settings(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DANGVU_ENV", "DEBUG"}}
    return subprocess.run(
        [sys.executable, "-c", "import dangvu.settings"],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_it_refuses_production_without_a_secret_key() -> None:
    result = _import_settings({"DANGVU_ENV": "production"})
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_it_starts_in_production_with_a_secret_key() -> None:
    assert _import_settings({"DANGVU_ENV": "production", "SECRET_KEY": "x" * 50}).returncode == 0


def test_it_speaks_vietnamese_in_ho_chi_minh_time() -> None:
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"


def test_it_shows_dates_as_dd_mm_yyyy() -> None:
    with translation.override("vi"):
        assert formats.date_format(date(2022, 1, 5), "SHORT_DATE_FORMAT") == "05/01/2022"
        assert formats.date_format(date(2022, 1, 5)) == "05/01/2022"


@pytest.mark.django_db
def test_it_uses_wal_on_sqlite() -> None:
    if connection.vendor != "sqlite":
        assert connection.vendor == "postgresql"
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] == 20000


@pytest.mark.django_db
def test_it_has_every_migration_written() -> None:
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
