"""Admission targets against admissions, per cell and year (grouped queries, no loops)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, F

from dangvu.admissions.choices import Stage
from dangvu.admissions.models import AdmissionTarget, CandidateStep
from dangvu.core.scope import subtree_q
from dangvu.members.choices import PlacementKind
from dangvu.members.models import Placement
from dangvu.organizations.models import Organization


@dataclass
class TargetRow:
    """One cell's target for a year and the members it actually admitted."""

    cell: Organization
    target: int | None
    admitted: int


def admitted_by_cell(root_path: str, year: int) -> dict[int, int]:
    """Ceremonies held in ``year`` by cell: the permanent placement that starts that day."""
    rows = (
        Placement.objects.filter(
            subtree_q("org_path", root_path),
            kind=PlacementKind.PERMANENT,
            start_date__year=year,
            start_date=F("member__ceremony_date"),
        )
        .values("cell_id")
        .annotate(n=Count("member_id", distinct=True))
    )
    return {row["cell_id"]: row["n"] for row in rows}


def target_rows(root: Organization, year: int, cells: Any = None) -> list[TargetRow]:
    """Every cell under ``root`` (or ``cells``) with its target and admissions in ``year``."""
    if cells is None:
        cells = Organization.objects.cells().filter(subtree_q("path", root.path))
    cells = list(cells.order_by("path"))
    targets = dict(
        AdmissionTarget.objects.filter(subtree_q("org_path", root.path), year=year).values_list(
            "cell_id", "target"
        )
    )
    admitted = admitted_by_cell(root.path, year)
    return [TargetRow(cell, targets.get(cell.pk), admitted.get(cell.pk, 0)) for cell in cells]


def sent_to_course(root_path: str, year: int) -> int:
    """Candidates sent to the awareness course in ``year`` in the subtree (one count)."""
    return (
        CandidateStep.objects.filter(
            subtree_q("org_path", root_path),
            stage=Stage.COURSE_SENT,
            date__gte=date(year, 1, 1),
            date__lte=date(year, 12, 31),
        )
        .values("candidate_id")
        .distinct()
        .count()
    )
