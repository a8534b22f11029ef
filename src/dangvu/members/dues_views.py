"""Dues pages: a cell's monthly sheet, the unpaid list, the profile and reduction forms.

Thin views (STYLE.md): find the object for this user (404 out of scope, 403 when
the role may not write), call ``members.dues``, render.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from dangvu.core import scope
from dangvu.members import dues
from dangvu.members import dues_rules as rules
from dangvu.members.dues_forms import DuesProfileForm, DuesReductionForm, DuesSheetForm
from dangvu.members.models import Member
from dangvu.organizations.models import Organization

# Roles that read a cell's dues sheet and the unpaid list (a plain member reads only their own).
READER_ROLES = frozenset({"viewer", "cell_secretary", "staff", "leader"})


def _cell(user: Any, code: str) -> Organization:
    cell = Organization.objects.cells().visible_to(user).filter(code=code).first()
    if cell is None:
        raise Http404
    if not scope.can_in_subtree(user, READER_ROLES, cell.path):
        raise PermissionDenied
    return cell


def _month(year: str, month: str) -> date:
    if not (int(year) >= 1900 and 1 <= int(month) <= 12):
        raise Http404
    return date(int(year), int(month), 1)


def sheet_url_kwargs(cell: Organization, month: date) -> dict[str, str]:
    return {"cell_code": cell.code, "year": f"{month.year:04d}", "month": f"{month.month:02d}"}


@login_required
def current_sheet(request: HttpRequest, cell_code: str) -> HttpResponse:
    """The sheet of this month."""
    cell = _cell(request.user, cell_code)
    today = date.today()
    return redirect(reverse("members:dues_sheet", kwargs=sheet_url_kwargs(cell, today)))


def _lines(rows: list[dues.SheetRow], form: DuesSheetForm) -> list[dict[str, Any]]:
    """Each row with its checkbox and amount inputs (none when paid or exempt)."""
    lines = []
    for row in rows:
        paid_name, amount_name = f"paid_{row.member.pk}", f"amount_{row.member.pk}"
        lines.append(
            {
                "row": row,
                "paid": form[paid_name] if paid_name in form.fields else None,
                "amount": form[amount_name] if amount_name in form.fields else None,
            }
        )
    return lines


@login_required
def sheet(request: HttpRequest, cell_code: str, year: str, month: str) -> HttpResponse:
    user: Any = request.user
    cell = _cell(user, cell_code)
    first = _month(year, month)
    may_record = dues.may_record_payments(user, cell)
    if request.method == "POST" and not may_record:
        raise PermissionDenied
    rows = dues.dues_sheet(cell, first)
    form = DuesSheetForm(
        request.POST if request.method == "POST" else None,
        rows=rows,
        initial={"paid_on": date.today()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            created = dues.record_payments(
                cell,
                first,
                actor=user,
                payments=form.payments(),
                paid_on=form.cleaned_data["paid_on"],
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(
                request,
                _("Đã ghi đảng phí tháng %(month)s của %(count)s đảng viên.")
                % {"month": first.strftime("%m/%Y"), "count": len(created)},
            )
            return redirect(reverse("members:dues_sheet", kwargs=sheet_url_kwargs(cell, first)))
    context = {
        "cell": cell,
        "month": first,
        "previous": sheet_url_kwargs(cell, rules.add_months(first, -1)),
        "next": sheet_url_kwargs(cell, rules.add_months(first, 1)),
        "is_future": first > rules.month_start(date.today()),
        "lines": _lines(rows, form),
        "form": form,
        "may_record": may_record,
        "total_due": sum(row.due or 0 for row in rows),
        "total_paid": sum(row.payment.amount for row in rows if row.payment),
    }
    return render(request, "members/dues/sheet.html", context)


def _year(request: HttpRequest) -> tuple[int, str | None]:
    raw = request.GET.get("year", "")
    today = date.today()
    if not raw:
        return today.year, None
    try:
        year = int(raw)
    except ValueError:
        return today.year, _("Năm không hợp lệ; đang xem năm %(year)s.") % {"year": today.year}
    if not 1900 <= year <= today.year:
        return today.year, _("Năm không hợp lệ; đang xem năm %(year)s.") % {"year": today.year}
    return year, None


def _root(request: HttpRequest) -> Organization | None:
    raw = request.GET.get("organization", "")
    if not raw:
        return None
    try:
        pk = int(raw)
    except ValueError as exc:
        raise Http404 from exc
    root = Organization.objects.visible_to(request.user).filter(pk=pk).first()
    if root is None:
        raise Http404
    return root


@login_required
def unpaid(request: HttpRequest) -> HttpResponse:
    """Members with three or more unpaid months in a year (removal to be proposed)."""
    user: Any = request.user
    root = _root(request)
    if root is not None and not scope.can_in_subtree(user, READER_ROLES, root.path):
        raise PermissionDenied
    year, problem = _year(request)
    if problem:
        messages.warning(request, problem)
    rows = dues.members_with_unpaid_months(user, root, year)
    context = {"rows": rows, "root": root, "year": year, "today": date.today()}
    return render(request, "members/dues/unpaid.html", context)


def _member_for_dues(request: HttpRequest, pk: int) -> Member:
    return scope.for_user(
        request.user, Member.objects.select_related("cell"), pk, action=scope.EDIT
    )


@login_required
def profile(request: HttpRequest, pk: int) -> HttpResponse:
    """Set the member's dues category and base (staff)."""
    member = _member_for_dues(request, pk)
    form = DuesProfileForm(request.POST or None, initial={"valid_from": date.today()})
    if request.method == "POST" and form.is_valid():
        try:
            dues.set_dues_profile(member, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Đã lưu căn cứ đóng đảng phí."))
            return redirect("members:detail", pk=member.pk)
    title = _("Căn cứ đóng đảng phí")
    return render(
        request, "members/member_action_form.html", {"form": form, "member": member, "title": title}
    )


@login_required
def reduction(request: HttpRequest, pk: int) -> HttpResponse:
    """Reduce or exempt the member's dues for a period (staff)."""
    member = _member_for_dues(request, pk)
    form = DuesReductionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            dues.grant_reduction(member, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Đã ghi quyết định giảm, miễn đảng phí."))
            return redirect("members:detail", pk=member.pk)
    title = _("Giảm, miễn đảng phí")
    return render(
        request, "members/member_action_form.html", {"form": form, "member": member, "title": title}
    )
