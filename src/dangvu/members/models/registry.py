"""The member registry: members and their effective-dated placements in cells."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dangvu.core.models import ScopedQuerySet
from dangvu.core.search import contains_all
from dangvu.core.text import fold, name_sort_key
from dangvu.members.choices import (
    ACTIVE_STATUSES,
    Gender,
    PlacementKind,
    PoliticalTheory,
    Qualification,
    Status,
)

# Fields only staff and leaders may read (ARCHITECTURE.md, "Data that matters").
# Ethnicity with them: in a small cell it names the one member of a minority as
# surely as religion does (issue 14, item 6; decision 0016).
SENSITIVE_FIELDS = ("national_id", "address", "phone", "ethnicity", "religion", "health_note")


class MemberQuerySet(ScopedQuerySet):
    def active(self) -> MemberQuerySet:
        return self.filter(status__in=ACTIVE_STATUSES)

    def search(self, text: str) -> MemberQuerySet:
        """Accent-insensitive search: every folded word must appear in the name or ids.

        Served by a trigram index on each database (``core/search.py``, decision 0005).
        """
        return contains_all(self, text, fts=True)

    def name_ordered(self) -> MemberQuerySet:
        return self.order_by("sort_key", "birth_date", "id")


class Member(models.Model):
    """A party member (đảng viên) and the profile fields a party office keeps.

    A member belongs to a cell through effective-dated ``Placement`` rows;
    ``cell`` and ``org_path`` repeat the current permanent placement so lists
    and scope never join through history. Members are never deleted: the
    membership ends by a dated decision and ``status`` records how.
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
    health_note = models.CharField(_("tình trạng sức khỏe"), max_length=255, blank=True)
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
    card_number = models.CharField(
        _("số thẻ đảng viên"), max_length=8, null=True, blank=True, unique=True
    )
    profile_number = models.CharField(_("số lý lịch"), max_length=30, blank=True)
    admission_decision_date = models.DateField(_("ngày quyết định kết nạp"), null=True, blank=True)
    admission_decision_number = models.CharField(
        _("số quyết định kết nạp"), max_length=40, blank=True
    )
    ceremony_date = models.DateField(_("ngày vào Đảng"), null=True, blank=True)
    official_date = models.DateField(_("ngày chính thức"), null=True, blank=True)
    exempt_from = models.DateField(_("miễn sinh hoạt từ ngày"), null=True, blank=True)
    status = models.CharField(
        _("tình trạng"),
        max_length=20,
        choices=Status.choices,
        default=Status.PROBATIONARY,
        db_index=True,
    )
    status_date = models.DateField(_("ngày thay đổi tình trạng"), null=True, blank=True)
    cell = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("chi bộ"),
        on_delete=models.PROTECT,
        related_name="members",
    )
    org_path = models.CharField(_("đường dẫn tổ chức"), max_length=255, editable=False)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ngày cập nhật"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["search_text", "sort_key", "updated_at"])
    objects = MemberQuerySet.as_manager()
    scope_path_field: ClassVar[str] = "org_path"
    scope_member_field: ClassVar[str] = "pk"

    class Meta:
        verbose_name = _("đảng viên")
        verbose_name_plural = _("đảng viên")
        ordering = ["sort_key", "birth_date", "id"]
        indexes = [
            models.Index(fields=["org_path", "status"], name="member_path_status"),
            models.Index(fields=["org_path", "sort_key"], name="member_path_sort"),
            # A frequent search word walks the names in order and stops at the page (0005);
            # on PostgreSQL the scope and the text ride in the index (an index-only walk).
            models.Index(
                fields=["sort_key"],
                include=["birth_date", "id", "org_path", "search_text"],
                name="member_sort",
            ),
            models.Index(fields=["birth_date"], name="member_birth"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(official_date__isnull=True)
                | Q(ceremony_date__isnull=True)
                | Q(official_date__gte=models.F("ceremony_date")),
                name="member_official_after_ceremony",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: object, **kwargs: object) -> None:
        self.search_text = fold(
            " ".join(filter(None, [self.full_name, self.card_number or "", self.profile_number]))
        )
        self.sort_key = name_sort_key(self.full_name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    def party_age_years(self, on: date | None = None) -> int | None:
        """Whole years of party age, the periods outside the Party deducted (two queries)."""
        from dangvu.members.party_age import member_party_age

        age = member_party_age(self, on or date.today())
        return age.years if age else None


class PlacementQuerySet(ScopedQuerySet):
    def on(self, day: date) -> PlacementQuerySet:
        return self.filter(Q(end_date__isnull=True) | Q(end_date__gt=day), start_date__lte=day)


class Placement(models.Model):
    """Membership of a cell over a period (sinh hoạt đảng tại chi bộ).

    ``end_date`` is the first day the member is no longer there, so "who was in
    this cell on 31/12/2021" is ``start_date <= day < end_date``. A temporary
    placement (chuyển sinh hoạt tạm thời) does not count in the host's headcount.
    """

    member = models.ForeignKey(
        Member, verbose_name=_("đảng viên"), on_delete=models.PROTECT, related_name="placements"
    )
    cell = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("chi bộ"),
        on_delete=models.PROTECT,
        related_name="placements",
    )
    org_path = models.CharField(_("đường dẫn tổ chức"), max_length=255, editable=False)
    kind = models.CharField(
        _("hình thức"),
        max_length=20,
        choices=PlacementKind.choices,
        default=PlacementKind.PERMANENT,
    )
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    history = HistoricalRecords()
    objects = PlacementQuerySet.as_manager()
    scope_path_field: ClassVar[str] = "org_path"
    scope_member_field: ClassVar[str] = "member_id"

    class Meta:
        verbose_name = _("quá trình sinh hoạt")
        verbose_name_plural = _("quá trình sinh hoạt")
        ordering = ["member", "start_date", "id"]
        indexes = [
            models.Index(fields=["org_path", "kind", "start_date"], name="placement_scope"),
            models.Index(fields=["member", "start_date"], name="placement_member"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gt=models.F("start_date")),
                name="placement_dates_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} — {self.cell}"
