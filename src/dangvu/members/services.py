"""Every write to the member registry goes through here (ARCHITECTURE.md, rule 1).

Pages, the API, the CLI and the import all call ``create_member`` /
``update_member`` / ``place_member``, so they validate alike: the rules are in
``validate_member`` and speak Vietnamese, field by field.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from dangvu.core.services import add_error, raise_if, save_as
from dangvu.core.text import fold, normalize_name
from dangvu.core.versioning import lock, save_changed, stored
from dangvu.members import rules
from dangvu.members.choices import Gender, PlacementKind, PoliticalTheory, Qualification, Status
from dangvu.members.duplicates import logs_refused_duplicates
from dangvu.members.models import Member, Placement
from dangvu.organizations.models import Organization

# The fields a person may set on a member (the status lifecycle has its own services).
PROFILE_FIELDS = (
    "full_name",
    "gender",
    "birth_date",
    "birth_place",
    "home_town",
    "ethnicity",
    "religion",
    "national_id",
    "phone",
    "address",
    "health_note",
    "education_level",
    "qualification",
    "political_theory",
    "occupation",
    "card_number",
    "profile_number",
    "admission_decision_date",
    "admission_decision_number",
    "ceremony_date",
    "official_date",
)
# No member of today's registry was born or admitted before 1900; an earlier date is a typo.
EARLIEST_DATE = date(1900, 1, 1)
DATE_FIELDS = ("birth_date", "admission_decision_date", "ceremony_date", "official_date")


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    for field, value in data.items():
        if isinstance(value, str):
            value = normalize_name(value)
        if field in ("national_id", "card_number") and value == "":
            value = None
        cleaned[field] = value
    return cleaned


def validate_member(
    data: dict[str, Any],
    *,
    instance: Member | None = None,
    today: date | None = None,
    check_duplicates: bool = True,
) -> dict[str, list[str]]:
    """Every problem with a member's profile, by field, in Vietnamese. Writes nothing.

    ``check_duplicates=False`` leaves out the three duplicate queries, for a caller
    that checks duplicates of many rows at once (the import does).
    """
    errors: dict[str, list[str]] = {}
    today = today or date.today()
    merged = {f: getattr(instance, f) for f in PROFILE_FIELDS} if instance else {}
    merged.update(data)
    _check_required(merged, errors)
    _check_choices(merged, errors)
    _check_formats(merged, errors)
    _check_dates(merged, errors, today)
    if check_duplicates and not errors:
        _check_duplicates(merged, errors, instance)
    return errors


def _check_required(d: dict[str, Any], errors: dict[str, list[str]]) -> None:
    if not d.get("full_name"):
        add_error(errors, "full_name", _("Thiếu họ và tên."))
    if not d.get("gender"):
        add_error(errors, "gender", _("Thiếu giới tính."))
    if not d.get("birth_date"):
        add_error(errors, "birth_date", _("Thiếu ngày sinh."))


# Read once: ``Choices.values`` builds a new list on every access (the import checks many rows).
_GENDERS = frozenset(Gender.values)
_QUALIFICATIONS = frozenset(Qualification.values)
_THEORIES = frozenset(PoliticalTheory.values)


def _check_choices(d: dict[str, Any], errors: dict[str, list[str]]) -> None:
    if d.get("gender") and d["gender"] not in _GENDERS:
        add_error(errors, "gender", _("Giới tính phải là Nam hoặc Nữ."))
    if d.get("qualification") and d["qualification"] not in _QUALIFICATIONS:
        add_error(errors, "qualification", _("Trình độ chuyên môn không hợp lệ."))
    if d.get("political_theory") and d["political_theory"] not in _THEORIES:
        add_error(errors, "political_theory", _("Trình độ lý luận chính trị không hợp lệ."))


def _check_formats(d: dict[str, Any], errors: dict[str, list[str]]) -> None:
    birth = d.get("birth_date") if isinstance(d.get("birth_date"), date) else None
    if d.get("national_id"):
        problem = rules.national_id_problem(d["national_id"], d.get("gender"), birth)
        if problem:
            add_error(errors, "national_id", problem)
    if d.get("card_number"):
        problem = rules.card_number_problem(d["card_number"])
        if problem:
            add_error(errors, "card_number", problem)
    if d.get("phone"):
        problem = rules.phone_problem(d["phone"])
        if problem:
            add_error(errors, "phone", problem)
    for field in DATE_FIELDS:
        if d.get(field) is not None and not isinstance(d[field], date):
            add_error(errors, field, _("Ngày không hợp lệ (dạng dd/mm/yyyy)."))


def _check_dates(d: dict[str, Any], errors: dict[str, list[str]], today: date) -> None:
    dates: dict[str, date] = {f: d[f] for f in DATE_FIELDS if isinstance(d.get(f), date)}
    for field, value in dates.items():
        if value > today:
            add_error(errors, field, _("Ngày không được sau ngày hôm nay."))
        elif value < EARLIEST_DATE:
            add_error(errors, field, _("Ngày không được trước năm 1900."))
    birth = dates.get("birth_date")
    admitted = dates.get("admission_decision_date") or dates.get("ceremony_date")
    if birth and admitted and not rules.is_old_enough_for_admission(birth, admitted):
        add_error(
            errors,
            "birth_date",
            _("Chưa đủ 18 tuổi (tính theo tháng) vào ngày kết nạp %(day)s.")
            % {"day": admitted.strftime("%d/%m/%Y")},
        )
    decision, ceremony = dates.get("admission_decision_date"), dates.get("ceremony_date")
    if decision and ceremony and ceremony < decision:
        add_error(
            errors, "ceremony_date", _("Ngày vào Đảng không được trước ngày quyết định kết nạp.")
        )
    official = dates.get("official_date")
    if official and ceremony and official < ceremony:
        add_error(errors, "official_date", _("Ngày chính thức không được trước ngày vào Đảng."))
    if official and not ceremony:
        add_error(errors, "ceremony_date", _("Có ngày chính thức thì phải có ngày vào Đảng."))


def _check_duplicates(
    d: dict[str, Any], errors: dict[str, list[str]], instance: Member | None
) -> None:
    others = Member.objects.exclude(pk=instance.pk) if instance else Member.objects.all()
    if d.get("national_id") and others.filter(national_id=d["national_id"]).exists():
        add_error(errors, "national_id", _("Số CCCD này đã có trong danh sách đảng viên."))
    if d.get("card_number") and others.filter(card_number=d["card_number"]).exists():
        add_error(errors, "card_number", _("Số thẻ đảng viên này đã có."))
    same_person = others.filter(
        birth_date=d["birth_date"], sort_key__startswith=fold(d["full_name"]).split(" ")[-1]
    )
    folded = fold(d["full_name"])
    if any(fold(name) == folded for name in same_person.values_list("full_name", flat=True)):
        add_error(
            errors,
            "full_name",
            _("Đã có đảng viên cùng họ tên và ngày sinh; kiểm tra lại để tránh trùng hồ sơ."),
        )


def _status_for(d: dict[str, Any]) -> str:
    return Status.FULL if d.get("official_date") else Status.PROBATIONARY


def _check_cell(cell: Organization, errors: dict[str, list[str]]) -> None:
    if not cell.is_member_unit:
        add_error(errors, "cell", _("Đảng viên chỉ sinh hoạt tại chi bộ."))
    elif cell.ended_on:
        add_error(errors, "cell", _("Chi bộ đã kết thúc hoạt động."))


# For ``members.bulk``, which writes many members the way ``create_member`` writes one.
clean_profile = _clean
status_for = _status_for
check_cell = _check_cell


@logs_refused_duplicates("data")
@transaction.atomic
def create_member(
    *,
    actor: Any,
    cell: Organization,
    data: dict[str, Any],
    placed_on: date | None = None,
    today: date | None = None,
    check_duplicates: bool = True,
) -> Member:
    """Add a member to the registry with a permanent placement in ``cell``.

    ``placed_on`` defaults to the ceremony date (or today for a file without one).
    ``check_duplicates=False`` is for a caller that has checked a whole file at once.
    """
    data = _clean(data)
    unknown = set(data) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"unknown member fields: {sorted(unknown)}")
    errors = validate_member(data, today=today, check_duplicates=check_duplicates)
    _check_cell(cell, errors)
    raise_if(errors)
    member = Member(**data, cell=cell, org_path=cell.path, status=_status_for(data))
    member.status_date = data.get("official_date") or data.get("ceremony_date")
    save_as(member, actor)
    start = placed_on or data.get("ceremony_date") or today or date.today()
    placement = Placement(
        member=member,
        cell=cell,
        org_path=cell.path,
        kind=PlacementKind.PERMANENT,
        start_date=start,
    )
    save_as(placement, actor)
    return member


@logs_refused_duplicates("changes")
@transaction.atomic
def update_member(
    member: Member, *, actor: Any, changes: dict[str, Any], check_duplicates: bool = True
) -> Member:
    """Change profile fields; status follows the official date for active members.

    The row is re-read under a lock and only the fields that change are written,
    so a concurrent change of another field is never lost (issue 14, item 4).
    """
    changes = _clean(changes)
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"unknown member fields: {sorted(unknown)}")
    lock(member)
    before = stored(member)
    raise_if(validate_member(changes, instance=member, check_duplicates=check_duplicates))
    for field, value in changes.items():
        setattr(member, field, value)
    if member.status in (Status.PROBATIONARY, Status.FULL):
        member.status = Status.FULL if member.official_date else Status.PROBATIONARY
    save_changed(member, actor, before)
    return member


@transaction.atomic
def place_member(
    member: Member,
    cell: Organization,
    *,
    actor: Any,
    start_date: date,
    kind: str = PlacementKind.PERMANENT,
    note: str = "",
) -> Placement:
    """Move a member to ``cell`` from ``start_date`` (the open placement of that kind ends)."""
    errors: dict[str, list[str]] = {}
    _check_cell(cell, errors)
    open_ = member.placements.filter(kind=kind, end_date__isnull=True)
    if open_.filter(Q(start_date__gte=start_date)).exists():
        add_error(errors, "start_date", _("Ngày chuyển phải sau ngày bắt đầu sinh hoạt hiện tại."))
    if kind == PlacementKind.PERMANENT and member.cell_id == cell.pk:
        add_error(errors, "cell", _("Đảng viên đang sinh hoạt chính thức tại chi bộ này."))
    raise_if(errors)
    for current in open_:
        current.end_date = start_date
        save_as(current, actor)
    placement = Placement(
        member=member, cell=cell, org_path=cell.path, kind=kind, start_date=start_date, note=note
    )
    save_as(placement, actor)
    if kind == PlacementKind.PERMANENT:
        member.cell = cell
        member.org_path = cell.path
        save_as(member, actor)
    return placement
