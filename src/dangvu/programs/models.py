"""Work programmes, their tasks, targets (chỉ tiêu) and the reviews of a period.

Seed 001: a quarterly programme of 34 tasks, each given to a body (a party
organisation or an ``Agency``: HĐND, UBND, MTTQ, the mass organisations) with a
responsible person and a deadline — "rõ người, rõ việc, rõ thời gian". Every
write goes through ``services`` (history kept, nothing deleted).
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dangvu.core.models import ScopedQuerySet
from dangvu.programs.choices import (
    Comparison,
    NoteKind,
    PeriodKind,
    Precision,
    TargetSource,
    TaskStatus,
)

# Committee staff and leaders write the programme; a cell secretary writes the cell's.
PROGRAM_EDIT_ROLES = frozenset({"staff", "leader", "cell_secretary"})


class Programme(models.Model):
    """The work programme of one organisation for one period (year, half, quarter, month).

    ``period_number`` is 1–4 for a quarter, 1–2 for a half, 1–12 for a month and
    0 for a year; ``starts_on``/``ends_on`` are that period's first and last
    day (written by the services from the period). ``document`` is the
    resolution or plan the programme implements (e.g. 09-NQ/ĐU).
    """

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("tổ chức"),
        on_delete=models.PROTECT,
        related_name="programmes",
    )
    org_path = models.CharField(_("đường dẫn tổ chức"), max_length=255, editable=False)
    period_kind = models.CharField(_("loại kỳ"), max_length=10, choices=PeriodKind.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    period_number = models.PositiveSmallIntegerField(_("kỳ số"), default=0)
    starts_on = models.DateField(_("từ ngày"), editable=False)
    ends_on = models.DateField(_("đến ngày"), editable=False)
    title = models.CharField(_("tên chương trình"), max_length=255)
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("thực hiện văn bản"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="programmes",
    )
    note = models.TextField(_("ghi chú"), blank=True)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope_path_field: ClassVar[str] = "org_path"
    scope_edit_roles: ClassVar[frozenset[str]] = PROGRAM_EDIT_ROLES

    class Meta:
        verbose_name = _("chương trình công tác")
        verbose_name_plural = _("chương trình công tác")
        ordering = ["org_path", "-starts_on", "ends_on"]
        indexes = [models.Index(fields=["org_path", "starts_on"], name="programme_scope_start")]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "period_kind", "year", "period_number"],
                name="programme_unique_period",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Task(models.Model):
    """One task of a programme: what, given to which body, who answers for it, by when.

    The deadline is stored as the last day of what was given ("trong tháng
    4/2022" → 30/4/2022) with ``deadline_precision`` kept for display. A task is
    visible in the programme's organisation and in its owning body's
    (``owner_path``: the owning organisation's path, or the path of the party
    organisation an owning agency belongs to). Sub-tasks (``parent``) roll their
    progress up, weighted by ``weight``. A task carried over to the next period
    is copied there with ``carried_from`` pointing back; its own status becomes
    ``carried_over`` and its history stays.
    """

    programme = models.ForeignKey(
        Programme, verbose_name=_("chương trình"), on_delete=models.PROTECT, related_name="tasks"
    )
    org_path = models.CharField(_("đường dẫn tổ chức"), max_length=255, editable=False)
    owner_path = models.CharField(
        _("đường dẫn tổ chức chủ trì"), max_length=255, editable=False, blank=True
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("nhiệm vụ cha"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sub_tasks",
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    title = models.CharField(_("nhiệm vụ"), max_length=500)
    description = models.TextField(_("nội dung"), blank=True)
    is_key = models.BooleanField(_("nhiệm vụ trọng tâm"), default=False)
    owner_org = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("tổ chức đảng chủ trì"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="owned_tasks",
    )
    owner_agency = models.ForeignKey(
        "organizations.Agency",
        verbose_name=_("cơ quan, đoàn thể chủ trì"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="owned_tasks",
    )
    responsible = models.ForeignKey(
        "members.Member",
        verbose_name=_("người chịu trách nhiệm"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="responsible_tasks",
    )
    collaborator_orgs = models.ManyToManyField(
        "organizations.Organization",
        verbose_name=_("tổ chức đảng phối hợp"),
        blank=True,
        related_name="collaborating_tasks",
    )
    collaborator_agencies = models.ManyToManyField(
        "organizations.Agency",
        verbose_name=_("cơ quan, đoàn thể phối hợp"),
        blank=True,
        related_name="collaborating_tasks",
    )
    deadline = models.DateField(_("thời hạn"))
    deadline_precision = models.CharField(
        _("thời hạn theo"), max_length=10, choices=Precision.choices, default=Precision.DAY
    )
    weight = models.PositiveSmallIntegerField(_("trọng số"), default=1)
    status = models.CharField(
        _("tình trạng"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED
    )
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    evidence = models.TextField(_("minh chứng"), blank=True)
    result_note = models.TextField(_("kết quả"), blank=True)
    documents = models.ManyToManyField(
        "documents.Document", verbose_name=_("văn bản liên quan"), blank=True, related_name="tasks"
    )
    carried_from = models.OneToOneField(
        "self",
        verbose_name=_("chuyển từ nhiệm vụ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="carried_to",
    )
    resolution = models.OneToOneField(
        "meetings.Resolution",
        verbose_name=_("từ nghị quyết, kết luận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="task",
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[collaborator_orgs, collaborator_agencies, documents])
    objects = ScopedQuerySet.as_manager()
    scope_path_fields: ClassVar[tuple[str, ...]] = ("org_path", "owner_path")
    scope_path_field: ClassVar[str] = "org_path"
    scope_member_field: ClassVar[str] = "responsible_id"
    scope_edit_roles: ClassVar[frozenset[str]] = PROGRAM_EDIT_ROLES

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["programme", "order", "id"]
        indexes = [
            models.Index(fields=["org_path", "deadline"], name="task_scope_deadline"),
            models.Index(fields=["owner_path", "deadline"], name="task_owner_deadline"),
            models.Index(fields=["responsible", "deadline"], name="task_person_deadline"),
            models.Index(fields=["status", "deadline"], name="task_status_deadline"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="task_progress_at_most_100"
            ),
            models.CheckConstraint(
                condition=~(Q(owner_org__isnull=False) & Q(owner_agency__isnull=False)),
                name="task_one_owner",
            ),
        ]

    def __str__(self) -> str:
        return self.title[:80]


class TaskFile(models.Model):
    """Evidence of a task as a file (báo cáo, biên bản, ảnh); served only as a download."""

    task = models.ForeignKey(
        Task, verbose_name=_("nhiệm vụ"), on_delete=models.PROTECT, related_name="files"
    )
    org_path = models.CharField(_("đường dẫn tổ chức"), max_length=255, editable=False)
    title = models.CharField(_("tên tài liệu"), max_length=255)
    file = models.FileField(_("tệp"), upload_to="programs/%Y/%m/")
    uploaded_at = models.DateTimeField(_("ngày tải lên"), auto_now_add=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope_path_field: ClassVar[str] = "org_path"
    scope_edit_roles: ClassVar[frozenset[str]] = PROGRAM_EDIT_ROLES

    class Meta:
        verbose_name = _("tệp minh chứng")
        verbose_name_plural = _("tệp minh chứng")
        ordering = ["task", "uploaded_at", "id"]

    def __str__(self) -> str:
        return self.title


class Target(models.Model):
    """A target (chỉ tiêu) of an organisation for a year: 10 ha of land consolidated.

    ``source`` other than manual means dangvu computes the actual value from its
    own records (admissions, attendance, rankings); the values are kept dated in
    ``TargetValue`` and the latest is the actual.
    """

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("tổ chức"),
        on_delete=models.PROTECT,
        related_name="targets",
    )
    org_path = models.CharField(_("đường dẫn tổ chức"), max_length=255, editable=False)
    year = models.PositiveSmallIntegerField(_("năm"))
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    name = models.CharField(_("chỉ tiêu"), max_length=255)
    unit = models.CharField(_("đơn vị tính"), max_length=40, blank=True)
    planned = models.DecimalField(_("kế hoạch"), max_digits=14, decimal_places=2)
    comparison = models.CharField(
        _("cách đánh giá"), max_length=10, choices=Comparison.choices, default=Comparison.AT_LEAST
    )
    source = models.CharField(
        _("nguồn số liệu"), max_length=30, choices=TargetSource.choices, default=TargetSource.MANUAL
    )
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("giao tại văn bản"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="targets",
    )
    note = models.TextField(_("ghi chú"), blank=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope_path_field: ClassVar[str] = "org_path"
    scope_edit_roles: ClassVar[frozenset[str]] = PROGRAM_EDIT_ROLES

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["org_path", "year", "order", "id"]
        indexes = [models.Index(fields=["org_path", "year"], name="target_scope_year")]

    def __str__(self) -> str:
        return self.name


class TargetValue(models.Model):
    """The actual value of a target as measured on a day (typed in or computed)."""

    target = models.ForeignKey(
        Target, verbose_name=_("chỉ tiêu"), on_delete=models.PROTECT, related_name="values"
    )
    org_path = models.CharField(_("đường dẫn tổ chức"), max_length=255, editable=False)
    measured_on = models.DateField(_("tính đến ngày"))
    value = models.DecimalField(_("thực hiện"), max_digits=14, decimal_places=2)
    computed = models.BooleanField(_("tính từ dữ liệu"), default=False)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ghi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope_path_field: ClassVar[str] = "org_path"
    scope_edit_roles: ClassVar[frozenset[str]] = PROGRAM_EDIT_ROLES

    class Meta:
        verbose_name = _("kết quả thực hiện chỉ tiêu")
        verbose_name_plural = _("kết quả thực hiện chỉ tiêu")
        ordering = ["target", "measured_on", "id"]
        indexes = [models.Index(fields=["target", "measured_on"], name="target_value_day")]

    def __str__(self) -> str:
        return f"{self.target}: {self.value} ({self.measured_on:%d/%m/%Y})"


class Review(models.Model):
    """The review (sơ kết / tổng kết) of a programme's period.

    The counts of tasks (done, done late, not done, overdue, by body and by
    person) are computed from the tasks as of ``held_on`` while the review is
    open; ``closed_on`` freezes them into ``figures``. ``meeting`` is the
    conference (a review meeting), ``next_programme`` the next period's
    programme whose key tasks the conference discussed.
    """

    programme = models.OneToOneField(
        Programme, verbose_name=_("chương trình"), on_delete=models.PROTECT, related_name="review"
    )
    org_path = models.CharField(_("đường dẫn tổ chức"), max_length=255, editable=False)
    held_on = models.DateField(_("ngày sơ kết"))
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("hội nghị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="programme_reviews",
    )
    next_programme = models.ForeignKey(
        Programme,
        verbose_name=_("chương trình kỳ sau"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviewed_before",
    )
    summary = models.TextField(_("đánh giá chung"), blank=True)
    opinions_count = models.PositiveSmallIntegerField(_("số ý kiến tại hội nghị"), default=0)
    figures = models.JSONField(_("số liệu đã chốt"), default=dict, blank=True, editable=False)
    closed_on = models.DateField(_("ngày chốt số liệu"), null=True, blank=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope_path_field: ClassVar[str] = "org_path"
    scope_edit_roles: ClassVar[frozenset[str]] = PROGRAM_EDIT_ROLES

    class Meta:
        verbose_name = _("sơ kết, tổng kết")
        verbose_name_plural = _("sơ kết, tổng kết")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"Sơ kết {self.programme}"


class ReviewNote(models.Model):
    """One entry of a review: an achievement, a shortcoming, a cause or a direction."""

    review = models.ForeignKey(
        Review, verbose_name=_("sơ kết"), on_delete=models.PROTECT, related_name="notes"
    )
    org_path = models.CharField(_("đường dẫn tổ chức"), max_length=255, editable=False)
    kind = models.CharField(_("loại"), max_length=20, choices=NoteKind.choices)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    text = models.TextField(_("nội dung"))

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope_path_field: ClassVar[str] = "org_path"
    scope_edit_roles: ClassVar[frozenset[str]] = PROGRAM_EDIT_ROLES

    class Meta:
        verbose_name = _("nội dung sơ kết")
        verbose_name_plural = _("nội dung sơ kết")
        ordering = ["review", "kind", "order", "id"]

    def __str__(self) -> str:
        return self.text[:60]
