"""Pages to import members from a spreadsheet and export a member list to one.

Importing writes the registry, so it is for users who hold ``staff``
somewhere (each row is then checked against the cells they may edit);
exporting is for anyone signed in, and gives exactly the members they see.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from dangvu.core import scope
from dangvu.core.http import client_ip
from dangvu.members.columns import columns
from dangvu.members.exporting import export_members, template_workbook
from dangvu.members.filters import MemberFilterSet
from dangvu.members.importing import import_members
from dangvu.members.models import Member

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ERRORS_SHOWN = 500
OUTCOMES_SHOWN = 200


class MemberImportForm(forms.Form):
    """The upload of the import page: one file and the dry-run switch."""

    file = forms.FileField(
        label=gettext_lazy("Tệp danh sách (.xlsx hoặc .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
    dry_run = forms.BooleanField(label=gettext_lazy("Chỉ kiểm tra (không ghi)"), required=False)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > max_upload_bytes():
            raise forms.ValidationError(
                _("Tệp lớn hơn %(size)s MB; hãy chia thành nhiều tệp nhỏ hơn.")
                % {"size": max_upload_bytes() // (1024 * 1024)}
            )
        return upload


def max_upload_bytes() -> int:
    return int(settings.DANGVU_IMPORT_MAX_BYTES)


def may_import(user: Any) -> bool:
    """Importing writes the registry: only users holding ``staff`` somewhere."""
    if user.is_superuser:
        return True
    return any(grant.role in scope.DEFAULT_EDIT_ROLES for grant in scope.grants(user))


@login_required
@require_http_methods(["GET", "POST"])
def import_page(request: HttpRequest) -> HttpResponse:
    if not may_import(request.user):
        raise PermissionDenied
    form = MemberImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = import_members(
            upload, upload.name, actor=request.user, dry_run=form.cleaned_data["dry_run"]
        )
    context = {
        "form": form,
        "result": result,
        "errors_shown": result.errors[:ERRORS_SHOWN] if result else [],
        "outcomes_shown": result.outcomes[:OUTCOMES_SHOWN] if result else [],
        "columns": columns(),
        "max_mb": max_upload_bytes() // (1024 * 1024),
    }
    # A refused file (or a dry run that finds errors) is an answer "not accepted", not a 200.
    refused = bool(form.errors) or (result is not None and not result.ok)
    return render(request, "members/import.html", context, status=400 if refused else 200)


@login_required
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    return _xlsx_response(template_workbook(), "mau-nhap-dang-vien.xlsx")


@login_required
@require_GET
def export(request: HttpRequest) -> HttpResponse:
    filterset = MemberFilterSet(request.GET, queryset=Member.objects.visible_to(request.user))
    if not filterset.is_valid():
        # Escaped: the values come from the query string.
        messages = format_html_join("", "<li>{}: {}</li>", _filter_errors(filterset))
        body = format_html("<p>{}</p><ul>{}</ul>", _("Bộ lọc không hợp lệ:"), messages)
        return HttpResponseBadRequest(body)
    filters = {name: value for name, value in filterset.form.cleaned_data.items() if value}
    data = export_members(
        filterset.qs,
        user=request.user,
        filters=filters,
        ip_address=client_ip(request),
    )
    day = timezone.localdate().strftime("%Y%m%d")
    return _xlsx_response(data, f"danh-sach-dang-vien-{day}.xlsx")


def _filter_errors(filterset: MemberFilterSet) -> list[tuple[str, str]]:
    fields = filterset.form.fields
    return [
        (str(fields[name].label) if name in fields else name, str(error))
        for name, errors in filterset.form.errors.items()
        for error in errors
    ]


def _xlsx_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
