"""The demo is loaded once for this package, inside a transaction rolled back at the end.

Each test still runs in its own savepoint (pytest-django), so a test that writes,
like the second ``load_demo`` of the idempotency test, leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction

from dangvu.core.demo import DemoResult, load_demo


@pytest.fixture(scope="package")
def demo_loaded(django_db_setup: Any, django_db_blocker: Any) -> Iterator[DemoResult]:
    with django_db_blocker.unblock(), transaction.atomic():
        result = load_demo()
        yield result
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_loaded: DemoResult, db: Any) -> DemoResult:
    return demo_loaded
