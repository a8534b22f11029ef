"""The demo data set: the five organisations of the source articles, as of 2022.

``load_demo()`` builds it once (idempotent: when its root organisations exist
it writes nothing) and returns the demo logins, whose password is
``DEMO_PASSWORD`` and which work only in demo mode.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.core.demo.build import SEED, DemoBuilder
from dangvu.core.demo.congresses import build_congresses
from dangvu.core.demo.evaluations import build_evaluations
from dangvu.core.demo.lifecycle import build_lifecycle
from dangvu.core.demo.meetings import build_meetings, plan_todays_meetings
from dangvu.core.demo.plans import PROVINCES, ROOT_CODES
from dangvu.core.demo.programs import build_programs
from dangvu.core.demo.programs_current import build_current_programme
from dangvu.core.demo.users import DEMO_PASSWORD, DemoLogin, create_demo_users, demo_logins
from dangvu.core.services import raise_if
from dangvu.organizations.models import Organization

__all__ = ["DEMO_PASSWORD", "ROOT_CODES", "SEED", "DemoLogin", "DemoResult", "load_demo"]


@dataclass(frozen=True)
class DemoResult:
    created: bool
    logins: list[DemoLogin]
    meetings_planned: int = 0  # this month's meetings planned by this load


@transaction.atomic
def load_demo(actor: Any = None) -> DemoResult:
    """Build the demo unless its root organisations are already there."""
    present = set(Organization.objects.filter(code__in=ROOT_CODES).values_list("code", flat=True))
    created = False
    if not present:
        DemoBuilder(actor).build(PROVINCES)
        created = True
    elif present != set(ROOT_CODES):
        raise_if(
            {
                "code": [
                    _(
                        "Cơ sở dữ liệu đã có tổ chức mã %(codes)s nhưng không đủ bộ dữ liệu "
                        "minh họa; không nạp thêm để tránh ghi đè dữ liệu thật."
                    )
                    % {"codes": ", ".join(sorted(present))}
                ]
            }
        )
    create_demo_users(actor)
    if created:
        build_lifecycle(timezone.localdate(), actor)
        build_meetings()
    # The cell congresses of 2022–2025 (An Thanh, Thường Xuân): each campaign only when not there.
    build_congresses()
    # The annual reviews (2021, and 2025 half-finished): each period only when not there yet.
    build_evaluations(timezone.localdate())
    # Thường Xuân's documents, programmes of 2022, review and targets: each part when not there.
    build_programs()
    # This year's programme of Thường Xuân, its deadlines counted from today (the inbox shows them).
    build_current_programme(timezone.localdate())
    # This month's meeting in every cell, planned for today (nothing when already there).
    planned = plan_todays_meetings(timezone.localdate())
    return DemoResult(created, demo_logins(), planned)
