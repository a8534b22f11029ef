"""A đảng bộ's congresses: of all its members (every cell) and of delegates (issue 14, 16–17).

Hòa An (XA) has two cells on ``CONGRESS_DAY``: thôn Đông (An, Bích, Cường) and
the school (Dung; Hùng joins after the day). Quy chế bầu cử (244-QĐ/TW Điều
32.3, kept by 190-QĐ/TW): at a congress of delegates the majority is of the
official delegates convened, less those absent for the whole congress with no
alternate standing in.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from docx import Document

from dangvu.congresses import services
from dangvu.congresses.documents import counting_minutes_docx
from dangvu.congresses.models import Congress, Convened
from tests.congresses.factories import (
    AN,
    BICH,
    CONGRESS_DAY,
    CUONG,
    TERM,
    ready_congress,
    record_steps,
)
from tests.fixtures.cast import Cast

pytestmark = pytest.mark.django_db
Login = Callable[[str], Client]
DUNG = "Phạm Thị Dung"


def _xa(cast: Cast, kind: str) -> Congress:
    ready_congress(cast)  # the campaign of the term, and Đông's congress
    return services.plan_congress(
        cast.user("alice"),
        cell=cast.org("XA"),
        term_start=TERM[0],
        term_end=TERM[1],
        planned_on=CONGRESS_DAY,
        kind=kind,
    )


def _names(congress: Congress) -> list[str]:
    return list(congress.convened.values_list("member__full_name", flat=True))


# Item 17: a đảng bộ's congress of all members.


def test_it_convenes_the_full_members_of_every_cell_of_the_dang_bo(cast: Cast) -> None:
    congress = _xa(cast, "all_members")
    assert services.convene(cast.user("alice"), congress) == 4
    congress.refresh_from_db()
    assert sorted(_names(congress)) == sorted([AN, BICH, CUONG, DUNG])
    assert (congress.convened_count, congress.denominator) == (4, 4)


def test_it_keeps_the_members_exclusions_at_a_dang_bo_congress(cast: Cast) -> None:
    alice, congress = cast.user("alice"), _xa(cast, "all_members")
    services.convene(alice, congress)
    row = Convened.objects.get(congress=congress, member__full_name=DUNG)
    services.set_exclusion(alice, row, "suspended", "Quyết định đình chỉ số 3")
    congress.refresh_from_db()
    assert congress.denominator == 3
    with pytest.raises(ValidationError):
        services.set_exclusion(alice, row, "delegate_absent", "vắng")


# Item 16: a congress of delegates.


def _with_delegates(cast: Cast) -> Congress:
    """An and Cường elected at Đông's congress (Cường alternate), Bích designated, Dung ex officio;
    Cường stands in for An."""
    alice = cast.user("alice")
    congress = _xa(cast, "delegates")
    dong = services.hold_congress(
        alice, Congress.objects.get(organization__code="XA-DONG"), held_on=CONGRESS_DAY
    )
    an = services.add_delegate(
        alice, congress, member=cast.member(AN), role="official", source="elected", elected_at=dong
    )
    services.add_delegate(
        alice, congress, member=cast.member(BICH), role="official", source="designated"
    )
    services.add_delegate(
        alice, congress, member=cast.member(DUNG), role="official", source="ex_officio"
    )
    cuong = services.add_delegate(
        alice,
        congress,
        member=cast.member(CUONG),
        role="alternate",
        source="elected",
        elected_at=dong,
    )
    services.replace_delegate(alice, an, alternate=cuong, reason="Đi công tác dài ngày")
    services.convene(alice, congress)
    return Congress.objects.get(pk=congress.pk)


def test_it_convenes_the_delegates_and_the_alternate_standing_in(cast: Cast) -> None:
    congress = _with_delegates(cast)
    assert sorted(_names(congress)) == sorted([BICH, CUONG, DUNG])
    assert (congress.convened_count, congress.denominator) == (3, 3)


def test_it_leaves_out_a_delegate_absent_for_the_whole_congress(cast: Cast) -> None:
    alice, congress = cast.user("alice"), _with_delegates(cast)
    row = Convened.objects.get(congress=congress, member__full_name=DUNG)
    services.set_exclusion(alice, row, "delegate_absent", "Ốm, vắng suốt đại hội")
    congress.refresh_from_db()
    assert congress.denominator == 2
    with pytest.raises(ValidationError):  # not a rule of delegates' congresses
        services.set_exclusion(alice, row, "temporarily_away", "sinh hoạt tạm thời")


def test_it_elects_at_a_congress_of_delegates_against_the_delegates(cast: Cast) -> None:
    alice, congress = cast.user("alice"), _with_delegates(cast)
    row = Convened.objects.get(congress=congress, member__full_name=DUNG)
    services.set_exclusion(alice, row, "delegate_absent", "Ốm, vắng suốt đại hội")
    congress = record_steps(cast, Congress.objects.get(pk=congress.pk))
    congress = services.hold_congress(alice, congress, held_on=CONGRESS_DAY)
    # An is no longer a delegate but a full member of the đảng bộ: he may stand.
    candidates = [cast.member(AN), cast.member(BICH), cast.member(CUONG), "Hà Văn Tú"]
    election = services.create_election(
        alice, congress, kind="committee", seats=3, candidates=candidates, counting_board="Bích"
    )
    assert election.denominator == 2
    for kept in ([AN, BICH, CUONG], [AN, BICH]):
        services.add_ballot(alice, election, kept=kept)
    election = services.count_election(alice, election, on=CONGRESS_DAY)
    assert election.result["threshold"] == 2
    assert election.result["elected"] == [AN, BICH]
    text = "\n".join(
        p.text for p in Document(io.BytesIO(counting_minutes_docx(election))).paragraphs
    )
    assert (
        "Số đại biểu chính thức được triệu tập, trừ các trường hợp không tính theo quy định: 2."
        in text
    )


def test_it_refuses_delegates_at_a_congress_of_all_members(cast: Cast) -> None:
    congress = _xa(cast, "all_members")
    with pytest.raises(ValidationError):
        services.add_delegate(
            cast.user("alice"),
            congress,
            member=cast.member(AN),
            role="official",
            source="designated",
        )


def test_it_refuses_an_alternate_for_an_ex_officio_delegate_and_a_second_stand_in(
    cast: Cast,
) -> None:
    alice, congress = cast.user("alice"), _with_delegates(cast)
    delegates = {d.member.full_name: d for d in congress.delegates.select_related("member")}
    with pytest.raises(ValidationError, match="đương nhiên"):
        services.replace_delegate(alice, delegates[DUNG], alternate=delegates[CUONG], reason="ốm")
    with pytest.raises(ValidationError, match="đã có người thay thế"):
        services.replace_delegate(alice, delegates[BICH], alternate=delegates[CUONG], reason="ốm")


def test_it_refuses_a_delegate_from_outside_and_an_elected_one_without_a_congress(
    cast: Cast,
) -> None:
    alice, congress = cast.user("alice"), _xa(cast, "delegates")
    with pytest.raises(ValidationError) as error:
        services.add_delegate(
            alice, congress, member=cast.member("Hoàng Văn Em"), role="official", source="elected"
        )
    assert set(error.value.message_dict) == {"member", "elected_at"}
    assert not congress.delegates.exists()


def test_it_asks_for_the_delegates_before_the_list(cast: Cast) -> None:
    with pytest.raises(ValidationError, match="ghi danh sách đại biểu"):
        services.convene(cast.user("alice"), _xa(cast, "delegates"))


def test_it_lets_no_viewer_record_delegates(cast: Cast) -> None:
    from django.core.exceptions import PermissionDenied

    congress = _xa(cast, "delegates")
    with pytest.raises(PermissionDenied):
        services.add_delegate(
            cast.user("dave"),
            congress,
            member=cast.member(AN),
            role="official",
            source="designated",
        )


# The API.


def test_it_records_and_replaces_delegates_through_the_api(cast: Cast, login: Login) -> None:
    congress = _xa(cast, "delegates")
    url = f"/api/v1/congresses/{congress.pk}/delegates/"
    body = {"member": cast.member(BICH).pk, "role": "official", "source": "designated"}
    assert login("dave").post(url, body, content_type="application/json").status_code == 403
    official = login("alice").post(url, body, content_type="application/json")
    assert official.status_code == 201, official.json()
    dong = Congress.objects.get(organization__code="XA-DONG")
    services.hold_congress(cast.user("alice"), dong, held_on=CONGRESS_DAY)
    body = {
        "member": cast.member(CUONG).pk,
        "role": "alternate",
        "source": "elected",
        "elected_at": dong.pk,
    }
    alternate = login("alice").post(url, body, content_type="application/json").json()
    replace = f"{url}{official.json()['id']}/replace/"
    answer = login("alice").post(
        replace, {"alternate": alternate["id"], "reason": "Ốm"}, content_type="application/json"
    )
    assert answer.status_code == 200 and answer.json()["replaces"] == official.json()["id"]
    listed = login("dave").get(url).json()
    assert [(d["member_name"], d["replaced_by"]) for d in listed] == [
        (BICH, alternate["id"]),
        (CUONG, None),
    ]
    refused = login("alice").post(url, body, content_type="application/json")
    assert refused.status_code == 400 and "member" in refused.json()


# The page.


def test_it_records_and_replaces_delegates_on_the_congress_page(cast: Cast, login: Login) -> None:
    from django.urls import reverse

    congress = _xa(cast, "delegates")
    dong = Congress.objects.get(organization__code="XA-DONG")
    services.hold_congress(cast.user("alice"), dong, held_on=CONGRESS_DAY)
    detail = reverse("congresses:detail", args=[congress.pk])
    add = reverse("congresses:add_delegate", args=[congress.pk])
    official = {"member": cast.member(AN).pk, "role": "official", "source": "elected"}
    refused = login("alice").post(add, official)
    assert refused.status_code != 302
    assert "Ghi đại hội cấp dưới đã bầu đại biểu này." in refused.content.decode()
    assert login("alice").post(add, {**official, "elected_at": dong.pk}).status_code == 302
    alternate = {**official, "member": cast.member(CUONG).pk, "role": "alternate"}
    assert login("alice").post(add, {**alternate, "elected_at": dong.pk}).status_code == 302
    assert login("dave").post(add, official).status_code in (403, 404)
    an, cuong = (congress.delegates.get(member__full_name=n) for n in (AN, CUONG))
    replace = reverse("congresses:replace_delegate", args=[congress.pk])
    data = {"official": an.pk, "alternate": cuong.pk, "reason": "Đi công tác"}
    assert login("alice").post(replace, data).status_code == 302
    page = login("dave").get(detail).content.decode()
    assert "Đại biểu dự đại hội" in page and f"thay {AN}: Đi công tác" in page
    assert services.convene(cast.user("alice"), congress) == 1


def test_it_refuses_a_delegate_who_left_the_dang_bo_before_the_congress(cast: Cast) -> None:
    from datetime import date

    from dangvu.members.models import Placement

    alice, congress = cast.user("alice"), _xa(cast, "delegates")
    # Dung left the school's cell on 01/5/2025, before the congress of 20/5/2025;
    # Hùng joins it on 01/6/2025, after. Neither is a member of Hòa An on the day.
    Placement.objects.filter(member=cast.member(DUNG)).update(end_date=date(2025, 5, 1))
    for name in (DUNG, "Đỗ Văn Hùng"):
        with pytest.raises(ValidationError) as error:
            services.add_delegate(
                alice, congress, member=cast.member(name), role="official", source="designated"
            )
        assert "không sinh hoạt trong" in " ".join(error.value.message_dict["member"])
    assert not congress.delegates.exists()
    services.add_delegate(
        alice, congress, member=cast.member(BICH), role="official", source="designated"
    )


def _exclusion_options(page: str, row: Convened) -> set[str]:
    import re

    select = re.search(
        rf'<select name="row{row.pk}-exclusion"[^>]*>(.*?)</select>', page, re.DOTALL
    )
    assert select is not None
    return set(re.findall(r'<option value="([^"]*)"', select.group(1)))


def test_it_offers_only_the_exclusions_of_the_kind_of_congress(cast: Cast, login: Login) -> None:
    from django.urls import reverse

    delegates = _with_delegates(cast)
    row = Convened.objects.get(congress=delegates, member__full_name=DUNG)
    page = login("alice").get(reverse("congresses:detail", args=[delegates.pk])).content.decode()
    assert _exclusion_options(page, row) == {"", "delegate_absent"}
    # A members' exclusion posted anyway is refused by the form, nothing written.
    url = reverse("congresses:exclusion", args=[delegates.pk, row.pk])
    data = {f"row{row.pk}-exclusion": "suspended", f"row{row.pk}-note": "Quyết định số 3"}
    refused = login("alice").post(url, data)
    assert refused.status_code != 302 and "Trường hợp không hợp lệ." in refused.content.decode()
    row.refresh_from_db()
    assert row.exclusion == ""


def test_it_offers_no_delegates_exclusion_at_a_congress_of_members(
    cast: Cast, login: Login
) -> None:
    from django.urls import reverse

    members = _xa(cast, "all_members")
    services.convene(cast.user("alice"), members)
    row = Convened.objects.get(congress=members, member__full_name=DUNG)
    page = login("alice").get(reverse("congresses:detail", args=[members.pk])).content.decode()
    options = _exclusion_options(page, row)
    assert "delegate_absent" not in options and {"suspended", "detained"} <= options
