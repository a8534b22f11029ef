"""How far a congress campaign has come in a subtree, on a given day.

Three queries whatever the size of the subtree: the cells active on the day,
the campaigns of the term that can cover them (at or above the organisation,
or below it), and the congresses of those cells for the term. A cell's
deadline is that of the nearest campaign above it (a commune's own plan before
the district's), so a district sees each commune's own deadline.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q

from dangvu.congresses.choices import Status
from dangvu.congresses.models import Campaign, Congress
from dangvu.core.scope import subtree_q
from dangvu.core.tree import ancestor_ids
from dangvu.organizations.choices import Level
from dangvu.organizations.models import Organization

_TERM = re.compile(r"^\s*(\d{4})\s*[-–]\s*(\d{4})\s*$")
HELD_STATUSES = (Status.HELD, Status.APPROVED)


class ProgressError(ValueError):
    """Bad input, with the message to show (Vietnamese)."""


def parse_term(text: str) -> tuple[int, int]:
    """``"2022-2025"`` → ``(2022, 2025)``."""
    match = _TERM.match(text or "")
    if not match:
        raise ProgressError(f"Nhiệm kỳ “{text}” không hợp lệ: ghi theo dạng 2022-2025.")
    start, end = int(match[1]), int(match[2])
    if not 1930 <= start < end <= start + 10:
        raise ProgressError(f"Nhiệm kỳ “{text}” không hợp lệ: năm đầu phải nhỏ hơn năm cuối.")
    return start, end


@dataclass(frozen=True)
class CellProgress:
    id: int
    name: str
    kind: str
    due_on: date | None
    held_on: date | None
    status: str

    @property
    def held(self) -> bool:
        return self.held_on is not None

    def late(self, as_of: date) -> bool:
        return not self.held and self.due_on is not None and as_of > self.due_on


def _campaigns(root: Organization, term_start: int) -> list[Campaign]:
    above = ancestor_ids(root.path)
    query = Q(organization_id__in=above) | subtree_q("org_path", root.path)
    return list(
        Campaign.objects.filter(query, term_start=term_start, target_level=Level.CELL).order_by(
            "-org_path"
        )
    )


def _nearest(path: str, campaigns: list[Campaign]) -> Campaign | None:
    """The campaign of the deepest organisation at or above ``path`` (sorted deepest first)."""
    for campaign in campaigns:
        if path.startswith(campaign.org_path):
            return campaign
    return None


def cell_progress(
    root: Organization, term_start: int, as_of: date
) -> tuple[list[CellProgress], Campaign | None]:
    cells = list(
        Organization.objects.subtree(root)
        .filter(level=Level.CELL)
        .active_on(as_of)
        .order_by("path")
        .values_list("id", "name", "kind", "path")
    )
    campaigns = _campaigns(root, term_start)
    held = {
        org_id: (held_on, status)
        for org_id, held_on, status in Congress.objects.filter(
            subtree_q("org_path", root.path),
            term_start=term_start,
            status__in=HELD_STATUSES,
            held_on__lte=as_of,
        ).values_list("organization_id", "held_on", "status")
    }
    rows = []
    for cell_id, name, kind, path in cells:
        campaign = _nearest(path, campaigns)
        held_on, status = held.get(cell_id, (None, Status.PREPARING))
        rows.append(
            CellProgress(
                cell_id, name, kind, campaign.due_on if campaign else None, held_on, status
            )
        )
    return rows, _nearest(root.path, campaigns)


def congress_progress(root: Organization, term: str, as_of: date) -> dict[str, Any]:
    """The answer of ``GET /api/v1/organizations/{id}/congress-progress/``."""
    term_start, term_end = parse_term(term)
    rows, campaign = cell_progress(root, term_start, as_of)
    held = [row for row in rows if row.held]
    return {
        "organization": root.pk,
        "term": f"{term_start}-{term_end}",
        "as_of": as_of.isoformat(),
        "campaign": (
            {"id": campaign.pk, "title": campaign.title, "plan": campaign.code}
            if campaign
            else None
        ),
        "due_on": campaign.due_on.isoformat() if campaign else None,
        "cells": len(rows),
        "held": len(held),
        "not_held": len(rows) - len(held),
        "held_by_kind": dict(sorted(Counter(row.kind for row in held).items())),
        "cells_by_kind": dict(sorted(Counter(row.kind for row in rows).items())),
        "late": [row.id for row in rows if row.late(as_of)],
    }
