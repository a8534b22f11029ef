"""Template helpers shared by every page: role checks for the menu and small formatting."""

from __future__ import annotations

from typing import Any

from django import template
from django.http import QueryDict

from dangvu.core import scope

register = template.Library()


@register.simple_tag
def has_role(user: Any, *roles: str) -> bool:
    """Whether the user holds one of ``roles`` anywhere (superusers hold them all).

    Used to show menu entries; the views still check access themselves.
    """
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return any(grant.role in roles for grant in scope.grants(user))


@register.simple_tag(takes_context=True)
def query_with(context: dict[str, Any], **changes: Any) -> str:
    """The current query string with some parameters replaced (for pagination links)."""
    request = context.get("request")
    params = request.GET.copy() if request is not None else QueryDict(mutable=True)
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = str(value)
    encoded = params.urlencode()
    return "?" + encoded if encoded else "?"


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """``mapping[key]`` in a template, or an empty string when absent."""
    try:
        return mapping[key]
    except (KeyError, IndexError, TypeError):
        return ""


@register.filter
def minutes(value: Any) -> int:
    """Whole minutes of a timedelta (rounded up), e.g. for the lockout page."""
    seconds = value.total_seconds() if hasattr(value, "total_seconds") else 0
    return int(-(-seconds // 60))


def _labelled(counts: dict[str, int], choices: Any) -> list[tuple[str, str, int]]:
    """``(key, label, n)`` for each choice with a count, in the order of the choices."""
    labels = dict(choices)
    rows = [(key, str(labels.get(key, key)), n) for key, n in counts.items() if n]
    order = {key: index for index, key in enumerate(labels)}
    return sorted(rows, key=lambda row: order.get(row[0], len(order)))


@register.inclusion_tag("includes/org_stats.html")
def org_stats(stats: dict[str, Any], organization: Any, detailed: bool = True) -> dict[str, Any]:
    """The headline numbers of ``organization_stats`` as tiles, with the breakdowns."""
    from dangvu.members.choices import AgeBand, Gender, Status
    from dangvu.organizations.choices import Kind

    return {
        "stats": stats,
        "organization": organization,
        "detailed": detailed,
        "by_status": _labelled(stats["members_by_status"], Status.choices),
        "by_kind": _labelled(stats["cells_by_kind"], Kind.choices),
        "by_gender": _labelled(stats["members_by_gender"], Gender.choices),
        "by_age_band": _labelled(stats["members_by_age_band"], AgeBand.choices),
    }
