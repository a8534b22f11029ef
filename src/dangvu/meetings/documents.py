"""The minutes of a meeting (biên bản) as a Word file in the official layout.

The header is the shared layout of RULES.md ("Official documents",
``dangvu.core.docx_layout``): top left the committee above and the
organisation that met, "*"; top right "ĐẢNG CỘNG SẢN VIỆT NAM" and the place
and date in words. Then "BIÊN BẢN" and the title; time, place, chair and
secretary; the attendance computed from the per-member records (expected,
present, excused with names and reasons, absent with names) and the guests;
the content, the opinions (speaker: text), the conclusion and the
resolutions; the signature blocks of the secretary and the chair.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.text import slugify
from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH

from dangvu.core.docx_layout import body, header, line, new_document, place_of, to_bytes
from dangvu.meetings.choices import AttendanceState
from dangvu.meetings.models import Attendance, Meeting
from dangvu.organizations.models import Organization


def percent(rate: float | None) -> str:
    """A rate the Vietnamese way: one decimal after a comma, “88,9%”; “—” when unknown."""
    if rate is None:
        return "—"
    return f"{rate * 100:.1f}".replace(".", ",") + "%"


@dataclass
class Roll:
    """The attendance of one meeting, read once from its rows."""

    present: list[str] = field(default_factory=list)
    excused: list[str] = field(default_factory=list)  # "Name (reason)"
    absent: list[str] = field(default_factory=list)
    not_expected: list[str] = field(default_factory=list)  # attended without being expected


def roll(meeting: Meeting) -> Roll:
    result = Roll()
    rows = Attendance.objects.filter(meeting=meeting).select_related("member")
    for row in rows.order_by("member__sort_key", "member__birth_date", "id"):
        name = row.member.full_name
        if not row.expected:
            if row.state == AttendanceState.PRESENT:
                result.not_expected.append(name)
        elif row.state == AttendanceState.PRESENT:
            result.present.append(name)
        elif row.state == AttendanceState.EXCUSED:
            result.excused.append(f"{name} ({row.reason})")
        else:
            result.absent.append(name)
    return result


def _place(organization: Organization) -> str:
    """The place in the date line: the commune a cell belongs to (“Hòa An”)."""
    if organization.level == "cell" and organization.parent:
        return place_of(organization.parent)
    return place_of(organization)


def _time_line(meeting: Meeting) -> str:
    day = meeting.date.strftime("%d/%m/%Y")
    if meeting.start_time is None:
        return _("Thời gian: ngày %(day)s.") % {"day": day}
    return _("Thời gian: %(hour)s giờ %(minute)s, ngày %(day)s.") % {
        "hour": meeting.start_time.hour,
        "minute": f"{meeting.start_time.minute:02d}",
        "day": day,
    }


def _names(names: list[str]) -> str:
    return ": " + ", ".join(names) if names else ""


def _attendance_lines(meeting: Meeting, people: Roll) -> list[str]:
    if not meeting.organization.is_member_unit:
        return []  # a committee's conference: who came is the list of guests
    if not meeting.attendance_taken:
        return [_("Thành phần: chưa điểm danh.")]
    lines = [
        _("Tổng số đảng viên phải dự: %(n)s đồng chí.") % {"n": meeting.expected_count},
        _("Có mặt: %(n)s đồng chí.") % {"n": meeting.present_count},
        _("Vắng có lý do: %(n)s đồng chí%(names)s.")
        % {"n": meeting.excused_count, "names": _names(people.excused)},
        _("Vắng không lý do: %(n)s đồng chí%(names)s.")
        % {"n": meeting.absent_count, "names": _names(people.absent)},
        _("Tỷ lệ đảng viên tham gia sinh hoạt: %(rate)s.")
        % {"rate": percent(meeting.attendance_rate)},
    ]
    if people.not_expected:
        lines.append(
            _("Đảng viên không bắt buộc dự có mặt: %(names)s.")
            % {"names": ", ".join(people.not_expected)}
        )
    return lines


def _guest_lines(meeting: Meeting) -> list[str]:
    guests = [f"{g.name} ({g.role})" if g.role else g.name for g in meeting.guests.all()]
    if not guests:
        return []
    if not meeting.organization.is_member_unit:
        return [_("Thành phần dự: %(names)s.") % {"names": ", ".join(guests)}]
    return [_("Khách mời: %(names)s.") % {"names": ", ".join(guests)}]


def _heading(document: Any, text: str) -> None:
    paragraph = line(document, text, size=14, bold=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = 0


def _text_lines(value: str, bullet: str = "") -> list[str]:
    return [bullet + part.strip() for part in value.splitlines() if part.strip()]


def _opening(document: Any, meeting: Meeting, people: Roll) -> None:
    chair = meeting.chair.full_name if meeting.chair else "…"
    secretary = meeting.secretary.full_name if meeting.secretary else "…"
    _heading(document, _("I. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN"))
    body(
        document,
        [
            _time_line(meeting),
            _("Địa điểm: %(place)s.") % {"place": meeting.place or "…"},
            _("Chủ trì: đồng chí %(name)s.") % {"name": chair},
            _("Thư ký: đồng chí %(name)s.") % {"name": secretary},
            *_attendance_lines(meeting, people),
            *_guest_lines(meeting),
        ],
    )


def _content(document: Any, meeting: Meeting) -> None:
    _heading(document, _("II. NỘI DUNG"))
    lines = _text_lines(meeting.opening)
    if meeting.agenda.strip():
        lines += [_("Chương trình:"), *_text_lines(meeting.agenda, "- ")]
    if meeting.documents_studied.strip():
        lines += [_("Văn bản quán triệt:"), *_text_lines(meeting.documents_studied, "- ")]
    lines += _text_lines(meeting.content)
    body(document, lines or ["…"])


def _opinions(document: Any, meeting: Meeting) -> None:
    opinions = list(meeting.opinions.all())
    _heading(document, _("III. Ý KIẾN THAM GIA"))
    if not opinions:
        body(document, [_("Không có ý kiến.")])
        return
    body(
        document,
        [f"{n}. {o.speaker_name}: {o.text.strip()}" for n, o in enumerate(opinions, start=1)],
    )


def _conclusion(document: Any, meeting: Meeting) -> None:
    _heading(document, _("IV. KẾT LUẬN CỦA CHỦ TRÌ"))
    body(document, _text_lines(meeting.conclusion) or ["…"])
    resolutions = list(meeting.resolutions.all())
    if not resolutions:
        return
    _heading(document, _("V. NGHỊ QUYẾT, PHÂN CÔNG THỰC HIỆN"))
    lines = []
    for n, resolution in enumerate(resolutions, start=1):
        text = f"{n}. {resolution.text.strip()}"
        if resolution.owner_name:
            text += _(" — Thực hiện: %(owner)s") % {"owner": resolution.owner_name}
        if resolution.due_on:
            text += _("; thời hạn: %(day)s") % {"day": resolution.due_on.strftime("%d/%m/%Y")}
        lines.append(text + ".")
    body(document, lines)


def _signatures(document: Any, meeting: Meeting) -> None:
    line(document, "")
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].text = right.paragraphs[0].text = ""
    for cell, title, person in (
        (left, _("THƯ KÝ"), meeting.secretary),
        (right, _("CHỦ TRÌ"), meeting.chair),
    ):
        line(cell, title, size=14, bold=True)
        line(cell, _("(Ký, ghi rõ họ tên)"), size=12, italic=True)
        for _blank in range(3):
            line(cell, "")
        line(cell, person.full_name if person else "", size=14, bold=True)


def minutes(meeting: Meeting) -> bytes:
    """The Word file of the minutes; reads the attendance, guests, opinions and resolutions."""
    organization = meeting.organization
    document = new_document()
    header(document, organization, None, meeting.date, place=_place(organization))
    line(document, "")
    line(document, _("BIÊN BẢN"), size=16, bold=True)
    line(document, meeting.title or str(meeting), size=14, bold=True)
    line(document, "-----", size=14)
    _opening(document, meeting, roll(meeting))
    _content(document, meeting)
    _opinions(document, meeting)
    _conclusion(document, meeting)
    _signatures(document, meeting)
    return to_bytes(document)


def filename(meeting: Meeting) -> str:
    code = slugify(meeting.organization.code) or "to-chuc"
    return f"bien-ban-{code}-{meeting.date:%Y%m%d}-{meeting.pk}.docx"
