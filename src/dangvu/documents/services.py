"""Every write of the document registry: issuing, registering, attaching files, templates.

Staff of the organisation (or above it) write; a number is taken under a lock
on the sequence row, so two people issuing at once never share one.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from dangvu.core import scope
from dangvu.core.docx_layout import committee_name, place_of
from dangvu.core.files import check_upload
from dangvu.core.services import add_error, raise_if, save_as
from dangvu.documents import numbering
from dangvu.documents.choices import (
    DEFAULT_TYPE_CODES,
    ISSUER_CODE_OF_LEVEL,
    Confidentiality,
    Direction,
    DocumentKind,
)
from dangvu.documents.models import Document, DocumentFile, DocumentTemplate, NumberSequence
from dangvu.organizations.choices import Body
from dangvu.organizations.models import Committee, Organization

_MAX_NUMBER = 100_000


def _term_first_day(organization: Organization, committee: Committee) -> date | None:
    """The day ``committee``'s term starts (None: no election day on record).

    Hướng dẫn 36-HD/VPTW: the day after the closing day of the congress that
    elected it, or the day of its first meeting when that meeting was held during
    the congress. The congress record gives both days; a committee entered by
    hand gives its election day, read as the closing day.
    """
    from dangvu.congresses.choices import Status
    from dangvu.congresses.models import Congress

    congress = (
        Congress.objects.filter(
            organization=organization, term_start=committee.term_start, held_on__isnull=False
        )
        .exclude(status=Status.CANCELLED)
        .first()
    )
    if congress is not None:
        return numbering.term_starts_on(congress.closing_day, congress.first_meeting_on)
    if committee.elected_on is None:
        return None
    return numbering.term_starts_on(committee.elected_on)


def term_of(organization: Organization, day: date) -> int:
    """The first year of the term of the committee in office on ``day``.

    An organisation's executive committee (Ban Chấp hành), a cell's cell committee
    (chi ủy); a committee stays in office until the end of the closing day of the
    congress that elects the next one (``numbering.term_starts_on``).
    """
    body = Body.CELL_COMMITTEE if organization.is_member_unit else Body.EXECUTIVE
    committees = Committee.objects.filter(
        organization=organization, body=body, term_start__lte=day.year
    ).order_by("-term_start")
    for committee in committees:
        first_day = _term_first_day(organization, committee)
        if first_day is None or first_day <= day:
            return int(committee.term_start)
    raise ValidationError(
        {
            "issued_on": _(
                "Chưa có cấp ủy nhiệm kỳ nào của %(org)s vào ngày %(day)s: "
                "nhập cấp ủy trước khi cấp số văn bản."
            )
            % {"org": organization.name, "day": day.strftime("%d/%m/%Y")}
        }
    )


def default_issuer_code(organization: Organization) -> str:
    return ISSUER_CODE_OF_LEVEL.get(organization.level, "")


def default_place(organization: Organization) -> str:
    """The place of the date line; a cell writes the name of its commune."""
    if organization.level == "cell" and organization.parent:
        return place_of(organization.parent)
    return place_of(organization)


def _require_staff(user: Any, organization: Organization) -> None:
    if not scope.can_in_subtree(user, scope.DEFAULT_EDIT_ROLES, organization.path):
        raise PermissionDenied(_("Chỉ cán bộ văn phòng của tổ chức mới được vào sổ văn bản."))


def _check_text(errors: dict[str, list[str]], *, summary: str, **short: str) -> None:
    if not summary.strip():
        add_error(errors, "summary", _("Trích yếu không được để trống."))
    elif len(summary) > 500:
        add_error(errors, "summary", _("Trích yếu không được dài quá 500 ký tự."))
    for field, value in short.items():
        limit = getattr(Document._meta.get_field(field), "max_length", None) or 0
        if len(value) > limit:
            add_error(errors, field, _("Không được dài quá %(n)s ký tự.") % {"n": limit})


def _check_choices(errors: dict[str, list[str]], kind: str, confidentiality: str) -> None:
    if kind not in DocumentKind.values:
        add_error(errors, "kind", _("Loại văn bản không hợp lệ."))
    if confidentiality not in Confidentiality.values:
        add_error(errors, "confidentiality", _("Độ mật không hợp lệ."))


def _check_number(errors: dict[str, list[str]], number: int | None) -> None:
    if number is not None and not 1 <= number < _MAX_NUMBER:
        add_error(errors, "number", _("Số văn bản phải là số nguyên dương."))


def _sequence(organization: Organization, type_code: str, term: int) -> NumberSequence:
    """The locked sequence row; a new one starts after the highest number already in the book."""
    NumberSequence.objects.get_or_create(
        organization=organization,
        type_code=type_code,
        term_start=term,
        defaults={"last_number": _highest(organization, type_code, term)},
    )
    return NumberSequence.objects.select_for_update().get(
        organization=organization, type_code=type_code, term_start=term
    )


def _highest(organization: Organization, type_code: str, term: int) -> int:
    registered = Document.objects.filter(
        organization=organization,
        direction=Direction.OUTGOING,
        type_code=type_code,
        term_start=term,
    )
    return int(registered.aggregate(top=Max("number"))["top"] or 0)


def _take_number(organization: Organization, type_code: str, term: int, number: int | None) -> int:
    """The next number of the visible type code (or ``number``, refused when it shows already).

    The sequence belongs to the code the reader sees, not to the kind: a Quyết
    định and a Quy định both coded “QĐ” share it, so “Số 01-QĐ/ĐU” is never
    written twice in a term (docs/decisions/0011-document-numbers.md).
    """
    sequence = _sequence(organization, type_code, term)
    if number is None:
        number = max(sequence.last_number, _highest(organization, type_code, term)) + 1
    elif Document.objects.filter(
        organization=organization,
        direction=Direction.OUTGOING,
        type_code=type_code,
        term_start=term,
        number=number,
    ).exists():
        raise ValidationError(
            {
                "number": _(
                    "Số %(n)s-%(code)s trong nhiệm kỳ %(term)s đã được cấp cho một văn bản khác."
                )
                % {"n": f"{number:02d}", "code": type_code, "term": term}
            }
        )
    if number > sequence.last_number:
        sequence.last_number = number
        sequence.save(update_fields=["last_number"])
    return number


@transaction.atomic
def issue_outgoing(
    user: Any,
    *,
    organization: Organization,
    kind: str,
    issued_on: date,
    summary: str,
    body: str = "",
    type_code: str | None = None,
    issuer_code: str | None = None,
    signer_name: str = "",
    signer_title: str = "",
    recipients: str = "",
    place: str = "",
    confidentiality: str = Confidentiality.NORMAL,
    number: int | None = None,
) -> Document:
    """Issue one of the organisation's own documents, taking the next number of its code and term.

    A number given is a historical document entered late: refused if taken, and
    the sequence continues after it. Numbers restart at 01 in each term.
    """
    _require_staff(user, organization)
    type_code = (type_code or DEFAULT_TYPE_CODES.get(kind, "")).strip()
    issuer_code = (issuer_code or default_issuer_code(organization)).strip()
    place = place.strip() or default_place(organization)
    errors: dict[str, list[str]] = {}
    _check_choices(errors, kind, confidentiality)
    _check_number(errors, number)
    _check_text(errors, summary=summary, type_code=type_code, issuer_code=issuer_code, place=place)
    if not type_code:
        add_error(errors, "type_code", _("Thiếu ký hiệu loại văn bản."))
    raise_if(errors)
    term = term_of(organization, issued_on)
    document = Document(
        organization=organization,
        org_path=organization.path,
        direction=Direction.OUTGOING,
        kind=kind,
        type_code=type_code,
        number=_take_number(organization, type_code, term, number),
        issuer_code=issuer_code,
        issuer_name=committee_name(organization),
        issued_on=issued_on,
        place=place,
        summary=summary.strip(),
        body=body,
        signer_name=signer_name.strip(),
        signer_title=signer_title.strip(),
        recipients=recipients,
        confidentiality=confidentiality,
        term_start=term,
        registered_by=user if getattr(user, "is_authenticated", False) else None,
    )
    save_as(document, user)
    return document


@transaction.atomic
def register_incoming(
    user: Any,
    *,
    organization: Organization,
    kind: str,
    type_code: str,
    number: int | None,
    issuer_code: str,
    issuer_name: str,
    issued_on: date,
    received_on: date,
    summary: str,
    body: str = "",
    signer_name: str = "",
    signer_title: str = "",
    place: str = "",
    confidentiality: str = Confidentiality.NORMAL,
) -> Document:
    """Enter a document received from above or outside in the organisation's book."""
    _require_staff(user, organization)
    errors: dict[str, list[str]] = {}
    _check_choices(errors, kind, confidentiality)
    _check_number(errors, number)
    _check_text(
        errors,
        summary=summary,
        type_code=type_code,
        issuer_code=issuer_code,
        issuer_name=issuer_name,
        place=place,
    )
    if not type_code.strip():
        add_error(errors, "type_code", _("Thiếu ký hiệu loại văn bản."))
    if not issuer_name.strip():
        add_error(errors, "issuer_name", _("Thiếu tên cơ quan ban hành."))
    if received_on < issued_on:
        add_error(errors, "received_on", _("Ngày đến không được trước ngày ban hành."))
    raise_if(errors)
    document = Document(
        organization=organization,
        org_path=organization.path,
        direction=Direction.INCOMING,
        kind=kind,
        type_code=type_code.strip(),
        number=number,
        issuer_code=issuer_code.strip(),
        issuer_name=issuer_name.strip(),
        issued_on=issued_on,
        received_on=received_on,
        place=place.strip(),
        summary=summary.strip(),
        body=body,
        signer_name=signer_name.strip(),
        signer_title=signer_title.strip(),
        confidentiality=confidentiality,
        registered_by=user if getattr(user, "is_authenticated", False) else None,
    )
    save_as(document, user)
    return document


# ---------------------------------------------------------------------------
# Files attached to a document: the same types and size as a meeting's files


@transaction.atomic
def attach_file(user: Any, document: Document, *, title: str, upload: Any) -> DocumentFile:
    """Attach a file (the signed scan, an appendix) to a document of the registry."""
    _require_staff(user, document.organization)
    errors: dict[str, list[str]] = {}
    name = check_upload(upload, "upload", errors)
    title = (title or "").strip() or name.strip()
    if not title:
        add_error(errors, "title", _("Ghi tên tệp đính kèm."))
    elif len(title) > 255:
        add_error(errors, "title", _("Không được dài quá %(n)s ký tự.") % {"n": 255})
    raise_if(errors)
    attached = DocumentFile(document=document, org_path=document.org_path, title=title, file=upload)
    save_as(attached, user)
    return attached


# ---------------------------------------------------------------------------
# Templates per kind of document


@transaction.atomic
def save_template(
    user: Any,
    *,
    organization: Organization,
    kind: str,
    signature_prefix: str,
    signer_title: str = "",
    recipients: str = "",
    body: str = "",
) -> DocumentTemplate:
    """Create or change the organisation's template of one kind of document."""
    _require_staff(user, organization)
    errors: dict[str, list[str]] = {}
    if kind not in DocumentKind.values:
        add_error(errors, "kind", _("Loại văn bản không hợp lệ."))
    signature_prefix = signature_prefix.strip()
    signer_title = signer_title.strip()
    if not signature_prefix:
        add_error(errors, "signature_prefix", _("Ghi dòng thẩm quyền ký, ví dụ “T/M ĐẢNG ỦY”."))
    for field, value in (("signature_prefix", signature_prefix), ("signer_title", signer_title)):
        if len(value) > 120:
            add_error(errors, field, _("Không được dài quá %(n)s ký tự.") % {"n": 120})
    raise_if(errors)
    template = DocumentTemplate.objects.filter(organization=organization, kind=kind).first()
    if template is None:
        template = DocumentTemplate(
            organization=organization, org_path=organization.path, kind=kind
        )
    template.signature_prefix = signature_prefix
    template.signer_title = signer_title
    template.recipients = recipients.strip()
    template.body = body.strip()
    save_as(template, user)
    return template
