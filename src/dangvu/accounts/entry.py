"""May this account come in now? One answer for every way in.

Demo accounts (``is_demo``) come with the demo data and share a published
password; they may come in only while demo mode is on. Password login, a
session opened earlier, an API token and the calendar feed token all ask
here (issue 14, item 5), so a database copied from a demo into production
opens no door.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings


def refused_as_demo(user: Any) -> bool:
    """True for a demo account while demo mode is off."""
    return bool(getattr(user, "is_demo", False)) and not settings.DEMO_MODE


def may_enter(user: Any) -> bool:
    """An active account that is not a demo account outside demo mode."""
    return bool(getattr(user, "is_active", False)) and not refused_as_demo(user)
