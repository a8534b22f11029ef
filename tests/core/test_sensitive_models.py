"""Every model with a sensitivity rule is hidden from a viewer and a plain member (issue 14, 7).

A model has a sensitivity rule when its ``scope_roles`` stay within the roles
that read sensitive fields (``scope.is_sensitive_model``). This test finds them
all, so a new one fails here until it is described in ``SURFACES`` with a row
of it, the API addresses that serve it and the pages that show it; then it
proves, for each: ``dave`` (viewer of Hòa An), ``bob`` (cell secretary) and
``charlie`` (plain member, about someone else) get neither the row nor its text,
on the API list and detail and on the pages, while ``alice`` (staff) and ``lan``
(leader) do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest
from django.apps import apps
from django.db.models import Model
from django.test import Client
from django.urls import reverse

from dangvu.accounts.models import RoleAssignment
from dangvu.core import scope
from dangvu.core.models import AccessLog, log_access
from dangvu.evaluations import services
from dangvu.evaluations.models import DisciplineRecord, Evaluation
from tests.evaluations.helpers import make_period, member_row
from tests.fixtures.cast import Cast

Login = Callable[[str], Client]
AN = "Nguyễn Văn An"  # member of XA-DONG, not charlie (Lê Văn Cường)
SECRET = "Vi phạm quy định về bảo vệ bí mật"
HIDDEN_FROM = ("dave", "bob", "charlie")
SHOWN_TO = ("alice", "lan")


@dataclass
class Surface:
    """A row of one sensitive model and where the system shows it."""

    make: Callable[[Cast], Model]
    api_list: str | None = None
    api_detail: Callable[[Model], str] | None = None
    # Pages that show the row's text to the reading roles (status 200 for every role).
    pages: Callable[[Cast, Model], list[str]] = lambda c, row: []
    # Pages the other roles may not open at all (403).
    closed_pages: list[str] = field(default_factory=list)


def _discipline(c: Cast) -> Model:
    period = make_period(c)
    row = member_row(period, AN)
    return services.record_discipline(
        c.user("alice"),
        member=row.member,
        form="reprimand",
        decided_on=date(2025, 3, 10),
        authority="Đảng ủy xã Hòa An",
        reason=SECRET,
    )


def _evaluation_page(c: Cast, row: Model) -> list[str]:
    assert isinstance(row, DisciplineRecord)
    evaluation = Evaluation.objects.get(member=row.member, period__year=2025)
    return [reverse("evaluations:item", args=[evaluation.pk])]


def _access_log(c: Cast) -> Model:
    return log_access(
        c.user("alice"),
        AccessLog.Action.VIEW_PROFILE,
        org_path=c.org("XA-DONG").path,
        member=c.member(AN),
        detail=SECRET,
    )


def _role(c: Cast) -> Model:
    return RoleAssignment.objects.get(user__username="bob")


SURFACES: dict[type[Model], Surface] = {
    DisciplineRecord: Surface(
        _discipline,
        api_list="/api/v1/discipline-records/",
        api_detail=lambda row: f"/api/v1/discipline-records/{row.pk}/",
        pages=_evaluation_page,
    ),
    AccessLog: Surface(_access_log, closed_pages=["/access-log/"]),
    # Role grants are kept in the admin only (no page, no API): the queryset rule below.
    RoleAssignment: Surface(_role),
}


def test_it_describes_every_model_with_a_sensitivity_rule() -> None:
    found = {model for model in apps.get_models() if scope.is_sensitive_model(model)}
    assert found == set(SURFACES)


def test_it_gives_discipline_the_rule_of_the_pages() -> None:
    assert scope.is_sensitive_model(DisciplineRecord)
    assert "viewer" not in DisciplineRecord.scope_roles
    assert "cell_secretary" not in DisciplineRecord.scope_roles


@pytest.mark.parametrize("model", list(SURFACES), ids=lambda m: m.__name__)
def test_it_keeps_the_rows_from_the_other_roles(cast: Cast, model: type[Model]) -> None:
    row = SURFACES[model].make(cast)
    for username in HIDDEN_FROM:
        visible: Any = model.objects  # type: ignore[attr-defined]
        assert not visible.visible_to(cast.user(username)).filter(pk=row.pk).exists(), username
    for username in (*SHOWN_TO, "root"):
        visible = model.objects  # type: ignore[attr-defined]
        assert visible.visible_to(cast.user(username)).filter(pk=row.pk).exists(), username


@pytest.mark.parametrize(
    "model", [m for m, s in SURFACES.items() if s.api_list], ids=lambda m: m.__name__
)
def test_it_hides_the_rows_from_the_api(cast: Cast, login: Login, model: type[Model]) -> None:
    surface = SURFACES[model]
    row = surface.make(cast)
    assert surface.api_list and surface.api_detail
    for username in HIDDEN_FROM:
        client = login(username)
        listed = client.get(surface.api_list)
        assert listed.status_code == 200, username
        assert SECRET not in listed.content.decode(), username
        assert client.get(surface.api_detail(row)).status_code == 404, username
    for username in SHOWN_TO:
        client = login(username)
        assert SECRET in client.get(surface.api_list).content.decode(), username
        assert client.get(surface.api_detail(row)).status_code == 200, username


@pytest.mark.parametrize("model", list(SURFACES), ids=lambda m: m.__name__)
def test_it_hides_the_rows_from_the_pages(cast: Cast, login: Login, model: type[Model]) -> None:
    surface = SURFACES[model]
    row = surface.make(cast)
    for username in HIDDEN_FROM:
        client = login(username)
        for url in surface.pages(cast, row):
            response = client.get(url)
            assert response.status_code in (200, 404), (url, username)
            assert SECRET not in response.content.decode(), (url, username)
        for url in surface.closed_pages:
            assert client.get(url).status_code == 403, (url, username)
    for username in SHOWN_TO:
        client = login(username)
        for url in [*surface.pages(cast, row), *surface.closed_pages]:
            response = client.get(url)
            assert response.status_code == 200, (url, username)
            assert SECRET in response.content.decode(), (url, username)


def test_it_shows_a_member_their_own_discipline(cast: Cast, login: Login) -> None:
    period = make_period(cast)
    cuong = member_row(period, "Lê Văn Cường")
    record = services.record_discipline(
        cast.user("alice"),
        member=cuong.member,
        form="reprimand",
        decided_on=date(2025, 3, 10),
        authority="Đảng ủy xã Hòa An",
        reason=SECRET,
    )
    charlie = login("charlie")
    assert charlie.get(f"/api/v1/discipline-records/{record.pk}/").status_code == 200
    page = charlie.get(reverse("evaluations:item", args=[cuong.pk]))
    assert SECRET in page.content.decode()
