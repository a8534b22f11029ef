"""Congress campaigns, congress records and stored elections (issue 7).

A ``Campaign`` is a committee's plan for the congresses of its subtree for a
term (Kế hoạch 43-KH/ĐU: the cells of Thường Xuân, 2022–2025), with its
document, its deadline and, when it implements a plan from above, that plan.
Each cell's ``Congress`` walks the steps of ``choices.STEP_ORDER``; the date of
each step is a column, so progress over a subtree is one grouped query on
``(campaign, status, held_on)``. ``Convened`` is the list of members called to
the congress, computed from the records on the congress date, with the
exclusions of the election rules recorded with a reason. An ``Election`` keeps
its candidates, its ballots (or tally sheet) and the stored result of
``counting.count``.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dangvu.congresses.choices import (
    CongressKind,
    DelegateRole,
    DelegateSource,
    DocumentKind,
    ElectionKind,
    ElectionStatus,
    Exclusion,
    Status,
)
from dangvu.core.models import ScopedQuerySet
from dangvu.core.text import cited_day

# Cell secretaries keep their cell's congress; committee staff keep every congress below.
CONGRESS_EDIT_ROLES = frozenset({"staff", "cell_secretary"})
_USER = settings.AUTH_USER_MODEL


class Campaign(models.Model):
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("cấp ủy chỉ đạo"),
        on_delete=models.PROTECT,
        related_name="congress_campaigns",
    )
    org_path = models.CharField(_("đường dẫn tổ chức"), max_length=255, editable=False)
    term_start = models.PositiveSmallIntegerField(_("nhiệm kỳ từ năm"))
    term_end = models.PositiveSmallIntegerField(_("nhiệm kỳ đến năm"))
    target_level = models.CharField(
        _("đại hội cấp"),
        max_length=20,
        default="cell",
        help_text=_("cell: đại hội các chi bộ; grassroots: đại hội các đảng bộ cơ sở."),
    )
    title = models.CharField(_("tên kế hoạch"), max_length=255)
    plan_number = models.CharField(_("số kế hoạch"), max_length=40, blank=True)
    plan_date = models.DateField(_("ngày kế hoạch"), null=True, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("kế hoạch của cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    starts_on = models.DateField(_("bắt đầu từ ngày"), null=True, blank=True)
    due_on = models.DateField(_("hoàn thành trước ngày"))
    notice_working_days = models.PositiveSmallIntegerField(
        _("số ngày làm việc thông báo triệu tập trước"),
        default=0,
        help_text=_("0 khi không yêu cầu; 30 ngày làm việc với đại hội phải báo cáo cấp trên."),
    )
    note = models.TextField(_("ghi chú"), blank=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope_path_field: ClassVar[str] = "org_path"

    class Meta:
        verbose_name = _("kế hoạch đại hội")
        verbose_name_plural = _("kế hoạch đại hội")
        ordering = ["-term_start", "org_path"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "term_start", "target_level"], name="campaign_unique_term"
            ),
            models.CheckConstraint(
                condition=Q(term_end__gt=models.F("term_start")), name="campaign_term_order"
            ),
        ]
        indexes = [models.Index(fields=["org_path", "term_start"], name="campaign_path_term")]

    def __str__(self) -> str:
        return self.title

    @property
    def term(self) -> str:
        return f"{self.term_start}-{self.term_end}"

    @property
    def code(self) -> str:
        """The plan as written in documents: "Kế hoạch số 43-KH/ĐU ngày 14/3/2022"."""
        if not self.plan_number:
            return self.title
        when = f" ngày {cited_day(self.plan_date)}" if self.plan_date else ""
        return f"Kế hoạch số {self.plan_number}{when}"


class Guide(models.Model):
    """A committee member assigned to guide one cell's congress."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("kế hoạch"), on_delete=models.PROTECT, related_name="guides"
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("chi bộ"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    org_path = models.CharField(_("đường dẫn tổ chức"), max_length=255, editable=False)
    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("cấp ủy viên phụ trách"),
        on_delete=models.PROTECT,
        related_name="congress_guides",
    )
    assigned_on = models.DateField(_("ngày phân công"))

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope_path_field: ClassVar[str] = "org_path"

    class Meta:
        verbose_name = _("phân công chỉ đạo đại hội")
        verbose_name_plural = _("phân công chỉ đạo đại hội")
        ordering = ["campaign", "org_path"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "organization", "member"], name="guide_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} — {self.organization}"


class Congress(models.Model):
    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("kế hoạch"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="congresses",
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("tổ chức"),
        on_delete=models.PROTECT,
        related_name="congresses",
    )
    org_path = models.CharField(_("đường dẫn tổ chức"), max_length=255, editable=False)
    term_start = models.PositiveSmallIntegerField(_("nhiệm kỳ từ năm"))
    term_end = models.PositiveSmallIntegerField(_("nhiệm kỳ đến năm"))
    kind = models.CharField(
        _("hình thức"),
        max_length=20,
        choices=CongressKind.choices,
        default=CongressKind.ALL_MEMBERS,
    )
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.PREPARING
    )
    planned_on = models.DateField(_("ngày dự kiến"), null=True, blank=True)
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    # The date of each step (choices.STEP_ORDER); the services keep them in order.
    preparation_on = models.DateField(_("ngày họp chuẩn bị"), null=True, blank=True)
    political_report_on = models.DateField(
        _("ngày có dự thảo báo cáo chính trị"), null=True, blank=True
    )
    personnel_plan_on = models.DateField(_("ngày có phương án nhân sự"), null=True, blank=True)
    convening_notice_on = models.DateField(_("ngày thông báo triệu tập"), null=True, blank=True)
    held_on = models.DateField(_("ngày đại hội"), null=True, blank=True)
    # Hướng dẫn 36-HD/VPTW: a committee's term ends with the closing day of the next
    # congress, or, when the new committee's first meeting is held during the congress,
    # the day before that meeting (documents.numbering.term_starts_on).
    closed_on = models.DateField(
        _("ngày bế mạc"),
        null=True,
        blank=True,
        help_text=_("Để trống khi đại hội họp một ngày (ngày bế mạc là ngày đại hội)."),
    )
    first_meeting_on = models.DateField(
        _("ngày hội nghị cấp ủy lần thứ nhất"),
        null=True,
        blank=True,
        help_text=_("Chỉ ghi khi hội nghị cấp ủy lần thứ nhất họp trong thời gian đại hội."),
    )
    approved_on = models.DateField(_("ngày cấp trên chuẩn y"), null=True, blank=True)
    approval_number = models.CharField(_("số quyết định chuẩn y"), max_length=60, blank=True)
    approved_by = models.CharField(_("cấp chuẩn y"), max_length=255, blank=True)
    # Figures of the day (written by the services from ``Convened``).
    convened_count = models.PositiveIntegerField(
        _("số đảng viên chính thức được triệu tập"), default=0, editable=False
    )
    excluded_count = models.PositiveIntegerField(_("số không tính"), default=0, editable=False)
    present_count = models.PositiveIntegerField(_("số có mặt"), default=0, editable=False)
    chair = models.CharField(_("đoàn chủ tịch"), max_length=500, blank=True)
    secretary = models.CharField(_("thư ký đại hội"), max_length=255, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    cancelled_reason = models.CharField(_("lý do hủy"), max_length=255, blank=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope_path_field: ClassVar[str] = "org_path"
    scope_edit_roles: ClassVar[frozenset[str]] = CONGRESS_EDIT_ROLES

    class Meta:
        verbose_name = _("đại hội")
        verbose_name_plural = _("đại hội")
        ordering = ["-term_start", "org_path"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "term_start"],
                condition=~Q(status="cancelled"),
                name="congress_once_per_term",
            )
        ]
        indexes = [
            models.Index(fields=["campaign", "status", "held_on"], name="congress_progress"),
            models.Index(fields=["org_path", "term_start"], name="congress_path_term"),
        ]

    def __str__(self) -> str:
        return f"Đại hội {self.organization} nhiệm kỳ {self.term_start}–{self.term_end}"

    @property
    def denominator(self) -> int:
        """Members (delegates) convened less the exclusions of the election rules."""
        return self.convened_count - self.excluded_count

    @property
    def closing_day(self) -> Any:
        """The last day of the congress (``held_on`` for a congress of one day)."""
        return self.closed_on or self.held_on


class Delegate(models.Model):
    """A delegate to a congress of delegates: official or alternate, and where from.

    Quy chế bầu cử (190-QĐ/TW): delegates are elected by the congresses below
    (with alternates), designated, or ex officio (the convening committee). An
    alternate may stand in for an official delegate (``replaces``), with the
    reason; the convened list is then the official delegates not replaced and
    the alternates standing in (``services_delegates``).
    """

    congress = models.ForeignKey(
        Congress, verbose_name=_("đại hội"), on_delete=models.PROTECT, related_name="delegates"
    )
    org_path = models.CharField(_("đường dẫn tổ chức"), max_length=255, editable=False)
    member = models.ForeignKey(
        "members.Member", verbose_name=_("đảng viên"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("loại đại biểu"), max_length=20, choices=DelegateRole.choices)
    source = models.CharField(_("tư cách"), max_length=20, choices=DelegateSource.choices)
    elected_at = models.ForeignKey(
        Congress,
        verbose_name=_("bầu tại đại hội"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="delegates_elected",
    )
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("thay cho đại biểu chính thức"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
    )
    replaced_reason = models.CharField(_("lý do thay thế"), max_length=255, blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope_path_field: ClassVar[str] = "org_path"
    scope_edit_roles: ClassVar[frozenset[str]] = CONGRESS_EDIT_ROLES

    class Meta:
        verbose_name = _("đại biểu dự đại hội")
        verbose_name_plural = _("đại biểu dự đại hội")
        ordering = ["congress", "role", "id"]
        constraints = [models.UniqueConstraint(fields=["congress", "member"], name="delegate_once")]

    def __str__(self) -> str:
        return f"{self.member} ({self.get_role_display()})"


class Convened(models.Model):
    """A member called to the congress, with the exclusion (if any) and presence."""

    congress = models.ForeignKey(
        Congress, verbose_name=_("đại hội"), on_delete=models.PROTECT, related_name="convened"
    )
    member = models.ForeignKey(
        "members.Member", verbose_name=_("đảng viên"), on_delete=models.PROTECT, related_name="+"
    )
    org_path = models.CharField(_("đường dẫn tổ chức"), max_length=255, editable=False)
    full_member = models.BooleanField(
        _("đảng viên chính thức"),
        default=True,
        help_text=_("Đảng viên dự bị dự đại hội nhưng không biểu quyết, không bầu cử."),
    )
    exclusion = models.CharField(
        _("không tính vào số triệu tập"), max_length=20, choices=Exclusion.choices, blank=True
    )
    exclusion_note = models.CharField(_("lý do"), max_length=255, blank=True)
    present = models.BooleanField(_("có mặt"), null=True, blank=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope_path_field: ClassVar[str] = "org_path"
    scope_edit_roles: ClassVar[frozenset[str]] = CONGRESS_EDIT_ROLES

    class Meta:
        verbose_name = _("đảng viên được triệu tập")
        verbose_name_plural = _("đảng viên được triệu tập")
        ordering = ["congress", "id"]
        constraints = [models.UniqueConstraint(fields=["congress", "member"], name="convened_once")]

    def __str__(self) -> str:
        return str(self.member)


class CongressDocument(models.Model):
    congress = models.ForeignKey(
        Congress, verbose_name=_("đại hội"), on_delete=models.PROTECT, related_name="documents"
    )
    org_path = models.CharField(_("đường dẫn tổ chức"), max_length=255, editable=False)
    kind = models.CharField(_("loại"), max_length=20, choices=DocumentKind.choices)
    title = models.CharField(_("tên tài liệu"), max_length=255)
    file = models.FileField(_("tệp"), upload_to="congresses/%Y/", blank=True)
    text = models.TextField(_("nội dung"), blank=True)
    added_on = models.DateField(_("ngày"))

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope_path_field: ClassVar[str] = "org_path"
    scope_edit_roles: ClassVar[frozenset[str]] = CONGRESS_EDIT_ROLES

    class Meta:
        verbose_name = _("tài liệu đại hội")
        verbose_name_plural = _("tài liệu đại hội")
        ordering = ["congress", "kind", "id"]

    def __str__(self) -> str:
        return self.title


class Election(models.Model):
    """One round of one election at a congress, and its stored count."""

    congress = models.ForeignKey(
        Congress, verbose_name=_("đại hội"), on_delete=models.PROTECT, related_name="elections"
    )
    org_path = models.CharField(_("đường dẫn tổ chức"), max_length=255, editable=False)
    kind = models.CharField(_("bầu"), max_length=20, choices=ElectionKind.choices)
    round = models.PositiveSmallIntegerField(_("lần bầu"), default=1)
    seats = models.PositiveSmallIntegerField(_("số lượng cần bầu"))
    denominator = models.PositiveIntegerField(
        _("số đảng viên (đại biểu) triệu tập, trừ các trường hợp không tính")
    )
    counting_board = models.CharField(_("ban kiểm phiếu"), max_length=500, blank=True)
    # Quy chế bầu cử (190-QĐ/TW), Điều 14: a committee's list has more names than seats;
    # a list without surplus goes ahead only on the congress's recorded decision.
    list_decision = models.CharField(
        _("quyết định của đại hội về danh sách không có số dư"),
        max_length=500,
        blank=True,
        help_text=_("Đại hội biểu quyết thế nào, vì sao danh sách không đủ số dư."),
    )
    issued_count = models.PositiveIntegerField(_("số phiếu phát ra"), null=True, blank=True)
    unreturned = models.PositiveIntegerField(_("số phiếu không thu về"), default=0)
    tally = models.JSONField(
        _("biên bản kiểm (tổng hợp)"),
        default=dict,
        blank=True,
        help_text=_("Khi nhập theo biên bản tổng hợp thay vì từng phiếu."),
    )
    result = models.JSONField(_("kết quả kiểm phiếu"), default=dict, blank=True, editable=False)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=ElectionStatus.choices, default=ElectionStatus.OPEN
    )
    counted_on = models.DateField(_("ngày kiểm phiếu"), null=True, blank=True)
    counted_by = models.ForeignKey(
        _USER,
        verbose_name=_("người nhập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope_path_field: ClassVar[str] = "org_path"
    scope_edit_roles: ClassVar[frozenset[str]] = CONGRESS_EDIT_ROLES

    class Meta:
        verbose_name = _("cuộc bầu cử")
        verbose_name_plural = _("cuộc bầu cử")
        ordering = ["congress", "kind", "round"]
        constraints = [
            models.UniqueConstraint(
                fields=["congress", "kind", "round"], name="election_round_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} (lần {self.round}) — {self.congress}"


class Candidate(models.Model):
    election = models.ForeignKey(
        Election, verbose_name=_("cuộc bầu"), on_delete=models.PROTECT, related_name="candidates"
    )
    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("đảng viên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField(_("họ và tên"), max_length=120)
    position = models.PositiveSmallIntegerField(_("thứ tự trên phiếu"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("người trong danh sách bầu cử")
        verbose_name_plural = _("danh sách bầu cử")
        ordering = ["election", "position"]
        constraints = [
            models.UniqueConstraint(fields=["election", "name"], name="candidate_name_once")
        ]

    def __str__(self) -> str:
        return self.name


class Ballot(models.Model):
    """One ballot as read by the counting board: the names kept, or the marks."""

    election = models.ForeignKey(
        Election, verbose_name=_("cuộc bầu"), on_delete=models.PROTECT, related_name="ballots"
    )
    number = models.PositiveIntegerField(_("số thứ tự phiếu"))
    issued = models.BooleanField(_("do Ban kiểm phiếu phát ra"), default=True)
    kept = models.JSONField(_("tên không bị gạch"), null=True, blank=True)
    marks = models.JSONField(_("đánh dấu đồng ý / không đồng ý"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phiếu bầu")
        verbose_name_plural = _("phiếu bầu")
        ordering = ["election", "number"]
        constraints = [
            models.UniqueConstraint(fields=["election", "number"], name="ballot_number_once")
        ]

    def __str__(self) -> str:
        return f"Phiếu số {self.number}"
