"""The congress records the page tests run on, built through the services.

``scene(cast)`` builds, in Hòa An (2025–2030):

* Chi bộ thôn Đông's congress, prepared (every step, the convened list of
  ``CONGRESS_DAY``: An, Bích, Cường), with the chi ủy election open with two
  ballots, and the delegates' election counted with nobody elected;
* Chi bộ Trường Tiểu học's congress, held (one full member, Dung), its secretary
  elected and counted, its delegates' election open with no ballot, and a
  document uploaded;
* a third cell with no congress (Chi bộ thôn Bắc Hòa An, XA-BAC).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from dangvu.congresses import services
from dangvu.congresses.models import Campaign, Congress, Election
from dangvu.organizations.models import Organization
from dangvu.organizations.services import create_organization
from tests.congresses.factories import (
    AN,
    BICH,
    CONGRESS_DAY,
    CUONG,
    DECISION,
    counted,
    ready_congress,
)
from tests.fixtures.cast import Cast

DUNG = "Phạm Thị Dung"
CAMPAIGN_TITLE = "Kế hoạch tổ chức đại hội chi bộ nhiệm kỳ 2025–2030"
DOCUMENT_TITLE = "Dự thảo báo cáo chính trị"


@dataclass
class Scene:
    campaign: Campaign
    prepared: Congress
    committee: Election  # open, two ballots
    unfilled: Election  # counted, nobody elected
    held: Congress
    secretary: Election  # counted, Dung elected
    delegates: Election  # open, no ballot
    new_cell: Organization


def new_cell(cast: Cast) -> Organization:
    return create_organization(
        actor=None,
        code="XA-BAC",
        name="Chi bộ thôn Bắc Hòa An",
        level="cell",
        kind="residential",
        parent=cast.org("XA"),
        founded_on=date(1990, 1, 1),
    )


def _election(cast: Cast, congress: Congress, kind: str, names: list[str], seats: int) -> Election:
    return services.create_election(
        cast.user("alice"),
        congress,
        kind=kind,
        seats=seats,
        candidates=[cast.member(name) for name in names],
        counting_board="Nguyễn Văn An, Trần Thị Bích",
        list_decision=DECISION,
    )


def _held_school(cast: Cast) -> Congress:
    alice = cast.user("alice")
    congress = ready_congress(cast, "XA-TH")
    congress = services.record_presence(alice, congress, [cast.member(DUNG).pk])
    return services.hold_congress(alice, congress, held_on=CONGRESS_DAY, chair=DUNG)


def scene(cast: Cast) -> Scene:
    alice = cast.user("alice")
    prepared = ready_congress(cast)
    committee = _election(cast, prepared, "committee", [AN, BICH, CUONG], 3)
    for kept in ([AN, BICH, CUONG], [AN, BICH]):
        services.add_ballot(alice, committee, kept=kept)
    unfilled = counted(cast, prepared, "delegates", 2, [AN, CUONG], [[], []])
    held = _held_school(cast)
    secretary = counted(cast, held, "secretary", 1, [DUNG], [[DUNG]])
    delegates = _election(cast, held, "delegates", [DUNG], 1)
    upload = SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4 test", "application/pdf")
    services.add_document(
        alice, held, kind="political_report", title=DOCUMENT_TITLE, on=CONGRESS_DAY, file=upload
    )
    campaign = Campaign.objects.get(organization__code="XA")
    return Scene(
        campaign,
        Congress.objects.get(pk=prepared.pk),
        committee,
        unfilled,
        Congress.objects.get(pk=held.pk),
        secretary,
        delegates,
        new_cell(cast),
    )
