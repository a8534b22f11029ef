"""The deadline inbox page ("Việc cần làm"): what is due in the user's scope."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models.functions import Length
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.core import deadlines, scope
from dangvu.core.tree import SEGMENT_WIDTH, SEPARATOR, depth
from dangvu.organizations.models import Organization

# The organisation filter lists at most this many organisations, two levels deep.
ORG_CHOICES_LIMIT = 300
ORG_CHOICES_DEPTH = 2
# Beyond this, a database id is a typo or a probe.
MAX_ID = 2**31 - 1
MAX_PAGE = 10_000


def organization_choices(user: Any) -> list[tuple[int, str]]:
    """The top of the user's scope and up to two levels below it, in tree order."""
    visible = Organization.objects.visible_to(user)
    if user.is_superuser:
        tops = list(visible.filter(parent__isnull=True).values_list("path", flat=True))
    else:
        tops = [g.path for g in scope.grants(user) if g.role != "member"]
    if not tops:
        return []
    top = min(depth(path) for path in tops)
    deepest = (top + ORG_CHOICES_DEPTH) * (SEGMENT_WIDTH + len(SEPARATOR))
    orgs = (
        visible.annotate(path_length=Length("path"))
        .filter(path_length__lte=deepest)
        .order_by("path")
        .only("pk", "name", "path")[:ORG_CHOICES_LIMIT]
    )
    return [(org.pk, "— " * (depth(org.path) - top) + org.name) for org in orgs]


def parse_id(value: str | None) -> int | None:
    if not value:
        return None
    if not value.isdigit() or int(value) > MAX_ID:
        raise Http404
    return int(value)


@login_required
def deadline_inbox(request: HttpRequest) -> HttpResponse:
    """Every item due in the user's scope (under the chosen organisation), soonest first."""
    user: Any = request.user
    errors: list[str] = []
    org_id = parse_id(request.GET.get("organization"))
    root = scope.for_user(user, Organization.objects.all(), org_id) if org_id else None
    horizon_text = request.GET.get("horizon") or str(deadlines.DEFAULT_HORIZON)
    horizon = int(horizon_text) if horizon_text.isdigit() else 0
    if horizon not in deadlines.HORIZONS:
        errors.append(
            _("Khoảng thời gian “%(value)s” không hợp lệ; chọn 30, 60 hoặc 90 ngày.")
            % {"value": horizon_text}
        )
        horizon = deadlines.DEFAULT_HORIZON
    kind = request.GET.get("kind", "")
    page_text = request.GET.get("page", "1")
    page = min(int(page_text), MAX_PAGE) if page_text.isdigit() and page_text != "0" else 1
    today = timezone.localdate()
    context = {
        "inbox": deadlines.inbox(user, root, today, horizon, kind, page),
        "page": page,
        "root": root,
        "current": {"organization": org_id, "horizon": horizon, "kind": kind},
        "organization_choices": organization_choices(user),
        "horizons": deadlines.HORIZONS,
        "errors": errors,
        "today": today,
    }
    return render(request, "core/deadlines.html", context)
