"""Every write of a work programme and its tasks, and the reads pages and API share.

"Rõ người, rõ việc, rõ thời gian": a task has one owning body, a responsible
person and a deadline as it was given. The programme's organisation writes
its structure (``PROGRAM_EDIT_ROLES`` at or above it); progress is reported
also by the owning body's keepers and by the responsible member (``can_report``).
Every function is atomic, records its author and writes nothing on error.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from dangvu.core.files import check_upload
from dangvu.core.services import add_error, raise_if, save_as
from dangvu.core.text import fmt_day
from dangvu.documents import access
from dangvu.documents.models import Document
from dangvu.members.models import Member
from dangvu.organizations.models import Agency, Organization
from dangvu.programs.choices import OPEN_STATUSES, PeriodKind
from dangvu.programs.models import Programme, Task, TaskFile
from dangvu.programs.periods import Deadline, Period, period_of
from dangvu.programs.services_base import (
    Errors,
    check_writable,
    clean_text,
    inside,
    lock_task,
    next_order,
    parse_deadline_field,
    parse_period_field,
    require_edit,
    roll_up,
    visible_documents,
)
from dangvu.programs.services_base import can_edit_at as can_edit_at
from dangvu.programs.services_base import can_edit_programme as can_edit_programme
from dangvu.programs.services_base import can_report as can_report
from dangvu.programs.services_targets import add_target as add_target
from dangvu.programs.services_targets import record_target_value as record_target_value
from dangvu.programs.services_targets import refresh_computed as refresh_computed
from dangvu.programs.services_tasks import carry_over as carry_over
from dangvu.programs.services_tasks import complete_task as complete_task
from dangvu.programs.services_tasks import mark_not_done as mark_not_done
from dangvu.programs.services_tasks import reopen_task as reopen_task
from dangvu.programs.services_tasks import report_progress as report_progress

# The fields ``update_task`` may change (``add_task``'s keyword arguments).
TASK_FIELDS = (
    "title",
    "deadline",
    "owner_org",
    "owner_agency",
    "responsible",
    "description",
    "is_key",
    "parent",
    "weight",
    "collaborator_orgs",
    "collaborator_agencies",
    "documents",
    "order",
)
M2M_FIELDS = ("collaborator_orgs", "collaborator_agencies", "documents")
MAX_WEIGHT = 100


# ---------------------------------------------------------------------------
# Programmes


def default_programme_title(period: Period) -> str:
    return _("Chương trình công tác %(period)s") % {"period": period.label}


@transaction.atomic
def create_programme(
    user: Any,
    *,
    organization: Organization,
    period: str | Period,
    title: str = "",
    document: Document | None = None,
    note: str = "",
) -> Programme:
    """The work programme of an organisation for a year, a half, a quarter or a month."""
    require_edit(user, organization.path)
    errors: Errors = {}
    parsed = parse_period_field(period, errors)
    title = clean_text(title, "title", 255, errors)
    note = clean_text(note, "note", 0, errors)
    if (
        document is not None
        and not Document.objects.visible_to(user).filter(pk=document.pk).exists()
    ):
        add_error(errors, "document", _("Văn bản không thuộc phạm vi được xem."))
    if (
        parsed is not None
        and Programme.objects.filter(
            organization=organization,
            period_kind=parsed.kind,
            year=parsed.year,
            period_number=parsed.number,
        ).exists()
    ):
        add_error(
            errors,
            "period",
            _("%(org)s đã có chương trình công tác %(period)s.")
            % {"org": organization.name, "period": parsed.label},
        )
    raise_if(errors)
    assert parsed is not None
    programme = Programme(
        organization=organization,
        org_path=organization.path,
        period_kind=str(parsed.kind),
        year=parsed.year,
        period_number=parsed.number,
        starts_on=parsed.starts_on,
        ends_on=parsed.ends_on,
        title=title or default_programme_title(parsed),
        document=document,
        note=note,
    )
    save_as(programme, user)
    return programme


def programme_period(programme: Programme) -> Period:
    return Period(programme.period_kind, programme.year, programme.period_number)


# ---------------------------------------------------------------------------
# Tasks: structure


def _check_owner(values: dict[str, Any], root: str, errors: Errors) -> None:
    owner_org, owner_agency = values.get("owner_org"), values.get("owner_agency")
    if owner_org is None and owner_agency is None:
        add_error(errors, "owner_org", _("Chọn tổ chức đảng hoặc cơ quan, đoàn thể chủ trì."))
    elif owner_org is not None and owner_agency is not None:
        add_error(errors, "owner_org", _("Chỉ chọn một nơi chủ trì: tổ chức đảng hoặc cơ quan."))
    elif owner_org is not None and not inside(owner_org.path, root):
        add_error(errors, "owner_org", _("Tổ chức chủ trì không thuộc tổ chức có chương trình."))
    elif owner_agency is not None and not inside(owner_agency.org_path, root):
        add_error(errors, "owner_agency", _("Cơ quan chủ trì không thuộc tổ chức có chương trình."))


def _check_people(values: dict[str, Any], root: str, errors: Errors) -> None:
    responsible = values.get("responsible")
    if responsible is not None and not inside(responsible.org_path, root):
        add_error(
            errors, "responsible", _("Người chịu trách nhiệm không thuộc tổ chức có chương trình.")
        )
    if any(not inside(o.path, root) for o in values.get("collaborator_orgs", ())):
        add_error(
            errors, "collaborator_orgs", _("Tổ chức phối hợp không thuộc tổ chức có chương trình.")
        )
    if any(not inside(a.org_path, root) for a in values.get("collaborator_agencies", ())):
        add_error(
            errors,
            "collaborator_agencies",
            _("Cơ quan phối hợp không thuộc tổ chức có chương trình."),
        )


def _check_parent(
    values: dict[str, Any], programme: Programme, task: Task | None, errors: Errors
) -> None:
    parent = values.get("parent")
    if parent is None:
        return
    if parent.programme_id != programme.pk:
        add_error(errors, "parent", _("Nhiệm vụ cha phải thuộc cùng chương trình."))
    elif parent.parent_id is not None or (task is not None and parent.pk == task.pk):
        add_error(errors, "parent", _("Nhiệm vụ chỉ chia một cấp nhiệm vụ con."))
    elif task is not None and task.sub_tasks.exists():
        add_error(errors, "parent", _("Nhiệm vụ đã có nhiệm vụ con không làm nhiệm vụ con được."))
    elif parent.status not in OPEN_STATUSES:
        add_error(errors, "parent", _("Nhiệm vụ cha đã kết thúc."))


def _check_task(
    user: Any,
    values: dict[str, Any],
    programme: Programme,
    task: Task | None,
    errors: Errors,
    changed: set[str] | None = None,
) -> Deadline | None:
    """Check every field of a task (new or changed); returns the parsed deadline."""
    values["title"] = clean_text(values.get("title"), "title", 500, errors, _("Ghi tên nhiệm vụ."))
    values["description"] = clean_text(values.get("description"), "description", 0, errors)
    deadline = parse_deadline_field(values.get("deadline"), errors)
    if deadline is not None and deadline.day < programme.starts_on:
        add_error(
            errors,
            "deadline",
            _("Thời hạn không được trước ngày bắt đầu kỳ (%(day)s).")
            % {"day": fmt_day(programme.starts_on)},
        )
    weight = values.get("weight")
    if isinstance(weight, bool) or not isinstance(weight, int) or not 1 <= weight <= MAX_WEIGHT:
        add_error(errors, "weight", _("Trọng số là số nguyên từ 1 đến %(n)s.") % {"n": MAX_WEIGHT})
    order = values.get("order")
    if order is not None and (isinstance(order, bool) or not isinstance(order, int) or order < 0):
        add_error(errors, "order", _("Thứ tự là số nguyên không âm."))
    _check_owner(values, programme.org_path, errors)
    _check_parent(values, programme, task, errors)
    # People and documents are checked when given: a change of the title stays
    # possible after the responsible member moved away or above a document's reach.
    given = {k: v for k, v in values.items() if changed is None or k in changed}
    _check_people(given, programme.org_path, errors)
    visible_documents(user, given.get("documents", ()), errors)
    return deadline


def _owner_path(task: Task) -> str:
    if task.owner_org is not None:
        return task.owner_org.path
    return task.owner_agency.org_path if task.owner_agency is not None else ""


def _apply(task: Task, values: Mapping[str, Any], deadline: Deadline) -> None:
    for name in ("title", "description", "owner_org", "owner_agency", "responsible", "parent"):
        setattr(task, name, values.get(name))
    task.is_key = bool(values.get("is_key"))
    task.weight = values["weight"]
    task.deadline = deadline.day
    task.deadline_precision = str(deadline.precision)
    task.owner_path = _owner_path(task)


def _set_m2m(task: Task, values: Mapping[str, Any]) -> None:
    for name in M2M_FIELDS:
        if name in values:
            getattr(task, name).set(list(values[name]))


@transaction.atomic
def add_task(
    user: Any,
    programme: Programme,
    *,
    title: str,
    deadline: str | Deadline | date,
    owner_org: Organization | None = None,
    owner_agency: Agency | None = None,
    responsible: Member | None = None,
    description: str = "",
    is_key: bool = False,
    parent: Task | None = None,
    weight: int = 1,
    collaborator_orgs: Iterable[Organization] = (),
    collaborator_agencies: Iterable[Agency] = (),
    documents: Iterable[Document] = (),
    order: int | None = None,
) -> Task:
    """A task of the programme: what, given to which body, who answers for it, by when."""
    require_edit(user, programme.org_path)
    values: dict[str, Any] = {
        "title": title,
        "deadline": deadline,
        "owner_org": owner_org,
        "owner_agency": owner_agency,
        "responsible": responsible,
        "description": description,
        "is_key": is_key,
        "parent": parent,
        "weight": weight,
        "collaborator_orgs": list(collaborator_orgs),
        "collaborator_agencies": list(collaborator_agencies),
        "documents": list(documents),
        "order": order,
    }
    errors: Errors = {}
    parsed = _check_task(user, values, programme, None, errors)
    raise_if(errors)
    assert parsed is not None
    task = Task(programme=programme, org_path=programme.org_path)
    _apply(task, values, parsed)
    siblings = Task.objects.filter(programme=programme, parent=parent)
    task.order = order if order is not None else next_order(siblings)
    save_as(task, user)
    _set_m2m(task, values)
    if parent is not None:
        roll_up(user, parent.pk)
    return task


def _current_values(task: Task) -> dict[str, Any]:
    values = {name: getattr(task, name) for name in TASK_FIELDS if name not in M2M_FIELDS}
    values["deadline"] = Deadline(task.deadline, task.deadline_precision)
    for name in M2M_FIELDS:
        values[name] = list(getattr(task, name).all())
    return values


@transaction.atomic
def update_task(user: Any, task: Task, **fields: Any) -> Task:
    """Change a task still open (the same checks as ``add_task``)."""
    unknown = set(fields) - set(TASK_FIELDS)
    if unknown:
        raise ValueError(f"unknown task fields: {sorted(unknown)}")
    require_edit(user, task.org_path)
    task = lock_task(task)
    errors: Errors = {}
    check_writable(task, errors)
    raise_if(errors)
    values = _current_values(task)
    # Naming one owner replaces the other kind of owner.
    if fields.get("owner_org") is not None and "owner_agency" not in fields:
        values["owner_agency"] = None
    if fields.get("owner_agency") is not None and "owner_org" not in fields:
        values["owner_org"] = None
    values.update(fields)
    for name in M2M_FIELDS:
        values[name] = list(values[name])
    old_parent_id = task.parent_id
    parsed = _check_task(user, values, task.programme, task, errors, set(fields))
    raise_if(errors)
    assert parsed is not None
    _apply(task, values, parsed)
    if values.get("order") is not None:
        task.order = values["order"]
    save_as(task, user)
    if "documents" in fields:
        # A new list of documents keeps the linked ones the writer may not see
        # (decision 0015): nobody removes what they cannot know is there.
        values["documents"] += access.hidden_ids(user, task.documents.all())
    _set_m2m(task, {k: v for k, v in values.items() if k in fields})
    for parent_id in {old_parent_id, task.parent_id} - {None}:
        roll_up(user, parent_id)
    return task


@transaction.atomic
def add_task_file(user: Any, task: Task, *, title: str, upload: Any) -> TaskFile:
    """Evidence of a task as a file (report, minutes, photo)."""
    if not (can_edit_at(user, task.org_path) or can_report(user, task)):
        raise PermissionDenied
    errors: Errors = {}
    name = check_upload(upload, "upload", errors)
    title = clean_text(title or name, "title", 255, errors, _("Ghi tên tài liệu."))
    raise_if(errors)
    attached = TaskFile(task=task, org_path=task.org_path, title=title, file=upload)
    save_as(attached, user)
    return attached


# ---------------------------------------------------------------------------
# A meeting's resolution handed off as a task (meetings.hand_off_resolution)

# The shorter the period, the closer the programme to the resolution's deadline.
_SPAN = {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 2, PeriodKind.HALF: 3, PeriodKind.YEAR: 4}


def task_reference(task: Task) -> str:
    return f"programs.task:{task.pk}"


@transaction.atomic
def task_from_resolution(user: Any, resolution: Any) -> str:
    """Make a task of a held meeting's resolution; the same reference when called again.

    The task goes to the programme of the meeting's organisation whose period
    contains the deadline (the shortest one); that quarter's programme is made
    when there is none.
    """
    existing = Task.objects.filter(resolution=resolution).first()
    if existing is not None:
        return task_reference(existing)
    meeting = resolution.meeting
    organization = meeting.organization
    due_on = resolution.due_on
    programmes = list(
        Programme.objects.filter(
            organization=organization, starts_on__lte=due_on, ends_on__gte=due_on
        )
    )
    if programmes:
        programme = min(programmes, key=lambda p: _SPAN[PeriodKind(p.period_kind)])
    else:
        period = period_of(PeriodKind.QUARTER, due_on)
        programme = create_programme(user, organization=organization, period=period)
    description = _("Người, bộ phận thực hiện: %(owner)s. Theo nghị quyết kỳ họp ngày %(day)s.") % {
        "owner": resolution.owner_name,
        "day": fmt_day(meeting.date),
    }
    task = add_task(
        user,
        programme,
        title=resolution.text.strip()[:500],
        deadline=Deadline(due_on),
        owner_org=organization,
        description=description,
    )
    task.resolution = resolution
    save_as(task, user)
    return task_reference(task)


# ---------------------------------------------------------------------------
# Reads shared by pages and API (fixed query counts)


def task_queryset(user: Any) -> QuerySet[Task]:
    """The tasks the user sees, with what a list shows (owner, person, programme)."""
    return (
        Task.objects.visible_to(user)
        .select_related("programme", "owner_org", "owner_agency", "responsible", "parent")
        .order_by("deadline", "programme_id", "order", "id")
    )


def tasks_for_body(
    user: Any, *, organization: Organization | None = None, agency: Agency | None = None
) -> QuerySet[Task]:
    """The tasks a body (a party organisation or an agency) owns, in every programme."""
    queryset = task_queryset(user)
    if organization is not None:
        return queryset.filter(owner_org=organization)
    if agency is not None:
        return queryset.filter(owner_agency=agency)
    return queryset.none()


def tasks_for_person(user: Any, member: Member) -> QuerySet[Task]:
    """The tasks a member answers for."""
    return task_queryset(user).filter(responsible=member)


def programmes_for(
    user: Any, organization: Organization, period: Period | None = None
) -> QuerySet[Programme]:
    """The programmes of an organisation (of one period when given) with their tasks."""
    queryset = Programme.objects.visible_to(user).filter(organization=organization)
    if period is not None:
        queryset = queryset.filter(
            period_kind=period.kind, year=period.year, period_number=period.number
        )
    tasks = Task.objects.select_related(
        "owner_org", "owner_agency", "responsible", "parent"
    ).order_by("order", "id")
    return (
        queryset.select_related("organization", "document")
        .prefetch_related(Prefetch("tasks", queryset=tasks))
        .order_by("-starts_on", "ends_on", "id")
    )
