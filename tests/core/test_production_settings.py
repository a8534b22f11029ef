"""Production settings (issue 14, item 9): a long SECRET_KEY, and `dangvu check
--deploy` silent with the settings docs/operations.md lists."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

# docs/operations.md, "Production checklist": the environment of a production server.
PRODUCTION_ENV = {
    "DANGVU_ENV": "production",
    "SECRET_KEY": "k3Y-" + "9fQx7Lm2Rt5Vb8Nc1Zd4Wg6Hj0Ps3Ua" * 2,
    "ALLOWED_HOSTS": "dangvu.example.vn",
    "SECURE_COOKIES": "1",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
    "SECURE_HSTS_PRELOAD": "1",
}


def _run(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DANGVU_ENV", "DEBUG", "DANGVU_DEMO"}
        and not k.startswith("SECURE_")
    }
    return subprocess.run(
        [sys.executable, *args],
        env={**clean, "DANGVU_VAR": str(cwd / "var"), **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def test_it_refuses_a_short_secret_key_in_production(tmp_path: Path) -> None:
    env = {**PRODUCTION_ENV, "SECRET_KEY": "x" * 49}
    result = _run(["-c", "import dangvu.settings"], env, tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY must be at least 50 characters" in result.stderr


def test_it_keeps_a_short_key_for_the_demo(tmp_path: Path) -> None:
    env = {"DANGVU_ENV": "demo", "SECRET_KEY": "short"}
    assert _run(["-c", "import dangvu.settings"], env, tmp_path).returncode == 0


def test_it_passes_check_deploy_with_the_documented_settings(tmp_path: Path) -> None:
    result = _run(["-m", "dangvu", "check", "--deploy"], PRODUCTION_ENV, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr


def test_it_names_what_is_missing_without_them(tmp_path: Path) -> None:
    env = {k: PRODUCTION_ENV[k] for k in ("DANGVU_ENV", "SECRET_KEY", "ALLOWED_HOSTS")}
    result = _run(["-m", "dangvu", "check", "--deploy"], env, tmp_path)
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in result.stdout + result.stderr
