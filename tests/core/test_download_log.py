"""Word files with personal data are in the access log (issue 14, item 11).

Meeting minutes, counting minutes, the election report, admission and
recognition decisions, an outgoing document as Word or PDF (pages and API):
each download writes one ``download`` row with the user, the organisation's
path (so the staff above see it) and the file name.
The ranking draft and the .xlsx exports were logged already (``export``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from dangvu.admissions import services as admissions
from dangvu.congresses.models import Election
from dangvu.core.models import AccessLog
from tests.admissions.helpers import CEREMONY, decided
from tests.congresses.factories import held_congress
from tests.documents.helpers import issue, with_terms
from tests.fixtures.cast import Cast
from tests.meetings.helpers import held

Login = Callable[[str], Client]


def _meeting(cast: Cast) -> str:
    done = held(cast, date(2024, 2, 5), {"Nguyễn Văn An": "present", "Lê Văn Cường": "excused"})
    return reverse("meetings:minutes_docx", args=[done.pk])


def _counted(cast: Cast) -> tuple[str, str]:
    congress = held_congress(cast, secretary=False)
    election = Election.objects.get(congress=congress, kind="committee")
    return (
        reverse("congresses:minutes_docx", args=[election.pk]),
        reverse("congresses:result_docx", args=[congress.pk]),
    )


def _election_minutes(cast: Cast) -> str:
    return _counted(cast)[0]


def _election_result(cast: Cast) -> str:
    return _counted(cast)[1]


def _admission(cast: Cast) -> str:
    return reverse("admissions:admission_decision_docx", args=[decided(cast).pk])


def _recognition(cast: Cast) -> str:
    member = admissions.admit_candidate(decided(cast), actor=None, ceremony_date=CEREMONY)
    admissions.recognise_member(member, actor=None, meeting_date=date(2025, 9, 1))
    return reverse("admissions:recognition_decision_docx", args=[member.pk])


def _document(cast: Cast) -> int:
    with_terms(cast)
    return issue(cast, date(2022, 4, 20)).pk


DOWNLOADS: dict[str, Callable[[Cast], str]] = {
    "meeting minutes": _meeting,
    "counting minutes": _election_minutes,
    "election report": _election_result,
    "admission decision": _admission,
    "recognition decision": _recognition,
    "document as Word": lambda c: reverse("documents:docx", args=[_document(c)]),
    "document as PDF": lambda c: reverse("documents:pdf", args=[_document(c)]),
    "document as Word (API)": lambda c: f"/api/v1/documents/{_document(c)}/docx/",
    "document as PDF (API)": lambda c: f"/api/v1/documents/{_document(c)}/pdf/",
}


@pytest.mark.parametrize("name", list(DOWNLOADS))
def test_it_logs_a_download_with_personal_data(cast: Cast, login: Login, name: str) -> None:
    url = DOWNLOADS[name](cast)
    response = login("alice").get(url, REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    row = AccessLog.objects.get(action=AccessLog.Action.DOWNLOAD)
    assert row.user == cast.user("alice")
    assert row.org_path.startswith(cast.org("XA").path)
    assert row.ip_address == "203.0.113.7"
    filename = response["Content-Disposition"].split('filename="')[1].rstrip('"')
    assert filename in row.detail


@pytest.mark.parametrize("name", list(DOWNLOADS))
def test_it_shows_the_download_to_the_staff_above(cast: Cast, login: Login, name: str) -> None:
    login("alice").get(DOWNLOADS[name](cast))
    row = AccessLog.objects.get(action=AccessLog.Action.DOWNLOAD)
    assert AccessLog.objects.visible_to(cast.user("lan")).filter(pk=row.pk).exists()
    assert not AccessLog.objects.visible_to(cast.user("dave")).filter(pk=row.pk).exists()
    assert not AccessLog.objects.visible_to(cast.user("eve")).filter(pk=row.pk).exists()


def test_it_logs_nothing_for_a_refused_download(cast: Cast, login: Login) -> None:
    url = _meeting(cast)
    assert login("eve").get(url).status_code == 404
    assert not AccessLog.objects.filter(action=AccessLog.Action.DOWNLOAD).exists()
