"""The Word draft of a committee's decision recognising the rankings of one group.

“Quyết định công nhận kết quả đánh giá, xếp loại chất lượng đảng viên (tổ chức
đảng) năm …”, in the official layout of RULES.md ("Official documents",
Hướng dẫn 36-HD/VPTW; ``dangvu.core.docx_layout``): the header blocks, “*”, the
number left blank for the office to fill in at registration (“Số      -QĐ/ĐU”)
unless the finalisation recorded one, the place and date line, the title, the
“Căn cứ” lines citing the Charter and the rule set in force for the period,
Điều 1 with the figures and the list per level, Điều 2 the exception to the
quota when the competent level allowed one, then the execution article, the
signature block and “Nơi nhận”.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH

from dangvu.core.docx_layout import body, committee_name, header, line, new_document, to_bytes
from dangvu.core.text import fold
from dangvu.evaluations.choices import LEVEL_ORDER, Level, SubjectKind
from dangvu.evaluations.models import Evaluation, EvaluationPeriod
from dangvu.evaluations.permissions import sees_forced_reason
from dangvu.evaluations.rules import RuleSet, rules_by_code, rules_for
from dangvu.evaluations.summary import QuotaRow, percent_of, quota_row, rate_text
from dangvu.organizations.choices import Level as OrgLevel
from dangvu.organizations.models import Organization

# The issuer code in the number (RULES.md: ĐU, HU, TU, CB …).
ISSUER_CODES = {
    OrgLevel.PROVINCE: "TU",
    OrgLevel.DISTRICT: "HU",
    OrgLevel.GRASSROOTS: "ĐU",
    OrgLevel.CELL: "CB",
}


def issuer_code(organization: Organization) -> str:
    if organization.level == OrgLevel.GRASSROOTS and organization.is_cell:
        return "CB"  # a chi bộ cơ sở issues as a cell
    return ISSUER_CODES.get(OrgLevel(organization.level), "ĐU")


def _rules(period: EvaluationPeriod) -> RuleSet:
    try:
        return rules_by_code(period.rules)
    except KeyError:
        return rules_for(period.year)


def period_phrase(period: EvaluationPeriod) -> str:
    if period.quarter:
        return _("quý %(quarter)s năm %(year)s") % {"quarter": period.quarter, "year": period.year}
    return _("năm %(year)s") % {"year": period.year}


def _subjects(period: EvaluationPeriod, deciding_org: Organization, kind: str) -> list[Evaluation]:
    rows = Evaluation.objects.filter(
        period=period, deciding_org=deciding_org, kind=kind
    ).select_related("member", "subject_org", "unit")
    if kind == SubjectKind.MEMBER:
        rows = rows.order_by("org_path", "member__sort_key", "member__birth_date", "id")
    else:
        rows = rows.order_by("org_path", "id")
    return list(rows)


def _noun(kind: str) -> str:
    return _("đảng viên") if kind == SubjectKind.MEMBER else _("tổ chức đảng")


def _counter(kind: str) -> str:
    """What a count is of, in the decision's words: “đồng chí”, “tổ chức”."""
    return _("đồng chí") if kind == SubjectKind.MEMBER else _("tổ chức")


# ---------------------------------------------------------------------------
# Pieces of the decision


def _title(document: Any, period: EvaluationPeriod, kind: str) -> None:
    line(document, "")
    line(document, _("QUYẾT ĐỊNH"), size=16, bold=True)
    summary = _("công nhận kết quả đánh giá, xếp loại chất lượng %(noun)s %(period)s") % {
        "noun": _noun(kind),
        "period": period_phrase(period),
    }
    line(document, summary, size=14, bold=True)
    line(document, "-----", size=14)


def _grounds(period: EvaluationPeriod, issuer: Organization, kind: str) -> list[str]:
    lines = [
        _("- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;"),
        _("- Căn cứ %(source)s về đánh giá, xếp loại chất lượng tổ chức đảng, đảng viên;")
        % {"source": _rules(period).source},
        _("- Căn cứ Quy chế làm việc của %(committee)s;") % {"committee": committee_name(issuer)},
    ]
    if period.plan_reference:
        lines.append(_("- Căn cứ %(plan)s;") % {"plan": period.plan_reference})
    if kind == SubjectKind.MEMBER:
        lines.append(_("- Xét đề nghị của các chi bộ trực thuộc và của Ban Tổ chức,"))
    else:
        lines.append(_("- Xét kết quả tự đánh giá của các tổ chức đảng trực thuộc,"))
    return lines


def _figures(
    subjects: list[Evaluation], kind: str, period: EvaluationPeriod, issuer: Organization
) -> list[str]:
    evaluated = [s for s in subjects if s.evaluated]
    levels = Counter(s.decided_level for s in evaluated)
    counter = _counter(kind)
    lines = [
        _(
            "Điều 1. Công nhận kết quả đánh giá, xếp loại chất lượng %(noun)s %(period)s của "
            "%(org)s: tổng số %(count)s %(noun)s được đánh giá, xếp loại, trong đó:"
        )
        % {
            "noun": _noun(kind),
            "period": period_phrase(period),
            "org": issuer.name,
            "count": len(evaluated),
        }
    ]
    for level in LEVEL_ORDER:
        lines.append(
            _("- %(label)s: %(count)s %(counter)s (chiếm %(share)s);")
            % {
                "label": level.label,
                "count": levels[level],
                "counter": counter,
                "share": percent_of(levels[level], len(evaluated)),
            }
        )
    if levels[""]:
        lines.append(
            _("- Chưa có quyết định xếp loại: %(count)s %(counter)s;")
            % {"count": levels[""], "counter": counter}
        )
    excluded = len(subjects) - len(evaluated)
    if excluded:
        lines.append(
            _("- Không đánh giá, xếp loại: %(count)s %(counter)s.")
            % {"count": excluded, "counter": counter}
        )
    lines[-1] = lines[-1].rstrip(";.") + "."
    lines.append(_("Danh sách cụ thể:"))
    return lines


def _table(document: Any, rows: list[tuple[str, ...]], headers: tuple[str, ...]) -> None:
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.paragraphs[0].text = ""
        line(cell, text, size=13, bold=True)
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.paragraphs[0].text = ""
            line(cell, text, size=13, align=WD_ALIGN_PARAGRAPH.LEFT)


def _lists(document: Any, subjects: list[Evaluation], kind: str, user: Any) -> None:
    """One numbered list per level, then those not evaluated with the reason."""
    if kind == SubjectKind.MEMBER:
        headers: tuple[str, ...] = (_("STT"), _("Họ và tên"), _("Chi bộ"))
    else:
        headers = (_("STT"), _("Tổ chức đảng"), _("Ghi chú"))
    groups: list[tuple[str, list[Evaluation]]] = [
        (str(level.label), [s for s in subjects if s.evaluated and s.decided_level == level])
        for level in LEVEL_ORDER
    ]
    groups.append((_("Không đánh giá, xếp loại"), [s for s in subjects if not s.evaluated]))
    number = 0
    for label, members in groups:
        if not members:
            continue
        number += 1
        line(
            document,
            f"{number}. {label} ({len(members)} {_counter(kind)})",
            bold=True,
            align=WD_ALIGN_PARAGRAPH.LEFT,
        )
        rows = [_list_row(i, s, kind, user) for i, s in enumerate(members, 1)]
        _table(document, rows, headers)


def _list_row(index: int, subject: Evaluation, kind: str, user: Any) -> tuple[str, ...]:
    # The forced reason names a discipline: written only for a reader of discipline.
    forced = subject.forced_reason if sees_forced_reason(user, subject) else ""
    note = subject.not_evaluated_reason or forced
    if kind == SubjectKind.MEMBER:
        name = subject.subject_name + (f" ({note})" if note else "")
        return (str(index), name, subject.unit.name)
    return (str(index), subject.subject_name, note)


def exception_article(row: QuotaRow, number: int, kind: str) -> str | None:
    """Điều 2 when the competent level allowed more excellent rankings than the quota."""
    exception = row.exception
    if exception is None or not row.exceeded:
        return None
    return _(
        "Điều %(n)s. Số %(noun)s xếp loại %(excellent_label)s là %(excellent)s, vượt giới hạn "
        "%(limit)s (%(rate)s của %(good)s %(noun)s %(good_label)s), theo văn bản số %(number)s "
        "ngày %(day)s của %(authority)s cho phép vượt tỷ lệ: %(reason)s."
    ) % {
        "n": number,
        "noun": _noun(kind),
        "excellent_label": Level.EXCELLENT.label,
        "excellent": row.excellent,
        "limit": row.limit,
        "rate": rate_text(row.rate),
        "good": row.good,
        "good_label": Level.GOOD.label,
        "number": exception.number,
        "day": exception.decided_on.strftime("%d/%m/%Y"),
        "authority": exception.authority,
        "reason": exception.reason.rstrip("."),
    }


def _execution(number: int, issuer: Organization, kind: str) -> str:
    if kind == SubjectKind.MEMBER:
        who = _(
            "Văn phòng, Ban Tổ chức %(committee)s, các chi bộ trực thuộc và các đồng chí có tên"
        )
    else:
        who = _("Văn phòng, Ban Tổ chức %(committee)s và các tổ chức đảng có tên")
    return _(
        "Điều %(n)s. %(who)s tại Điều 1 chịu trách nhiệm thi hành Quyết định này. Quyết định có "
        "hiệu lực kể từ ngày ký."
    ) % {"n": number, "who": who % {"committee": committee_name(issuer)}}


def _signature(document: Any, issuer: Organization, execution_article: int) -> None:
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].text = ""
    right.paragraphs[0].text = ""
    line(left, _("Nơi nhận:"), size=12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    recipients = []
    if issuer.parent is not None:
        recipients.append(
            _("%(committee)s (để báo cáo),") % {"committee": committee_name(issuer.parent)}
        )
    recipients.append(_("Như Điều %(n)s,") % {"n": execution_article})
    recipients.append(_("Lưu Văn phòng %(committee)s.") % {"committee": committee_name(issuer)})
    for recipient in recipients:
        line(left, "- " + recipient, size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
    line(right, _("T/M BAN THƯỜNG VỤ"), size=14, bold=True)
    line(right, _("BÍ THƯ"), size=14, bold=True)


# ---------------------------------------------------------------------------
# The decision


def decision_day(row: QuotaRow) -> date:
    """The finalisation's date if the group is finalised, else today (a draft)."""
    return row.finalization.finalized_on if row.finalization else timezone.localdate()


def decision_number(row: QuotaRow, issuer: Organization) -> str:
    if row.finalization and row.finalization.decision_number.strip():
        return row.finalization.decision_number
    return f"Số      -QĐ/{issuer_code(issuer)}"


def ranking_decision_docx(
    period: EvaluationPeriod, deciding_org: Organization, kind: str, *, user: Any
) -> bytes:
    """The committee's decision on the rankings of one group (its members, or organisations).

    Why a ranking was forced is written next to the name only where ``user``
    reads discipline (``permissions.sees_forced_reason``): the draft is the
    committee's, but anyone who sees the period may download it.
    """
    subjects = _subjects(period, deciding_org, kind)
    row = quota_row(period, deciding_org, kind)
    document = new_document()
    header(document, deciding_org, decision_number(row, deciding_org), decision_day(row))
    _title(document, period, kind)
    committee = committee_name(deciding_org).upper()
    body(document, _grounds(period, deciding_org, kind))
    line(document, _("BAN THƯỜNG VỤ %(issuer)s") % {"issuer": committee}, bold=True)
    line(document, _("QUYẾT ĐỊNH"), bold=True)
    body(document, _figures(subjects, kind, period, deciding_org))
    _lists(document, subjects, kind, user)
    article = 2
    exception = exception_article(row, article, kind)
    if exception:
        body(document, [exception])
        article += 1
    body(document, [_execution(article, deciding_org, kind)])
    _signature(document, deciding_org, article)
    return to_bytes(document)


def decision_filename(period: EvaluationPeriod, deciding_org: Organization, kind: str) -> str:
    """“quyet-dinh-xep-loai-dang-vien-2021-dang-bo-xa-hoa-an.docx” (ASCII)."""
    what = "dang-vien" if kind == SubjectKind.MEMBER else "to-chuc-dang"
    quarter = f"-quy-{period.quarter}" if period.quarter else ""
    name = slugify(fold(deciding_org.name)) or "to-chuc"
    return f"quyet-dinh-xep-loai-{what}-{period.year}{quarter}-{name}.docx"
