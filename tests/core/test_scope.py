from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from dangvu.core import scope
from dangvu.members.models import Member
from dangvu.organizations.models import Organization
from tests.fixtures.cast import Cast


def names(user: object) -> set[str]:
    return set(Member.objects.visible_to(user).values_list("full_name", flat=True))


def test_it_shows_staff_their_commune_only(cast: Cast) -> None:
    assert names(cast.user("alice")) == {
        "Nguyễn Văn An",
        "Trần Thị Bích",
        "Lê Văn Cường",
        "Phạm Thị Dung",
        "Đỗ Văn Hùng",
    }


def test_it_shows_a_cell_secretary_their_cell_only(cast: Cast) -> None:
    assert names(cast.user("bob")) == {"Nguyễn Văn An", "Trần Thị Bích", "Lê Văn Cường"}


def test_it_shows_a_plain_member_themselves(cast: Cast) -> None:
    assert names(cast.user("charlie")) == {"Lê Văn Cường"}


def test_it_shows_a_superuser_everyone(cast: Cast) -> None:
    assert len(names(cast.user("root"))) == Member.objects.count()


def test_it_gives_404_out_of_scope_and_403_read_only(cast: Cast) -> None:
    giang = cast.member("Đỗ Thị Giang")
    with pytest.raises(Http404):
        scope.for_user(cast.user("alice"), Member.objects.all(), giang.pk)
    an = cast.member("Nguyễn Văn An")
    with pytest.raises(PermissionDenied):
        scope.for_user(cast.user("dave"), Member.objects.all(), an.pk, action=scope.EDIT)
    assert scope.for_user(cast.user("alice"), Member.objects.all(), an.pk, action=scope.EDIT)


def test_it_keeps_sensitive_fields_for_staff_and_leaders(cast: Cast) -> None:
    an = cast.member("Nguyễn Văn An")
    assert scope.sees_sensitive(cast.user("alice"), an)
    assert scope.sees_sensitive(cast.user("lan"), an)
    assert not scope.sees_sensitive(cast.user("dave"), an)
    assert not scope.sees_sensitive(cast.user("bob"), an)


def test_it_scopes_the_tree(cast: Cast) -> None:
    codes = set(Organization.objects.visible_to(cast.user("eve")).values_list("code", flat=True))
    assert codes == {"XB", "XB-BAC"}
