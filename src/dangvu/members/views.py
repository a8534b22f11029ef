"""Member pages: the list with search and filters, the profile with its history, the forms.

Thin views (STYLE.md): every read starts from ``visible_to``/``for_user``, every
write goes through ``members.services``, and the templates only display.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import groupby
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from dangvu.core import scope
from dangvu.core.forms import carry_version, form_status, unchanged_since_opened
from dangvu.core.history import history_entries
from dangvu.core.http import client_ip
from dangvu.core.models import AccessLog, log_access
from dangvu.core.paging import (
    COUNT_LIMIT,
    MAX_PAGE,
    PAGE_SIZE,
    BoundedPage,
    bounded_page,
    page_number,
)
from dangvu.core.tree import ancestor_ids, depth
from dangvu.members import services
from dangvu.members.choices import AgeBand, Gender, PoliticalTheory, Qualification, Status
from dangvu.members.filters import MemberFilterSet
from dangvu.members.forms import MemberForm, initial_from
from dangvu.members.models import SENSITIVE_FIELDS, Member
from dangvu.members.rules import age_in_years
from dangvu.organizations.choices import Level
from dangvu.organizations.models import Organization

# The history shows what a person edits; search_text, sort_key and org_path follow from it.
MEMBER_HISTORY_FIELDS = (*services.PROFILE_FIELDS, "status", "status_date", "exempt_from", "cell")
# The model's own Vietnamese field names, for the profile page.
FIELD_LABELS = {f.name: capfirst(f.verbose_name) for f in Member._meta.fields}
# A cell select longer than this is useless; the page then asks to pick an organisation.
CELL_CHOICES_LIMIT = 300
ORG_CHOICES_LIMIT = 1000


# ---------------------------------------------------------------------------
# The list


def _page_number(request: HttpRequest) -> int:
    return page_number(request, MAX_PAGE)


def _list_page(members: QuerySet[Member], number: int) -> BoundedPage:
    """The rows of page ``number`` and a total bounded by ``COUNT_LIMIT`` (core/paging.py)."""
    return bounded_page(members, number, PAGE_SIZE, COUNT_LIMIT)


def _non_cells(queryset: Any) -> Any:
    return queryset.exclude(Q(level=Level.CELL) | Q(level=Level.GRASSROOTS, is_cell=True))


def _organization_choices(user: Any, selected: Organization | None) -> list[tuple[int, str]]:
    """The organisations to filter by, as a drill-down that stays short at any scale.

    With one chosen: its ancestors in scope, itself and its children; otherwise
    the top of the user's scope and the level below it.
    """
    if selected is not None:
        near = Q(pk__in=ancestor_ids(selected.path)) | Q(parent_id=selected.pk)
    elif user.is_superuser:
        near = Q(parent__parent__isnull=True)
    else:
        tops = [g.organization_id for g in scope.grants(user) if g.role != "member"]
        near = Q(pk__in=tops) | Q(parent_id__in=tops)
    orgs = list(
        _non_cells(Organization.objects.visible_to(user))
        .filter(near)
        .order_by("path")
        .only("pk", "name", "path")[:ORG_CHOICES_LIMIT]
    )
    top = min((depth(o.path) for o in orgs), default=0)
    return [(o.pk, "— " * (depth(o.path) - top) + o.name) for o in orgs]


@dataclass
class CellGroup:
    label: str
    cells: list[tuple[int, str, str]]  # id, name, code


def _cell_choices(user: Any, selected: Organization | None) -> tuple[list[CellGroup], bool]:
    """Visible cells (within the chosen organisation), grouped by their parent.

    Returns the groups and whether the list was too long to show.
    """
    cells = Organization.objects.cells().visible_to(user).select_related("parent")
    if selected is not None:
        cells = cells.filter(scope.subtree_q("path", selected.path))
    found = list(cells.order_by("path")[: CELL_CHOICES_LIMIT + 1])
    if len(found) > CELL_CHOICES_LIMIT:
        return [], True
    groups = [
        CellGroup(
            label=parent.name if parent else "", cells=[(c.pk, c.name, c.code) for c in group]
        )
        for parent, group in groupby(found, key=lambda c: c.parent)
    ]
    return groups, False


def _int_or_none(value: Any) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _may_edit_somewhere(user: Any) -> bool:
    edit_roles = getattr(Member, "scope_edit_roles", scope.DEFAULT_EDIT_ROLES)
    return bool(user.is_superuser) or any(g.role in edit_roles for g in scope.grants(user))


def _filter_errors(filterset: MemberFilterSet) -> list[str]:
    form = filterset.form
    return [
        f"{form.fields[name].label if name in form.fields else name}: {error}"
        for name, errors in form.errors.items()
        for error in errors
    ]


def _query_without_page(query: QueryDict) -> str:
    params = query.copy()
    params.pop("page", None)
    return params.urlencode()


def _filter_bar(request: HttpRequest, filterset: MemberFilterSet, valid: bool) -> dict[str, Any]:
    """What the filter bar shows: the current values and the choices the user may pick."""
    user: Any = request.user
    cleaned = filterset.form.cleaned_data if valid else {}
    org_id = _int_or_none(cleaned.get("organization"))
    selected_org = (
        Organization.objects.visible_to(user).filter(pk=org_id).first() if org_id else None
    )
    cell_groups, cells_truncated = _cell_choices(user, selected_org)
    cell_id = _int_or_none(cleaned.get("cell"))
    statuses = request.GET.getlist("status")
    return {
        "current": {
            "search": request.GET.get("search", ""),
            "organization": org_id,
            "cell": cell_id,
            "status": statuses,
            "gender": request.GET.get("gender", ""),
            "age_band": request.GET.get("age_band", ""),
        },
        "organization_choices": _organization_choices(user, selected_org),
        "cell_groups": cell_groups,
        "cells_truncated": cells_truncated,
        # The selected cell's code, so "Thêm đảng viên" can preselect it.
        "cell_code": next(
            (code for group in cell_groups for pk, _name, code in group.cells if pk == cell_id),
            "",
        ),
        "status_choices": Status.choices,
        "status_summary": ", ".join(str(lbl) for val, lbl in Status.choices if val in statuses),
        "gender_choices": Gender.choices,
        "age_band_choices": AgeBand.choices,
        "filter_errors": [] if valid else _filter_errors(filterset),
        "filtered": any(request.GET.get(name) for name in filterset.filters),
    }


@login_required
def member_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    filterset = MemberFilterSet(request.GET, queryset=Member.objects.visible_to(user))
    valid = filterset.is_valid()
    members = filterset.qs if valid else Member.objects.none()
    members = members.select_related("cell").name_ordered()
    context = {
        "page": _list_page(members, _page_number(request)),
        "filters_valid": valid,
        "query": _query_without_page(request.GET),
        "may_edit": _may_edit_somewhere(user),
        **_filter_bar(request, filterset, valid),
    }
    return render(request, "members/list.html", context)


# ---------------------------------------------------------------------------
# The profile


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    member: Member = scope.for_user(user, Member.objects.select_related("cell__parent"), pk)
    shows_sensitive = scope.sees_sensitive(user, member)
    if user.member_id != member.pk:
        log_access(
            user,
            AccessLog.Action.VIEW_PROFILE,
            org_path=member.org_path,
            member=member,
            ip_address=client_ip(request),
        )
    placements = list(member.placements.select_related("cell").order_by("-start_date", "-id"))
    positions = list(
        member.positions.select_related("committee__organization").order_by("-start_date", "-id")
    )
    linkable = {p.cell_id for p in placements if scope.can(user, scope.VIEW, p.cell)} | {
        pos.committee.organization_id
        for pos in positions
        if scope.can(user, scope.VIEW, pos.committee.organization)
    }
    context = {
        "member": member,
        "labels": FIELD_LABELS,
        "shows_sensitive": shows_sensitive,
        "age": age_in_years(member.birth_date, date.today()),
        "party_age": member.party_age_years(),
        "placements": placements,
        "positions": positions,
        "linkable": linkable,
        "history": history_entries(
            member,
            fields=MEMBER_HISTORY_FIELDS,
            hidden=() if shows_sensitive else SENSITIVE_FIELDS,
            limit=30,
        ),
        "may_edit": scope.can(user, scope.EDIT, member),
        "may_see_cell": scope.can(user, scope.VIEW, member.cell),
    }
    return render(request, "members/detail.html", context)


# ---------------------------------------------------------------------------
# The forms


def _editable_cells(user: Any) -> QuerySet[Organization]:
    return (
        Organization.objects.cells()
        .editable_by(user)
        .filter(ended_on__isnull=True)
        .select_related("parent")
        .order_by("path")
    )


def _saved(request: HttpRequest, member: Member) -> HttpResponse:
    messages.success(request, _("Đã lưu hồ sơ đảng viên %(name)s.") % {"name": member.full_name})
    return redirect("members:detail", pk=member.pk)


@login_required
def create(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not _may_edit_somewhere(user):
        raise PermissionDenied
    cells = _editable_cells(user)
    if request.method == "POST":
        form = MemberForm(request.POST, cells=cells)
        if form.is_valid():
            try:
                member = services.create_member(
                    actor=user, cell=form.cleaned_data["cell"], data=form.profile_data()
                )
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                return _saved(request, member)
    else:
        form = MemberForm(
            cells=cells,
            initial={
                "cell": request.GET.get("cell", ""),
                "ethnicity": "Kinh",
                "religion": "Không",
                "qualification": Qualification.NONE,
                "political_theory": PoliticalTheory.NONE,
            },
        )
    return render(request, "members/form.html", {"form": form, "member": None})


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    member: Member = scope.for_user(
        user, Member.objects.select_related("cell"), pk, action=scope.EDIT
    )
    shows_sensitive = scope.sees_sensitive(user, member)
    initial = initial_from(member)
    if request.method == "POST":
        form = MemberForm(request.POST, initial=initial, with_sensitive=shows_sensitive)
        carry_version(form, member)
        if form.is_valid():
            changes = {name: form.cleaned_data[name] for name in form.changed_data}
            if not changes:
                messages.info(request, _("Không có thay đổi nào."))
                return redirect("members:detail", pk=member.pk)
            try:
                with unchanged_since_opened(form, member):
                    services.update_member(member, actor=user, changes=changes)
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                return _saved(request, member)
    else:
        form = carry_version(MemberForm(initial=initial, with_sensitive=shows_sensitive), member)
    context = {"form": form, "member": member}
    return render(request, "members/form.html", context, status=form_status(form))
