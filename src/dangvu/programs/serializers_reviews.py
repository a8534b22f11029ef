"""API shapes of targets and reviews (issue 8): outputs and the inputs of their writes.

The references and the input helpers are ``programs.serializers``'.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from dangvu.core.api import InputSerializer
from dangvu.documents import access
from dangvu.programs.choices import Comparison, NoteKind, TargetSource
from dangvu.programs.models import Review, ReviewNote, Target
from dangvu.programs.serializers import (
    MAX_YEAR,
    MIN_YEAR,
    DocumentRefSerializer,
    TaskSerializer,
    bounded,
    document_data,
    document_field,
    meeting_field,
    organization_field,
    period_of,
    programme_field,
    text_field,
    viewer,
)

# ---------------------------------------------------------------------------
# Targets


class TargetSerializer(serializers.ModelSerializer):
    """A target with its latest actual value (from ``targets.target_rows``, put on the row)."""

    comparison_display = serializers.CharField(source="get_comparison_display", read_only=True)
    source_display = serializers.CharField(source="get_source_display", read_only=True)
    document = serializers.SerializerMethodField()
    actual = serializers.SerializerMethodField()
    measured_on = serializers.SerializerMethodField()
    percent_of_plan = serializers.SerializerMethodField()
    met = serializers.SerializerMethodField()

    class Meta:
        model = Target
        fields = [
            "id",
            "organization",
            "year",
            "order",
            "name",
            "unit",
            "planned",
            "comparison",
            "comparison_display",
            "source",
            "source_display",
            "document",
            "note",
            "actual",
            "measured_on",
            "percent_of_plan",
            "met",
        ]
        read_only_fields = fields

    def _row(self, target: Target) -> Any:
        return self.context.get("rows", {}).get(target.pk)

    @extend_schema_field(DocumentRefSerializer(allow_null=True))
    def get_document(self, target: Target) -> dict[str, Any] | None:
        document = access.shown(viewer(self.context), target.document)
        return None if document is None else document_data(document)

    @extend_schema_field(serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True))
    def get_actual(self, target: Target) -> str | None:
        row = self._row(target)
        return None if row is None or row.actual is None else f"{row.actual:.2f}"

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_measured_on(self, target: Target) -> date | None:
        row = self._row(target)
        return None if row is None else row.measured_on

    @extend_schema_field(serializers.FloatField(allow_null=True))
    def get_percent_of_plan(self, target: Target) -> float | None:
        row = self._row(target)
        value = None if row is None else row.percent_of_plan
        return None if value is None else float(value)

    @extend_schema_field(serializers.BooleanField(allow_null=True))
    def get_met(self, target: Target) -> bool | None:
        row = self._row(target)
        return None if row is None else row.met


class TargetInputSerializer(InputSerializer):
    """What ``add_target`` takes."""

    organization = organization_field(label=_("tổ chức"))
    year = bounded(_("năm"), MIN_YEAR, MAX_YEAR)
    name = serializers.CharField(label=_("chỉ tiêu"), max_length=255)
    unit = text_field(_("đơn vị tính"), 40)
    planned = serializers.DecimalField(
        label=_("kế hoạch"),
        max_digits=14,
        decimal_places=2,
        error_messages={
            "invalid": _("Phải là một số (dấu chấm trước phần thập phân)."),
            "max_digits": _("Không quá {max_digits} chữ số."),
            "max_decimal_places": _("Không quá {max_decimal_places} chữ số sau dấu chấm."),
            "max_whole_digits": _("Không quá {max_whole_digits} chữ số trước dấu chấm."),
        },
    )
    comparison = serializers.ChoiceField(
        label=_("cách đánh giá"), choices=Comparison.choices, default=Comparison.AT_LEAST
    )
    # DRF's metaclass takes declared fields off the class: ``Field.source`` is not shadowed.
    source = serializers.ChoiceField(  # type: ignore[assignment]
        label=_("nguồn số liệu"), choices=TargetSource.choices, default=TargetSource.MANUAL
    )
    document = document_field(label=_("giao tại văn bản"), required=False, allow_null=True)
    note = text_field(_("ghi chú"))


class TargetValueInputSerializer(InputSerializer):
    """What ``record_target_value`` takes."""

    measured_on = serializers.DateField(label=_("tính đến ngày"))
    value = serializers.DecimalField(
        label=_("thực hiện"),
        max_digits=14,
        decimal_places=2,
        error_messages={
            "invalid": _("Phải là một số (dấu chấm trước phần thập phân)."),
            "max_digits": _("Không quá {max_digits} chữ số."),
            "max_decimal_places": _("Không quá {max_decimal_places} chữ số sau dấu chấm."),
            "max_whole_digits": _("Không quá {max_whole_digits} chữ số trước dấu chấm."),
        },
    )
    note = text_field(_("ghi chú"), 500)


class TargetValueSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    target = serializers.IntegerField(source="target_id")
    measured_on = serializers.DateField()
    value = serializers.DecimalField(max_digits=14, decimal_places=2)
    computed = serializers.BooleanField()
    note = serializers.CharField()


class TargetRefreshInputSerializer(InputSerializer):
    """Compute the targets dangvu can compute (admissions, attendance, rankings)."""

    organization = organization_field(label=_("tổ chức"))
    year = bounded(_("năm"), MIN_YEAR, MAX_YEAR)
    as_of = serializers.DateField(
        label=_("tính đến ngày"), required=False, help_text=_("Mặc định hôm nay.")
    )


# ---------------------------------------------------------------------------
# Reviews


class BodyRowSerializer(serializers.Serializer):
    """The counts of one owning body (kind org/agency) or one responsible person (member)."""

    name = serializers.CharField()
    kind = serializers.CharField()
    id = serializers.IntegerField(allow_null=True)
    total = serializers.IntegerField()
    done = serializers.IntegerField()
    done_late = serializers.IntegerField()
    not_done = serializers.IntegerField()
    carried_over = serializers.IntegerField()
    open = serializers.IntegerField()
    overdue = serializers.IntegerField()


class FiguresSerializer(serializers.Serializer):
    """The review's figures (top-level tasks only), as of ``as_of``."""

    as_of = serializers.DateField()
    total = serializers.IntegerField()
    key = serializers.IntegerField(help_text=_("Số nhiệm vụ trọng tâm."))
    counts = serializers.DictField(
        child=serializers.IntegerField(), help_text=_("Tình trạng → số nhiệm vụ.")
    )
    finished = serializers.IntegerField(help_text=_("Hoàn thành (đúng hạn và chậm)."))
    overdue = serializers.IntegerField(help_text=_("Chưa hoàn thành và đã quá hạn."))
    finished_share = serializers.FloatField(allow_null=True, help_text=_("Tỷ lệ hoàn thành (%)."))
    by_body = BodyRowSerializer(many=True)
    by_person = BodyRowSerializer(many=True)


def figures_data(figures: Any) -> dict[str, Any]:
    data: dict[str, Any] = figures.as_dict()
    data["finished"] = figures.finished
    data["finished_share"] = figures.finished_share
    return data


class ReviewNoteSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = ReviewNote
        fields = ["id", "kind", "kind_display", "order", "text"]
        read_only_fields = fields


class ReviewSerializer(serializers.ModelSerializer):
    """One review in a list: its programme and period, the conference, whether closed."""

    organization = serializers.IntegerField(source="programme.organization_id", read_only=True)
    programme_title = serializers.CharField(source="programme.title", read_only=True)
    period_label = serializers.SerializerMethodField()

    class Meta:
        model = Review
        fields = [
            "id",
            "organization",
            "programme",
            "programme_title",
            "period_label",
            "held_on",
            "meeting",
            "next_programme",
            "summary",
            "opinions_count",
            "closed_on",
        ]
        read_only_fields = fields

    def get_period_label(self, review: Review) -> str:
        return period_of(review.programme).label


class ReviewDetailSerializer(ReviewSerializer):
    """A review with its figures (frozen when closed), its notes and the next key tasks."""

    figures = serializers.SerializerMethodField()
    notes = ReviewNoteSerializer(many=True, read_only=True)
    next_key_tasks = serializers.SerializerMethodField()

    class Meta(ReviewSerializer.Meta):
        fields = [*ReviewSerializer.Meta.fields, "figures", "notes", "next_key_tasks"]
        read_only_fields = fields

    @extend_schema_field(FiguresSerializer)
    def get_figures(self, review: Review) -> dict[str, Any]:
        return dict(self.context["figures"])

    @extend_schema_field(TaskSerializer(many=True))
    def get_next_key_tasks(self, review: Review) -> Any:
        return TaskSerializer(self.context.get("next_key_tasks", []), many=True).data


class ReviewInputSerializer(InputSerializer):
    """What ``open_review`` takes."""

    programme = programme_field(label=_("chương trình"))
    held_on = serializers.DateField(label=_("ngày sơ kết"))
    meeting = meeting_field(label=_("hội nghị"), required=False, allow_null=True)
    next_programme = programme_field(
        label=_("chương trình kỳ sau"), required=False, allow_null=True
    )
    summary = text_field(_("đánh giá chung"))
    opinions_count = bounded(_("số ý kiến tại hội nghị"), 0, 32767, required=False, default=0)


class ReviewUpdateSerializer(InputSerializer):
    """What ``update_review`` takes (PATCH): only the fields sent are changed."""

    held_on = serializers.DateField(label=_("ngày sơ kết"), required=False)
    meeting = meeting_field(label=_("hội nghị"), required=False, allow_null=True)
    next_programme = programme_field(
        label=_("chương trình kỳ sau"), required=False, allow_null=True
    )
    summary = text_field(_("đánh giá chung"))
    opinions_count = bounded(_("số ý kiến tại hội nghị"), 0, 32767, required=False)


class ReviewNoteInputSerializer(InputSerializer):
    kind = serializers.ChoiceField(label=_("loại"), choices=NoteKind.choices)
    text = serializers.CharField(label=_("nội dung"))


class ReviewCloseInputSerializer(InputSerializer):
    closed_on = serializers.DateField(
        label=_("ngày chốt số liệu"), required=False, help_text=_("Mặc định hôm nay.")
    )


class ReviewReopenInputSerializer(InputSerializer):
    reason = serializers.CharField(label=_("lý do"))
