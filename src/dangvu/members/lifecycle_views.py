"""Lifecycle pages: decisions on a member, transfers and their steps, receiving from outside.

Thin views (STYLE.md): the object comes from ``scope.for_user`` (404 out of
scope, 403 read-only), the write from ``decisions`` / ``transfers``, and a
service's ValidationError is shown on the form with nothing written.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from dangvu.core import scope
from dangvu.core.forms import add_service_errors
from dangvu.members import transfers
from dangvu.members.decisions import DECISIONS
from dangvu.members.lifecycle_forms import (
    CancelForm,
    DecisionForm,
    ReceiveForm,
    StepForm,
    TransferForm,
)
from dangvu.members.models import Member, MembershipEvent, Transfer
from dangvu.organizations.models import Organization

# A list page shows the latest transfers; older ones are reached by filtering.
LIST_LIMIT = 200


@login_required
def decision(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """One form for every decision kind (exemption, removal, expulsion …)."""
    if kind not in DECISIONS:
        raise Http404
    user: Any = request.user
    member: Member = scope.for_user(user, Member.objects.all(), pk, action=scope.EDIT)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            DECISIONS[kind](member, actor=user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã ghi quyết định."))
            return redirect("members:detail", pk=member.pk)
    title = MembershipEvent.Kind(kind).label
    context = {"form": form, "member": member, "title": title}
    return render(request, "members/lifecycle/decision.html", context)


@login_required
def transfer_issue(request: HttpRequest, pk: int) -> HttpResponse:
    """Issue the introduction letter of a member (chuyển sinh hoạt đi)."""
    user: Any = request.user
    member: Member = scope.for_user(user, Member.objects.all(), pk, action=scope.EDIT)
    form = TransferForm(request.POST or None, initial={"moved_on": date.today()})
    if request.method == "POST" and form.is_valid():
        try:
            transfers.issue_transfer(member, actor=user, **form.service_args())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã ghi giấy giới thiệu chuyển sinh hoạt."))
            return redirect("members:detail", pk=member.pk)
    context = {"form": form, "member": member, "title": _("Chuyển sinh hoạt đảng")}
    return render(request, "members/lifecycle/decision.html", context)


STEPS: dict[str, tuple[str, Any, str]] = {
    "present": (_("Nộp giấy giới thiệu"), transfers.present_letter, "presented_on"),
    "start": (_("Bắt đầu sinh hoạt tại nơi đến"), transfers.start_at_destination, "started_on"),
    "return": (_("Trở về sau sinh hoạt tạm thời"), transfers.return_from_temporary, "returned_on"),
}


def _transfers() -> Any:
    return Transfer.objects.select_related("member", "from_cell", "to_cell")


def _run_step(step: str, transfer: Transfer, user: Any, form: Any) -> None:
    if step == "cancel":
        transfers.cancel_transfer(transfer, actor=user, reason=form.cleaned_data["reason"])
        return
    _label, service, day_field = STEPS[step]
    service(transfer, actor=user, **{day_field: form.cleaned_data["day"]})


@login_required
def transfer_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """A step of a transfer, taken at either end (both ends' staff may write it)."""
    if step not in (*STEPS, "cancel"):
        raise Http404
    user: Any = request.user
    transfer: Transfer = scope.for_user(user, _transfers(), pk, action=scope.EDIT)
    form: Any = (CancelForm if step == "cancel" else StepForm)(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _run_step(step, transfer, user, form)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã ghi."))
            return redirect("members:transfers")
    title = _("Hủy giấy giới thiệu") if step == "cancel" else STEPS[step][0]
    context = {
        "form": form,
        "transfer": transfer,
        "title": title,
        "deadlines": transfers.transfer_deadlines(transfer),
    }
    return render(request, "members/lifecycle/step.html", context)


def _filtered(request: HttpRequest, rows: QuerySet[Transfer]) -> tuple[Any, Organization | None]:
    user: Any = request.user
    org_id = request.GET.get("organization", "")
    org = (
        Organization.objects.visible_to(user).filter(pk=int(org_id)).first()
        if org_id.isdigit()
        else None
    )
    direction = request.GET.get("direction", "")
    if org is not None:
        into, out = scope.subtree_q("to_path", org.path), scope.subtree_q("from_path", org.path)
        rows = rows.filter(into if direction == "in" else out if direction == "out" else into | out)
    state = request.GET.get("state", "")
    if state in Transfer.State.values:
        rows = rows.filter(state=state)
    return rows, org


@login_required
def transfer_list(request: HttpRequest) -> HttpResponse:
    """Incoming and outgoing transfers of the user's scope, with their deadlines."""
    user: Any = request.user
    rows, org = _filtered(request, _transfers().visible_to(user))
    today = date.today()
    found = [(t, transfers.transfer_deadlines(t)) for t in rows[:LIST_LIMIT]]
    context = {
        "rows": found,
        "organization": org,
        "today": today,
        "direction": request.GET.get("direction", ""),
        "state": request.GET.get("state", ""),
        "states": Transfer.State.choices,
        "may_receive": _editable_cells(user).exists(),
    }
    return render(request, "members/lifecycle/transfers.html", context)


def _editable_cells(user: Any) -> QuerySet[Organization]:
    return (
        Organization.objects.cells()
        .editable_by(user)
        .filter(ended_on__isnull=True)
        .select_related("parent")
        .order_by("path")
    )


@login_required
def receive(request: HttpRequest) -> HttpResponse:
    """Receive a member transferred from an organisation outside this database."""
    user: Any = request.user
    cells = _editable_cells(user)
    if not (user.is_superuser or any(g.role == "staff" for g in scope.grants(user))):
        raise PermissionDenied
    form = ReceiveForm(request.POST or None, cells=cells, initial={"ethnicity": "Kinh"})
    if request.method == "POST" and form.is_valid():
        try:
            transfer = transfers.receive_from_outside(
                actor=user,
                cell=form.cleaned_data["cell"],
                data=form.profile_data(),
                **form.transfer_data(),
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Đã tiếp nhận đảng viên chuyển đến."))
            return redirect("members:detail", pk=transfer.member_id)
    return render(request, "members/lifecycle/receive.html", {"form": form})
