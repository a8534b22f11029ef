"""The badge panel of the member profile page (scaffold until its owner fills it)."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def badge_panel(context: dict[str, Any], member: Any) -> str:
    return ""
