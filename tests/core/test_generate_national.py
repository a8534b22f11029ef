"""The synthetic national Party (``dangvu generate_national``): a small run on the cast."""

from __future__ import annotations

import hashlib
from datetime import date
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from dangvu.core.text import fold, name_sort_key
from dangvu.members.models import Member, Placement
from dangvu.members.rules import is_old_enough_for_admission
from dangvu.organizations.models import Organization
from dangvu.organizations.stats import organization_stats

AS_OF = date(2026, 6, 30)


def generate(**options: Any) -> str:
    out = StringIO()
    options = {"members": 2000, "seed": 1, "as_of": AS_OF, "no_progress": True, **options}
    call_command("generate_national", stdout=out, **options)
    return out.getvalue()


def generated_members() -> Any:
    return Member.objects.filter(org_path__gte="", cell__code__startswith="N")


def db_digest() -> str:
    digest = hashlib.sha256()
    for name, birth, code in (
        generated_members().order_by("id").values_list("full_name", "birth_date", "cell__code")
    ):
        digest.update(f"{name}|{birth.isoformat()}|{code}\n".encode())
    return digest.hexdigest()


@pytest.fixture
def national(db: Any) -> str:
    return generate()


def test_it_builds_34_provinces_with_grassroots_and_cells(national: str) -> None:
    assert Organization.objects.filter(level="province", code__startswith="N").count() == 34
    grassroots = Organization.objects.filter(level="grassroots", code__startswith="N")
    assert 34 <= grassroots.count() <= 60
    cells = Organization.objects.filter(code__startswith="N").cells().count()
    assert 2000 / 60 <= cells <= 2000 / 5
    assert generated_members().count() == 2000


def test_it_places_every_member_permanently_in_a_cell(national: str) -> None:
    members = generated_members()
    placed = Placement.objects.filter(member__in=members, kind="permanent", end_date=None)
    assert placed.count() == 2000
    assert not members.exclude(cell__in=Organization.objects.cells()).exists()


def test_it_counts_a_province_like_its_subtree(national: str) -> None:
    province = Organization.objects.get(code="N01")
    stats = organization_stats(province, AS_OF)
    assert stats["members"] == Member.objects.filter(org_path__startswith=province.path).count()
    assert stats["members"] > 0


def test_it_finds_a_generated_name_without_accents(national: str) -> None:
    member = generated_members().order_by("id").first()
    assert member is not None
    found = Member.objects.search(fold(member.full_name))
    assert found.filter(pk=member.pk).exists()


def test_it_computes_search_text_like_member_save(national: str) -> None:
    member = generated_members().order_by("-id").first()
    assert member is not None
    stored = (member.search_text, member.sort_key)
    member.save()
    assert (member.search_text, member.sort_key) == stored
    assert member.sort_key == name_sort_key(member.full_name)


def test_it_admits_nobody_under_18(national: str) -> None:
    rows = generated_members().values_list("birth_date", "admission_decision_date")
    assert all(is_old_enough_for_admission(birth, decided) for birth, decided in rows)


def test_it_repeats_the_same_rows_for_the_same_seed(national: str) -> None:
    printed = national.split("Dấu kiểm: ")[1].split()[0]
    assert db_digest() == printed
    assert printed in generate(dry_run=True)
    assert printed not in generate(dry_run=True, seed=2)


def test_it_refuses_a_second_national_load(national: str) -> None:
    with pytest.raises(CommandError, match="đã có dữ liệu toàn quốc"):
        generate()


def test_it_builds_the_indexes_after_a_large_load(db: Any) -> None:
    generate(defer_indexes=True, members=300)
    found = Member.objects.search(fold(generated_members().order_by("id")[0].full_name))
    assert found.filter(cell__code__startswith="N").exists()


def test_it_awards_the_badges_members_reached(national: str) -> None:
    from dangvu.members.badge_rules import next_award_date
    from dangvu.members.models import BadgeAward
    from dangvu.members.party_age import add_months

    badges = BadgeAward.objects.filter(member__in=generated_members()).select_related("member")
    assert badges.exists()
    for badge in badges[:200]:
        reached = add_months(badge.member.admission_decision_date, 12 * badge.milestone)
        assert badge.award_date == next_award_date(reached) < AS_OF


def test_it_holds_a_year_of_meetings_whose_counts_match_the_attendance(national: str) -> None:
    from django.db.models import Count, Q

    from dangvu.meetings.models import Meeting

    province = Organization.objects.get(code="N01")
    meetings = Meeting.objects.filter(org_path__startswith=province.path)
    months = {d.replace(day=1) for d in meetings.values_list("date", flat=True)}
    assert len(months) == 12 and max(months) < AS_OF.replace(day=1)
    assert meetings.filter(kind="thematic").exists()
    counted = meetings.annotate(
        rows=Count("attendance"),
        present=Count("attendance", filter=Q(attendance__state="present")),
    )
    for meeting in counted:
        assert meeting.rows == meeting.expected_count
        assert meeting.present == meeting.present_count
        assert meeting.expected_count == (
            meeting.present_count + meeting.excused_count + meeting.absent_count
        )


def test_it_can_skip_the_meetings(db: Any) -> None:
    from dangvu.meetings.models import Meeting

    assert "0 cuộc họp" in generate(members=300, meeting_months=0)
    assert not Meeting.objects.exists()


def test_it_expects_at_each_meeting_whom_the_roster_expects(national: str) -> None:
    from dangvu.meetings.attendance import expected_ids
    from dangvu.meetings.models import Meeting

    meetings = Meeting.objects.filter(organization__code__startswith="N").select_related(
        "organization"
    )
    hosted = Placement.objects.filter(kind="temporary", cell__code__startswith="N").first()
    sample = list(meetings.order_by("id")[:40])
    if hosted is not None:  # a host cell's meetings, and the home cell's, after the move
        sample += list(meetings.filter(organization_id=hosted.cell_id).order_by("-date")[:2])
        home = Member.objects.get(pk=hosted.member_id).cell_id
        sample += list(meetings.filter(organization_id=home).order_by("-date")[:2])
    for meeting in sample:
        marked = set(meeting.attendance.values_list("member_id", flat=True))
        assert marked == expected_ids(meeting.organization, meeting.date), meeting


def test_it_rebuilds_tallies_equal_to_a_recount(national: str) -> None:
    from dangvu.reports import tallies

    assert "Đã tính lại số liệu tổng hợp" in national
    assert tallies.stored() == tallies.recount_all_from_scratch()
