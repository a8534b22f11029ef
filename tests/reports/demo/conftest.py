from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction

from dangvu.core.demo import DemoResult, load_demo


@pytest.fixture(scope="package")
def demo_loaded(django_db_setup: Any, django_db_blocker: Any) -> Iterator[DemoResult]:
    """The demo, loaded once for this package and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        result = load_demo()
        yield result
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_loaded: DemoResult, db: Any) -> DemoResult:
    return demo_loaded
