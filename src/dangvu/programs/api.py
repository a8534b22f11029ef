"""API of work programmes, registered on the /api/v1/ router (issue 8).

* ``programs``: the programmes of an organisation and a period
  (``?organization=&period=2022-Q1``) with their tasks; create one; add a task
  (``POST programs/{id}/tasks/``);
* ``tasks``: the tasks in scope, by owning body, person, status, overdue;
  change one (PATCH); report ``progress``, ``complete``, ``not-done``,
  ``reopen``; ``carry-over`` to a later programme;
* ``targets`` and ``reviews``: in ``api_reviews.py``.

Every write goes through ``programs.services`` (the rules, the Vietnamese
messages, the history); every read through the scope rule (404 out of scope,
403 read-only). Progress is reported by the programme's keepers, the owning
body's and the responsible member (``services.can_report``).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from dangvu.api_router import router
from dangvu.core import scope
from dangvu.core.api import NOT_FOUND, WRITE, ScopedViewSet
from dangvu.documents import access
from dangvu.programs import services
from dangvu.programs.filters import ProgrammeFilterSet, TaskFilterSet
from dangvu.programs.models import Programme, Task
from dangvu.programs.serializers import (
    CarryOverInputSerializer,
    CompleteInputSerializer,
    NotDoneInputSerializer,
    ProgrammeInputSerializer,
    ProgrammeSerializer,
    ProgressInputSerializer,
    ReopenInputSerializer,
    TaskDetailSerializer,
    TaskInputSerializer,
    TaskSerializer,
    TaskUpdateSerializer,
)


def task_rows() -> QuerySet[Task]:
    """Tasks with what a row shows joined in: owner, person (no N+1)."""
    return Task.objects.select_related("owner_org", "owner_agency", "responsible").order_by(
        "order", "id"
    )


def parent_task(programme_id: int, pk: int | None) -> Task | None:
    """A parent named by id must be a task of the same programme."""
    if pk is None:
        return None
    found = Task.objects.filter(programme_id=programme_id, pk=pk).first()
    if found is None:
        raise ValidationError({"parent": [_("Không có nhiệm vụ này trong chương trình.")]})
    return found


# ---------------------------------------------------------------------------
# Programmes


@extend_schema_view(
    list=extend_schema(
        summary=_("Chương trình công tác"),
        description=_(
            "Chương trình công tác của một tổ chức (organization=) trong một kỳ (period=2022-Q1, "
            "quý 1/2022, 2022-H1, 2022-04, 2022), kèm các nhiệm vụ: chủ trì, người chịu trách "
            "nhiệm, thời hạn (như đã giao: “trong tháng 4/2022”), tình trạng, tiến độ, quá hạn."
        ),
    ),
    retrieve=extend_schema(
        summary=_("Một chương trình công tác và các nhiệm vụ"),
        responses={200: ProgrammeSerializer, 404: NOT_FOUND},
    ),
)
class ProgrammeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    model = Programme
    serializer_class = ProgrammeSerializer
    filterset_class = ProgrammeFilterSet
    action_serializers: ClassVar[dict[str, Any]] = {
        "create": ProgrammeInputSerializer,
        "tasks": TaskInputSerializer,
    }

    def base_queryset(self) -> QuerySet[Programme]:
        return (
            Programme.objects.select_related("organization", "document")
            .prefetch_related(Prefetch("tasks", queryset=task_rows()))
            .order_by("-starts_on", "ends_on", "org_path", "id")
        )

    @extend_schema(
        summary=_("Lập chương trình công tác"),
        description=_(
            "Một chương trình cho một tổ chức và một kỳ; mỗi tổ chức một chương trình mỗi kỳ. "
            "Tên mặc định “Chương trình công tác quý 1/2022”."
        ),
        request=ProgrammeInputSerializer,
        responses={201: ProgrammeSerializer, **WRITE},
    )
    def create(self, request: Request) -> Response:
        data = self.parsed(ProgrammeInputSerializer)
        organization = data.pop("organization")
        self.require_edit_at(organization.path)
        programme = services.create_programme(request.user, organization=organization, **data)
        answer = ProgrammeSerializer(
            self.base_queryset().get(pk=programme.pk), context=self.get_serializer_context()
        )
        return Response(answer.data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Giao một nhiệm vụ trong chương trình"),
        description=_(
            "Một nơi chủ trì (owner_org: tổ chức đảng, hoặc owner_agency: cơ quan, đoàn thể) "
            "trong tổ chức có chương trình; thời hạn như đã giao: “20/4/2022”, “tháng 4/2022”, "
            "“quý 2/2022”; parent: nhiệm vụ cha (cùng chương trình)."
        ),
        request=TaskInputSerializer,
        responses={201: TaskDetailSerializer, **WRITE},
    )
    @action(detail=True, methods=["post"])
    def tasks(self, request: Request, pk: str | None = None) -> Response:
        programme = self.get_object()
        data = self.parsed(TaskInputSerializer)
        data["parent"] = parent_task(programme.pk, data.get("parent"))
        task = services.add_task(request.user, programme, **data)
        return Response(task_detail(request, task), status=status.HTTP_201_CREATED)


# ---------------------------------------------------------------------------
# Tasks


def task_detail(request: Request, task: Task) -> dict[str, Any]:
    """One task with everything (a fixed number of queries)."""
    task = (
        Task.objects.select_related("owner_org", "owner_agency", "responsible", "carried_to")
        .prefetch_related(
            "collaborator_orgs",
            "collaborator_agencies",
            access.linked_prefetch(request.user),
            "files",
            Prefetch("sub_tasks", queryset=task_rows()),
        )
        .get(pk=task.pk)
    )
    context = {"request": request, "can_report": services.can_report(request.user, task)}
    data: dict[str, Any] = TaskDetailSerializer(task, context=context).data
    return data


@extend_schema_view(
    list=extend_schema(
        summary=_("Nhiệm vụ"),
        description=_(
            "Các nhiệm vụ trong phạm vi người dùng, hạn sớm nhất trước; lọc theo chương trình, "
            "nơi chủ trì (organization= tổ chức đảng, agency= cơ quan, đoàn thể), người chịu "
            "trách nhiệm (responsible=), tình trạng, quá hạn hôm nay (overdue=true), trọng tâm."
        ),
    ),
)
class TaskViewSet(mixins.ListModelMixin, ScopedViewSet):
    model = Task
    serializer_class = TaskSerializer
    filterset_class = TaskFilterSet
    action_serializers: ClassVar[dict[str, Any]] = {
        "retrieve": TaskDetailSerializer,
        "partial_update": TaskUpdateSerializer,
        "progress": ProgressInputSerializer,
        "complete": CompleteInputSerializer,
        "not_done": NotDoneInputSerializer,
        "reopen": ReopenInputSerializer,
        "carry_over": CarryOverInputSerializer,
    }

    def base_queryset(self) -> QuerySet[Task]:
        return Task.objects.select_related("owner_org", "owner_agency", "responsible").order_by(
            "deadline", "programme_id", "order", "id"
        )

    def reportable(self) -> Task:
        """The task, when the user may report on it: 404 out of scope, 403 otherwise."""
        task: Task = scope.for_user(self.request.user, self.base_queryset(), self.kwargs["pk"])
        if not services.can_report(self.request.user, task):
            raise PermissionDenied
        return task

    @extend_schema(
        summary=_("Một nhiệm vụ"),
        description=_(
            "Mọi thông tin của nhiệm vụ: phối hợp, minh chứng, văn bản, nhiệm vụ con, chuyển "
            "kỳ; can_report: người dùng có được báo cáo tiến độ không."
        ),
        responses={200: TaskDetailSerializer, 404: NOT_FOUND},
    )
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        return Response(task_detail(request, self.get_object()))

    @extend_schema(
        summary=_("Sửa nhiệm vụ"),
        description=_("Chỉ nhiệm vụ chưa kết thúc; cùng các điều kiện như khi giao."),
        request=TaskUpdateSerializer,
        responses={200: TaskDetailSerializer, **WRITE},
    )
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        task = self.get_object()
        data = self.parsed(TaskUpdateSerializer, partial=True)
        if "parent" in data:
            data["parent"] = parent_task(task.programme_id, data["parent"])
        task = services.update_task(request.user, task, **data)
        return Response(task_detail(request, task))

    @extend_schema(
        summary=_("Báo cáo tiến độ"),
        description=_(
            "Tiến độ 0–100%; nhiệm vụ có nhiệm vụ con tự tính theo trọng số, không nhập tay."
        ),
        request=ProgressInputSerializer,
        responses={200: TaskDetailSerializer, **WRITE},
    )
    @action(detail=True, methods=["post"])
    def progress(self, request: Request, pk: str | None = None) -> Response:
        task = self.reportable()
        data = self.parsed(ProgressInputSerializer)
        return Response(task_detail(request, services.report_progress(request.user, task, **data)))

    @extend_schema(
        summary=_("Ghi hoàn thành"),
        description=_(
            "Hoàn thành đúng hạn hoặc chậm, theo ngày hoàn thành (mặc định hôm nay) so với "
            "thời hạn; nhiệm vụ cha chỉ hoàn thành khi mọi nhiệm vụ con đã xong."
        ),
        request=CompleteInputSerializer,
        responses={200: TaskDetailSerializer, **WRITE},
    )
    @action(detail=True, methods=["post"])
    def complete(self, request: Request, pk: str | None = None) -> Response:
        task = self.reportable()
        data = self.parsed(CompleteInputSerializer)
        data["completed_on"] = data.get("completed_on") or timezone.localdate()
        return Response(task_detail(request, services.complete_task(request.user, task, **data)))

    @extend_schema(
        summary=_("Ghi không hoàn thành"),
        request=NotDoneInputSerializer,
        responses={200: TaskDetailSerializer, **WRITE},
    )
    @action(detail=True, methods=["post"], url_path="not-done")
    def not_done(self, request: Request, pk: str | None = None) -> Response:
        task = self.reportable()
        data = self.parsed(NotDoneInputSerializer)
        return Response(task_detail(request, services.mark_not_done(request.user, task, **data)))

    @extend_schema(
        summary=_("Mở lại nhiệm vụ"),
        description=_("Trở lại “đang thực hiện”; lý do ghi vào lịch sử."),
        request=ReopenInputSerializer,
        responses={200: TaskDetailSerializer, **WRITE},
    )
    @action(detail=True, methods=["post"])
    def reopen(self, request: Request, pk: str | None = None) -> Response:
        task = self.reportable()
        data = self.parsed(ReopenInputSerializer)
        return Response(task_detail(request, services.reopen_task(request.user, task, **data)))

    @extend_schema(
        summary=_("Chuyển nhiệm vụ sang kỳ sau"),
        description=_(
            "Sang một chương trình sau của cùng tổ chức: nhiệm vụ cũ thành “chuyển kỳ sau”, "
            "nhiệm vụ mới giữ nơi chủ trì, người chịu trách nhiệm, phối hợp, văn bản và tiến độ. "
            "Trả về nhiệm vụ mới."
        ),
        request=CarryOverInputSerializer,
        responses={201: TaskDetailSerializer, **WRITE},
    )
    @action(detail=True, methods=["post"], url_path="carry-over")
    def carry_over(self, request: Request, pk: str | None = None) -> Response:
        task = self.get_object()
        data = self.parsed(CarryOverInputSerializer)
        data["deadline"] = data.get("deadline") or None
        new_task = services.carry_over(request.user, task, **data)
        return Response(task_detail(request, new_task), status=status.HTTP_201_CREATED)


router.register("programs", ProgrammeViewSet, basename="programme")
router.register("tasks", TaskViewSet, basename="task")
