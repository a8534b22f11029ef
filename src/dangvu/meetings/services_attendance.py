"""Taking attendance at a meeting: the one writer of ``Attendance`` rows.

``record_attendance`` is re-exported by ``meetings.services`` (the contract);
the shared checks of every meeting write (``require_edit``, ``check_open``,
``check_held_by``) live here so both modules use them. Idempotent and
serialised on the meeting row (docs/decisions/0006-meetings-attendance.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import get_history_manager_for_model

from dangvu.core import scope
from dangvu.core.services import add_error, raise_if, save_as
from dangvu.core.text import fmt_day
from dangvu.meetings.attendance import RosterRow, roster
from dangvu.meetings.choices import (
    AttendanceState,
    Status,
)
from dangvu.meetings.models import (
    Attendance,
    Meeting,
)
from dangvu.members.models import Member

Errors = dict[str, list[str]]


def today_or(today: date | None) -> date:
    return today or timezone.localdate()


# ---------------------------------------------------------------------------
# Access and state


def require_edit(user: Any, meeting: Meeting) -> None:
    """403 unless the user keeps this meeting's organisation (staff, the cell's secretary)."""
    if not scope.can(user, scope.EDIT, meeting):
        raise PermissionDenied


def check_open(meeting: Meeting, errors: Errors) -> None:
    """A cancelled meeting, or one whose minutes are approved, takes no more writes."""
    if meeting.status == Status.APPROVED:
        add_error(errors, "status", _("Biên bản đã duyệt: kỳ họp đã khóa."))
    elif meeting.status == Status.CANCELLED:
        add_error(errors, "status", _("Kỳ họp đã hủy."))


def check_held_by(meeting: Meeting, today: date, errors: Errors) -> None:
    if meeting.date > today:
        add_error(
            errors,
            "date",
            _("Kỳ họp ngày %(day)s chưa diễn ra.") % {"day": fmt_day(meeting.date)},
        )


# ---------------------------------------------------------------------------
# Attendance


@dataclass(frozen=True)
class Mark:
    """One parsed entry of an attendance submission."""

    member_id: int
    state: str
    reason: str


def _entry_label(index: int, entry: Mapping[str, Any], row: RosterRow | None) -> str:
    name = row.member.full_name if row else getattr(entry.get("member"), "full_name", "")
    if name:
        return _("Dòng %(n)s (%(name)s)") % {"n": index + 1, "name": name}
    return _("Dòng %(n)s") % {"n": index + 1}


def _member_id(value: Any) -> int | None:
    if isinstance(value, Member):
        return value.pk
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _parse_entry(
    index: int,
    entry: Any,
    by_id: dict[int, RosterRow],
    meeting: Meeting,
    seen: set[int],
    errors: list[str],
) -> Mark | None:
    if not isinstance(entry, Mapping):
        errors.append(_("Dòng %(n)s: không đọc được.") % {"n": index + 1})
        return None
    member_id = _member_id(entry.get("member"))
    row = by_id.get(member_id) if member_id is not None else None
    label = _entry_label(index, entry, row)
    state = entry.get("state")
    reason = entry.get("reason") or ""
    reason = reason.strip() if isinstance(reason, str) else ""
    problems = _entry_problems(member_id, row, state, reason, meeting, seen)
    for problem in problems:
        errors.append(f"{label}: {problem}")
    if problems or member_id is None:
        return None
    seen.add(member_id)
    return Mark(member_id, str(state), "" if state == AttendanceState.PRESENT else reason)


def _entry_problems(
    member_id: int | None,
    row: RosterRow | None,
    state: Any,
    reason: str,
    meeting: Meeting,
    seen: set[int],
) -> list[str]:
    problems = []
    if member_id is None:
        problems.append(_("thiếu mã đảng viên."))
    elif row is None:
        problems.append(
            _("đảng viên (mã %(id)s) không sinh hoạt tại %(org)s ngày %(day)s.")
            % {"id": member_id, "org": meeting.organization.name, "day": fmt_day(meeting.date)}
        )
    elif member_id in seen:
        problems.append(_("đảng viên được ghi hai lần."))
    if state not in AttendanceState.values:
        problems.append(_("tình trạng phải là có mặt, vắng có lý do hoặc vắng không lý do."))
    elif state == AttendanceState.EXCUSED and not reason:
        problems.append(_("vắng có lý do phải ghi lý do."))
    if len(reason) > 255:
        problems.append(_("lý do không được dài quá 255 ký tự."))
    return problems


def _parse_entries(meeting: Meeting, entries: Iterable[Any], rows: list[RosterRow]) -> list[Mark]:
    by_id = {row.member.pk: row for row in rows}
    problems: list[str] = []
    seen: set[int] = set()
    marks = []
    for index, entry in enumerate(entries):
        mark = _parse_entry(index, entry, by_id, meeting, seen, problems)
        if mark is not None:
            marks.append(mark)
    if problems:
        raise_if({"entries": problems})
    return marks


def _write_marks(
    user: Any, meeting: Meeting, marks: list[Mark], expected: set[int]
) -> list[Attendance]:
    """Upsert the rows in a fixed number of queries; only real changes are written."""
    existing = {row.member_id: row for row in meeting.attendance.all()}
    changed: list[Attendance] = []
    for row in existing.values():
        if row.expected != (row.member_id in expected):
            row.expected = row.member_id in expected
            changed.append(row)
    new: list[Attendance] = []
    for mark in marks:
        row = existing.get(mark.member_id)
        if row is None:
            row = Attendance(
                meeting=meeting,
                member_id=mark.member_id,
                org_path=meeting.org_path,
                meeting_date=meeting.date,
                expected=mark.member_id in expected,
                state=mark.state,
                reason=mark.reason,
            )
            existing[mark.member_id] = row
            new.append(row)
        elif (row.state, row.reason) != (mark.state, mark.reason):
            row.state, row.reason = mark.state, mark.reason
            if row not in changed:
                changed.append(row)
    _save_rows(user, new, changed)
    return list(existing.values())


def _save_rows(user: Any, new: list[Attendance], changed: list[Attendance]) -> None:
    history = get_history_manager_for_model(Attendance)
    author = user if getattr(user, "is_authenticated", False) else None
    if new:
        # The meeting row is locked, so no concurrent insert races this one; the
        # upsert keeps the unique (meeting, member) row even if one slipped in.
        created = Attendance.objects.bulk_create(
            new,
            update_conflicts=True,
            unique_fields=["meeting", "member"],
            update_fields=["state", "reason", "expected"],
        )
        if any(row.pk is None for row in created):
            pks = dict(
                Attendance.objects.filter(
                    meeting_id=new[0].meeting_id, member_id__in=[r.member_id for r in new]
                ).values_list("member_id", "pk")
            )
            for row in created:
                row.pk = pks[row.member_id]
        history.bulk_history_create(created, default_user=author)
    if changed:
        Attendance.objects.bulk_update(changed, ["state", "reason", "expected"])
        history.bulk_history_create(changed, update=True, default_user=author)


def _apply_counts(meeting: Meeting, rows: list[Attendance], expected: set[int]) -> bool:
    """Set the four counts, ``attendance_taken`` and the status; True when any changed."""
    by_state = {state: 0 for state in AttendanceState.values}
    for row in rows:
        if row.expected:
            by_state[row.state] += 1
    before = _counts(meeting)
    meeting.expected_count = len(expected)
    meeting.present_count = by_state[AttendanceState.PRESENT]
    meeting.excused_count = by_state[AttendanceState.EXCUSED]
    meeting.absent_count = by_state[AttendanceState.ABSENT]
    meeting.attendance_taken = True
    if meeting.status == Status.PLANNED:
        meeting.status = Status.HELD
    return _counts(meeting) != before


def _counts(meeting: Meeting) -> tuple[Any, ...]:
    return (
        meeting.expected_count,
        meeting.present_count,
        meeting.excused_count,
        meeting.absent_count,
        meeting.attendance_taken,
        meeting.status,
    )


@transaction.atomic
def record_attendance(
    user: Any, meeting: Meeting, entries: Iterable[Any], *, today: date | None = None
) -> Meeting:
    """Mark members present, excused (with a reason) or absent; idempotent.

    ``entries``: ``{"member": id or Member, "state": ..., "reason": ...}``. Each
    member of the roster on the meeting's date may be marked once; expected
    members left out keep their earlier mark (or none). The meeting row is
    locked for the whole write, so two submissions of the same form (a phone
    that resent it) leave the same rows as one.
    """
    require_edit(user, meeting)
    meeting = Meeting.objects.select_for_update().select_related("organization").get(pk=meeting.pk)
    errors: Errors = {}
    check_open(meeting, errors)
    check_held_by(meeting, today_or(today), errors)
    raise_if(errors)
    rows = roster(meeting.organization, meeting.date)
    marks = _parse_entries(meeting, list(entries), rows)
    expected = {row.member.pk for row in rows if row.expected}
    saved = _write_marks(user, meeting, marks, expected)
    if _apply_counts(meeting, saved, expected):
        save_as(meeting, user)
    return meeting
