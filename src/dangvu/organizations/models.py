"""The party tree: organisations, their committees and positions, and agencies."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dangvu.core.models import ScopedQuerySet
from dangvu.core.scope import subtree_q
from dangvu.core.text import fold
from dangvu.organizations.choices import AgencyKind, Body, Kind, Level, PositionRole


class OrganizationQuerySet(ScopedQuerySet):
    def subtree(self, root: Organization, *, include_root: bool = True) -> OrganizationQuerySet:
        query = self.filter(subtree_q("path", root.path))
        return query if include_root else query.exclude(pk=root.pk)

    def active_on(self, day: object) -> OrganizationQuerySet:
        return self.filter(
            Q(founded_on__isnull=True) | Q(founded_on__lte=day),
            Q(ended_on__isnull=True) | Q(ended_on__gt=day),
        )

    def cells(self) -> OrganizationQuerySet:
        """Where members belong: cells, and grassroots organisations that are cells."""
        return self.filter(Q(level=Level.CELL) | Q(level=Level.GRASSROOTS, is_cell=True))


class Organization(models.Model):
    """A node of the party tree (tổ chức đảng).

    ``code`` is stable across renames and is what URLs, imports and the CLI use.
    ``path`` is the materialised path (``core/tree.py``), maintained by the
    services; a subtree is one indexed range query. Organisations are never
    deleted: they end on ``ended_on`` (a merger or dissolution), keeping history.
    """

    code = models.CharField(_("mã tổ chức"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    short_name = models.CharField(_("tên ngắn"), max_length=120, blank=True)
    search_text = models.CharField(
        _("tên không dấu"), max_length=255, db_index=True, editable=False
    )
    level = models.CharField(_("cấp"), max_length=20, choices=Level.choices)
    kind = models.CharField(_("loại hình"), max_length=20, choices=Kind.choices, blank=True)
    is_cell = models.BooleanField(
        _("chi bộ cơ sở"),
        default=False,
        help_text=_("Tổ chức cơ sở đảng không có chi bộ trực thuộc (chi bộ cơ sở)."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("tổ chức cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(_("đường dẫn"), max_length=255, db_index=True, editable=False)
    founded_on = models.DateField(_("ngày thành lập"), null=True, blank=True)
    ended_on = models.DateField(_("ngày kết thúc hoạt động"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    history = HistoricalRecords()
    objects = OrganizationQuerySet.as_manager()
    scope_path_field: ClassVar[str] = "path"

    class Meta:
        verbose_name = _("tổ chức đảng")
        verbose_name_plural = _("tổ chức đảng")
        ordering = ["path"]
        indexes = [models.Index(fields=["level", "path"], name="org_level_path")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.search_text = fold(f"{self.name} {self.short_name} {self.code}")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def is_member_unit(self) -> bool:
        """Members are placed only in cells (or grassroots organisations that are cells)."""
        return self.level == Level.CELL or (self.level == Level.GRASSROOTS and self.is_cell)

    def ancestors(self) -> OrganizationQuerySet:
        from dangvu.core.tree import ancestor_ids

        ids = ancestor_ids(self.path)[:-1]
        return Organization.objects.filter(pk__in=ids).order_by("path")


class Committee(models.Model):
    """An elected committee (BCH, BTV, chi ủy) of an organisation for one term."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("tổ chức"), on_delete=models.PROTECT, related_name="committees"
    )
    org_path = models.CharField(
        _("đường dẫn tổ chức"), max_length=255, db_index=True, editable=False
    )
    body = models.CharField(_("cơ quan"), max_length=20, choices=Body.choices)
    term_start = models.PositiveSmallIntegerField(_("nhiệm kỳ từ năm"))
    term_end = models.PositiveSmallIntegerField(_("nhiệm kỳ đến năm"))
    elected_on = models.DateField(_("ngày bầu"), null=True, blank=True)
    ended_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope_path_field: ClassVar[str] = "org_path"

    class Meta:
        verbose_name = _("cấp ủy")
        verbose_name_plural = _("cấp ủy")
        ordering = ["org_path", "body", "-term_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "body", "term_start"], name="committee_unique_term"
            ),
            models.CheckConstraint(
                condition=Q(term_end__gte=models.F("term_start")), name="committee_term_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_body_display()} {self.organization} {self.term}"

    @property
    def term(self) -> str:
        return f"{self.term_start}–{self.term_end}"


class Position(models.Model):
    """A member holding a position (bí thư, phó bí thư, ủy viên) in a committee."""

    committee = models.ForeignKey(
        Committee, verbose_name=_("cấp ủy"), on_delete=models.PROTECT, related_name="positions"
    )
    org_path = models.CharField(
        _("đường dẫn tổ chức"), max_length=255, db_index=True, editable=False
    )
    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("đảng viên"),
        on_delete=models.PROTECT,
        related_name="positions",
    )
    role = models.CharField(_("chức vụ"), max_length=20, choices=PositionRole.choices)
    title = models.CharField(_("chức danh kiêm nhiệm"), max_length=200, blank=True)
    start_date = models.DateField(_("từ ngày"), null=True, blank=True)
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope_path_field: ClassVar[str] = "org_path"

    class Meta:
        verbose_name = _("chức vụ trong cấp ủy")
        verbose_name_plural = _("chức vụ trong cấp ủy")
        ordering = ["committee", "role", "id"]

    def __str__(self) -> str:
        return f"{self.get_role_display()} {self.member}"


class Agency(models.Model):
    """A non-party body (HĐND, UBND, MTTQ, mass organisations, schools …).

    Attached to the party organisation whose area it serves, so tasks can name
    it; it has no members in the registry.
    """

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("tổ chức đảng lãnh đạo"),
        on_delete=models.PROTECT,
        related_name="agencies",
    )
    org_path = models.CharField(
        _("đường dẫn tổ chức"), max_length=255, db_index=True, editable=False
    )
    name = models.CharField(_("tên"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=40, blank=True)
    kind = models.CharField(_("loại"), max_length=30, choices=AgencyKind.choices)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope_path_field: ClassVar[str] = "org_path"

    class Meta:
        verbose_name = _("cơ quan, đoàn thể")
        verbose_name_plural = _("cơ quan, đoàn thể")
        ordering = ["org_path", "name"]

    def __str__(self) -> str:
        return self.name
