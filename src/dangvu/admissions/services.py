"""Every write of the admission process goes through here (ARCHITECTURE.md, rule 1).

Candidates are proposed by a cell, move forward one dated step at a time
(``advance_candidate``), and become probationary members on the ceremony date
(``admit_candidate``); the probation ends with ``recognise_member`` or
``refuse_recognition``. Each function is atomic, checks everything first and
raises one Vietnamese ``ValidationError`` with nothing written.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.admissions import rules
from dangvu.admissions.choices import Stage
from dangvu.admissions.models import AdmissionTarget, AwarenessCourse, Candidate, CandidateStep
from dangvu.core.services import add_error, raise_if, save_as
from dangvu.core.text import normalize_name
from dangvu.core.versioning import lock, save_changed, stored
from dangvu.members import rules as member_rules
from dangvu.members import services as member_services
from dangvu.members.choices import (
    ACTIVE_STATUSES,
    Gender,
    PlacementKind,
    PoliticalTheory,
    Qualification,
    Status,
)
from dangvu.members.decisions import Decision, record_event
from dangvu.members.duplicates import logs_refused_duplicates
from dangvu.members.models import Member, MembershipEvent, Placement
from dangvu.organizations.models import Organization

Errors = dict[str, list[str]]
Kind = MembershipEvent.Kind

# The profile a person may set on a candidate (copied to the member at admission).
CANDIDATE_FIELDS = (
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
    "education_level",
    "qualification",
    "political_theory",
    "occupation",
    "over_age_decision",
)
# The candidate fields a member's profile has too.
COPIED_TO_MEMBER = tuple(f for f in CANDIDATE_FIELDS if f != "over_age_decision")
# The statuses of a former member who may be admitted again (Quy định 24-QĐ/TW, 3.5).
READMISSIBLE_STATUSES = frozenset({Status.REMOVED, Status.LEFT})
# Stages reached only through their own service.
OWN_SERVICE_STAGES = frozenset({Stage.CEREMONY_HELD, Stage.WITHDRAWN})


def certificate_valid_months() -> int:
    """How long an awareness course certificate is valid (a setting: the rule is unconfirmed)."""
    return int(getattr(settings, "DANGVU_COURSE_CERTIFICATE_VALID_MONTHS", 60))


def _day(value: date) -> str:
    return value.strftime("%d/%m/%Y")


# ---------------------------------------------------------------------------
# The candidate's profile


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    for field, value in data.items():
        if isinstance(value, str):
            value = normalize_name(value)
        if field == "national_id" and value == "":
            value = None
        cleaned[field] = value
    return cleaned


def validate_candidate(
    data: dict[str, Any], *, instance: Candidate | None = None, today: date | None = None
) -> Errors:
    """Every problem with a candidate's profile, by field, in Vietnamese. Writes nothing."""
    errors: Errors = {}
    merged = {f: getattr(instance, f) for f in CANDIDATE_FIELDS} if instance else {}
    merged.update(data)
    if not merged.get("full_name"):
        add_error(errors, "full_name", _("Thiếu họ và tên."))
    if merged.get("gender") not in Gender.values:
        add_error(errors, "gender", _("Giới tính phải là Nam hoặc Nữ."))
    if merged.get("qualification") and merged["qualification"] not in Qualification.values:
        add_error(errors, "qualification", _("Trình độ chuyên môn không hợp lệ."))
    if merged.get("political_theory") and merged["political_theory"] not in PoliticalTheory.values:
        add_error(errors, "political_theory", _("Trình độ lý luận chính trị không hợp lệ."))
    _check_birth(merged.get("birth_date"), errors, today or date.today())
    _check_formats(merged, errors)
    if not errors:
        _check_duplicates(merged, errors, instance)
    return errors


def _check_birth(birth: Any, errors: Errors, today: date) -> None:
    if not birth:
        add_error(errors, "birth_date", _("Thiếu ngày sinh."))
    elif not isinstance(birth, date):
        add_error(errors, "birth_date", _("Ngày không hợp lệ (dạng dd/mm/yyyy)."))
    elif birth > today:
        add_error(errors, "birth_date", _("Ngày không được sau ngày hôm nay."))
    elif birth < member_services.EARLIEST_DATE:
        add_error(errors, "birth_date", _("Ngày không được trước năm 1900."))


def _check_formats(d: dict[str, Any], errors: Errors) -> None:
    birth = d.get("birth_date") if isinstance(d.get("birth_date"), date) else None
    if d.get("national_id"):
        problem = member_rules.national_id_problem(d["national_id"], d.get("gender"), birth)
        if problem:
            add_error(errors, "national_id", problem)
    if d.get("phone"):
        problem = member_rules.phone_problem(d["phone"])
        if problem:
            add_error(errors, "phone", problem)


def _check_duplicates(d: dict[str, Any], errors: Errors, instance: Candidate | None) -> None:
    national_id = d.get("national_id")
    if not national_id:
        return
    candidates = Candidate.objects.filter(national_id=national_id)
    if instance is not None:
        candidates = candidates.exclude(pk=instance.pk)
    if candidates.exists():
        add_error(errors, "national_id", _("Số CCCD này đã có trong danh sách quần chúng."))
    own = {
        pk
        for pk in (
            instance.member_id if instance else None,
            d.get("previous_member_id") or (instance.previous_member_id if instance else None),
        )
        if pk
    }
    if Member.objects.filter(national_id=national_id).exclude(pk__in=own).exists():
        add_error(errors, "national_id", _("Số CCCD này đã có trong danh sách đảng viên."))


def _check_cell(cell: Organization, errors: Errors) -> None:
    if not cell.is_member_unit:
        add_error(errors, "cell", _("Quần chúng phải do một chi bộ đề nghị."))
    elif cell.ended_on:
        add_error(errors, "cell", _("Chi bộ đã kết thúc hoạt động."))


def _check_introducers(cell: Organization, introducers: list[Member], errors: Errors) -> None:
    # Quy định 24-QĐ/TW, 3.2: the introducers are members of the proposing cell.
    for introducer in introducers:
        if introducer.status not in ACTIVE_STATUSES:
            add_error(
                errors,
                "introducers",
                _("%(name)s không còn sinh hoạt đảng.") % {"name": introducer.full_name},
            )
        elif not introducer.org_path.startswith(cell.path):
            add_error(
                errors,
                "introducers",
                _("%(name)s không sinh hoạt tại chi bộ đề nghị.") % {"name": introducer.full_name},
            )


def _check_previous(previous: Member | None, errors: Errors) -> None:
    if previous is None:
        return
    if previous.status not in READMISSIBLE_STATUSES:
        add_error(
            errors,
            "previous_member",
            _("Chỉ kết nạp lại người đã bị xóa tên hoặc đã ra khỏi Đảng."),
        )
    elif previous.events.filter(kind=Kind.READMISSION, cancelled=False).exists():
        add_error(errors, "previous_member", _("Người này đã được kết nạp lại một lần."))


@logs_refused_duplicates("data")
@transaction.atomic
def propose_candidate(
    *,
    actor: Any,
    cell: Organization,
    data: dict[str, Any],
    introducers: list[Member] | tuple[Member, ...] = (),
    previous_member: Member | None = None,
    proposed_on: date | None = None,
    today: date | None = None,
) -> Candidate:
    """A cell proposes an outstanding non-member (first step: ``PROPOSED``, dated)."""
    data = _clean(data)
    unknown = set(data) - set(CANDIDATE_FIELDS)
    if unknown:
        raise ValueError(f"unknown candidate fields: {sorted(unknown)}")
    today = today or date.today()
    check = {**data, "previous_member_id": previous_member.pk if previous_member else None}
    errors = validate_candidate(check, today=today)
    _check_cell(cell, errors)
    _check_introducers(cell, list(introducers), errors)
    _check_previous(previous_member, errors)
    day = proposed_on or today
    if day > today:
        add_error(errors, "proposed_on", _("Ngày không được sau ngày hôm nay."))
    raise_if(errors)
    candidate = Candidate(
        **data, cell=cell, org_path=cell.path, stage=Stage.PROPOSED, previous_member=previous_member
    )
    save_as(candidate, actor)
    candidate.introducers.set(introducers)
    _record_step(candidate, Stage.PROPOSED, day, actor, decided_by=cell.name)
    return candidate


@logs_refused_duplicates("changes")
@transaction.atomic
def update_candidate(
    candidate: Candidate,
    *,
    actor: Any,
    changes: dict[str, Any],
    introducers: list[Member] | None = None,
) -> Candidate:
    """Change a candidate's profile (the stage has its own services)."""
    changes = _clean(changes)
    unknown = set(changes) - set(CANDIDATE_FIELDS)
    if unknown:
        raise ValueError(f"unknown candidate fields: {sorted(unknown)}")
    # Only the fields that change are written, on the row re-read under a lock.
    lock(candidate)
    before = stored(candidate)
    errors = validate_candidate(changes, instance=candidate)
    if introducers is not None:
        _check_introducers(candidate.cell, introducers, errors)
    raise_if(errors)
    for field, value in changes.items():
        setattr(candidate, field, value)
    save_changed(candidate, actor, before)
    if introducers is not None:
        candidate.introducers.set(introducers)
    return candidate


# ---------------------------------------------------------------------------
# The steps


def _record_step(
    candidate: Candidate,
    stage: str,
    day: date,
    actor: Any,
    *,
    decided_by: str = "",
    document_number: str = "",
    note: str = "",
) -> CandidateStep:
    step = CandidateStep(
        candidate=candidate,
        org_path=candidate.org_path,
        stage=stage,
        date=day,
        decided_by=decided_by.strip()[:255],
        document_number=document_number.strip()[:60],
        note=note.strip()[:500],
    )
    save_as(step, actor)
    return step


def last_step(candidate: Candidate) -> CandidateStep | None:
    return candidate.steps.order_by("-date", "-id").first()


def _check_move(candidate: Candidate, stage: str, day: date, today: date, errors: Errors) -> None:
    if not rules.may_move(candidate.stage, stage):
        expected = rules.next_stage(candidate.stage)
        add_error(
            errors,
            "stage",
            _(
                "Không thể chuyển từ bước “%(current)s” sang “%(target)s”; "
                "bước tiếp theo là “%(next)s”."
            )
            % {
                "current": Stage(candidate.stage).label,
                "target": Stage(stage).label if stage in Stage.values else stage,
                "next": Stage(expected).label if expected else "—",
            },
        )
    if day > today:
        add_error(errors, "date", _("Ngày không được sau ngày hôm nay."))
    previous = last_step(candidate)
    if previous and day < previous.date:
        add_error(
            errors,
            "date",
            _("Ngày không được trước ngày của bước trước (%(day)s).")
            % {"day": _day(previous.date)},
        )


def _check_certificate(
    candidate: Candidate, certificate_date: date | None, on: date, errors: Errors
) -> None:
    """Hướng dẫn 01-HD/TW, 3.2: the course certificate, still valid when the cell decides."""
    if certificate_date is None:
        add_error(
            errors,
            "certificate_date",
            _("Chưa có giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng."),
        )
    elif certificate_date > on:
        add_error(errors, "certificate_date", _("Ngày cấp giấy chứng nhận sau ngày của bước này."))
    elif not rules.certificate_valid_on(certificate_date, on, certificate_valid_months()):
        add_error(
            errors,
            "certificate_date",
            _("Giấy chứng nhận lớp nhận thức về Đảng đã hết hạn (hết hạn ngày %(day)s).")
            % {
                "day": _day(rules.certificate_expires(certificate_date, certificate_valid_months()))
            },
        )


def _check_age(candidate: Candidate, on: date, errors: Errors) -> None:
    """Quy định 24-QĐ/TW, 1.1: 18 to 60 in months on the day the cell considers the case."""
    if rules.is_under_age(candidate.birth_date, on):
        add_error(
            errors,
            "birth_date",
            _("Chưa đủ 18 tuổi (tính theo tháng) vào ngày chi bộ xét %(day)s.") % {"day": _day(on)},
        )
    elif rules.is_over_age(candidate.birth_date, on) and not candidate.over_age_decision:
        add_error(
            errors,
            "over_age_decision",
            _("Quá 60 tuổi vào ngày chi bộ xét %(day)s: cần văn bản đồng ý của cấp ủy cấp trên.")
            % {"day": _day(on)},
        )


@transaction.atomic
def advance_candidate(
    candidate: Candidate,
    *,
    actor: Any,
    stage: str,
    date: date,
    decided_by: str = "",
    document_number: str = "",
    course: AwarenessCourse | None = None,
    certificate_date: date | None = None,
    certificate_number: str = "",
    note: str = "",
    today: date | None = None,
) -> CandidateStep:
    """Record the next step of the candidate, dated, with its deciding body and document."""
    day = date
    today = today or type(day).today()
    errors: Errors = {}
    if stage in OWN_SERVICE_STAGES:
        add_error(
            errors,
            "stage",
            _("Lễ kết nạp ghi bằng chức năng “Kết nạp”, dừng xem xét bằng “Dừng xem xét”."),
        )
        raise_if(errors)
    _check_move(candidate, stage, day, today, errors)
    if stage == Stage.COURSE_SENT and course is not None and not course.org_path:
        add_error(errors, "course", _("Lớp nhận thức về Đảng không hợp lệ."))
    if stage == Stage.COURSE_COMPLETED:
        _check_certificate(candidate, certificate_date, day, errors)
    if stage == Stage.CELL_RESOLUTION:
        _check_certificate(candidate, candidate.certificate_date, day, errors)
        _check_age(candidate, day, errors)
    raise_if(errors)
    if course is not None:
        candidate.course = course
    if stage == Stage.COURSE_COMPLETED:
        candidate.certificate_date = certificate_date
        candidate.certificate_number = certificate_number.strip()[:40]
    candidate.stage = stage
    save_as(candidate, actor)
    return _record_step(
        candidate,
        stage,
        day,
        actor,
        decided_by=decided_by,
        document_number=document_number,
        note=note,
    )


@transaction.atomic
def withdraw_candidate(
    candidate: Candidate, *, actor: Any, date: date, note: str = "", today: date | None = None
) -> CandidateStep:
    """Stop considering a candidate (any stage before the ceremony); the record stays."""
    day = date
    errors: Errors = {}
    if not rules.may_move(candidate.stage, Stage.WITHDRAWN):
        add_error(errors, "stage", _("Quần chúng này không còn ở bước có thể dừng xem xét."))
    else:
        _check_move(candidate, Stage.WITHDRAWN, day, today or type(day).today(), errors)
    if not note.strip():
        add_error(errors, "note", _("Ghi lý do dừng xem xét."))
    raise_if(errors)
    candidate.stage = Stage.WITHDRAWN
    save_as(candidate, actor)
    return _record_step(candidate, Stage.WITHDRAWN, day, actor, note=note)


# ---------------------------------------------------------------------------
# Admission and re-admission


def _decision_step(candidate: Candidate) -> CandidateStep | None:
    return candidate.steps.filter(stage=Stage.ADMISSION_DECISION).order_by("-date", "-id").first()


def _record_event(
    member: Member,
    kind: str,
    effective: date,
    actor: Any,
    *,
    decided_by: str = "",
    decision_number: str = "",
    decision_date: date | None = None,
    reason: str = "",
) -> MembershipEvent:
    decision = Decision(effective, decided_by, decision_number, decision_date, reason)
    return record_event(member, kind, decision, actor)


@transaction.atomic
def admit_candidate(
    candidate: Candidate,
    *,
    actor: Any,
    ceremony_date: date,
    card_number: str = "",
    today: date | None = None,
) -> Member:
    """Hold the ceremony: the candidate becomes a probationary member from that day.

    A ceremony later than 30 working days after the decision is accepted (it
    is recorded as it happened); the inbox shows it overdue until then.
    """
    today = today or date.today()
    errors: Errors = {}
    decision = _decision_step(candidate)
    if candidate.stage != Stage.ADMISSION_DECISION or decision is None:
        add_error(errors, "stage", _("Chỉ tổ chức lễ kết nạp khi đã có quyết định kết nạp."))
        raise_if(errors)
    assert decision is not None
    if ceremony_date < decision.date:
        add_error(
            errors,
            "ceremony_date",
            _("Ngày lễ kết nạp không được trước ngày quyết định kết nạp %(day)s.")
            % {"day": _day(decision.date)},
        )
    if ceremony_date > today:
        add_error(errors, "ceremony_date", _("Ngày không được sau ngày hôm nay."))
    raise_if(errors)
    if candidate.previous_member_id:
        member = _readmit(candidate, decision, ceremony_date, actor, today)
    else:
        member = _admit_new(candidate, decision, ceremony_date, card_number, actor, today)
    candidate.member = member
    candidate.stage = Stage.CEREMONY_HELD
    save_as(candidate, actor)
    _record_step(
        candidate, Stage.CEREMONY_HELD, ceremony_date, actor, decided_by=candidate.cell.name
    )
    return member


def _admit_new(
    candidate: Candidate,
    decision: CandidateStep,
    ceremony: date,
    card_number: str,
    actor: Any,
    today: date,
) -> Member:
    data: dict[str, Any] = {f: getattr(candidate, f) for f in COPIED_TO_MEMBER}
    data.update(
        admission_decision_date=decision.date,
        admission_decision_number=decision.document_number,
        ceremony_date=ceremony,
        card_number=card_number,
    )
    member = member_services.create_member(
        actor=actor, cell=candidate.cell, data=data, placed_on=ceremony, today=today
    )
    _record_event(
        member,
        Kind.ADMISSION,
        ceremony,
        actor,
        decided_by=decision.decided_by,
        decision_number=decision.document_number,
        decision_date=decision.date,
    )
    return member


def _readmit(
    candidate: Candidate, decision: CandidateStep, ceremony: date, actor: Any, today: date
) -> Member:
    """The same member record, a new probation; the earlier membership and the gap stay."""
    member = Member.objects.select_for_update().get(pk=candidate.previous_member_id)
    errors: Errors = {}
    _check_previous(member, errors)
    if member.status_date and ceremony <= member.status_date:
        add_error(
            errors,
            "ceremony_date",
            _("Ngày kết nạp lại phải sau ngày ra khỏi Đảng %(day)s.")
            % {"day": _day(member.status_date)},
        )
    raise_if(errors)
    member.cell = candidate.cell
    member.org_path = candidate.cell.path
    member.ceremony_date = ceremony
    member.official_date = None
    member.status = Status.PROBATIONARY
    member.status_date = ceremony
    save_as(member, actor)
    placement = Placement(
        member=member,
        cell=candidate.cell,
        org_path=candidate.cell.path,
        kind=PlacementKind.PERMANENT,
        start_date=ceremony,
    )
    save_as(placement, actor)
    _record_event(
        member,
        Kind.READMISSION,
        ceremony,
        actor,
        decided_by=decision.decided_by,
        decision_number=decision.document_number,
        decision_date=decision.date,
    )
    return member


# ---------------------------------------------------------------------------
# Recognition at the end of probation


def _check_probationary(member: Member, errors: Errors) -> None:
    if member.status != Status.PROBATIONARY or member.ceremony_date is None:
        add_error(errors, "status", _("Chỉ xét công nhận chính thức cho đảng viên dự bị."))


def _check_meeting(
    member: Member, meeting: date, decision: date | None, today: date, errors: Errors
) -> None:
    assert member.ceremony_date is not None
    end = rules.probation_end(member.ceremony_date)
    if meeting < end:
        add_error(
            errors,
            "meeting_date",
            _("Chưa hết 12 tháng dự bị (hết ngày %(day)s).") % {"day": _day(end)},
        )
    if meeting > today:
        add_error(errors, "meeting_date", _("Ngày không được sau ngày hôm nay."))
    if decision and decision < meeting:
        add_error(errors, "decision_date", _("Ngày quyết định không được trước ngày họp chi bộ."))
    if decision and decision > today:
        add_error(errors, "decision_date", _("Ngày không được sau ngày hôm nay."))


@transaction.atomic
def recognise_member(
    member: Member,
    *,
    actor: Any,
    meeting_date: date,
    decided_by: str = "",
    decision_number: str = "",
    decision_date: date | None = None,
    today: date | None = None,
) -> MembershipEvent:
    """Recognise a probationary member as full (Điều lệ Đảng, Điều 5).

    The member is full from the day the 12 months end, whatever the meeting or
    the decision date (Quy định 24-QĐ/TW, 4.2).
    """
    today = today or date.today()
    errors: Errors = {}
    _check_probationary(member, errors)
    raise_if(errors)
    _check_meeting(member, meeting_date, decision_date, today, errors)
    raise_if(errors)
    assert member.ceremony_date is not None
    official = rules.official_date(member.ceremony_date)
    member.official_date = official
    member.status = Status.FULL
    member.status_date = official
    save_as(member, actor)
    return _record_event(
        member,
        Kind.RECOGNITION,
        official,
        actor,
        decided_by=decided_by,
        decision_number=decision_number,
        decision_date=decision_date,
        reason=_("Chi bộ họp xét ngày %(day)s.") % {"day": _day(meeting_date)},
    )


@transaction.atomic
def refuse_recognition(
    member: Member,
    *,
    actor: Any,
    meeting_date: date,
    decided_by: str = "",
    decision_number: str = "",
    decision_date: date | None = None,
    reason: str,
    today: date | None = None,
) -> MembershipEvent:
    """Not recognised: the event, and the member is struck off (xóa tên).

    Quy định 24-QĐ/TW, 4.3: a probationary member who does not qualify is
    proposed for removal; the competent committee's decision removes them.
    """
    from dangvu.members.decisions import remove_member

    today = today or date.today()
    errors: Errors = {}
    _check_probationary(member, errors)
    if not reason.strip():
        add_error(errors, "reason", _("Ghi lý do không công nhận."))
    raise_if(errors)
    _check_meeting(member, meeting_date, decision_date, today, errors)
    raise_if(errors)
    effective = decision_date or meeting_date
    why = _("%(reason)s — đề nghị xóa tên.") % {"reason": reason.strip()}
    event = _record_event(
        member,
        Kind.NOT_RECOGNISED,
        effective,
        actor,
        decided_by=decided_by,
        decision_number=decision_number,
        decision_date=decision_date,
        reason=why,
    )
    remove_member(
        member,
        actor=actor,
        effective_date=effective,
        decided_by=decided_by,
        decision_number=decision_number,
        decision_date=decision_date,
        reason=why,
        today=today,
    )
    return event


# ---------------------------------------------------------------------------
# Targets and courses

# "The page showed nothing to compare": the API and the demo set a target outright.
UNSEEN: Any = object()


def _blank(value: int | None) -> str:
    return "—" if value is None else str(value)


@transaction.atomic
def set_admission_target(
    cell: Organization, year: int, target: int, *, actor: Any, shown: Any = UNSEEN
) -> AdmissionTarget:
    """The number of members the cell aims to admit in ``year`` (one per cell and year).

    ``shown`` is the target the page showed when it was opened (``None``: none yet);
    when the stored one differs, someone changed it meanwhile and nothing is written
    (no lost update, issue 14, item 4). Callers that show nothing leave it out.
    """
    errors: Errors = {}
    _check_cell(cell, errors)
    if not 1900 <= year <= 2200:
        add_error(errors, "year", _("Năm không hợp lệ."))
    if target < 0 or target > 1000:
        add_error(errors, "target", _("Chỉ tiêu phải từ 0 đến 1000."))
    raise_if(errors)
    row = AdmissionTarget.objects.select_for_update().filter(cell=cell, year=year).first()
    current = row.target if row is not None else None
    if shown is not UNSEEN and shown != current:
        add_error(
            errors,
            "target",
            _(
                "Chỉ tiêu của %(cell)s đã được người khác đổi từ %(shown)s thành "
                "%(current)s từ khi bạn mở trang; không lưu. Xem lại rồi lưu lại."
            )
            % {"cell": cell.name, "shown": _blank(shown), "current": _blank(current)},
        )
        raise_if(errors)
    if row is None:
        row = AdmissionTarget(cell=cell, org_path=cell.path, year=year, target=target)
    row.target = target
    save_as(row, actor)
    return row


@transaction.atomic
def create_awareness_course(
    *, actor: Any, organization: Organization, name: str, start_date: date, end_date: date
) -> AwarenessCourse:
    """Record a Party awareness course run by a committee."""
    errors: Errors = {}
    name = normalize_name(name or "")
    if not name:
        add_error(errors, "name", _("Thiếu tên lớp."))
    if end_date < start_date:
        add_error(errors, "end_date", _("Ngày bế giảng không được trước ngày khai giảng."))
    if organization.ended_on:
        add_error(errors, "organization", _("Tổ chức đã kết thúc hoạt động."))
    raise_if(errors)
    course = AwarenessCourse(
        organization=organization,
        org_path=organization.path,
        name=name[:255],
        start_date=start_date,
        end_date=end_date,
    )
    save_as(course, actor)
    return course
