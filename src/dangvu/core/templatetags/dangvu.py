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
