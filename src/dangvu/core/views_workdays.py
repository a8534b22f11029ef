"""The page of the government's working-day swaps: the list with source notices, and
the form a superuser records one with (decision 0012)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
    context = {
        "rows": list(services_workdays.listed()),
        "form": form if may_record else None,
    }
    return render(request, "core/workday_exceptions.html", context)
