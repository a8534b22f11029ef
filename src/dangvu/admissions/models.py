"""Candidates for admission (quần chúng ưu tú), their steps, courses and cell targets."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dangvu.admissions.choices import Stage
from dangvu.core.models import ScopedQuerySet
from dangvu.core.text import fold, name_sort_key
from dangvu.members.choices import Gender, PoliticalTheory, Qualification


class AwarenessCourse(models.Model):
    """A Party awareness course (lớp bồi dưỡng nhận thức về Đảng) run by a committee."""

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("đơn vị tổ chức lớp"),
        on_delete=models.PROTECT,
        related_name="awareness_courses",
    )
    org_path = models.CharField(_("đường dẫn tổ chức"), max_length=255, db_index=True)
    name = models.CharField(_("tên lớp"), max_length=255)
    start_date = models.DateField(_("ngày khai giảng"))
    end_date = models.DateField(_("ngày bế giảng"))

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope_path_field: ClassVar[str] = "org_path"

    class Meta:
        verbose_name = _("lớp bồi dưỡng nhận thức về Đảng")
        verbose_name_plural = _("lớp bồi dưỡng nhận thức về Đảng")
        ordering = ["-start_date", "id"]

    def __str__(self) -> str:
        return self.name


class CandidateQuerySet(ScopedQuerySet):
    def search(self, text: str) -> CandidateQuerySet:
        query = self
        for word in fold(text).split():
            query = query.filter(search_text__contains=word)
        return query


class Candidate(models.Model):
    """An outstanding non-member the cell prepares for admission (quần chúng ưu tú).

    The ``stage`` moves forward one step at a time through ``CandidateStep``
    rows, each dated with the deciding body and document; ``admit_candidate``
    turns the candidate into a probationary ``Member`` linked by ``member``.
    """

    full_name = models.CharField(_("họ và tên"), max_length=120)
    search_text = models.CharField(_("chuỗi tìm kiếm"), max_length=255, editable=False)
    sort_key = models.CharField(_("khóa sắp xếp"), max_length=120, editable=False)
    gender = models.CharField(_("giới tính"), max_length=10, choices=Gender.choices)
    birth_date = models.DateField(_("ngày sinh"))
    birth_place = models.CharField(_("nơi sinh"), max_length=255, blank=True)
    home_town = models.CharField(_("quê quán"), max_length=255, blank=True)
    ethnicity = models.CharField(_("dân tộc"), max_length=40, default="Kinh")
    religion = models.CharField(_("tôn giáo"), max_length=40, blank=True, default="Không")
    national_id = models.CharField(_("số CCCD"), max_length=12, null=True, blank=True, unique=True)
    phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    address = models.CharField(_("nơi ở hiện nay"), max_length=255, blank=True)
    education_level = models.CharField(_("giáo dục phổ thông"), max_length=10, blank=True)
    qualification = models.CharField(
        _("chuyên môn nghiệp vụ"),
        max_length=20,
        choices=Qualification.choices,
        default=Qualification.NONE,
    )
    political_theory = models.CharField(
        _("lý luận chính trị"),
        max_length=20,
        choices=PoliticalTheory.choices,
        default=PoliticalTheory.NONE,
    )
    occupation = models.CharField(_("nghề nghiệp"), max_length=120, blank=True)
    cell = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("chi bộ đề nghị"),
        on_delete=models.PROTECT,
        related_name="candidates",
    )
    org_path = models.CharField(_("đường dẫn tổ chức"), max_length=255, db_index=True)
    introducers = models.ManyToManyField(
        "members.Member",
        verbose_name=_("đảng viên giới thiệu"),
        blank=True,
        related_name="introduced_candidates",
    )
    stage = models.CharField(
        _("bước"), max_length=30, choices=Stage.choices, default=Stage.PROPOSED
    )
    course = models.ForeignKey(
        AwarenessCourse,
        verbose_name=_("lớp nhận thức về Đảng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="candidates",
    )
    certificate_date = models.DateField(_("ngày cấp giấy chứng nhận"), null=True, blank=True)
    certificate_number = models.CharField(_("số giấy chứng nhận"), max_length=40, blank=True)
    over_age_decision = models.CharField(
        _("văn bản cấp trên đồng ý (trên 60 tuổi)"), max_length=255, blank=True
    )
    member = models.OneToOneField(
        "members.Member",
        verbose_name=_("đảng viên (sau kết nạp)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="candidate_record",
    )
    previous_member = models.ForeignKey(
        "members.Member",
        verbose_name=_("hồ sơ đảng viên trước đây (kết nạp lại)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="readmission_candidates",
    )

    history = HistoricalRecords(excluded_fields=["search_text", "sort_key"])
    objects = CandidateQuerySet.as_manager()
    scope_path_field: ClassVar[str] = "org_path"
    scope_edit_roles: ClassVar[frozenset[str]] = frozenset({"staff", "cell_secretary"})

    class Meta:
        verbose_name = _("quần chúng ưu tú")
        verbose_name_plural = _("quần chúng ưu tú")
        ordering = ["sort_key", "birth_date", "id"]
        indexes = [
            models.Index(fields=["org_path", "stage"], name="candidate_scope_stage"),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: object, **kwargs: object) -> None:
        self.search_text = fold(self.full_name)
        self.sort_key = name_sort_key(self.full_name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class CandidateStep(models.Model):
    """One stage reached by a candidate: when, by whose decision, which document."""

    candidate = models.ForeignKey(
        Candidate, verbose_name=_("quần chúng"), on_delete=models.PROTECT, related_name="steps"
    )
    org_path = models.CharField(_("đường dẫn tổ chức"), max_length=255, db_index=True)
    stage = models.CharField(_("bước"), max_length=30, choices=Stage.choices)
    date = models.DateField(_("ngày"))
    decided_by = models.CharField(_("cơ quan quyết định"), max_length=255, blank=True)
    document_number = models.CharField(_("số văn bản"), max_length=60, blank=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope_path_field: ClassVar[str] = "org_path"

    class Meta:
        verbose_name = _("bước phát triển đảng viên")
        verbose_name_plural = _("bước phát triển đảng viên")
        ordering = ["candidate", "date", "id"]
        indexes = [models.Index(fields=["org_path", "stage", "date"], name="step_scope_stage")]

    def __str__(self) -> str:
        return f"{self.candidate} — {self.get_stage_display()}"


class AdmissionTarget(models.Model):
    """The number of new members a cell aims to admit in a year (chỉ tiêu kết nạp)."""

    cell = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("chi bộ"),
        on_delete=models.PROTECT,
        related_name="admission_targets",
    )
    org_path = models.CharField(_("đường dẫn tổ chức"), max_length=255, db_index=True)
    year = models.PositiveSmallIntegerField(_("năm"))
    target = models.PositiveSmallIntegerField(_("chỉ tiêu"))

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope_path_field: ClassVar[str] = "org_path"

    class Meta:
        verbose_name = _("chỉ tiêu kết nạp")
        verbose_name_plural = _("chỉ tiêu kết nạp")
        ordering = ["org_path", "year"]
        constraints = [
            models.UniqueConstraint(fields=["cell", "year"], name="target_once_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.cell} {self.year}: {self.target}"
