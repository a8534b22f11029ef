"""The registry of official documents: outgoing (the organisation's own) and incoming."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dangvu.core.models import ScopedQuerySet
from dangvu.core.text import cited_day, fold
from dangvu.documents import access, numbering
from dangvu.documents.choices import Confidentiality, Direction, DocumentKind
from dangvu.organizations.models import Organization


class DocumentQuerySet(ScopedQuerySet):
    def visible_to(self, user: Any) -> DocumentQuerySet:
        """The documents ``user`` may see: the one rule is ``documents.access``'s."""
        return self.filter(access.visible_q(user))

    def search(self, text: str) -> DocumentQuerySet:
        """Accent-insensitive: every word of the query in the code, summary or issuer."""
        query = self
        for word in fold(text).split():
            query = query.filter(search_text__contains=word)
        return query


class Document(models.Model):
    """One document in an organisation's registry (sổ văn bản đi / đến).

    Outgoing documents are numbered per visible type code per committee term
    from 01 (Hướng dẫn 36-HD/VPTW), so ``(organization, type_code, term_start,
    number)`` is unique among them: two kinds written with one code (a Quy định
    coded “QĐ” and a Quyết định) share one sequence and never show the same
    number. Incoming documents keep the number their issuer gave, or none.
    ``type_code`` is stored apart from ``kind`` because one kind has been coded
    two ways (Quy định: “QĐi” and “QĐ”).
    """

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("sổ văn bản của tổ chức"),
        on_delete=models.PROTECT,
        related_name="documents",
    )
    org_path = models.CharField(
        _("đường dẫn tổ chức"), max_length=255, db_index=True, editable=False
    )
    direction = models.CharField(_("văn bản đi/đến"), max_length=10, choices=Direction.choices)
    kind = models.CharField(_("loại văn bản"), max_length=20, choices=DocumentKind.choices)
    type_code = models.CharField(_("ký hiệu loại văn bản"), max_length=10)
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    issuer_code = models.CharField(_("ký hiệu cơ quan ban hành"), max_length=20)
    issuer_name = models.CharField(_("cơ quan ban hành"), max_length=255)
    issued_on = models.DateField(_("ngày ban hành"))
    place = models.CharField(_("địa danh"), max_length=120, blank=True)
    summary = models.CharField(_("trích yếu"), max_length=500)
    body = models.TextField(_("nội dung"), blank=True)
    signer_name = models.CharField(_("người ký"), max_length=120, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=120, blank=True)
    recipients = models.TextField(_("nơi nhận"), blank=True, help_text=_("Mỗi dòng một nơi."))
    confidentiality = models.CharField(
        _("độ mật"), max_length=20, choices=Confidentiality.choices, default=Confidentiality.NORMAL
    )
    term_start = models.PositiveSmallIntegerField(
        _("nhiệm kỳ (năm bắt đầu)"), null=True, blank=True
    )
    received_on = models.DateField(_("ngày đến"), null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người vào sổ"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    search_text = models.CharField(
        _("nội dung tìm kiếm"), max_length=800, editable=False, db_index=True
    )

    history = HistoricalRecords()
    objects = DocumentQuerySet.as_manager()
    scope_path_field: ClassVar[str] = "org_path"

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
        ordering = ["-issued_on", "-id"]
        indexes = [models.Index(fields=["organization", "-issued_on"], name="document_org_day")]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "type_code", "term_start", "number"],
                condition=Q(direction="outgoing"),
                name="document_unique_visible_number",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number_line}: {self.summary}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = numbering.search_text(
            self.code, str(self.get_kind_display()), self.summary, self.issuer_name
        )
        super().save(*args, **kwargs)

    @property
    def code(self) -> str:
        """“09-NQ/ĐU”."""
        return numbering.document_code(self.number, self.type_code, self.issuer_code)

    @property
    def citation(self) -> str:
        """As other documents cite it: “Nghị quyết số 09-NQ/ĐU ngày 27/12/2021”."""
        return f"{self.get_kind_display()} số {self.code} ngày {cited_day(self.issued_on)}"

    @property
    def number_line(self) -> str:
        """“Số 09-NQ/ĐU”."""
        return numbering.number_line(self.number, self.type_code, self.issuer_code)


class NumberSequence(models.Model):
    """The last number issued for one visible type code, per organisation and term.

    The row is locked (``select_for_update``) while a number is taken, so two
    people issuing at once never get the same number.
    """

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("tổ chức"),
        on_delete=models.PROTECT,
        related_name="document_sequences",
    )
    type_code = models.CharField(_("ký hiệu loại văn bản"), max_length=10)
    term_start = models.PositiveSmallIntegerField(_("nhiệm kỳ (năm bắt đầu)"))
    last_number = models.PositiveIntegerField(_("số đã cấp cuối cùng"), default=0)

    class Meta:
        verbose_name = _("dãy số văn bản")
        verbose_name_plural = _("dãy số văn bản")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "type_code", "term_start"],
                name="document_sequence_per_code",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} {self.type_code} {self.term_start}: {self.last_number}"


class DocumentFile(models.Model):
    """A file attached to a document: the signed scan, an appendix, the plan's tables."""

    document = models.ForeignKey(
        Document, verbose_name=_("văn bản"), on_delete=models.PROTECT, related_name="files"
    )
    org_path = models.CharField(_("đường dẫn tổ chức"), max_length=255, editable=False)
    title = models.CharField(_("tên tệp đính kèm"), max_length=255)
    file = models.FileField(_("tệp"), upload_to="documents/%Y/%m/")
    uploaded_at = models.DateTimeField(_("ngày tải lên"), auto_now_add=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope_path_field: ClassVar[str] = "org_path"

    class Meta:
        verbose_name = _("tệp đính kèm văn bản")
        verbose_name_plural = _("tệp đính kèm văn bản")
        ordering = ["document", "id"]

    def __str__(self) -> str:
        return self.title


class DocumentTemplate(models.Model):
    """An organisation's template for one kind of document: signature block, recipients, body.

    Staff edit it; a kind without one uses the built-in default
    (``documents.templates.default_template``).
    """

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("tổ chức"),
        on_delete=models.PROTECT,
        related_name="document_templates",
    )
    org_path = models.CharField(
        _("đường dẫn tổ chức"), max_length=255, db_index=True, editable=False
    )
    kind = models.CharField(_("loại văn bản"), max_length=20, choices=DocumentKind.choices)
    signature_prefix = models.CharField(
        _("dòng thẩm quyền ký"), max_length=120, help_text=_("Ví dụ “T/M BAN CHẤP HÀNH”.")
    )
    signer_title = models.CharField(_("chức vụ người ký"), max_length=120, blank=True)
    recipients = models.TextField(_("nơi nhận"), blank=True, help_text=_("Mỗi dòng một nơi."))
    body = models.TextField(_("khung nội dung"), blank=True)
    updated = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope_path_field: ClassVar[str] = "org_path"

    class Meta:
        verbose_name = _("mẫu văn bản")
        verbose_name_plural = _("mẫu văn bản")
        ordering = ["organization", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "kind"], name="document_template_unique_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} {self.get_kind_display()}"
