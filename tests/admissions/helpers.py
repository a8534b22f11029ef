"""Candidates of the cast for the admission tests, built through the services."""

from __future__ import annotations

from datetime import date
from typing import Any

from dangvu.admissions import services
from dangvu.admissions.choices import STAGE_ORDER, Stage
from dangvu.admissions.models import Candidate
from dangvu.members.rules import make_national_id
from tests.fixtures.cast import Cast

BIRTH = date(2000, 5, 10)
# The dates of each step on the usual path (ADMISSION_DECISION on 03/06/2024).
STEP_DATES = {
    Stage.COURSE_SENT: date(2024, 2, 1),
    Stage.COURSE_COMPLETED: date(2024, 3, 1),
    Stage.FILE_PREPARED: date(2024, 4, 1),
    Stage.CELL_RESOLUTION: date(2024, 5, 2),
    Stage.ADMISSION_DECISION: date(2024, 6, 3),
}
CEREMONY = date(2024, 6, 20)


def profile(name: str = "Vũ Minh Khang", birth: date = BIRTH, serial: int = 101) -> dict[str, Any]:
    return {
        "full_name": name,
        "gender": "male",
        "birth_date": birth,
        "national_id": make_national_id(25, "male", birth, serial),
        "phone": "0912345678",
        "occupation": "Nông dân",
    }


def propose(cast: Cast, **overrides: Any) -> Candidate:
    data = profile(**{k: overrides.pop(k) for k in ("name", "birth", "serial") if k in overrides})
    data.update(overrides.pop("data", {}))
    return services.propose_candidate(
        actor=cast.user("alice"),
        cell=cast.org("XA-DONG"),
        data=data,
        introducers=[cast.member("Trần Thị Bích")],
        proposed_on=date(2024, 1, 10),
        **overrides,
    )


def advance_to(cast: Cast, candidate: Candidate, last: str) -> Candidate:
    """Take every step up to ``last`` with the usual dates."""
    for stage in STAGE_ORDER[1 : STAGE_ORDER.index(last) + 1]:
        services.advance_candidate(
            candidate,
            actor=cast.user("alice"),
            stage=stage,
            date=STEP_DATES[stage],
            decided_by="Đảng ủy xã Hòa An" if stage == Stage.ADMISSION_DECISION else "Chi bộ",
            document_number="12-QĐ/ĐU" if stage == Stage.ADMISSION_DECISION else "",
            certificate_date=date(2024, 3, 1) if stage == Stage.COURSE_COMPLETED else None,
            certificate_number="CN-01" if stage == Stage.COURSE_COMPLETED else "",
        )
    return candidate


def decided(cast: Cast, **overrides: Any) -> Candidate:
    return advance_to(cast, propose(cast, **overrides), Stage.ADMISSION_DECISION)
