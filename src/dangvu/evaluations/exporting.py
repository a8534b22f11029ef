"""The ranking of a period (or of one unit) as an .xlsx file in the offices' usual layout.

Three sheets, each opening with the title block the offices print (the
committee above, the organisation, "ĐẢNG CỘNG SẢN VIỆT NAM", the title with
the year and the rules applied):

1. members: STT, họ và tên, ngày sinh, chi bộ, tự đánh giá, chi bộ đề xuất,
   cấp ủy quyết định (level short form, with the score under 366-QĐ/TW), ghi
   chú / lý do không đánh giá; a totals line under the table;
2. organisations: the same steps for the cells and grassroots organisations;
3. the quota per deciding body, with the exception recorded, if any.

Only the rows the user may see are written (``Evaluation.visible_to``), the
reason a ranking was forced only where the user reads discipline
(``permissions.sees_forced_reason``), and
the export is in the access log (ARCHITECTURE.md, rule 4). Six queries and the
log row, whatever the number of members. Every cell goes through
``core.spreadsheets``: a name or a note starting with ``=`` stays text.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from dangvu.core import scope, spreadsheets
from dangvu.core.docx_layout import committee_name
from dangvu.core.models import AccessLog, log_access
from dangvu.core.text import fold
from dangvu.evaluations.choices import LEVEL_ORDER, LEVEL_SHORT, Level, SubjectKind
from dangvu.evaluations.models import Evaluation, EvaluationPeriod
from dangvu.evaluations.permissions import sees_forced_reason
from dangvu.evaluations.rules import RuleSet, rules_by_code, rules_for
from dangvu.evaluations.summary import QuotaRow, quota_rows, rate_text
from dangvu.organizations.models import Organization

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "DD/MM/YYYY"
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
BOLD = Font(bold=True)

MEMBER_HEADERS = (
    "STT",
    "Họ và tên",
    "Ngày sinh",
    "Chi bộ",
    "Tự đánh giá, xếp loại",
    "Chi bộ đề xuất",
    "Cấp ủy quyết định",
    "Ghi chú / lý do không đánh giá",
)
MEMBER_WIDTHS = (6, 28, 12, 30, 18, 18, 18, 40)
ORGANIZATION_HEADERS = (
    "STT",
    "Tổ chức đảng",
    "Cấp quyết định",
    "Tự đánh giá, xếp loại",
    "Tỷ lệ chỉ tiêu hoàn thành (%)",
    "Tỷ lệ chỉ tiêu vượt (%)",
    "Cấp ủy quyết định",
    "Ghi chú / lý do không đánh giá",
)
ORGANIZATION_WIDTHS = (6, 34, 28, 18, 14, 14, 18, 40)
QUOTA_HEADERS = (
    "STT",
    "Cấp quyết định",
    "Đối tượng",
    "HTXSNV",
    "HTTNV",
    "HTNV",
    "KHTNV",
    "Chưa xếp loại",
    "Giới hạn HTXSNV",
    "Vượt",
    "Văn bản cho phép vượt tỷ lệ",
    "Đã chốt",
)
QUOTA_WIDTHS = (6, 30, 14, 9, 9, 9, 9, 10, 12, 8, 60, 10)


def _rules(period: EvaluationPeriod) -> RuleSet:
    try:
        return rules_by_code(period.rules)
    except KeyError:
        return rules_for(period.year)


def period_words(period: EvaluationPeriod) -> str:
    """“NĂM 2021”, “QUÝ 3 NĂM 2025”."""
    if period.quarter:
        return _("QUÝ %(quarter)s NĂM %(year)s") % {"quarter": period.quarter, "year": period.year}
    return _("NĂM %(year)s") % {"year": period.year}


def level_with_score(level: str, score: Decimal | None) -> str:
    """“HTTNV”, or under the 100-point rules “HTTNV (85,50)”; empty when not taken."""
    if not level:
        return ""
    short = LEVEL_SHORT.get(Level(level), level)
    if score is None:
        return short
    return f"{short} ({score:.2f})".replace(".", ",")


def _note(evaluation: Evaluation, user: Any) -> str:
    # The forced reason names a discipline: only for the roles that read it.
    forced = evaluation.forced_reason if sees_forced_reason(user, evaluation) else ""
    parts = [
        evaluation.not_evaluated_reason,
        forced,
        evaluation.decision_note,
    ]
    return "; ".join(part for part in parts if part)


# ---------------------------------------------------------------------------
# Sheet pieces


def _title_block(
    sheet: Worksheet, organization: Organization, title: str, subtitle: str, width: int
) -> int:
    """The heading the offices print; returns the row the table starts on."""
    higher = committee_name(organization.parent) if organization.parent else ""
    spreadsheets.put(sheet, 1, 1, higher.upper())
    spreadsheets.put(sheet, 2, 1, committee_name(organization).upper()).font = BOLD
    spreadsheets.put(sheet, 3, 1, "*")
    right = max(5, width - 2)
    spreadsheets.put(sheet, 1, right, "ĐẢNG CỘNG SẢN VIỆT NAM").font = BOLD
    for row, text, font in ((5, title, Font(bold=True, size=13)), (6, subtitle, Font(italic=True))):
        cell = spreadsheets.put(sheet, row, 1, text)
        cell.font, cell.alignment = font, Alignment(horizontal="center", wrap_text=True)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    return 8


def _header_row(
    sheet: Worksheet, row: int, headers: tuple[str, ...], widths: tuple[int, ...]
) -> None:
    for column, (header, width) in enumerate(zip(headers, widths, strict=True), start=1):
        cell = spreadsheets.put(sheet, row, column, header)
        cell.font, cell.border = BOLD, BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = sheet.cell(row=row + 1, column=1)


def _write_row(sheet: Worksheet, row: int, values: list[Any]) -> None:
    for column, value in enumerate(values, start=1):
        cell = spreadsheets.put(sheet, row, column, value)
        cell.border = BOX
        if hasattr(value, "year") and hasattr(value, "day"):
            cell.number_format = DATE_FORMAT


def _totals(evaluations: list[Evaluation], noun: str) -> str:
    """“Tổng số 25 đảng viên: HTXSNV 4, HTTNV 15, HTNV 4, KHTNV 0; không đánh giá 2.”"""
    levels = Counter(e.decided_level for e in evaluations if e.evaluated)
    figures = ", ".join(f"{LEVEL_SHORT[level]} {levels[level]}" for level in LEVEL_ORDER)
    values = {
        "count": len(evaluations),
        "noun": noun,
        "figures": figures,
        "pending": levels[""],
        "excluded": sum(1 for e in evaluations if not e.evaluated),
    }
    return (
        _(
            "Tổng số %(count)s %(noun)s: %(figures)s; chưa xếp loại %(pending)s; "
            "không đánh giá, xếp loại %(excluded)s."
        )
        % values
    )


# ---------------------------------------------------------------------------
# The three sheets


def _member_sheet(
    sheet: Worksheet,
    period: EvaluationPeriod,
    heading_org: Organization,
    rows: list[Evaluation],
    user: Any,
) -> None:
    title = _("DANH SÁCH ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG ĐẢNG VIÊN %(period)s") % {
        "period": period_words(period)
    }
    start = _title_block(sheet, heading_org, title, _subtitle(period), len(MEMBER_HEADERS))
    _header_row(sheet, start, MEMBER_HEADERS, MEMBER_WIDTHS)
    for number, evaluation in enumerate(rows, start=1):
        member = evaluation.member
        assert member is not None
        values = [
            number,
            member.full_name,
            member.birth_date,
            evaluation.unit.name,
            level_with_score(evaluation.self_level, evaluation.self_score),
            level_with_score(evaluation.proposed_level, evaluation.proposed_score),
            level_with_score(evaluation.decided_level, evaluation.decided_score),
            _note(evaluation, user),
        ]
        _write_row(sheet, start + number, values)
    spreadsheets.put(sheet, start + len(rows) + 2, 2, _totals(rows, _("đảng viên")))


def _organization_sheet(
    sheet: Worksheet,
    period: EvaluationPeriod,
    heading_org: Organization,
    rows: list[Evaluation],
    user: Any,
) -> None:
    title = _("DANH SÁCH ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG TỔ CHỨC ĐẢNG %(period)s") % {
        "period": period_words(period)
    }
    start = _title_block(sheet, heading_org, title, _subtitle(period), len(ORGANIZATION_HEADERS))
    _header_row(sheet, start, ORGANIZATION_HEADERS, ORGANIZATION_WIDTHS)
    for number, evaluation in enumerate(rows, start=1):
        values = [
            number,
            evaluation.subject_name,
            evaluation.deciding_org.name,
            level_with_score(evaluation.self_level, evaluation.self_score),
            evaluation.targets_percent,
            evaluation.exceeded_percent,
            level_with_score(evaluation.decided_level, evaluation.decided_score),
            _note(evaluation, user),
        ]
        _write_row(sheet, start + number, values)
    spreadsheets.put(sheet, start + len(rows) + 2, 2, _totals(rows, _("tổ chức đảng")))


def exception_text(row: QuotaRow) -> str:
    """“Văn bản số 12-CV/HU ngày 20/12/2021 của Huyện ủy …: lý do (được phép 45)”."""
    exception = row.exception
    if exception is None:
        return ""
    text = _("Văn bản số %(number)s ngày %(day)s của %(authority)s: %(reason)s") % {
        "number": exception.number,
        "day": exception.decided_on.strftime("%d/%m/%Y"),
        "authority": exception.authority,
        "reason": exception.reason,
    }
    if exception.allowed is not None:
        text += _(" (được phép %(allowed)s)") % {"allowed": exception.allowed}
    return text


def _quota_sheet(
    sheet: Worksheet, period: EvaluationPeriod, heading_org: Organization, rows: list[QuotaRow]
) -> None:
    title = _("TỶ LỆ HOÀN THÀNH XUẤT SẮC NHIỆM VỤ THEO TỪNG CẤP QUYẾT ĐỊNH %(period)s") % {
        "period": period_words(period)
    }
    subtitle = _("Giới hạn HTXSNV = %(rate)s số HTTNV của cùng cấp quyết định (%(rules)s)") % {
        "rate": rate_text(period.quota_rate),
        "rules": _rules(period).name,
    }
    start = _title_block(sheet, heading_org, title, subtitle, len(QUOTA_HEADERS))
    _header_row(sheet, start, QUOTA_HEADERS, QUOTA_WIDTHS)
    for number, row in enumerate(rows, start=1):
        values = [
            number,
            row.organization.name,
            row.kind_label,
            row.excellent,
            row.good,
            row.completed,
            row.not_completed,
            row.pending,
            row.limit,
            row.over_by if row.exceeded else "",
            exception_text(row),
            _("Đã chốt") if row.finalized else "",
        ]
        _write_row(sheet, start + number, values)


def _subtitle(period: EvaluationPeriod) -> str:
    return _("(Theo %(source)s)") % {"source": _rules(period).source}


# ---------------------------------------------------------------------------
# The export


def _evaluations(
    period: EvaluationPeriod, user: Any, unit: Organization | None, kind: str
) -> list[Evaluation]:
    rows: QuerySet[Evaluation] = (
        Evaluation.objects.visible_to(user)
        .filter(period=period, kind=kind)
        .select_related("member", "subject_org", "unit", "deciding_org")
    )
    if unit is not None:
        rows = (
            rows.filter(unit=unit) if kind == SubjectKind.MEMBER else rows.filter(subject_org=unit)
        )
    if kind == SubjectKind.MEMBER:
        return list(rows.order_by("org_path", "member__sort_key", "member__birth_date", "id"))
    return list(rows.order_by("org_path", "id"))


def export_period(
    period: EvaluationPeriod,
    *,
    user: Any,
    unit: Organization | None = None,
    ip_address: str | None = None,
) -> bytes:
    """The period's rankings the user may see (of ``unit`` only, if given), as .xlsx bytes."""
    heading_org = unit or period.organization
    members = _evaluations(period, user, unit, SubjectKind.MEMBER)
    organizations = _evaluations(period, user, unit, SubjectKind.ORGANIZATION)
    groups = [
        row
        for row in quota_rows(period)
        if scope.can_in_subtree(user, scope.ALL_ROLES, row.organization.path)
        and (unit is None or row.organization.pk == unit.pk)
    ]
    workbook = Workbook()
    first = workbook.active
    assert isinstance(first, Worksheet)
    first.title = _("Đảng viên")
    _member_sheet(first, period, heading_org, members, user)
    _organization_sheet(
        workbook.create_sheet(_("Tổ chức đảng")), period, heading_org, organizations, user
    )
    _quota_sheet(workbook.create_sheet(_("Tỷ lệ HTXSNV")), period, heading_org, groups)
    _log(user, period, unit, len(members), len(organizations), ip_address)
    return spreadsheets.workbook_bytes(workbook)


def _log(
    user: Any,
    period: EvaluationPeriod,
    unit: Organization | None,
    members: int,
    organizations: int,
    ip_address: str | None,
) -> None:
    where = unit or period.organization
    detail = _(
        "Xuất Excel kết quả xếp loại %(label)s của %(org)s: %(members)s đảng viên, "
        "%(organizations)s tổ chức đảng"
    ) % {
        "label": period.label,
        "org": where.name,
        "members": members,
        "organizations": organizations,
    }
    log_access(
        user,
        AccessLog.Action.EXPORT,
        org_path=where.path,
        organization=where,
        detail=detail,
        ip_address=ip_address,
    )


def export_filename(period: EvaluationPeriod, unit: Organization | None = None) -> str:
    """“xep-loai-2021-dang-bo-xa-hoa-an.xlsx” (ASCII: some mail clients mangle the rest)."""
    where = unit or period.organization
    quarter = f"-quy-{period.quarter}" if period.quarter else ""
    name = slugify(fold(where.name)) or "to-chuc"
    return f"xep-loai-{period.year}{quarter}-{name}.xlsx"
