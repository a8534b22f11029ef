"""The summary page: a subtree's rankings for a year, the same figures as the API.

``summary.evaluation_summary`` computes them (five grouped queries); the page
shows each share with the division it comes from, and the quota of every
deciding body with its exception, because the articles print rounded figures.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.evaluations import summary
from dangvu.evaluations.choices import Level
from dangvu.evaluations.forms import QUARTER_CHOICES, default_year
from dangvu.evaluations.views_common import int_or_none, periods_for, sees_group
from dangvu.organizations.models import Organization

FIRST_YEAR, LAST_YEAR = 2018, 2100
LEVEL_KEYS = [
    ("excellent", Level.EXCELLENT.label),
    ("good", Level.GOOD.label),
    ("completed", Level.COMPLETED.label),
    ("not_completed", Level.NOT_COMPLETED.label),
]


def _choice(request: HttpRequest, name: str, default: int, low: int, high: int) -> tuple[int, str]:
    """A number from the query string, or the default and a message saying why."""
    raw = request.GET.get(name, "")
    if raw == "":
        return default, ""
    value = int_or_none(raw)
    if value is None or not low <= value <= high:
        return default, _("Giá trị “%(value)s” không hợp lệ; đang hiển thị %(default)s.") % {
            "value": raw[:20],
            "default": default,
        }
    return value, ""


def _years(user: Any, organization: Organization) -> list[int]:
    """The years with a period the user sees, for the year picker (newest first)."""
    years = periods_for(user).values_list("year", flat=True).distinct().order_by("-year")
    return list(years[:30])


@login_required
def summary_page(request: HttpRequest, org_pk: int) -> HttpResponse:
    user: Any = request.user
    organization = Organization.objects.visible_to(user).filter(pk=org_pk).first()
    if organization is None:
        raise Http404
    if not sees_group(user, organization):
        raise PermissionDenied
    year, year_error = _choice(
        request, "year", default_year(timezone.localdate()), FIRST_YEAR, LAST_YEAR
    )
    quarter, quarter_error = _choice(request, "quarter", 0, 0, 4)
    data = summary.evaluation_summary(organization, year, quarter=quarter)
    context = {
        "organization": organization,
        "year": year,
        "quarter": quarter,
        "quarters": QUARTER_CHOICES,
        "years": _years(user, organization),
        "errors": [e for e in (year_error, quarter_error) if e],
        "data": data,
        "levels": LEVEL_KEYS,
        "tables": [
            (_("Chi bộ"), data["cells"]),
            (_("Tổ chức cơ sở đảng"), data["grassroots"]),
            (_("Đảng viên"), data["members"]),
        ],
    }
    return render(request, "evaluations/summary.html", context)
