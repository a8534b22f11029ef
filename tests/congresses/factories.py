"""Congress records of the cast, built through the services, for every congress test.

* ``campaign_on(cast)``: Hòa An's plan for the cell congresses of 2025–2030;
* ``planned_congress(cast)``: Chi bộ thôn Đông's congress planned on ``CONGRESS_DAY``;
* ``ready_congress(cast)``: the same with every preparation step and the convened list;
* ``held_congress(cast)``: held, everyone present, the chi ủy (3 seats) and the
  secretary elected and counted — ready for ``install_committee``.

Chi bộ thôn Đông has three full members (An, Bích, Cường); alice (staff of Hòa An)
writes everything unless told otherwise.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from dangvu.congresses import services
from dangvu.congresses.models import Campaign, Congress, Election
from tests.fixtures.cast import Cast

AN, BICH, CUONG = "Nguyễn Văn An", "Trần Thị Bích", "Lê Văn Cường"
TERM = (2025, 2030)
PLAN_DATE = date(2025, 3, 10)
DUE_ON = date(2025, 6, 30)
CONGRESS_DAY = date(2025, 5, 20)
STEPS = {
    "preparation": date(2025, 4, 1),
    "political_report": date(2025, 4, 8),
    "personnel_plan": date(2025, 4, 10),
    "convening_notice": date(2025, 4, 15),
}


def campaign_on(cast: Cast, code: str = "XA", user: str = "alice", **fields: Any) -> Campaign:
    """The plan of ``code`` (Hòa An) for its cells' congresses, 2025–2030, made by ``user``."""
    values: dict[str, Any] = {
        "term_start": TERM[0],
        "term_end": TERM[1],
        "title": "Kế hoạch tổ chức đại hội chi bộ nhiệm kỳ 2025–2030",
        "plan_number": "12-KH/ĐU",
        "plan_date": PLAN_DATE,
        "due_on": DUE_ON,
        **fields,
    }
    return services.create_campaign(cast.user(user), organization=cast.org(code), **values)


def planned_congress(
    cast: Cast, cell: str = "XA-DONG", day: date | None = CONGRESS_DAY, **fields: Any
) -> Congress:
    """The congress of ``cell`` planned under the campaign (created when missing)."""
    if not Campaign.objects.filter(organization__code="XA", term_start=TERM[0]).exists():
        campaign_on(cast)
    return services.plan_congress(
        cast.user("alice"),
        cell=cast.org(cell),
        term_start=TERM[0],
        term_end=TERM[1],
        planned_on=day,
        place="Nhà văn hóa thôn",
        **fields,
    )


def record_steps(cast: Cast, congress: Congress, user: str = "alice") -> Congress:
    """Every preparation step, on the dates of ``STEPS``."""
    for step, day in STEPS.items():
        congress = services.record_step(cast.user(user), congress, step, day)
    return congress


def ready_congress(cast: Cast, cell: str = "XA-DONG") -> Congress:
    """Planned, every step recorded, the convened list computed for the congress day."""
    congress = record_steps(cast, planned_congress(cast, cell))
    services.convene(cast.user("alice"), congress)
    return Congress.objects.get(pk=congress.pk)


# A committee list without surplus goes ahead on the congress's recorded decision (Điều 14).
DECISION = "Đại hội biểu quyết 100% tán thành danh sách không có số dư"


def counted(
    cast: Cast,
    congress: Congress,
    kind: str,
    seats: int,
    names: list[str],
    ballots: list[list[str]],
) -> Election:
    """An election of ``cast`` members with ``ballots`` (the names kept), counted."""
    alice = cast.user("alice")
    election = services.create_election(
        alice,
        congress,
        kind=kind,
        seats=seats,
        candidates=[cast.member(name) for name in names],
        counting_board="Ban kiểm phiếu: Nguyễn Văn An (trưởng ban)",
        list_decision=DECISION,
    )
    for kept in ballots:
        services.add_ballot(alice, election, kept=kept)
    return services.count_election(alice, election, on=congress.held_on or CONGRESS_DAY)


def held_congress(cast: Cast, *, secretary: bool = True) -> Congress:
    """Chi bộ thôn Đông's congress held on ``CONGRESS_DAY``, its elections counted.

    Everyone present (denominator 3, threshold 2); the chi ủy: An 3, Bích 3,
    Cường 2 votes, all elected; the secretary (when ``secretary``): Bích, 3 votes.
    """
    alice = cast.user("alice")
    congress = ready_congress(cast)
    members = [cast.member(name).pk for name in (AN, BICH, CUONG)]
    congress = services.record_presence(alice, congress, members)
    congress = services.hold_congress(
        alice, congress, held_on=CONGRESS_DAY, chair="Trần Thị Bích", secretary="Lê Văn Cường"
    )
    all_three = [AN, BICH, CUONG]
    counted(cast, congress, "committee", 3, all_three, [all_three, all_three, [AN, BICH]])
    if secretary:
        counted(cast, congress, "secretary", 1, [BICH], [[BICH], [BICH], [BICH]])
    return Congress.objects.get(pk=congress.pk)
