"""``{{ programme.document|seen_by:user }}``: the cited document, or nothing (``access``).

A page that cites a document it was given through a link (a programme's, a
target's) asks here, so a document the user may not see is left out of the
page entirely (decision 0015).
"""

from __future__ import annotations

from typing import Any

from django import template

from dangvu.documents import access

register = template.Library()


@register.filter
def seen_by(document: Any, user: Any) -> Any:
    """The document when ``user`` may see it, else None."""
    return access.shown(user, document)
