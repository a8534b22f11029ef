"""Word output of the admission and recognition decisions in the official layout.

Layout of RULES.md, "Official documents" (Hướng dẫn 36-HD/VPTW, 03/4/2018): A4,
Times New Roman; top left the higher body (upper case, 14), the issuing body
(upper case, 14, bold), "*" and the number; top right "ĐẢNG CỘNG SẢN VIỆT NAM"
(upper case, 15, bold) with a rule under it, then the place and date in
italics; then the document type, the summary, the body, the signature block and
"Nơi nhận". The layout pieces are shared: ``dangvu.core.docx_layout``.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH

from dangvu.admissions.models import Candidate, CandidateStep
from dangvu.admissions.rules import probation_end
from dangvu.core.docx_layout import body as _body
from dangvu.core.docx_layout import committee_name
from dangvu.core.docx_layout import date_line as date_line
from dangvu.core.docx_layout import docx_response as docx_response
from dangvu.core.docx_layout import header as _header
from dangvu.core.docx_layout import line as _line
from dangvu.core.docx_layout import new_document as _new_document
from dangvu.core.docx_layout import to_bytes as _bytes
from dangvu.members.models import Member, MembershipEvent
from dangvu.organizations.models import Organization


def _title(document: Any, summary: str) -> None:
    _line(document, "")
    _line(document, _("QUYẾT ĐỊNH"), size=16, bold=True)
    _line(document, summary, size=14, bold=True)
    _line(document, "-----", size=14)


def _signature(document: Any, recipients: list[str]) -> None:
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].text = ""
    _line(left, _("Nơi nhận:"), size=12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    for recipient in recipients:
        _line(left, "- " + recipient, size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
    _line(right, _("T/M BAN THƯỜNG VỤ"), size=14, bold=True)
    _line(right, _("BÍ THƯ"), size=14, bold=True)


def _issuer(cell: Organization) -> Organization:
    """The grassroots committee above a cell (a grassroots cell issues for itself)."""
    return cell.parent if cell.parent and cell.level == "cell" else cell


# ---------------------------------------------------------------------------
# The two decisions


def admission_decision(candidate: Candidate, step: CandidateStep) -> bytes:
    """Quyết định kết nạp đảng viên (Quy định 24-QĐ/TW, 3.3)."""
    issuer = _issuer(candidate.cell)
    document = _new_document()
    _header(document, issuer, step.document_number, step.date)
    _title(document, _("về việc kết nạp đảng viên"))
    born = candidate.birth_date.strftime("%d/%m/%Y")
    _body(
        document,
        [
            _("- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;"),
            _("- Căn cứ Quy định, Hướng dẫn thi hành Điều lệ Đảng của Ban Chấp hành Trung ương;"),
            _("- Xét đề nghị của %(cell)s và của Ban Tổ chức,") % {"cell": candidate.cell.name},
            _("BAN THƯỜNG VỤ %(issuer)s QUYẾT ĐỊNH") % {"issuer": committee_name(issuer).upper()},
            _(
                "Điều 1. Kết nạp quần chúng %(name)s, sinh ngày %(born)s, quê quán %(home)s, "
                "vào Đảng Cộng sản Việt Nam."
            )
            % {"name": candidate.full_name, "born": born, "home": candidate.home_town or "…"},
            _(
                "Điều 2. Thời gian dự bị 12 tháng kể từ ngày chi bộ tổ chức lễ kết nạp. "
                "Lễ kết nạp tổ chức trong thời hạn 30 ngày làm việc kể từ ngày nhận quyết định."
            ),
            _("Điều 3. %(cell)s và đồng chí %(name)s thi hành quyết định này.")
            % {"cell": candidate.cell.name, "name": candidate.full_name},
        ],
    )
    _signature(document, [_("Như Điều 3,"), _("Lưu hồ sơ đảng viên.")])
    return _bytes(document)


def recognition_decision(member: Member, event: MembershipEvent) -> bytes:
    """Quyết định công nhận đảng viên chính thức (Điều lệ Đảng, Điều 5)."""
    issuer = _issuer(member.cell)
    document = _new_document()
    _header(document, issuer, event.decision_number, event.decision_date or event.effective_date)
    _title(document, _("công nhận đảng viên chính thức"))
    official = event.effective_date
    ceremony = member.ceremony_date or official
    _body(
        document,
        [
            _("- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;"),
            _("- Căn cứ Quy định, Hướng dẫn thi hành Điều lệ Đảng của Ban Chấp hành Trung ương;"),
            _("- Xét đề nghị của %(cell)s,") % {"cell": member.cell.name},
            _("BAN THƯỜNG VỤ %(issuer)s QUYẾT ĐỊNH") % {"issuer": committee_name(issuer).upper()},
            _(
                "Điều 1. Công nhận đồng chí %(name)s, sinh ngày %(born)s, kết nạp vào Đảng "
                "ngày %(ceremony)s, là đảng viên chính thức kể từ ngày %(official)s."
            )
            % {
                "name": member.full_name,
                "born": member.birth_date.strftime("%d/%m/%Y"),
                "ceremony": ceremony.strftime("%d/%m/%Y"),
                "official": (official or probation_end(ceremony)).strftime("%d/%m/%Y"),
            },
            _("Điều 2. %(cell)s và đồng chí %(name)s thi hành quyết định này.")
            % {"cell": member.cell.name, "name": member.full_name},
        ],
    )
    _signature(document, [_("Như Điều 2,"), _("Lưu hồ sơ đảng viên.")])
    return _bytes(document)
