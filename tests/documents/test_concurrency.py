"""Two people issuing the same kind at once get two different, consecutive numbers.

Only PostgreSQL runs it: SQLite locks the whole database for a write, so the row
lock (``select_for_update``) on the sequence is never put to the test there.
The test commits (``transaction=True``): pytest-django runs such tests after the
others, and it empties the tables when it ends.
"""

from __future__ import annotations

import threading
import time
from datetime import date
from typing import Any
from unittest import mock

import pytest
from django.db import connection, connections

from dangvu.documents import services
from dangvu.documents.models import Document
from tests.documents.helpers import issue, with_terms
from tests.fixtures.cast import Cast

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises every write, so two issues never overlap",
    ),
]


def test_it_never_gives_two_people_the_same_number(cast: Cast) -> None:
    with_terms(cast)
    issue(cast, date(2022, 1, 10), number=15)
    slow_highest = services._highest

    def highest(*args: Any) -> int:
        time.sleep(0.3)  # both are inside the transaction, the second waiting on the lock
        return slow_highest(*args)

    start = threading.Barrier(2)
    numbers: list[int] = []
    errors: list[BaseException] = []

    def issue_one(summary: str) -> None:
        try:
            start.wait(timeout=10)
            numbers.append(issue(cast, date(2022, 4, 20), summary=summary).number or 0)
        except BaseException as exc:  # reported below, with the thread's traceback lost
            errors.append(exc)
        finally:
            connections.close_all()

    with mock.patch.object(services, "_highest", highest):
        threads = [threading.Thread(target=issue_one, args=(f"văn bản {n}",)) for n in (1, 2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    assert errors == []
    assert sorted(numbers) == [16, 17]
    assert Document.objects.filter(number__in=[16, 17], kind="resolution").count() == 2
