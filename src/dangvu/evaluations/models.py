"""The annual review: periods, one evaluation per member and organisation, the quota.

An ``EvaluationPeriod`` covers an organisation's subtree for a year (or a
quarter where the rules allow it). Opening it writes one ``Evaluation`` per
subject: every member of the subtree's cells and every organisation of the
subtree (cells, grassroots organisations), each with the body that decides it
(``deciding_org``: the grassroots organisation for its members and cells, the
level above for a grassroots organisation). The cascade is kept on the row
itself — self-assessment, the cell's proposal, the committee's decision, each
dated with who took it — so the figures of a subtree are one grouped query on
``(period, deciding_org, kind, decided_level)``. Every change is in the history.

The quota (excellent ≤ 20 % of good, within each grassroots organisation) is
checked when a deciding body *finalises* a group (``Finalization``); over the
limit it needs a ``QuotaException`` recorded first.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dangvu.core.models import ScopedQuerySet
from dangvu.evaluations.choices import (
    CommendationForm,
    DisciplineForm,
    Level,
    PeriodState,
    Rounding,
    Stage,
    SubjectKind,
)

# Cell secretaries enter their cell's self-assessments and proposals; staff and
# leaders of the deciding body decide. The services check each step exactly.
EVALUATION_EDIT_ROLES = frozenset({"staff", "leader", "cell_secretary", "member"})
COMMITTEE_ROLES = frozenset({"staff", "leader"})

_USER = settings.AUTH_USER_MODEL

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def _score_field(label: StrOrPromise) -> models.DecimalField:
    return models.DecimalField(label, max_digits=5, decimal_places=2, null=True, blank=True)


def _level_field(label: StrOrPromise) -> models.CharField:
    return models.CharField(label, max_length=20, choices=Level.choices, blank=True)


class EvaluationPeriod(models.Model):
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("tổ chức"),
        on_delete=models.PROTECT,
        related_name="evaluation_periods",
    )
    org_path = models.CharField(_("đường dẫn tổ chức"), max_length=255, editable=False)
    year = models.PositiveSmallIntegerField(_("năm"))
    quarter = models.PositiveSmallIntegerField(
        _("quý"), default=0, help_text=_("0 = cả năm; 1–4 khi quy định cho phép đánh giá theo quý.")
    )
    rules = models.CharField(
        _("quy định áp dụng"),
        max_length=10,
        editable=False,
        help_text=_("Chọn theo thời điểm của kỳ đánh giá (evaluations/rules.py)."),
    )
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=PeriodState.choices, default=PeriodState.OPEN
    )
    quota_rate = models.DecimalField(
        _("tỷ lệ HTXSNV tối đa so với HTTNV"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("0.20"),
    )
    quota_rounding = models.CharField(
        _("cách làm tròn giới hạn"),
        max_length=10,
        choices=Rounding.choices,
        default=Rounding.FLOOR,
    )
    plan_reference = models.CharField(_("văn bản hướng dẫn, kế hoạch"), max_length=255, blank=True)
    opened_on = models.DateField(_("ngày mở kỳ đánh giá"))
    opened_by = models.ForeignKey(
        _USER,
        verbose_name=_("người mở"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    closed_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope_path_field: ClassVar[str] = "org_path"
    scope_edit_roles: ClassVar[frozenset[str]] = COMMITTEE_ROLES

    class Meta:
        verbose_name = _("kỳ đánh giá, xếp loại")
        verbose_name_plural = _("kỳ đánh giá, xếp loại")
        ordering = ["-year", "-quarter", "org_path"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year", "quarter"], name="evaluation_period_unique"
            ),
            models.CheckConstraint(condition=Q(quarter__lte=4), name="evaluation_period_quarter"),
        ]
        indexes = [models.Index(fields=["org_path", "year"], name="eval_period_path_year")]

    def __str__(self) -> str:
        return f"{self.label} — {self.organization}"

    @property
    def label(self) -> str:
        return f"Quý {self.quarter}/{self.year}" if self.quarter else f"Năm {self.year}"


class Evaluation(models.Model):
    """One member or one organisation in one period, with the three steps of the cascade."""

    period = models.ForeignKey(
        EvaluationPeriod,
        verbose_name=_("kỳ đánh giá"),
        on_delete=models.PROTECT,
        related_name="evaluations",
    )
    kind = models.CharField(_("đối tượng"), max_length=20, choices=SubjectKind.choices)
    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("đảng viên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="evaluations",
    )
    subject_org = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("tổ chức được đánh giá"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="evaluations",
    )
    unit = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("chi bộ / tổ chức"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Chi bộ của đảng viên vào cuối kỳ; với tổ chức: chính tổ chức đó."),
    )
    org_path = models.CharField(_("đường dẫn tổ chức"), max_length=255, editable=False)
    deciding_org = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("cấp quyết định xếp loại"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "Đảng bộ cơ sở với đảng viên và chi bộ; cấp trên trực tiếp với tổ chức cơ sở đảng. "
            "Tỷ lệ khống chế tính trong phạm vi này."
        ),
    )
    stage = models.CharField(_("bước"), max_length=20, choices=Stage.choices, default=Stage.PENDING)
    not_evaluated_reason = models.CharField(_("lý do không đánh giá"), max_length=255, blank=True)
    # Step 1: self-assessment (the member, or the organisation itself).
    self_level = _level_field(_("tự xếp loại"))
    self_score = _score_field(_("tự chấm điểm"))
    self_criteria = models.JSONField(_("điểm theo nhóm tiêu chí"), default=dict, blank=True)
    self_note = models.TextField(_("tự nhận xét"), blank=True)
    self_on = models.DateField(_("ngày tự đánh giá"), null=True, blank=True)
    self_by = models.ForeignKey(
        _USER,
        verbose_name=_("người nhập tự đánh giá"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Step 2: the cell's proposal (members only).
    proposed_level = _level_field(_("chi bộ đề xuất"))
    proposed_score = _score_field(_("điểm chi bộ đề xuất"))
    proposal_note = models.TextField(_("nhận xét của chi bộ"), blank=True)
    proposed_on = models.DateField(_("ngày chi bộ đề xuất"), null=True, blank=True)
    proposed_by = models.ForeignKey(
        _USER,
        verbose_name=_("người nhập đề xuất"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Step 3: the deciding body's decision.
    decided_level = _level_field(_("cấp ủy quyết định"))
    decided_score = _score_field(_("điểm cấp ủy quyết định"))
    decision_note = models.TextField(_("ý kiến của cấp ủy"), blank=True)
    decided_on = models.DateField(_("ngày quyết định"), null=True, blank=True)
    decided_by = models.ForeignKey(
        _USER,
        verbose_name=_("người nhập quyết định"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    forced_reason = models.CharField(
        _("trường hợp bắt buộc xếp loại"),
        max_length=500,
        blank=True,
        help_text=_("Ghi khi quy định buộc xếp loại Không hoàn thành nhiệm vụ."),
    )
    # Organisations: how far their targets and tasks were met (RULES.md).
    targets_percent = models.DecimalField(
        _("tỷ lệ chỉ tiêu, nhiệm vụ hoàn thành (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
    )
    exceeded_percent = models.DecimalField(
        _("tỷ lệ chỉ tiêu vượt (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
    )
    reopen_reason = models.CharField(_("lý do mở lại gần nhất"), max_length=500, blank=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope_path_field: ClassVar[str] = "org_path"
    scope_member_field: ClassVar[str] = "member_id"
    scope_edit_roles: ClassVar[frozenset[str]] = EVALUATION_EDIT_ROLES

    class Meta:
        verbose_name = _("đánh giá, xếp loại")
        verbose_name_plural = _("đánh giá, xếp loại")
        ordering = ["period", "kind", "org_path", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "member"],
                condition=Q(member__isnull=False),
                name="evaluation_member_once",
            ),
            models.UniqueConstraint(
                fields=["period", "subject_org"],
                condition=Q(subject_org__isnull=False),
                name="evaluation_org_once",
            ),
            models.CheckConstraint(
                condition=(Q(kind="member", member__isnull=False, subject_org__isnull=True))
                | Q(kind="organization", member__isnull=True, subject_org__isnull=False),
                name="evaluation_one_subject",
            ),
        ]
        indexes = [
            models.Index(
                fields=["period", "deciding_org", "kind", "decided_level"],
                name="eval_group_level",
            ),
            models.Index(fields=["org_path", "period"], name="eval_path_period"),
            models.Index(fields=["period", "unit", "kind"], name="eval_period_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.subject_name} — {self.period.label}"

    @property
    def subject_name(self) -> str:
        subject = self.member if self.kind == SubjectKind.MEMBER else self.subject_org
        return str(subject)

    @property
    def evaluated(self) -> bool:
        return self.stage != Stage.NOT_EVALUATED


class QuotaException(models.Model):
    """The competent level's decision allowing more excellent rankings than the quota."""

    period = models.ForeignKey(
        EvaluationPeriod,
        verbose_name=_("kỳ đánh giá"),
        on_delete=models.PROTECT,
        related_name="quota_exceptions",
    )
    deciding_org = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("đảng bộ"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    org_path = models.CharField(_("đường dẫn tổ chức"), max_length=255, editable=False)
    kind = models.CharField(_("đối tượng"), max_length=20, choices=SubjectKind.choices)
    authority = models.CharField(_("cấp có thẩm quyền"), max_length=255)
    number = models.CharField(_("số văn bản"), max_length=60)
    decided_on = models.DateField(_("ngày văn bản"))
    reason = models.TextField(_("lý do"))
    allowed = models.PositiveIntegerField(
        _("số HTXSNV được phép"),
        null=True,
        blank=True,
        help_text=_("Để trống nếu văn bản không giới hạn số lượng."),
    )
    recorded_by = models.ForeignKey(
        _USER,
        verbose_name=_("người ghi nhận"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("thời điểm ghi nhận"), auto_now_add=True)
    withdrawn = models.BooleanField(_("đã thu hồi"), default=False)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope_path_field: ClassVar[str] = "org_path"
    scope_edit_roles: ClassVar[frozenset[str]] = COMMITTEE_ROLES

    class Meta:
        verbose_name = _("ngoại lệ tỷ lệ HTXSNV")
        verbose_name_plural = _("ngoại lệ tỷ lệ HTXSNV")
        ordering = ["period", "org_path", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "deciding_org", "kind"],
                condition=Q(withdrawn=False),
                name="quota_exception_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} — {self.authority}"


class Finalization(models.Model):
    """A deciding body closes the rankings of one group (its members, or its organisations)."""

    period = models.ForeignKey(
        EvaluationPeriod,
        verbose_name=_("kỳ đánh giá"),
        on_delete=models.PROTECT,
        related_name="finalizations",
    )
    deciding_org = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("cấp quyết định"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    org_path = models.CharField(_("đường dẫn tổ chức"), max_length=255, editable=False)
    kind = models.CharField(_("đối tượng"), max_length=20, choices=SubjectKind.choices)
    finalized_on = models.DateField(_("ngày chốt kết quả"))
    finalized_by = models.ForeignKey(
        _USER,
        verbose_name=_("người chốt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    # The figures at the time of finalising (kept even if the quota setting changes later).
    excellent = models.PositiveIntegerField(_("HTXSNV"), default=0)
    good = models.PositiveIntegerField(_("HTTNV"), default=0)
    completed = models.PositiveIntegerField(_("HTNV"), default=0)
    not_completed = models.PositiveIntegerField(_("KHTNV"), default=0)
    limit = models.PositiveIntegerField(_("giới hạn HTXSNV"), default=0)
    exception = models.ForeignKey(
        QuotaException,
        verbose_name=_("ngoại lệ áp dụng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    active = models.BooleanField(_("còn hiệu lực"), default=True)
    reopened_on = models.DateField(_("ngày mở lại"), null=True, blank=True)
    reopen_reason = models.CharField(_("lý do mở lại"), max_length=500, blank=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope_path_field: ClassVar[str] = "org_path"
    scope_edit_roles: ClassVar[frozenset[str]] = COMMITTEE_ROLES

    class Meta:
        verbose_name = _("chốt kết quả xếp loại")
        verbose_name_plural = _("chốt kết quả xếp loại")
        ordering = ["period", "org_path", "kind", "-finalized_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "deciding_org", "kind"],
                condition=Q(active=True),
                name="finalization_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.deciding_org} — {self.get_kind_display()} — {self.period.label}"


class DisciplineRecord(models.Model):
    """A discipline decision on a member or an organisation (what the ranking needs).

    Kept minimal until an inspection and discipline module exists: the form,
    the date, who decided, and whether the member found and fixed the fault
    themselves (which lifts the forced ranking, RULES.md).
    """

    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("đảng viên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="discipline_records",
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("tổ chức đảng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="discipline_records",
    )
    org_path = models.CharField(_("đường dẫn tổ chức"), max_length=255, editable=False)
    form = models.CharField(_("hình thức kỷ luật"), max_length=20, choices=DisciplineForm.choices)
    decided_on = models.DateField(_("ngày quyết định"))
    authority = models.CharField(_("cấp quyết định"), max_length=255)
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    reason = models.TextField(_("nội dung vi phạm"), blank=True)
    self_corrected = models.BooleanField(
        _("tự phát hiện, tự khắc phục"),
        default=False,
        help_text=_("Tự phát hiện và khắc phục xong hậu quả: không buộc xếp loại KHTNV."),
    )
    cancelled = models.BooleanField(_("đã hủy"), default=False)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope_path_field: ClassVar[str] = "org_path"
    scope_member_field: ClassVar[str] = "member_id"
    # Discipline is sensitive: the committees that read sensitive fields (staff,
    # leader) and the disciplined member themselves, as on the evaluation page;
    # not a viewer nor a cell secretary (scope.is_sensitive_model).
    scope_roles: ClassVar[frozenset[str]] = frozenset({"staff", "leader", "member"})

    class Meta:
        verbose_name = _("kỷ luật")
        verbose_name_plural = _("kỷ luật")
        ordering = ["-decided_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(member__isnull=False, organization__isnull=True)
                | Q(member__isnull=True, organization__isnull=False),
                name="discipline_one_subject",
            )
        ]
        indexes = [models.Index(fields=["org_path", "decided_on"], name="discipline_path_date")]

    def __str__(self) -> str:
        subject = self.member if self.member_id else self.organization
        return f"{self.get_form_display()} — {subject}"


class Commendation(models.Model):
    """A commendation of a subject ranked excellent (RULES.md: only those may be proposed)."""

    evaluation = models.ForeignKey(
        Evaluation,
        verbose_name=_("kết quả xếp loại"),
        on_delete=models.PROTECT,
        related_name="commendations",
    )
    org_path = models.CharField(_("đường dẫn tổ chức"), max_length=255, editable=False)
    form = models.CharField(_("hình thức"), max_length=20, choices=CommendationForm.choices)
    authority = models.CharField(_("cấp khen thưởng"), max_length=255)
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    decided_on = models.DateField(_("ngày quyết định"))
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        _USER,
        verbose_name=_("người ghi nhận"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope_path_field: ClassVar[str] = "org_path"
    scope_edit_roles: ClassVar[frozenset[str]] = COMMITTEE_ROLES

    class Meta:
        verbose_name = _("khen thưởng")
        verbose_name_plural = _("khen thưởng")
        ordering = ["-decided_on", "id"]
        indexes = [models.Index(fields=["org_path", "decided_on"], name="commendation_path_date")]

    def __str__(self) -> str:
        return f"{self.get_form_display()} — {self.evaluation.subject_name}"
