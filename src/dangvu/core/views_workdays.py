"""The page of the government's working-day swaps: the list with source notices, and
the form a superuser records one with (decision 0012)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from dangvu.core import services_workdays
from dangvu.core.forms import DateField, add_service_errors
from dangvu.core.models_workdays import WorkdayException


class WorkdayExceptionForm(forms.Form):
    day = DateField(label=gettext_lazy("Ngày"))
    kind = forms.ChoiceField(label=gettext_lazy("Loại"), choices=WorkdayException.Kind.choices)
    name = forms.CharField(label=gettext_lazy("Nội dung"), max_length=200)
    source_number = forms.CharField(label=gettext_lazy("Số văn bản"), max_length=60)
    source_date = DateField(label=gettext_lazy("Ngày văn bản"))
    source_issuer = forms.CharField(
        label=gettext_lazy("Cơ quan ban hành"), max_length=200, required=False
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Lý do thu hồi"), max_length=255)


@dataclass
class Row:
    row: WorkdayException
    withdraw: WithdrawForm | None


def _prefix(pk: int) -> str:
    return f"w{pk}"


def _page(
    request: HttpRequest,
    form: WorkdayExceptionForm | None,
    failed: tuple[int, WithdrawForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    may_record = services_workdays.can_record(request.user)
    rows = []
    for row in services_workdays.listed():
        withdraw = None
        if may_record and row.is_active:
            withdraw = failed[1] if failed and failed[0] == row.pk else None
            withdraw = withdraw or WithdrawForm(prefix=_prefix(row.pk))
        rows.append(Row(row, withdraw))
    context = {"rows": rows, "form": form if may_record else None}
    return render(request, "core/workday_exceptions.html", context, status=status)


@login_required
def workday_exceptions(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    may_record = services_workdays.can_record(user)
    form = WorkdayExceptionForm(request.POST or None)
    if request.method == "POST":
        if not may_record:
            raise PermissionDenied
        if form.is_valid():
            try:
                row = services_workdays.record_exception(user, form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Đã ghi %(row)s.") % {"row": row})
                return redirect("core:workday_exceptions")
    return _page(request, form)


@login_required
@require_POST
def withdraw_exception(request: HttpRequest, pk: int) -> HttpResponse:
    """A superuser withdraws a swap recorded by mistake, with the reason."""
    user: Any = request.user
    if not services_workdays.can_record(user):
        raise PermissionDenied
    if pk >= 2**63:  # beyond any database integer: absent, not a 500
        raise Http404
    row = get_object_or_404(WorkdayException, pk=pk)
    form = WithdrawForm(request.POST, prefix=_prefix(row.pk))
    if form.is_valid():
        try:
            services_workdays.withdraw_exception(user, row, form.cleaned_data["reason"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã thu hồi %(row)s.") % {"row": row})
            return redirect("core:workday_exceptions")
    return _page(request, WorkdayExceptionForm(), (row.pk, form), status=400)
