"""Bounded pages of a list: no exact COUNT(*) over millions of rows per page view.

A page fetches one row more than it shows (so it knows there is a next page)
and counts at most ``count_limit + 1`` rows of the filtered, scoped set
(ARCHITECTURE.md); above the limit the total is "more than" (``None``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest

PAGE_SIZE = 50
# Totals are counted exactly up to this many rows; a larger list says "more than".
COUNT_LIMIT = 1000
# Beyond any real list; keeps the row offset within the database's integer range.
MAX_PAGE = 100_000


@dataclass
class BoundedPage:
    """One page of rows, its neighbours, and a total bounded by the count limit."""

    number: int
    rows: list[Any]
    has_next: bool
    total: int | None  # None: more than the count limit
    page_size: int = PAGE_SIZE

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def num_pages(self) -> int | None:
        return None if self.total is None else max(1, -(-self.total // self.page_size))

    @property
    def shown(self) -> int:
        return len(self.rows)

    @property
    def first(self) -> int:
        """The position (from 1) of the first row shown, 0 when none."""
        return (self.number - 1) * self.page_size + 1 if self.rows else 0

    @property
    def last(self) -> int:
        """The position of the last row shown, 0 when none."""
        return self.first + len(self.rows) - 1 if self.rows else 0


def page_number(request: HttpRequest, max_page: int = MAX_PAGE) -> int:
    """``?page=`` as a number from 1 to ``max_page`` (1 for anything else)."""
    try:
        return min(max_page, max(1, int(request.GET.get("page", "1"))))
    except ValueError:
        return 1


def bounded_page(
    rows: QuerySet[Any],
    number: int,
    page_size: int = PAGE_SIZE,
    count_limit: int = COUNT_LIMIT,
) -> BoundedPage:
    """The rows of page ``number`` (from 1) of ``rows``, in their order: two queries."""
    offset = (number - 1) * page_size
    fetched = list(rows[offset : offset + page_size + 1])
    bounded = rows.order_by()[: count_limit + 1].count()
    return BoundedPage(
        number=number,
        rows=fetched[:page_size],
        has_next=len(fetched) > page_size,
        total=bounded if bounded <= count_limit else None,
        page_size=page_size,
    )
