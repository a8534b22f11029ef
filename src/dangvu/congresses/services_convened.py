"""Who is called to a congress, who is left out of the denominator, who came.

The convened list of a cell's congress of all members is computed from the dated
records of the congress day with ``meetings.attendance.roster`` (so it is right
for a past congress too):

* home members of the cell that day (a permanent placement covering the day) are
  convened; members hosted temporarily are not: they vote at home;
* ``full_member`` is the official date on or before the day: probationary members
  attend but neither vote nor stand (Điều lệ Đảng, Điều 5);
* members temporarily placed elsewhere are excluded from the denominator
  (``TEMPORARILY_AWAY``); exempt members are excluded while absent
  (``EXEMPT_ABSENT``, provisional: marking them present clears it);
* the office may set or clear any exclusion with a reason until the congress is
  held (suspended, detained, absent all day with an accepted reason …).

A đảng bộ's congress of all members convenes the full members of every cell
of its subtree (a member temporarily placed in another cell of the same đảng
bộ is not away); a congress of delegates convenes its delegates
(``services_delegates``), with the one exclusion the rules give for them:
absent for the whole congress (docs/decisions/0010-congress-readings.md).

Quy chế bầu cử (244-QĐ/TW Điều 32, kept by 190-QĐ/TW): a candidate needs more
than half of the full members (delegates) convened, after these exclusions:
``Congress.denominator``. A fixed number of
queries whatever the size of the cell. Recomputing keeps presence and the
exclusions set by hand; the automatic kinds follow the records.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from dangvu.congresses.choices import (
    DELEGATE_EXCLUSIONS,
    MEMBER_EXCLUSIONS,
    CongressKind,
    Exclusion,
)
from dangvu.congresses.models import Congress, Convened
from dangvu.congresses.permissions import require_congress_edit
from dangvu.congresses.services_base import (
    Errors,
    check_day,
    check_preparing,
    check_text,
    fmt_day,
    lock_congress,
    today,
)
from dangvu.core import scope
from dangvu.core.services import add_error, raise_if, save_as
from dangvu.meetings.attendance import exempt_ids_on, roster
from dangvu.members.choices import PlacementKind
from dangvu.members.models import Member, Placement
from dangvu.organizations.models import Organization

# Exclusions the records decide (recomputed by ``convene``); the others are set by hand.
AUTOMATIC = frozenset({Exclusion.TEMPORARILY_AWAY, Exclusion.EXEMPT_ABSENT})
# Exclusions that say the member was not there.
ABSENT = frozenset({Exclusion.EXEMPT_ABSENT, Exclusion.EXCUSED_ABSENT, Exclusion.DELEGATE_ABSENT})
FIELDS = ["full_member", "exclusion", "exclusion_note", "present"]


@dataclass(frozen=True)
class Called:
    """One member of the list as the records of the day give it."""

    member: Member
    full_member: bool
    exclusion: str
    note: str


def _author(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def called_on(organization: Organization, day: date) -> list[Called]:
    """The members called to ``organization``'s congress on ``day``, name-ordered (5 queries)."""
    rows = roster(organization, day)
    home = set(
        Placement.objects.on(day)
        .filter(cell=organization, kind=PlacementKind.PERMANENT)
        .values_list("member_id", flat=True)
    )
    rows = [row for row in rows if row.member.pk in home]
    exempt = exempt_ids_on([row.member for row in rows], day)
    called = []
    for row in rows:
        member = row.member
        full = member.official_date is not None and member.official_date <= day
        if row.expected:
            exclusion = ""
        elif member.pk in exempt:
            exclusion = Exclusion.EXEMPT_ABSENT
        else:
            exclusion = Exclusion.TEMPORARILY_AWAY
        called.append(Called(member, full, exclusion, row.note if exclusion else ""))
    return called


def called_in_subtree(organization: Organization, day: date) -> list[Called]:
    """The full members of every cell under a đảng bộ on ``day`` (its congress of all members).

    A member placed temporarily in another cell of the same subtree still belongs
    to it: only a placement outside it ("ở đảng bộ khác") leaves them out.
    """
    cells = [
        org
        for org in Organization.objects.subtree(organization).active_on(day).order_by("path")
        if org.is_member_unit
    ]
    called = [item for cell in cells for item in called_on(cell, day)]
    away = [item.member.pk for item in called if item.exclusion == Exclusion.TEMPORARILY_AWAY]
    inside = set(
        Placement.objects.on(day)
        .filter(member_id__in=away, kind=PlacementKind.TEMPORARY)
        .filter(cell__path__startswith=organization.path)
        .values_list("member_id", flat=True)
    )
    called = [
        Called(item.member, item.full_member, "", "") if item.member.pk in inside else item
        for item in called
    ]
    return sorted(called, key=lambda c: (c.member.sort_key, c.member.birth_date, c.member.pk))


def delegates_on(congress: Congress, day: date) -> list[Called]:
    """The delegates convened: official delegates not replaced and the alternates standing in."""
    from dangvu.congresses.services_delegates import delegates_called

    return [Called(member, True, "", "") for member, _note in delegates_called(congress)]


def called_for(congress: Congress, day: date) -> list[Called]:
    """Whom ``congress`` convenes on ``day``, by its kind and its organisation."""
    organization = congress.organization
    if congress.kind == CongressKind.DELEGATES:
        return delegates_on(congress, day)
    if organization.is_member_unit:
        return called_on(organization, day)
    return called_in_subtree(organization, day)


def allowed_exclusions(congress: Congress) -> frozenset[str]:
    """The exclusions the rules give for this kind of congress."""
    if congress.kind == CongressKind.DELEGATES:
        return DELEGATE_EXCLUSIONS
    return MEMBER_EXCLUSIONS


def _merged(row: Convened, called: Called) -> tuple[str, str]:
    """The exclusion of a row already on the list, once the records of the day are applied."""
    if called.exclusion == Exclusion.TEMPORARILY_AWAY:
        return called.exclusion, called.note
    if called.exclusion == Exclusion.EXEMPT_ABSENT:
        if row.present:
            return "", ""
        if row.exclusion and row.exclusion not in AUTOMATIC:
            return row.exclusion, row.exclusion_note
        return called.exclusion, called.note
    if row.exclusion in AUTOMATIC:
        return "", ""
    return row.exclusion, row.exclusion_note


def refresh_counts(congress: Congress, rows: Iterable[Convened]) -> bool:
    """Set the three figures of the day from ``rows``; True when any changed."""
    full = [row for row in rows if row.full_member]
    before = (congress.convened_count, congress.excluded_count, congress.present_count)
    congress.convened_count = len(full)
    congress.excluded_count = sum(1 for row in full if row.exclusion)
    congress.present_count = sum(1 for row in full if row.present)
    return before != (congress.convened_count, congress.excluded_count, congress.present_count)


def _check_convene(congress: Congress, day: Any, errors: Errors) -> date | None:
    check_preparing(congress, errors)
    organization = congress.organization
    if congress.kind == CongressKind.DELEGATES and not congress.delegates.exists():
        add_error(
            errors,
            "kind",
            _("Đại hội đại biểu: ghi danh sách đại biểu trước khi lập danh sách triệu tập."),
        )
    if day is None:
        add_error(errors, "day", _("Ghi ngày đại hội trước khi lập danh sách triệu tập."))
        return None
    checked = check_day(day, "day", errors, past=False)
    if checked and organization.ended_on and checked >= organization.ended_on:
        add_error(
            errors,
            "day",
            _("%(org)s đã kết thúc hoạt động từ ngày %(day)s.")
            % {"org": organization.name, "day": fmt_day(organization.ended_on)},
        )
    return checked


@transaction.atomic
def convene(user: Any, congress: Congress, day: date | None = None) -> int:
    """(Re)compute the convened list for ``day`` (default the planned day); how many are called.

    The list is the list of one day: ``day`` becomes the planned day of the congress.
    """
    require_congress_edit(user, congress)
    congress = lock_congress(congress)
    errors: Errors = {}
    checked = _check_convene(congress, day if day is not None else congress.planned_on, errors)
    raise_if(errors)
    assert checked is not None
    called = called_for(congress, checked)
    if not called:
        add_error(
            errors,
            "day",
            _("Ngày %(day)s %(org)s không có đảng viên nào sinh hoạt.")
            % {"day": fmt_day(checked), "org": congress.organization.name},
        )
        raise_if(errors)
    rows = _write_list(user, congress, called)
    congress.planned_on = checked
    refresh_counts(congress, rows)
    save_as(congress, user)
    return len(rows)


def _write_list(user: Any, congress: Congress, called: list[Called]) -> list[Convened]:
    existing = {row.member_id: row for row in congress.convened.all()}
    new: list[Convened] = []
    changed: list[Convened] = []
    rows: list[Convened] = []
    for item in called:
        row = existing.pop(item.member.pk, None)
        if row is None:
            row = Convened(
                congress=congress,
                member=item.member,
                org_path=congress.org_path,
                full_member=item.full_member,
                exclusion=item.exclusion,
                exclusion_note=item.note,
            )
            new.append(row)
        else:
            exclusion, note = _merged(row, item)
            if (row.full_member, row.exclusion, row.exclusion_note) != (
                item.full_member,
                exclusion,
                note,
            ):
                row.full_member, row.exclusion, row.exclusion_note = (
                    item.full_member,
                    exclusion,
                    note,
                )
                changed.append(row)
        rows.append(row)
    author = _author(user)
    if new:
        bulk_create_with_history(new, Convened, default_user=author)
    if changed:
        bulk_update_with_history(changed, Convened, FIELDS, default_user=author)
    for gone in existing.values():
        # Members no longer in the cell that day (rare: a record corrected since).
        gone._history_user = author
        gone.delete()
    return rows


@transaction.atomic
def set_exclusion(user: Any, convened: Convened, exclusion: str, note: str) -> Convened:
    """Leave a member out of the denominator for a reason of the rules ("" clears), until held."""
    if not scope.can(user, scope.EDIT, convened):
        raise PermissionDenied
    congress = lock_congress(convened.congress)
    row = Convened.objects.select_related("member").get(pk=convened.pk)
    errors: Errors = {}
    check_preparing(congress, errors)
    if exclusion not in ("", *allowed_exclusions(congress)):
        add_error(errors, "exclusion", _("Trường hợp không tính vào số triệu tập không hợp lệ."))
    note = check_text(note, "note", errors, limit=255, required=_("Ghi lý do."))
    if exclusion in ABSENT and row.present:
        add_error(
            errors,
            "exclusion",
            _("%(name)s đã được ghi có mặt tại đại hội.") % {"name": row.member.full_name},
        )
    raise_if(errors)
    row.exclusion, row.exclusion_note = exclusion, note
    save_as(row, user)
    if refresh_counts(congress, congress.convened.all()):
        save_as(congress, user)
    return row


def _present_ids(values: Iterable[Any], known: set[int], errors: Errors) -> set[int]:
    ids: set[int] = set()
    for value in values:
        if isinstance(value, bool) or not isinstance(value, int):
            add_error(errors, "present", _("Mã đảng viên không hợp lệ: %(v)s.") % {"v": value})
        elif value not in known:
            add_error(
                errors,
                "present",
                _("Đảng viên (mã %(id)s) không có trong danh sách triệu tập.") % {"id": value},
            )
        else:
            ids.add(value)
    return ids


@transaction.atomic
def record_presence(user: Any, congress: Congress, present_ids: Iterable[int]) -> Congress:
    """Mark who is present at the congress (everyone else absent); fixed number of queries.

    An exempt member who comes is counted (the provisional exclusion is cleared);
    one marked absent again is excluded again. Marking a member present clears an
    "absent all day" exclusion.
    """
    require_congress_edit(user, congress)
    congress = lock_congress(congress)
    errors: Errors = {}
    check_preparing(congress, errors)
    if congress.planned_on and congress.planned_on > today():
        add_error(
            errors,
            "present",
            _("Đại hội ngày %(day)s chưa diễn ra.") % {"day": fmt_day(congress.planned_on)},
        )
    rows = list(congress.convened.select_related("member"))
    if not rows:
        add_error(errors, "present", _("Chưa lập danh sách đảng viên được triệu tập."))
    ids = _present_ids(list(present_ids), {row.member_id for row in rows}, errors)
    raise_if(errors)
    assert congress.planned_on is not None
    # Exemption from party work is a rule of members' congresses, not of delegates'.
    exempt = (
        set()
        if congress.kind == CongressKind.DELEGATES
        else exempt_ids_on([row.member for row in rows], congress.planned_on)
    )
    changed = [row for row in rows if _mark(row, row.member_id in ids, row.member_id in exempt)]
    if changed:
        bulk_update_with_history(changed, Convened, FIELDS, default_user=_author(user))
    if refresh_counts(congress, rows):
        save_as(congress, user)
    return congress


def _mark(row: Convened, present: bool, exempt: bool) -> bool:
    """Apply presence to one row; True when it changed."""
    before = (row.present, row.exclusion, row.exclusion_note)
    row.present = present
    if present and row.exclusion in ABSENT:
        row.exclusion, row.exclusion_note = "", ""
    elif not present and exempt and not row.exclusion:
        row.exclusion = Exclusion.EXEMPT_ABSENT
        row.exclusion_note = _("Miễn công tác và sinh hoạt đảng")
    return before != (row.present, row.exclusion, row.exclusion_note)
