"""The counting minutes and the election report of a congress as Word files.

Both follow the official layout of RULES.md ("Official documents", Hướng dẫn
36-HD/VPTW) through ``dangvu.core.docx_layout``: top right "ĐẢNG CỘNG SẢN VIỆT
NAM" with its rule and the place and date in words; top left the committee
above and the body that writes.

* ``counting_minutes_docx(election)`` — Biên bản kiểm phiếu, written by the
  counting board of the congress (no number: minutes of a board are not
  registered): the board, the seats, the denominator, the ballots issued,
  returned, valid and invalid by reason, the votes of every name with its
  percentage of the denominator (Quy định 190-QĐ/TW counts against the members
  convened, not against the ballots), the threshold, who is elected, the
  outcome (tie or unfilled seats) and the board's signatures.
* ``election_result_docx(congress, number)`` — Báo cáo kết quả bầu cử, sent by
  the organisation to the level above: each counted election with its elected
  members, their votes and percentages.

Both read only the stored result of ``counting.count`` (``Election.result``),
so the documents say exactly what the page and the API said.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from dangvu.congresses.choices import CongressKind, ElectionStatus
from dangvu.congresses.models import Congress, Election
from dangvu.core.docx_layout import (
    FONT,
    body,
    committee_name,
    date_line,
    header,
    line,
    new_document,
    place_of,
    rule_under,
    to_bytes,
    xml_safe,
)
from dangvu.core.text import percent_text
from dangvu.organizations.models import Organization

# Codes of the issuing body in a document number (RULES.md: "Số 05-BC/CB").
CELL_ISSUER = "CB"
GRASSROOTS_ISSUER = "ĐU"
REPORT_TYPE = "BC"
BLANK_NUMBER = "      "  # written by hand once the report is registered


def place(organization: Organization) -> str:
    """The place in the date line: the commune a cell belongs to (“Hòa An”)."""
    if organization.level == "cell" and organization.parent:
        return place_of(organization.parent)
    return place_of(organization)


def issuer_code(organization: Organization) -> str:
    return CELL_ISSUER if organization.is_member_unit else GRASSROOTS_ISSUER


def report_number(organization: Organization, number: str) -> str:
    """“Số 05-BC/CB”; a blank number keeps the space to write it by hand."""
    number = number.strip()
    if not number:
        return f"Số {BLANK_NUMBER}-{REPORT_TYPE}/{issuer_code(organization)}"
    return number if number.lower().startswith("số") else "Số " + number


def congress_name(congress: Congress) -> str:
    """“Đại hội Chi bộ thôn Đông nhiệm kỳ 2022–2025”."""
    name = congress.organization.name
    return _("Đại hội %(name)s nhiệm kỳ %(start)s–%(end)s") % {
        "name": name[:1].upper() + name[1:],
        "start": congress.term_start,
        "end": congress.term_end,
    }


def board_names(election: Election) -> list[str]:
    """The counting board as typed: names separated by commas or new lines, the head first."""
    text = election.counting_board.replace("\n", ",").replace(";", ",")
    return [name.strip() for name in text.split(",") if name.strip()]


def _the_day(*days: date | None) -> date:
    return next((day for day in days if day is not None), timezone.localdate())


# ---------------------------------------------------------------------------
# Shared pieces


def _board_header(document: Any, congress: Congress, day: date) -> None:
    """Top left: the committee above, the congress, its term, the counting board."""
    organization = congress.organization
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.width, right.width = Cm(7.5), Cm(9)
    left.paragraphs[0].text = right.paragraphs[0].text = ""
    above = committee_name(organization.parent) if organization.parent else ""
    line(left, above.upper(), size=14)
    line(left, _("ĐẠI HỘI %(name)s") % {"name": organization.name.upper()}, size=13, bold=True)
    line(
        left,
        _("NHIỆM KỲ %(start)s–%(end)s") % {"start": congress.term_start, "end": congress.term_end},
        size=13,
        bold=True,
    )
    line(left, _("BAN KIỂM PHIẾU"), size=14, bold=True)
    line(left, "*", size=14)
    rule_under(line(right, "ĐẢNG CỘNG SẢN VIỆT NAM", size=15, bold=True))
    line(right, "")
    line(right, date_line(place(organization), day), size=14, italic=True)


def _heading(document: Any, text: str) -> None:
    line(document, text, size=14, bold=True, align=WD_ALIGN_PARAGRAPH.LEFT)


def _fill(
    cell: Any, text: str, *, bold: bool = False, align: Any = WD_ALIGN_PARAGRAPH.CENTER
) -> None:
    """Write ``text`` in a table cell's own paragraph (no empty line above it)."""
    paragraph = cell.paragraphs[0]
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(xml_safe(text))
    run.font.name, run.font.size, run.bold = FONT, Pt(13), bold


def _votes_table(document: Any, result: dict[str, Any], names: list[str]) -> None:
    """STT, name, votes, % of the denominator — the names in the order given."""
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    titles = (_("STT"), _("Họ và tên"), _("Số phiếu"), _("Tỷ lệ so với số triệu tập"))
    for cell, title in zip(table.rows[0].cells, titles, strict=True):
        _fill(cell, title, bold=True)
    votes, percents = result.get("votes", {}), result.get("percent", {})
    for position, name in enumerate(names, 1):
        cells = table.add_row().cells
        texts = (str(position), name, str(votes.get(name, 0)), percent_text(percents.get(name)))
        for index, (cell, text) in enumerate(zip(cells, texts, strict=True)):
            _fill(
                cell,
                text,
                align=WD_ALIGN_PARAGRAPH.LEFT if index == 1 else WD_ALIGN_PARAGRAPH.CENTER,
            )


def ranked(result: dict[str, Any]) -> list[str]:
    """The names of a stored result, highest votes first (ties keep the list order)."""
    names = list(result.get("candidates", []))
    votes = result.get("votes", {})
    return sorted(names, key=lambda name: -int(votes.get(name, 0)))


def invalid_lines(result: dict[str, Any]) -> list[str]:
    labels = result.get("invalid_reason_labels", {})
    return [
        f"{labels.get(reason, reason)}: {n}"
        for reason, n in result.get("invalid_reasons", {}).items()
        if n
    ]


def _election_title(election: Election) -> str:
    return _("%(kind)s, lần %(round)s") % {
        "kind": election.get_kind_display(),
        "round": election.round,
    }


# ---------------------------------------------------------------------------
# Biên bản kiểm phiếu


def convened_label(congress: Congress) -> str:
    """Who the denominator counts: delegates at a congress of delegates, else full members."""
    if congress.kind == CongressKind.DELEGATES:
        return _("Số đại biểu chính thức được triệu tập")
    return _("Số đảng viên chính thức được triệu tập")


def reading_lines(election: Election, result: dict[str, Any]) -> list[str]:
    """How ballots of this list were read (docs/decisions/0010-congress-readings.md)."""
    seats = int(result.get("seats", election.seats))
    candidates = len(result.get("candidates", []))
    lines: list[str] = []
    if candidates > seats:
        lines.append(
            _(
                "Danh sách bầu cử có số dư: phiếu gạch tên tất cả những người trong danh sách "
                "là phiếu không hợp lệ (Quy chế bầu cử trong Đảng, Điều 15)."
            )
        )
    elif candidates == 1:
        lines.append(
            _(
                "Danh sách bầu cử có một người: phiếu đánh dấu cả hai ô hoặc không đánh dấu ô "
                "nào là phiếu không hợp lệ (Quy chế bầu cử trong Đảng, Điều 15)."
            )
        )
    elif candidates > 1:
        valid = result.get("unmarked_ballot_valid", True)
        lines.append(
            _(
                "Danh sách bầu cử không có số dư: người được đánh dấu cả hai ô hoặc không được "
                "đánh dấu ô nào thì không tính phiếu cho người đó, phiếu vẫn hợp lệ. Phiếu không "
                "đánh dấu vào đúng một ô ở người nào được tính là phiếu %(reading)s (Quy chế "
                "chưa quy định rõ trường hợp này; cài đặt DANGVU_ELECTIONS_UNMARKED_BALLOT_VALID)."
            )
            % {"reading": _("hợp lệ") if valid else _("không hợp lệ")}
        )
    if election.list_decision:
        lines.append(
            _("Danh sách bầu cử không có số dư theo quyết định của đại hội: %(why)s.")
            % {"why": election.list_decision.rstrip(".")}
        )
    return lines


def _figures(election: Election, result: dict[str, Any]) -> list[str]:
    reconciliation = result.get("reconciliation", {})
    lines = [
        _("Số lượng cần bầu: %(n)s.") % {"n": result.get("seats", election.seats)},
        _("Số người trong danh sách bầu cử: %(n)s.") % {"n": len(result.get("candidates", []))},
        _("%(label)s, trừ các trường hợp không tính theo quy định: %(n)s.")
        % {
            "label": convened_label(election.congress),
            "n": result.get("denominator", election.denominator),
        },
        _("Số phiếu phát ra: %(n)s.") % {"n": reconciliation.get("issued", "—")},
        _("Số phiếu thu về: %(n)s.") % {"n": result.get("ballots_returned", "—")},
        _("Số phiếu không thu về: %(n)s.") % {"n": reconciliation.get("unreturned", 0)},
        _("Số phiếu hợp lệ: %(n)s.") % {"n": result.get("valid_ballots", 0)},
    ]
    reasons = invalid_lines(result)
    invalid = _("Số phiếu không hợp lệ: %(n)s") % {"n": result.get("invalid_ballots", 0)}
    lines.append(invalid + (_(", trong đó: ") + "; ".join(reasons) if reasons else "") + ".")
    if reconciliation and not reconciliation.get("balanced", True):
        lines.append(
            _("Số phiếu phát ra không khớp với số phiếu thu về cộng số phiếu không thu về.")
        )
    return lines


def _elected_lines(result: dict[str, Any]) -> list[str]:
    votes, percents = result.get("votes", {}), result.get("percent", {})
    elected = list(result.get("elected", []))
    if not elected:
        return [_("Không có người trúng cử.")]
    lines = [
        _("%(n)s. Đồng chí %(name)s: %(votes)s phiếu, đạt %(percent)s.")
        % {
            "n": position,
            "name": name,
            "votes": votes.get(name, 0),
            "percent": percent_text(percents.get(name)),
        }
        for position, name in enumerate(elected, 1)
    ]
    return lines


def _board_signatures(document: Any, names: list[str]) -> None:
    line(document, "")
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].text = right.paragraphs[0].text = ""
    line(left, _("CÁC THÀNH VIÊN"), size=14, bold=True)
    line(left, _("(Ký, ghi rõ họ tên)"), size=12, italic=True)
    line(right, _("TRƯỞNG BAN KIỂM PHIẾU"), size=14, bold=True)
    line(right, _("(Ký, ghi rõ họ tên)"), size=12, italic=True)
    for _blank in range(3):
        line(right, "")
    line(right, names[0] if names else "", size=14, bold=True)
    for name in names[1:]:
        for _blank in range(2):
            line(left, "")
        line(left, name, size=14, bold=True)


def counting_minutes_docx(election: Election) -> bytes:
    """Biên bản kiểm phiếu of one counted round (reads the stored result only)."""
    congress = election.congress
    result: dict[str, Any] = dict(election.result or {})
    day = _the_day(election.counted_on, congress.held_on)
    names = board_names(election)
    document = new_document()
    _board_header(document, congress, day)
    line(document, "")
    line(document, _("BIÊN BẢN KIỂM PHIẾU"), size=16, bold=True)
    line(document, _election_title(election), size=14, bold=True)
    line(document, _("tại %(congress)s") % {"congress": congress_name(congress)}, size=14)
    line(document, "-----", size=14)
    board = ", ".join(names) if names else "…"
    body(
        document,
        [
            _("Ban kiểm phiếu gồm các đồng chí: %(names)s.") % {"names": board},
            _(
                "Ban kiểm phiếu đã kiểm phiếu %(what)s theo Quy định 190-QĐ/TW của Bộ Chính trị "
                "về thi hành quy chế bầu cử trong Đảng. Kết quả như sau:"
            )
            % {"what": election.get_kind_display().lower()},
        ],
    )
    _heading(document, _("I. SỐ PHIẾU"))
    body(document, _figures(election, result))
    body(document, reading_lines(election, result))
    _heading(document, _("II. SỐ PHIẾU BẦU CHO TỪNG NGƯỜI (xếp theo số phiếu)"))
    _votes_table(document, result, ranked(result))
    threshold = result.get("threshold", election.denominator // 2 + 1)
    body(
        document,
        [
            _(
                "Người trúng cử phải được quá một nửa số phiếu so với %(who)s: từ %(threshold)s "
                "phiếu trở lên (số triệu tập: %(n)s)."
            )
            % {
                "who": convened_label(congress).lower().replace("số ", "tổng số ", 1),
                "threshold": threshold,
                "n": result.get("denominator", election.denominator),
            }
        ],
    )
    _heading(document, _("III. NGƯỜI TRÚNG CỬ (xếp theo số phiếu)"))
    body(document, _elected_lines(result))
    if result.get("tied") or result.get("unfilled_seats"):
        body(document, [str(result.get("outcome", ""))])
    if result.get("list_problem"):
        body(document, [str(result["list_problem"])])
    body(
        document,
        [_("Biên bản lập xong ngày %(day)s, đọc trước đại hội.") % {"day": f"{day:%d/%m/%Y}"}],
    )
    _board_signatures(document, names)
    return to_bytes(document)


# ---------------------------------------------------------------------------
# Báo cáo kết quả bầu cử


def counted_elections(congress: Congress) -> list[Election]:
    return list(
        Election.objects.filter(congress=congress, status=ElectionStatus.COUNTED).order_by(
            "kind", "round"
        )
    )


def _election_block(document: Any, number: int, election: Election) -> None:
    result: dict[str, Any] = dict(election.result or {})
    _heading(document, f"{number}. {_election_title(election)}")
    body(
        document,
        [
            _(
                "Số lượng cần bầu: %(seats)s; số người trong danh sách: %(candidates)s; "
                "số phiếu hợp lệ: %(valid)s; số phiếu không hợp lệ: %(invalid)s; "
                "số phiếu trúng cử: từ %(threshold)s phiếu trở lên."
            )
            % {
                "seats": result.get("seats", election.seats),
                "candidates": len(result.get("candidates", [])),
                "valid": result.get("valid_ballots", 0),
                "invalid": result.get("invalid_ballots", 0),
                "threshold": result.get("threshold", "—"),
            },
            _("Các đồng chí trúng cử:") if result.get("elected") else _("Không có người trúng cử."),
        ],
    )
    if result.get("elected"):
        _votes_table(document, result, list(result["elected"]))
    if result.get("tied") or result.get("unfilled_seats"):
        body(document, [str(result.get("outcome", ""))])


def _presidium_signature(document: Any, congress: Congress) -> None:
    organization = congress.organization
    above = committee_name(organization.parent) if organization.parent else ""
    line(document, "")
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].text = right.paragraphs[0].text = ""
    line(left, _("Nơi nhận:"), size=12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    recipients = [above + ",", _("Lưu hồ sơ đại hội.")] if above else [_("Lưu hồ sơ đại hội.")]
    for recipient in recipients:
        line(left, "- " + recipient, size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
    line(right, _("T/M ĐOÀN CHỦ TỊCH"), size=14, bold=True)
    line(right, _("(Ký, ghi rõ họ tên)"), size=12, italic=True)
    for _blank in range(3):
        line(right, "")
    first = congress.chair.replace(";", ",").split(",")[0].strip()
    line(right, first, size=14, bold=True)


def election_result_docx(congress: Congress, number: str = "") -> bytes:
    """Báo cáo kết quả bầu cử: every counted round, its elected, votes and percentages."""
    organization = congress.organization
    day = _the_day(congress.held_on)
    document = new_document()
    header(
        document, organization, report_number(organization, number), day, place=place(organization)
    )
    line(document, "")
    line(document, _("BÁO CÁO"), size=16, bold=True)
    line(
        document,
        _("Kết quả bầu cử tại %(congress)s") % {"congress": congress_name(congress)},
        size=14,
        bold=True,
    )
    line(document, "-----", size=14)
    intro = [
        _("%(congress)s họp ngày %(day)s%(place)s.")
        % {
            "congress": congress_name(congress),
            "day": f"{congress.held_on:%d/%m/%Y}" if congress.held_on else "…",
            "place": _(" tại %(place)s") % {"place": congress.place} if congress.place else "",
        },
        _(
            "%(label)s: %(convened)s; không tính theo quy định: "
            "%(excluded)s; số dùng để tính kết quả bầu cử: %(denominator)s; có mặt: %(present)s."
        )
        % {
            "label": convened_label(congress),
            "convened": congress.convened_count,
            "excluded": congress.excluded_count,
            "denominator": congress.denominator,
            "present": congress.present_count,
        },
        _("Kết quả bầu cử như sau:"),
    ]
    body(document, intro)
    elections = counted_elections(congress)
    for position, election in enumerate(elections, 1):
        _election_block(document, position, election)
    if not elections:
        body(document, [_("Chưa có cuộc bầu cử nào được kiểm phiếu.")])
    if organization.parent:
        body(
            document,
            [
                _("Kính đề nghị %(above)s xem xét, chuẩn y kết quả bầu cử.")
                % {"above": committee_name(organization.parent)}
            ],
        )
    _presidium_signature(document, congress)
    return to_bytes(document)


def minutes_filename(election: Election) -> str:
    code = slugify(election.congress.organization.code) or "to-chuc"
    return f"bien-ban-kiem-phieu-{code}-{election.kind}-lan-{election.round}-{election.pk}.docx"


def result_filename(congress: Congress) -> str:
    code = slugify(congress.organization.code) or "to-chuc"
    return f"bao-cao-ket-qua-bau-cu-{code}-{congress.term_start}-{congress.pk}.docx"
