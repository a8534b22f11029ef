"""The first draft of a review report (báo cáo sơ kết) as a Word file (issue 8, item 3).

Seed 001: "Hội nghị đã đánh giá kết quả 34 nhiệm vụ công tác quý 1/2022 …,
thảo luận cho ý kiến vào 17 nhiệm vụ trọng tâm quý 2/2022 …" — written today
by hand from memory; dangvu writes the draft from the records and the staff
finish it. The official layout of RULES.md ("Official documents", Hướng dẫn
36-HD/VPTW) through ``dangvu.core.docx_layout``: top left the committee above,
the committee, "*" and "Số      -BC/ĐU" left blank for the number given when
the report is registered; top right "ĐẢNG CỘNG SẢN VIỆT NAM" and the place and
date in words; "BÁO CÁO" and what it reports; then

I.  the results of the period: the figures in sentences (numbers written with
    two digits as the reports write them, "09 ý kiến"), the achievements,
    shortcomings and causes recorded at the review, the table of the period's
    tasks and the table by owning body;
II. the directions and the next period's key tasks (a table);

and the signature block ("T/M ĐẢNG ỦY", the position of the one who signs:
the chair of the conference when they are the secretary or a deputy, else the
secretary of the committee) and "Nơi nhận". The figures are the review's
(``current_figures``: frozen when the review is closed).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from dangvu.congresses.documents import place, report_number
from dangvu.core.docx_layout import (
    FONT,
    body,
    committee_name,
    header,
    line,
    new_document,
    to_bytes,
    xml_safe,
)
from dangvu.core.text import cited_day, fold
from dangvu.documents import access
from dangvu.members.models import Member
from dangvu.organizations.choices import PositionRole
from dangvu.organizations.models import Organization, Position
from dangvu.programs.choices import NoteKind, PeriodKind, TaskStatus
from dangvu.programs.models import Programme, Review, ReviewNote, Task
from dangvu.programs.periods import Period, deadline_text, is_overdue
from dangvu.programs.services_reviews import current_figures

# What a task's result says, beyond its status label.
_SIGNING_ROLES = (PositionRole.SECRETARY, PositionRole.DEPUTY_SECRETARY)
_ROLE_TITLES = {
    PositionRole.SECRETARY: "BÍ THƯ",
    PositionRole.DEPUTY_SECRETARY: "PHÓ BÍ THƯ",
}
_ELLIPSIS = "…………………………………………………………"


def count(number: int) -> str:
    """A count as the reports write it: two digits at least (“09”, “34”)."""
    return f"{number:02d}"


def programme_period(programme: Programme) -> Period:
    return Period(programme.period_kind, programme.year, programme.period_number)


def next_label(review: Review) -> str:
    if review.next_programme is not None:
        return programme_period(review.next_programme).label
    return programme_period(review.programme).next().label


def review_word(programme: Programme) -> str:
    """A year is “tổng kết”, a shorter period “sơ kết”."""
    return _("Tổng kết") if programme.period_kind == PeriodKind.YEAR else _("Sơ kết")


def report_title(review: Review) -> str:
    """“Sơ kết công tác quý 1/2022, phương hướng, nhiệm vụ quý 2/2022”."""
    return _("%(review)s công tác %(period)s, phương hướng, nhiệm vụ %(next)s") % {
        "review": review_word(review.programme),
        "period": programme_period(review.programme).label,
        "next": next_label(review),
    }


def review_filename(review: Review) -> str:
    """“so-ket-quy-1-2022.docx”."""
    words = f"{review_word(review.programme)} {programme_period(review.programme).label}"
    slug = "".join(ch if ch.isalnum() else "-" for ch in fold(words))
    return "-".join(part for part in slug.split("-") if part) + ".docx"


# ---------------------------------------------------------------------------
# What the report reads


def _load(review: Review) -> Review:
    return Review.objects.select_related(
        "programme__organization__parent",
        "programme__document",
        "next_programme",
        "meeting__chair",
    ).get(pk=review.pk)


def _tasks(programme: Programme | None) -> list[Task]:
    """The tasks of a programme, each sub-task after its parent."""
    if programme is None:
        return []
    rows = list(
        Task.objects.filter(programme=programme)
        .select_related("owner_org", "owner_agency", "responsible")
        .order_by("order", "id")
    )
    children: dict[int, list[Task]] = {}
    for task in rows:
        if task.parent_id is not None:
            children.setdefault(task.parent_id, []).append(task)
    ordered = []
    for task in rows:
        if task.parent_id is None:
            ordered.append(task)
            ordered.extend(children.get(task.pk, []))
    return ordered


def _numbered(tasks: Sequence[Task]) -> list[tuple[str, Task]]:
    """“1”, “2”, and “2.1”, “2.2” for the sub-tasks of the second."""
    numbered: list[tuple[str, Task]] = []
    top = sub = 0
    for task in tasks:
        if task.parent_id is None:
            top, sub = top + 1, 0
            numbered.append((str(top), task))
        else:
            sub += 1
            numbered.append((f"{top}.{sub}", task))
    return numbered


def key_tasks(programme: Programme | None) -> tuple[list[Task], bool]:
    """The next programme's key tasks; all its tasks when none is marked key."""
    tasks = [task for task in _tasks(programme) if task.parent_id is None]
    key = [task for task in tasks if task.is_key]
    return (key, True) if key else (tasks, False)


def _notes(review: Review) -> dict[str, list[str]]:
    notes: dict[str, list[str]] = {}
    for note in ReviewNote.objects.filter(review=review).order_by("kind", "order", "id"):
        notes.setdefault(note.kind, []).append(note.text)
    return notes


def signer(organization: Organization, chair: Member | None, day: date) -> tuple[str, str]:
    """(title, name) of the one who signs: the chair if secretary or deputy, else the secretary."""
    held = (
        Position.objects.filter(
            committee__organization=organization,
            role__in=_SIGNING_ROLES,
        )
        .filter(Q(start_date__isnull=True) | Q(start_date__lte=day))
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .select_related("member")
        .order_by("-committee__term_start", "id")
    )
    positions = list(held)
    if chair is not None:
        for position in positions:
            if position.member_id == chair.pk:
                return _ROLE_TITLES[PositionRole(position.role)], position.member.full_name
    for position in positions:
        if position.role == PositionRole.SECRETARY:
            return _ROLE_TITLES[PositionRole.SECRETARY], position.member.full_name
    return _ROLE_TITLES[PositionRole.SECRETARY], ""


# ---------------------------------------------------------------------------
# Sentences


def figures_sentence(
    figures: Any,
    period_label: str,
    next_count: int,
    next_is_key: bool,
    next_period: str,
    opinions: int,
) -> str:
    """The figures of the review in one sentence, as the reports write them."""
    finished = figures.done + figures.done_late
    parts = [
        _("hoàn thành %(n)s (trong đó đúng hạn %(on_time)s, chậm %(late)s)")
        % {"n": count(finished), "on_time": count(figures.done), "late": count(figures.done_late)}
    ]
    if figures.not_done:
        parts.append(_("không hoàn thành %(n)s") % {"n": count(figures.not_done)})
    if figures.carried_over:
        parts.append(_("chuyển kỳ sau %(n)s") % {"n": count(figures.carried_over)})
    if figures.open:
        unfinished = _("chưa hoàn thành %(n)s") % {"n": count(figures.open)}
        if figures.overdue:
            unfinished += _(" (quá hạn %(n)s)") % {"n": count(figures.overdue)}
        parts.append(unfinished)
    sentence = _(
        "Hội nghị đã đánh giá kết quả %(total)s nhiệm vụ công tác %(period)s: %(parts)s"
    ) % {
        "total": count(figures.total),
        "period": period_label,
        "parts": ", ".join(parts),
    }
    if next_count:
        what = _("nhiệm vụ trọng tâm") if next_is_key else _("nhiệm vụ")
        sentence += _("; thảo luận cho ý kiến vào %(n)s %(what)s %(period)s") % {
            "n": count(next_count),
            "what": what,
            "period": next_period,
        }
    if opinions:
        sentence += _("; Hội nghị đã có %(n)s ý kiến") % {"n": count(opinions)}
    return sentence + "."


def _opening(review: Review, user: Any) -> list[str]:
    programme = review.programme
    committee = committee_name(programme.organization)
    lines = []
    # The document carried out is cited only to a user who may see it (decision 0015):
    # otherwise the draft opens on the review itself, with no sign of a document.
    document = access.shown(user, programme.document)
    if document is not None:
        lines.append(
            _(
                "Thực hiện %(kind)s số %(code)s ngày %(day)s %(summary)s, %(committee)s đã "
                "ban hành %(title)s và tổ chức thực hiện."
            )
            % {
                "kind": document.get_kind_display(),
                "code": document.code,
                "day": cited_day(document.issued_on),
                "summary": document.summary,
                "committee": committee,
                "title": programme.title[:1].lower() + programme.title[1:],
            }
        )
    lines.append(
        _(
            "Ngày %(day)s, %(committee)s tổ chức hội nghị %(what)s công tác %(period)s, triển khai "
            "nhiệm vụ %(next)s."
        )
        % {
            "day": cited_day(review.held_on),
            "committee": committee,
            "what": review_word(programme).lower(),
            "period": programme_period(programme).label,
            "next": next_label(review),
        }
    )
    return lines


def result_text(task: Task, as_of: date) -> str:
    """“Hoàn thành (15/03/2022)”, “Đang thực hiện, đạt 60%, quá hạn”, “Không hoàn thành: …”."""
    label = str(task.get_status_display())
    if task.status in (TaskStatus.DONE, TaskStatus.DONE_LATE) and task.completed_on:
        text = f"{label} ({cited_day(task.completed_on)})"
    elif task.status == TaskStatus.IN_PROGRESS:
        text = _("%(label)s, đạt %(n)s%%") % {"label": label, "n": task.progress}
    else:
        text = label
    if is_overdue(task.status, task.deadline, as_of):
        text += _(", quá hạn")
    if task.result_note:
        text += ": " + task.result_note.strip()
    return text


def owner_name(task: Task) -> str:
    if task.owner_org is not None:
        return task.owner_org.name
    return task.owner_agency.name if task.owner_agency is not None else ""


# ---------------------------------------------------------------------------
# Layout


def _heading(document: Any, text: str) -> None:
    line(document, text, size=14, bold=True, align=WD_ALIGN_PARAGRAPH.LEFT)


def _fill(
    cell: Any, text: str, *, bold: bool = False, align: Any = WD_ALIGN_PARAGRAPH.LEFT
) -> None:
    """Write ``text`` in a table cell's own paragraph (no empty line above it)."""
    paragraph = cell.paragraphs[0]
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(xml_safe(text))
    run.font.name, run.font.size, run.bold = FONT, Pt(12), bold


def _table(document: Any, headers: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        _fill(cell, text, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for values in rows:
        cells = table.add_row().cells
        for index, (cell, text) in enumerate(zip(cells, values, strict=True)):
            centred = index == 0 or (text.isdigit() and index > 1)
            _fill(
                cell, text, align=WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.LEFT
            )


def _notes_section(document: Any, title: str, texts: list[str]) -> None:
    _heading(document, title)
    body(document, ["- " + text.strip() for text in texts] if texts else [_ELLIPSIS])


def _tasks_table(document: Any, tasks: Sequence[Task], as_of: date) -> None:
    headers = (
        _("STT"),
        _("Nhiệm vụ"),
        _("Chủ trì"),
        _("Người chịu trách nhiệm"),
        _("Thời hạn"),
        _("Kết quả"),
    )
    rows = [
        (
            number,
            task.title,
            owner_name(task),
            task.responsible.full_name if task.responsible else "",
            deadline_text(task.deadline, task.deadline_precision),
            result_text(task, as_of),
        )
        for number, task in _numbered(tasks)
    ]
    _table(document, headers, rows)


def _bodies_table(document: Any, figures: Any) -> None:
    headers = (
        _("STT"),
        _("Nơi chủ trì"),
        _("Số nhiệm vụ"),
        _("Hoàn thành đúng hạn"),
        _("Hoàn thành chậm"),
        _("Không hoàn thành"),
        _("Chuyển kỳ sau"),
        _("Chưa hoàn thành"),
        _("Quá hạn"),
    )
    rows = [
        (
            str(position),
            row.name,
            *(
                str(value)
                for value in (
                    row.total,
                    row.done,
                    row.done_late,
                    row.not_done,
                    row.carried_over,
                    row.open,
                    row.overdue,
                )
            ),
        )
        for position, row in enumerate(figures.by_body, 1)
    ]
    _table(document, headers, rows)


def _key_tasks_table(document: Any, tasks: Sequence[Task]) -> None:
    headers = (_("STT"), _("Nhiệm vụ"), _("Chủ trì"), _("Thời hạn"))
    rows = [
        (
            str(position),
            task.title,
            owner_name(task),
            deadline_text(task.deadline, task.deadline_precision),
        )
        for position, task in enumerate(tasks, 1)
    ]
    _table(document, headers, rows)


def _on_behalf(organization: Organization) -> str:
    return _("T/M CHI ỦY") if organization.is_member_unit else _("T/M ĐẢNG ỦY")


def _recipients(organization: Organization) -> list[str]:
    lines = []
    if organization.parent is not None:
        lines.append(_("%(above)s (để báo cáo),") % {"above": committee_name(organization.parent)})
    if organization.is_member_unit:
        lines.append(_("Đảng viên trong chi bộ,"))
        lines.append(_("Lưu chi bộ."))
    else:
        lines.append(_("Các đồng chí đảng ủy viên,"))
        lines.append(_("Các chi bộ trực thuộc,"))
        lines.append(_("Lưu Văn phòng Đảng ủy."))
    return lines


def _signature(document: Any, review: Review) -> None:
    organization = review.programme.organization
    chair = review.meeting.chair if review.meeting is not None else None
    title, name = signer(organization, chair, review.held_on)
    line(document, "")
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].text = right.paragraphs[0].text = ""
    line(left, _("Nơi nhận:"), size=12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    for recipient in _recipients(organization):
        line(left, "- " + recipient, size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
    line(right, _on_behalf(organization), size=14, bold=True)
    line(right, title, size=14, bold=True)
    for _blank in range(3):
        line(right, "")
    line(right, name, size=14, bold=True)


def review_docx(review: Review, user: Any = None) -> bytes:
    """The Word draft of one review: header, figures in sentences, notes, tables, signature.

    Made for ``user``: a document they may not see is not cited (without a user, none is).
    """
    review = _load(review)
    programme = review.programme
    organization = programme.organization
    figures = current_figures(review)
    notes = _notes(review)
    period_label = programme_period(programme).label
    following, following_key = key_tasks(review.next_programme)
    document = new_document()
    header(
        document,
        organization,
        report_number(organization, ""),
        review.held_on,
        place=place(organization),
    )
    line(document, "")
    line(document, _("BÁO CÁO"), size=16, bold=True)
    line(document, report_title(review), size=14, bold=True)
    line(document, "-----", size=14)
    body(document, _opening(review, user))
    _heading(
        document, _("I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ %(period)s") % {"period": period_label.upper()}
    )
    _heading(document, _("1. Kết quả chung"))
    summary = [text.strip() for text in review.summary.splitlines() if text.strip()]
    sentence = figures_sentence(
        figures,
        period_label,
        len(following),
        following_key,
        next_label(review),
        review.opinions_count,
    )
    body(document, [*summary, sentence])
    body(document, [_("Kết quả thực hiện từng nhiệm vụ:")])
    _tasks_table(document, _tasks(programme), review.held_on)
    body(document, [_("Kết quả theo nơi chủ trì:")])
    _bodies_table(document, figures)
    _notes_section(document, _("2. Kết quả đạt được"), notes.get(NoteKind.ACHIEVEMENT, []))
    _notes_section(document, _("3. Hạn chế, yếu kém"), notes.get(NoteKind.SHORTCOMING, []))
    _notes_section(document, _("4. Nguyên nhân"), notes.get(NoteKind.CAUSE, []))
    _heading(
        document,
        _("II. PHƯƠNG HƯỚNG, NHIỆM VỤ %(period)s") % {"period": next_label(review).upper()},
    )
    _notes_section(document, _("1. Phương hướng, giải pháp"), notes.get(NoteKind.DIRECTION, []))
    _heading(document, _("2. Nhiệm vụ trọng tâm") if following_key else _("2. Nhiệm vụ"))
    if following:
        _key_tasks_table(document, following)
    else:
        body(document, [_ELLIPSIS])
    _signature(document, review)
    return to_bytes(document)
