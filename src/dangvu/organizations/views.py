"""Pages of the party tree: browse, one organisation, and the forms that change it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Q, Sum
from django.db.models.functions import Length, Substr
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.core import scope
from dangvu.core.forms import (
    add_service_errors,
    carry_version,
    form_status,
    unchanged_since_opened,
)
from dangvu.core.history import history_entries
from dangvu.core.paging import BoundedPage, bounded_page
from dangvu.members.models import Member
from dangvu.organizations import services
from dangvu.organizations.choices import Level, PositionRole
from dangvu.organizations.filters import OrganizationFilterSet
from dangvu.organizations.forms import (
    CommitteeForm,
    OrganizationCreateForm,
    OrganizationEditForm,
    PositionForm,
)
from dangvu.organizations.models import Committee, Organization, Position
from dangvu.organizations.stats import stats_for
from dangvu.reports.models import Tally

SEARCH_LIMIT = 50
# Children listed per page (a province may have a thousand grassroots organisations).
CHILDREN_PAGE = 100
MAX_CHILDREN_PAGE = 10_000
ALL_CHILDREN = 1_000_000  # the children's total is counted exactly ("1–100 trong 1.512")
# The history shows what a person edits; path and search_text follow from it.
ORGANIZATION_HISTORY_FIELDS = (
    "code",
    "name",
    "short_name",
    "level",
    "kind",
    "is_cell",
    "parent",
    "founded_on",
    "ended_on",
    "note",
)
ROLE_ORDER = {role: index for index, role in enumerate(PositionRole.values)}
CELLS_Q = Q(level=Level.CELL) | Q(level=Level.GRASSROOTS, is_cell=True)


def _organization(user: Any, code: str, action: str = scope.VIEW) -> Organization:
    """One organisation by code for this user: 404 out of scope, 403 when read-only."""
    org = Organization.objects.visible_to(user).select_related("parent").filter(code=code).first()
    if org is None:
        raise Http404
    if action != scope.VIEW and not scope.can(user, action, org):
        raise PermissionDenied
    return org


@dataclass
class Node:
    """A child shown in the tree or on an organisation page, with its subtree's counts."""

    organization: Organization
    organizations: int
    cells: int
    members: int


def _with_counts(children: list[Organization], today: date) -> list[Node]:
    """Counts for each child's subtree: two grouped queries whatever the number of children.

    Organisations and cells are grouped by the child's path prefix (children of
    one parent share a path length); members are the maintained tallies of the
    children (``reports/tallies.py``: counted members today), not a scan.
    """
    if not children:
        return []
    orgs: dict[str, tuple[int, int]] = {}
    for length in sorted({len(child.path) for child in children}):
        within = Q(pk__in=[])
        for child in children:
            if len(child.path) == length:
                within |= scope.subtree_q("path", child.path)
        rows = (
            Organization.objects.active_on(today)
            .filter(within)
            .annotate(head=Substr("path", 1, length), depth=Length("path"))
            .values("head")
            .annotate(
                below=Count("pk", filter=Q(depth__gt=length)),
                cells=Count("pk", filter=CELLS_Q),
            )
            .order_by()
        )
        orgs.update({row["head"]: (row["below"], row["cells"]) for row in rows})
    members = dict(
        Tally.objects.filter(organization_id__in=[c.pk for c in children], dimension="status")
        .values("organization_id")
        .annotate(n=Sum("count"))
        .values_list("organization_id", "n")
        .order_by()
    )
    return [Node(c, *orgs.get(c.path, (0, 0)), members=members.get(c.pk, 0)) for c in children]


def _children_page(
    children: Any, request: HttpRequest | None = None
) -> tuple[list[Organization], BoundedPage]:
    """A page of children in tree order (the first one on the organisation's own page)."""
    text = request.GET.get("page", "1") if request is not None else "1"
    number = min(int(text), MAX_CHILDREN_PAGE) if text.isdigit() and int(text) > 0 else 1
    page = bounded_page(children.order_by("path"), number, CHILDREN_PAGE, ALL_CHILDREN)
    return page.rows, page


def _root_organizations(user: Any) -> list[Organization]:
    """Where the user's browsing starts: the topmost organisations they can see."""
    if user.is_superuser:
        return list(Organization.objects.filter(parent__isnull=True))
    paths = sorted({grant.path for grant in scope.grants(user)})
    tops = [p for p in paths if not any(p != other and p.startswith(other) for other in paths)]
    return list(Organization.objects.filter(path__in=tops))


@login_required
def tree(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    today = timezone.localdate()
    visible = Organization.objects.visible_to(user)
    filterset = OrganizationFilterSet(
        request.GET or None, queryset=visible.select_related("parent")
    )
    results = None
    if request.GET.get("search", "").strip() and filterset.is_valid():
        results = list(filterset.qs[: SEARCH_LIMIT + 1])
    node = None
    ancestors: list[Organization] = []
    if request.GET.get("parent"):
        node = _organization(user, request.GET["parent"])
        ancestors = list(node.ancestors().visible_to(user))
        children, paging = _children_page(visible.filter(parent=node), request)
    else:
        children = _root_organizations(user)
        paging = BoundedPage(1, children, False, len(children), max(len(children), 1))
    context = {
        "filterset": filterset,
        "results": results[:SEARCH_LIMIT] if results is not None else None,
        "more_results": results is not None and len(results) > SEARCH_LIMIT,
        "node": node,
        "ancestors": ancestors,
        "nodes": _with_counts(children, today),
        "paging": paging,
        "can_edit": node is not None and scope.can(user, scope.EDIT, node),
    }
    return render(request, "organizations/tree.html", context)


def _current_committees(org: Organization) -> list[Committee]:
    positions = Position.objects.filter(end_date__isnull=True).select_related("member")
    committees = list(
        Committee.objects.filter(organization=org, ended_on__isnull=True)
        .prefetch_related(Prefetch("positions", queryset=positions, to_attr="current"))
        .order_by("body", "-term_start")
    )
    for committee in committees:
        committee.current.sort(key=lambda p: (ROLE_ORDER.get(p.role, 9), p.member.sort_key))
    return committees


@login_required
def detail(request: HttpRequest, code: str) -> HttpResponse:
    user: Any = request.user
    today = timezone.localdate()
    org = _organization(user, code)
    children, paging = _children_page(Organization.objects.visible_to(user).filter(parent=org))
    context = {
        "organization": org,
        "ancestors": list(org.ancestors().visible_to(user)),
        "committees": _current_committees(org),
        "nodes": _with_counts(children, today),
        "paging": paging,
        "stats": stats_for(user, org, today),
        "agencies": list(org.agencies.all()),
        "history": history_entries(org, fields=ORGANIZATION_HISTORY_FIELDS),
        "can_edit": scope.can(user, scope.EDIT, org),
        "today": today,
    }
    return render(request, "organizations/detail.html", context)


@login_required
def create(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    parent_code = request.GET.get("parent", "")
    parent = _organization(user, parent_code, scope.EDIT) if parent_code else None
    if parent is None and not user.is_superuser:
        raise PermissionDenied
    form = OrganizationCreateForm(request.POST or None, parent=parent)
    if request.method == "POST" and form.is_valid():
        try:
            org = services.create_organization(actor=user, parent=parent, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã thêm tổ chức “%(name)s”.") % {"name": org.name})
            return redirect("organizations:detail", code=org.code)
    return render(request, "organizations/create.html", {"form": form, "parent": parent})


@login_required
def edit(request: HttpRequest, code: str) -> HttpResponse:
    org = _organization(request.user, code, scope.EDIT)
    title = org.name
    form = carry_version(OrganizationEditForm(request.POST or None, organization=org), org)
    if request.method == "POST" and form.is_valid():
        try:
            with unchanged_since_opened(form, org):
                services.update_organization(org, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect("organizations:detail", code=org.code)
    context = {"form": form, "organization": org, "title": title}
    return render(request, "organizations/edit.html", context, status=form_status(form))


@login_required
def committee_create(request: HttpRequest, code: str) -> HttpResponse:
    org = _organization(request.user, code, scope.EDIT)
    form = CommitteeForm(request.POST or None, organization=org)
    if request.method == "POST" and form.is_valid():
        try:
            services.create_committee(org, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã thêm cấp ủy."))
            return redirect("organizations:detail", code=org.code)
    return render(request, "organizations/committee_form.html", {"form": form, "organization": org})


@login_required
def position_create(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    user: Any = request.user
    org = _organization(user, code, scope.EDIT)
    committee = get_object_or_404(Committee, pk=pk, organization=org)
    visible: Any = Member.objects.visible_to(user)
    members = (
        visible.active()
        .filter(scope.subtree_q("org_path", org.path))
        .select_related("cell")
        .name_ordered()
    )
    form = PositionForm(request.POST or None, members=members)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.appoint_position(committee, data.pop("member"), actor=user, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã thêm chức vụ trong cấp ủy."))
            return redirect("organizations:detail", code=org.code)
    context = {"form": form, "organization": org, "committee": committee}
    return render(request, "organizations/position_form.html", context)
