"""Recording the government's working-day swaps (decision 0012).

Only a superuser records one: the calendar is national and moves every legal
deadline of every organisation, so no staff of one subtree may change it for
the others. Everyone signed in reads the list with its source notices.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.core import workdays
from dangvu.core.models_workdays import WorkdayException
from dangvu.core.services import add_error, raise_if, save_as

KINDS = {kind.value for kind in WorkdayException.Kind}


def can_record(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_superuser)


def listed() -> Any:
    """Every recorded swap, newest day first, the withdrawn ones kept after the active
    row of their day (one query)."""
    return WorkdayException.objects.order_by("-day", F("withdrawn_at").desc(nulls_first=True))


def _check(data: dict[str, Any]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    day = data.get("day")
    kind = data.get("kind") or ""
    if not isinstance(day, date):
        add_error(errors, "day", _("Nhập ngày được hoán đổi."))
    if kind not in KINDS:
        add_error(errors, "kind", _("Chọn “Ngày nghỉ” hoặc “Ngày làm việc”."))
    for field, message in (
        ("name", _("Nhập nội dung (ví dụ: Nghỉ Tết Dương lịch 2026).")),
        ("source_number", _("Nhập số văn bản thông báo việc hoán đổi.")),
    ):
        if not str(data.get(field) or "").strip():
            add_error(errors, field, message)
    source_date = data.get("source_date")
    if not isinstance(source_date, date):
        add_error(errors, "source_date", _("Nhập ngày của văn bản."))
    if errors or not isinstance(day, date) or not isinstance(source_date, date):
        return errors
    if source_date > timezone.localdate():
        add_error(errors, "source_date", _("Ngày văn bản không thể ở tương lai."))
    # A notice moves days of the coming months; a year apart is a typing mistake.
    if abs((day - source_date).days) > 366:
        add_error(errors, "day", _("Ngày hoán đổi phải trong vòng một năm so với ngày văn bản."))
    # A withdrawn row (recorded by mistake) does not hold its day.
    if WorkdayException.objects.filter(day=day, withdrawn_at__isnull=True).exists():
        add_error(errors, "day", _("Ngày %(day)s đã được ghi.") % {"day": f"{day:%d/%m/%Y}"})
    # A row must change something: a day off on a day already off is a mistake.
    usual = workdays.calendar_is_working_day(day)
    if kind == WorkdayException.Kind.DAY_OFF and not usual:
        add_error(
            errors, "kind", _("Ngày %(day)s vốn đã là ngày nghỉ.") % {"day": f"{day:%d/%m/%Y}"}
        )
    if kind == WorkdayException.Kind.WORKING_DAY and usual:
        add_error(
            errors, "kind", _("Ngày %(day)s vốn đã là ngày làm việc.") % {"day": f"{day:%d/%m/%Y}"}
        )
    return errors


def record_exception(
    actor: Any, data: dict[str, Any], *, console: bool = False
) -> WorkdayException:
    """Record one swap; ValidationError with Vietnamese field messages when wrong.

    ``console``: from ``dangvu workday_exception add``, run by whoever runs the
    server (who holds the system rights already); no user to check.
    """
    if not (console or can_record(actor)):
        raise PermissionDenied(_("Chỉ quản trị hệ thống được ghi ngày hoán đổi."))
    with transaction.atomic():
        raise_if(_check(data))
        row = WorkdayException(
            day=data["day"],
            kind=data["kind"],
            name=str(data["name"]).strip(),
            source_number=str(data["source_number"]).strip(),
            source_date=data["source_date"],
            source_issuer=str(data.get("source_issuer") or "").strip(),
        )
        save_as(row, actor)
    return row


def active_on(day: date) -> WorkdayException | None:
    """The row that counts for ``day`` (None when nothing or only withdrawn rows)."""
    return WorkdayException.objects.filter(day=day, withdrawn_at__isnull=True).first()


def withdraw_exception(
    actor: Any, row: WorkdayException, reason: str, *, console: bool = False
) -> WorkdayException:
    """Withdraw a swap recorded by mistake: it stays listed with the reason, no longer counts.

    Nothing is deleted: the row, who recorded and who withdrew it (history) stay,
    and a corrected row for the same day may be recorded afterwards. The model's
    ``post_save`` empties this process's cached calendar, as on a new row.
    """
    if not (console or can_record(actor)):
        raise PermissionDenied(_("Chỉ quản trị hệ thống được thu hồi ngày hoán đổi."))
    with transaction.atomic():
        locked = WorkdayException.objects.select_for_update().get(pk=row.pk)
        errors: dict[str, list[str]] = {}
        reason = str(reason or "").strip()
        if not reason:
            add_error(errors, "reason", _("Ghi lý do thu hồi."))
        elif len(reason) > 255:
            add_error(errors, "reason", _("Lý do thu hồi không quá 255 ký tự."))
        if locked.withdrawn_at is not None:
            add_error(
                errors,
                "withdrawn_at",
                _("Ngày %(day)s đã được thu hồi ngày %(when)s.")
                % {
                    "day": f"{locked.day:%d/%m/%Y}",
                    "when": f"{timezone.localtime(locked.withdrawn_at):%d/%m/%Y}",
                },
            )
        raise_if(errors)
        locked.withdrawn_at = timezone.now()
        locked.withdrawn_reason = reason
        save_as(locked, actor)
    return locked
