"""Every write of targets (chỉ tiêu) and their dated values, typed in or computed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.core.services import add_error, raise_if, save_as
from dangvu.core.text import fmt_day
from dangvu.documents.models import Document
from dangvu.organizations.models import Organization
from dangvu.programs.choices import Comparison, TargetSource
from dangvu.programs.models import Target, TargetValue
from dangvu.programs.periods import MAX_YEAR, MIN_YEAR
from dangvu.programs.services_base import Errors, clean_text, require_edit
from dangvu.programs.targets import CENT, computed_values

# Values fit DecimalField(max_digits=14, decimal_places=2).
LIMIT = Decimal("1000000000000")


def _decimal(value: Any, field: str, errors: Errors) -> Decimal:
    try:
        number = Decimal(str(value).strip().replace(",", ".")) if value is not None else None
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or abs(number) >= LIMIT:
        add_error(errors, field, _("Ghi một số (ví dụ 10 hoặc 12,5)."))
        return Decimal(0)
    return number.quantize(CENT)


@transaction.atomic
def add_target(
    user: Any,
    *,
    organization: Organization,
    year: int,
    name: str,
    unit: str,
    planned: Decimal | int | str,
    comparison: str = Comparison.AT_LEAST,
    source: str = TargetSource.MANUAL,
    document: Document | None = None,
    note: str = "",
) -> Target:
    """A target of an organisation for a year: "dồn điền đổi thửa 10 ha"."""
    require_edit(user, organization.path)
    errors: Errors = {}
    if isinstance(year, bool) or not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        add_error(errors, "year", _("Năm không hợp lệ."))
    name = clean_text(name, "name", 255, errors, _("Ghi tên chỉ tiêu."))
    unit = clean_text(unit, "unit", 40, errors)
    value = _decimal(planned, "planned", errors)
    if comparison not in Comparison.values:
        add_error(errors, "comparison", _("Cách đánh giá không hợp lệ."))
    if source not in TargetSource.values:
        add_error(errors, "source", _("Nguồn số liệu không hợp lệ."))
    if (
        document is not None
        and not Document.objects.visible_to(user).filter(pk=document.pk).exists()
    ):
        add_error(errors, "document", _("Văn bản không thuộc phạm vi được xem."))
    note = clean_text(note, "note", 0, errors)
    raise_if(errors)
    top = Target.objects.filter(organization=organization, year=year).aggregate(n=Max("order"))
    target = Target(
        organization=organization,
        org_path=organization.path,
        year=year,
        order=int(top["n"] or 0) + 1,
        name=name,
        unit=unit,
        planned=value,
        comparison=comparison,
        source=source,
        document=document,
        note=note,
    )
    save_as(target, user)
    return target


def _check_day(measured_on: Any, year: int, today: date, errors: Errors) -> None:
    if not isinstance(measured_on, date):
        add_error(errors, "measured_on", _("Ghi ngày tính kết quả."))
    elif measured_on < date(year, 1, 1):
        add_error(
            errors,
            "measured_on",
            _("Ngày tính không được trước năm của chỉ tiêu (%(year)s).") % {"year": year},
        )
    elif measured_on > today:
        add_error(
            errors,
            "measured_on",
            _("Ngày tính không được sau hôm nay (%(day)s).") % {"day": fmt_day(today)},
        )


@transaction.atomic
def record_target_value(
    user: Any, target: Target, *, measured_on: date, value: Decimal | int | str, note: str = ""
) -> TargetValue:
    """The actual value of a typed-in target as of a day (kept with the earlier ones)."""
    require_edit(user, target.org_path)
    errors: Errors = {}
    if target.source != TargetSource.MANUAL:
        add_error(
            errors, "source", _("Chỉ tiêu này tính từ dữ liệu: dùng chức năng cập nhật số liệu.")
        )
    _check_day(measured_on, target.year, timezone.localdate(), errors)
    number = _decimal(value, "value", errors)
    note = clean_text(note, "note", 500, errors)
    raise_if(errors)
    recorded = TargetValue(
        target=target,
        org_path=target.org_path,
        measured_on=measured_on,
        value=number,
        note=note,
        recorded_by=user,
    )
    save_as(recorded, user)
    return recorded


@transaction.atomic
def refresh_computed(
    user: Any, organization: Organization, year: int, *, as_of: date
) -> list[TargetValue]:
    """Compute the value of every computed target of the organisation's year as of a day.

    The value of a day is written once (computed again, it is updated); a
    source with nothing to count yet (no meeting, no ranking) is left out.
    """
    require_edit(user, organization.path)
    errors: Errors = {}
    _check_day(as_of, year, timezone.localdate(), errors)
    raise_if(errors)
    measured_on = min(as_of, date(year, 12, 31))
    targets = list(
        Target.objects.filter(organization=organization, year=year).exclude(
            source=TargetSource.MANUAL
        )
    )
    values = computed_values(organization, year, {t.source for t in targets}, measured_on)
    existing = {
        v.target_id: v
        for v in TargetValue.objects.filter(
            target__in=targets, measured_on=measured_on, computed=True
        )
    }
    written = []
    for target in targets:
        value = values.get(target.source)
        if value is None:
            continue
        row = existing.get(target.pk) or TargetValue(
            target=target, org_path=target.org_path, measured_on=measured_on, computed=True
        )
        row.value = value
        row.recorded_by = user if getattr(user, "is_authenticated", False) else None
        row.note = str(TargetSource(target.source).label)[:500]
        save_as(row, user)
        written.append(row)
    return written
