"""The results of a congress become the new committee of the term (issue 7, item 2).

``install_committee`` reads the counted elections of a held congress: the
committee (chi ủy, or the Ban Chấp hành of a grassroots organisation), the
secretary and the deputies, every round. It ends the previous term's committee
and its open positions on the installation day and creates the new committee
with its positions from that same day, through ``organizations.services``, so
the history of both terms is kept. A cell too small for a committee elects only
its secretary (and deputy): the "committee" is then those positions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.congresses.choices import ElectionKind, ElectionStatus, Status
from dangvu.congresses.models import Congress
from dangvu.congresses.permissions import require_congress_edit
from dangvu.congresses.services_base import Errors, check_day, fmt_day, lock_congress
from dangvu.core.services import add_error, raise_if, save_as
from dangvu.members.models import Member
from dangvu.organizations import services as org_services
from dangvu.organizations.choices import Body, PositionRole
from dangvu.organizations.models import Committee, Organization

# Who takes which position, by the election they were elected in (strongest first).
ROLE_OF_KIND = {
    ElectionKind.SECRETARY: PositionRole.SECRETARY,
    ElectionKind.DEPUTY: PositionRole.DEPUTY_SECRETARY,
    ElectionKind.COMMITTEE: PositionRole.MEMBER,
}


@dataclass(frozen=True)
class Seat:
    """One position of the new committee, as the elections give it."""

    name: str
    member: Member | None
    role: str
    votes: int


def body_for(organization: Organization) -> str:
    """A cell (or a grassroots cell) elects a chi ủy, a Đảng bộ its Ban Chấp hành."""
    return Body.CELL_COMMITTEE if organization.is_member_unit else Body.EXECUTIVE


def planned_seats(congress: Congress) -> tuple[list[Seat], list[str]]:
    """The positions the counted elections give, and what stops installing them (two queries).

    A person elected secretary (or deputy) and committee member takes the higher
    position only. Secretary first, then deputies, then members by votes.
    """
    problems: list[str] = []
    elections = list(
        congress.elections.filter(kind__in=list(ROLE_OF_KIND))
        .exclude(status=ElectionStatus.CANCELLED)
        .prefetch_related("candidates__member")
        .order_by("kind", "round")
    )
    for election in elections:
        if election.status != ElectionStatus.COUNTED:
            problems.append(
                _("%(kind)s lần %(round)s chưa kiểm phiếu.")
                % {"kind": election.get_kind_display(), "round": election.round}
            )
    kinds = {e.kind for e in elections}
    if ElectionKind.COMMITTEE not in kinds and ElectionKind.SECRETARY not in kinds:
        problems.append(_("Chưa có kết quả bầu cấp ủy hoặc bầu bí thư."))
    seats: dict[str, Seat] = {}
    for kind, role in ROLE_OF_KIND.items():
        for election in (e for e in elections if e.kind == kind):
            _add_seats(election, role, seats)
    ordered = sorted(seats.values(), key=lambda s: (_rank(s.role), -s.votes))
    secretaries = [s for s in ordered if s.role == PositionRole.SECRETARY]
    if len(secretaries) > 1:
        problems.append(_("Có nhiều hơn một người trúng cử bí thư."))
    for seat in ordered:
        if seat.member is None:
            problems.append(
                _("%(name)s không phải đảng viên chọn từ danh sách: không ghi chức vụ được.")
                % {"name": seat.name}
            )
    return ordered, problems


def _rank(role: str) -> int:
    return [PositionRole.SECRETARY, PositionRole.DEPUTY_SECRETARY, PositionRole.MEMBER].index(
        PositionRole(role)
    )


def _add_seats(election: Any, role: str, seats: dict[str, Seat]) -> None:
    if election.status != ElectionStatus.COUNTED:
        return
    members = {c.name: c.member for c in election.candidates.all()}
    votes = election.result.get("votes", {})
    for name in election.result.get("elected", []):
        if name not in seats:
            seats[name] = Seat(name, members.get(name), role, int(votes.get(name, 0)))


def _end_previous(user: Any, congress: Congress, body: str, day: date) -> None:
    """The previous terms' committees and their open positions end on ``day``."""
    previous = Committee.objects.filter(
        organization=congress.organization,
        body=body,
        ended_on__isnull=True,
        term_start__lt=congress.term_start,
    )
    for committee in previous:
        for position in committee.positions.filter(end_date__isnull=True):
            org_services.end_position(position, actor=user, end_date=day)
        # organizations.services has no "end committee" yet: the row is dated here, with history.
        committee.ended_on = day
        save_as(committee, user)


@transaction.atomic
def install_committee(user: Any, congress: Congress, on: date | None = None) -> Committee:
    """Create the new term's committee and positions; end the old ones the same day."""
    require_congress_edit(user, congress)
    congress = lock_congress(congress)
    errors: Errors = {}
    if congress.status not in (Status.HELD, Status.APPROVED):
        add_error(errors, "status", _("Chỉ kiện toàn cấp ủy sau khi đại hội đã tổ chức."))
        raise_if(errors)
    assert congress.held_on is not None
    day = check_day(on or congress.held_on, "on", errors)
    if day is not None and day < congress.held_on:
        add_error(
            errors,
            "on",
            _("Ngày không được trước ngày đại hội (%(day)s).") % {"day": fmt_day(congress.held_on)},
        )
    seats, problems = planned_seats(congress)
    for problem in problems:
        add_error(errors, "elections", problem)
    body = body_for(congress.organization)
    if Committee.objects.filter(
        organization=congress.organization, body=body, term_start=congress.term_start
    ).exists():
        add_error(
            errors,
            "elections",
            _("%(org)s đã có cấp ủy nhiệm kỳ %(start)s–%(end)s.")
            % {
                "org": congress.organization.name,
                "start": congress.term_start,
                "end": congress.term_end,
            },
        )
    raise_if(errors)
    assert day is not None
    _end_previous(user, congress, body, day)
    committee = org_services.create_committee(
        congress.organization,
        actor=user,
        body=body,
        term_start=congress.term_start,
        term_end=congress.term_end,
        elected_on=congress.held_on,
    )
    for seat in seats:
        assert seat.member is not None
        org_services.appoint_position(
            committee, seat.member, actor=user, role=seat.role, start_date=day
        )
    return committee
