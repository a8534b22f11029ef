from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from tests.fixtures.cast import Cast, build_cast


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    """Build the cast once; every test runs in a transaction rolled back after it."""
    with django_db_blocker.unblock():
        build_cast()
        # The working-day swaps are data (core migration 0003 seeds them): read them
        # once and keep them for the session (the calendar tests use no database).
        from dangvu.core import workdays

        workdays.EXCEPTIONS_TTL = float("inf")
        workdays.exceptions()


@pytest.fixture
def cast(db: Any) -> Cast:
    # A test that commits (``transaction=True``) empties the tables when it ends, and
    # pytest-django runs those tests last: the next one builds the cast again.
    from dangvu.accounts.models import User

    if not User.objects.filter(username="root").exists():
        build_cast()
    return Cast()


@pytest.fixture
def login(db: Any) -> Callable[[str], Client]:
    """``login("alice")`` gives a test client logged in as alice."""

    def _login(username: str) -> Client:
        from dangvu.accounts.models import User

        client = Client()
        client.force_login(User.objects.get(username=username))
        return client

    return _login
