"""API shapes of work programmes, tasks, targets and reviews (issue 8).

Outputs describe what ``programs.api`` answers; inputs only parse types and
formats (``InputSerializer``): the rules (owner inside the subtree, deadline
inside the period, progress 0–100 …) are ``programs.services``' and come back
as Vietnamese field errors. Periods ("2022-Q1", "quý 1/2022") and deadlines
("tháng 4/2022") are read by ``programs.periods`` in the API, so a bad one is
a 400 naming the field. Ids of related rows (owner, responsible, documents)
resolve among the rows the user can see: an id out of scope reads exactly like
one that does not exist.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Model, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from dangvu.core.api import InputSerializer
from dangvu.documents import access
from dangvu.documents.models import Document
from dangvu.meetings.models import Meeting
from dangvu.members.models import Member
from dangvu.organizations.models import Agency, Organization
from dangvu.organizations.serializers import VisibleOrganizationField
from dangvu.programs.models import Programme, Task, TaskFile
from dangvu.programs.periods import Period, deadline_text, is_overdue

MAX_ID = 2**63 - 1
MIN_YEAR, MAX_YEAR = 1930, 2100
# The two kinds of owning body of a task (``TaskOwnerKindEnum`` in the schema).
OWNER_KINDS = [("org", _("tổ chức đảng")), ("agency", _("cơ quan, đoàn thể"))]


def _today(context: dict[str, Any]) -> date:
    today: date | None = context.get("today")
    return today or timezone.localdate()


def bounded(label: Any, low: int, high: int, **kwargs: Any) -> serializers.IntegerField:
    """An integer with Vietnamese bound messages (DRF builds its validators in ``__init__``)."""
    messages: dict[str, Any] = {
        "min_value": _("Phải lớn hơn hoặc bằng {min_value}."),
        "max_value": _("Phải nhỏ hơn hoặc bằng {max_value}."),
    }
    return serializers.IntegerField(
        label=label, min_value=low, max_value=high, error_messages=messages, **kwargs
    )


def text_field(label: Any, max_length: int | None = None, **kwargs: Any) -> serializers.CharField:
    if max_length is not None:
        kwargs["max_length"] = max_length
    kwargs.setdefault("default", "")
    return serializers.CharField(label=label, required=False, allow_blank=True, **kwargs)


# ---------------------------------------------------------------------------
# References


class VisibleRelatedField(serializers.PrimaryKeyRelatedField):
    """An id resolved among the rows of ``model`` the requesting user can see."""

    def __init__(self, model: type[Model], missing: Any, **kwargs: Any) -> None:
        self.model = model
        kwargs.setdefault("error_messages", {})
        kwargs["error_messages"] = {
            "does_not_exist": missing,
            "incorrect_type": _("Phải là mã số (id) của đối tượng."),
            "required": _("Trường này là bắt buộc."),
            "null": _("Trường này không được để trống."),
            **kwargs["error_messages"],
        }
        super().__init__(queryset=model._default_manager.all(), **kwargs)

    def get_queryset(self) -> QuerySet[Any]:
        request = self.context.get("request")
        user = getattr(request, "user", None)
        return self.model._default_manager.visible_to(user)  # type: ignore[attr-defined]

    def to_internal_value(self, data: Any) -> Any:
        # A number beyond the database's integers is an id that does not exist, not a 500.
        if isinstance(data, int) and not isinstance(data, bool) and not 0 < data <= MAX_ID:
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(data)


def visible(model: type[Model], missing: Any, *, many: bool = False, **kwargs: Any) -> Any:
    """A visible-row id field, or a list of them (``many``, an empty list by default)."""
    if many:
        child = VisibleRelatedField(model, missing)
        return serializers.ManyRelatedField(
            child_relation=child,
            required=False,
            default=list,  # type: ignore[arg-type]
            error_messages={
                "not_a_list": _("Phải là một danh sách mã số."),
                "empty": _("Danh sách không được để trống."),
            },
            **kwargs,
        )
    return VisibleRelatedField(model, missing, **kwargs)


def organization_field(**kwargs: Any) -> VisibleOrganizationField:
    return VisibleOrganizationField(**kwargs)


def agency_field(**kwargs: Any) -> Any:
    return visible(Agency, _("Không tìm thấy cơ quan, đoàn thể có mã số {pk_value}."), **kwargs)


def member_field(**kwargs: Any) -> Any:
    return visible(Member, _("Không tìm thấy đảng viên có mã số {pk_value}."), **kwargs)


def document_field(**kwargs: Any) -> Any:
    return visible(Document, _("Không tìm thấy văn bản có mã số {pk_value}."), **kwargs)


def programme_field(**kwargs: Any) -> Any:
    return visible(
        Programme, _("Không tìm thấy chương trình công tác có mã số {pk_value}."), **kwargs
    )


def meeting_field(**kwargs: Any) -> Any:
    return visible(Meeting, _("Không tìm thấy cuộc họp có mã số {pk_value}."), **kwargs)


class OwnerSerializer(serializers.Serializer):
    """The body a task is given to: a party organisation or an agency (HĐND, UBND …)."""

    kind = serializers.ChoiceField(choices=OWNER_KINDS)
    id = serializers.IntegerField()
    name = serializers.CharField()


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class NamedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class DocumentRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField(help_text=_("“09-NQ/ĐU”."))
    summary = serializers.CharField()
    issued_on = serializers.DateField()


def owner_data(task: Task) -> dict[str, Any] | None:
    if task.owner_org is not None:
        return {"kind": "org", "id": task.owner_org.pk, "name": task.owner_org.name}
    if task.owner_agency is not None:
        return {"kind": "agency", "id": task.owner_agency.pk, "name": task.owner_agency.name}
    return None


def viewer(context: dict[str, Any]) -> Any:
    """The user an answer is for (none without a request: then no document is shown)."""
    return getattr(context.get("request"), "user", None)


def document_data(document: Document) -> dict[str, Any]:
    """A cited document, once ``documents.access`` has said the user may see it."""
    return {
        "id": document.pk,
        "code": document.code,
        "summary": document.summary,
        "issued_on": document.issued_on,
    }


def period_of(programme: Programme) -> Period:
    return Period(programme.period_kind, programme.year, programme.period_number)


# ---------------------------------------------------------------------------
# Tasks


class TaskSerializer(serializers.ModelSerializer):
    """One task as a programme lists it; ``overdue`` as of today."""

    owner = serializers.SerializerMethodField()
    responsible = serializers.SerializerMethodField()
    deadline_text = serializers.SerializerMethodField()
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Task
        fields = [
            "id",
            "programme",
            "parent",
            "order",
            "title",
            "is_key",
            "owner",
            "responsible",
            "deadline",
            "deadline_precision",
            "deadline_text",
            "status",
            "status_display",
            "progress",
            "weight",
            "overdue",
            "completed_on",
        ]
        read_only_fields = fields

    @extend_schema_field(OwnerSerializer(allow_null=True))
    def get_owner(self, task: Task) -> dict[str, Any] | None:
        return owner_data(task)

    @extend_schema_field(PersonSerializer(allow_null=True))
    def get_responsible(self, task: Task) -> dict[str, Any] | None:
        person = task.responsible
        return None if person is None else {"id": person.pk, "name": person.full_name}

    def get_deadline_text(self, task: Task) -> str:
        return deadline_text(task.deadline, task.deadline_precision)

    def get_overdue(self, task: Task) -> bool:
        return is_overdue(task.status, task.deadline, _today(self.context))


class TaskFileSerializer(serializers.ModelSerializer):
    class Meta:
        model = TaskFile
        fields = ["id", "title", "uploaded_at"]
        read_only_fields = fields


class TaskDetailSerializer(TaskSerializer):
    """Everything of one task: collaborators, evidence, documents, sub-tasks, carry-over."""

    collaborator_orgs = serializers.SerializerMethodField()
    collaborator_agencies = serializers.SerializerMethodField()
    documents = serializers.SerializerMethodField()
    files = TaskFileSerializer(many=True, read_only=True)
    sub_tasks = serializers.SerializerMethodField()
    carried_to = serializers.SerializerMethodField()
    can_report = serializers.SerializerMethodField()

    class Meta(TaskSerializer.Meta):
        fields = [
            *TaskSerializer.Meta.fields,
            "description",
            "collaborator_orgs",
            "collaborator_agencies",
            "documents",
            "evidence",
            "result_note",
            "files",
            "sub_tasks",
            "carried_from",
            "carried_to",
            "resolution",
            "can_report",
        ]
        read_only_fields = fields

    @extend_schema_field(NamedSerializer(many=True))
    def get_collaborator_orgs(self, task: Task) -> list[dict[str, Any]]:
        return [{"id": org.pk, "name": org.name} for org in task.collaborator_orgs.all()]

    @extend_schema_field(NamedSerializer(many=True))
    def get_collaborator_agencies(self, task: Task) -> list[dict[str, Any]]:
        return [{"id": a.pk, "name": a.name} for a in task.collaborator_agencies.all()]

    @extend_schema_field(DocumentRefSerializer(many=True))
    def get_documents(self, task: Task) -> list[dict[str, Any]]:
        seen = access.shown_all(viewer(self.context), task.documents.all())
        return [document_data(document) for document in seen]

    @extend_schema_field(TaskSerializer(many=True))
    def get_sub_tasks(self, task: Task) -> Any:
        return TaskSerializer(task.sub_tasks.all(), many=True, context=self.context).data

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_carried_to(self, task: Task) -> int | None:
        following = getattr(task, "carried_to", None)
        return None if following is None else int(following.pk)

    def get_can_report(self, task: Task) -> bool:
        """Whether the user may report progress, complete, mark not done or reopen it."""
        return bool(self.context.get("can_report", False))


class TaskInputSerializer(InputSerializer):
    """What ``add_task`` takes: one owner (owner_org or owner_agency), a deadline as given."""

    title = serializers.CharField(label=_("nhiệm vụ"), max_length=500)
    deadline = serializers.CharField(
        label=_("thời hạn"),
        max_length=60,
        help_text=_("“20/4/2022”, “tháng 4/2022”, “quý 2/2022”, “6 tháng đầu năm 2022”, “2022”."),
    )
    owner_org = organization_field(label=_("tổ chức đảng chủ trì"), required=False, allow_null=True)
    owner_agency = agency_field(
        label=_("cơ quan, đoàn thể chủ trì"), required=False, allow_null=True
    )
    responsible = member_field(label=_("người chịu trách nhiệm"), required=False, allow_null=True)
    description = text_field(_("nội dung"))
    is_key = serializers.BooleanField(label=_("nhiệm vụ trọng tâm"), required=False, default=False)
    # DRF's metaclass takes declared fields off the class, so this does not shadow
    # ``Field.parent`` at run time; the stubs cannot know that.
    parent = bounded(  # type: ignore[assignment]
        _("nhiệm vụ cha"), 1, MAX_ID, required=False, allow_null=True
    )
    weight = bounded(_("trọng số"), 1, 100, required=False, default=1)
    order = bounded(_("thứ tự"), 0, 32767, required=False, allow_null=True)
    collaborator_orgs = visible(
        Organization,
        _("Không tìm thấy tổ chức có mã số {pk_value}."),
        many=True,
        label=_("tổ chức đảng phối hợp"),
    )
    collaborator_agencies = agency_field(many=True, label=_("cơ quan, đoàn thể phối hợp"))
    documents = document_field(many=True, label=_("văn bản liên quan"))


class TaskUpdateSerializer(TaskInputSerializer):
    """What ``update_task`` takes (PATCH): only the fields sent are changed."""


class ProgressInputSerializer(InputSerializer):
    progress = bounded(_("tiến độ (%)"), 0, 100)
    note = text_field(_("ghi chú"))
    evidence = text_field(_("minh chứng"))


class CompleteInputSerializer(InputSerializer):
    completed_on = serializers.DateField(
        label=_("ngày hoàn thành"), required=False, help_text=_("Mặc định hôm nay.")
    )
    result_note = text_field(_("kết quả"))
    evidence = text_field(_("minh chứng"))


class NotDoneInputSerializer(InputSerializer):
    result_note = serializers.CharField(label=_("lý do, kết quả"))


class ReopenInputSerializer(InputSerializer):
    reason = serializers.CharField(label=_("lý do"))


class CarryOverInputSerializer(InputSerializer):
    to_programme = programme_field(label=_("chuyển sang chương trình"))
    deadline = text_field(
        _("thời hạn mới"), 60, help_text=_("Bỏ trống: giữ thời hạn cũ nếu còn trong kỳ mới.")
    )
    reason = text_field(_("lý do"))


# ---------------------------------------------------------------------------
# Programmes


class ProgrammeSerializer(serializers.ModelSerializer):
    """A programme with its period and every task (the prefetched ``tasks``)."""

    organization_name = serializers.CharField(source="organization.name", read_only=True)
    period = serializers.SerializerMethodField()
    period_label = serializers.SerializerMethodField()
    document = serializers.SerializerMethodField()
    task_count = serializers.SerializerMethodField()
    key_task_count = serializers.SerializerMethodField()
    tasks = serializers.SerializerMethodField()

    class Meta:
        model = Programme
        fields = [
            "id",
            "organization",
            "organization_name",
            "period",
            "period_label",
            "period_kind",
            "year",
            "period_number",
            "starts_on",
            "ends_on",
            "title",
            "document",
            "note",
            "task_count",
            "key_task_count",
            "tasks",
        ]
        read_only_fields = fields

    def get_period(self, programme: Programme) -> str:
        """“2022-Q1”, “2022-H1”, “2022-04”, “2022”."""
        return period_of(programme).code

    def get_period_label(self, programme: Programme) -> str:
        """“quý 1/2022”."""
        return period_of(programme).label

    @extend_schema_field(DocumentRefSerializer(allow_null=True))
    def get_document(self, programme: Programme) -> dict[str, Any] | None:
        document = access.shown(viewer(self.context), programme.document)
        return None if document is None else document_data(document)

    def get_task_count(self, programme: Programme) -> int:
        """The programme's tasks as a review counts them: sub-tasks are parts of their parent."""
        return sum(1 for task in programme.tasks.all() if task.parent_id is None)

    def get_key_task_count(self, programme: Programme) -> int:
        return sum(1 for task in programme.tasks.all() if task.parent_id is None and task.is_key)

    @extend_schema_field(TaskSerializer(many=True))
    def get_tasks(self, programme: Programme) -> Any:
        return TaskSerializer(programme.tasks.all(), many=True, context=self.context).data


class ProgrammeInputSerializer(InputSerializer):
    """What ``create_programme`` takes: the organisation and the period as written."""

    organization = organization_field(label=_("tổ chức"))
    period = serializers.CharField(
        label=_("kỳ"),
        max_length=60,
        help_text=_("“2022-Q1”, “quý 1/2022”, “2022-H1”, “tháng 4/2022”, “2022” …"),
    )
    title = text_field(
        _("tên chương trình"), 255, help_text=_("Mặc định “Chương trình công tác quý 1/2022”.")
    )
    document = document_field(label=_("thực hiện văn bản"), required=False, allow_null=True)
    note = text_field(_("ghi chú"))
