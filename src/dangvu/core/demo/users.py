"""The demo logins: an administrator, one user per role at Thanh Ba and Bắc Bình, and
the staff and a leader (Phó Bí thư Hà Huy Hiền) of Thường Xuân, whose work programmes
the demo holds.

They are ``is_demo`` accounts: they log in only while demo mode is on
(``DANGVU_ENV=demo``), so this well-known password never opens a real system.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.hashers import make_password
from django.utils.translation import gettext as _

from dangvu.accounts.choices import Role
from dangvu.accounts.models import RoleAssignment, User
from dangvu.accounts.services import create_superuser, grant_role
from dangvu.members.choices import Status
from dangvu.members.models import Member
from dangvu.organizations.models import Organization

DEMO_PASSWORD = "dangvu-demo-2022"


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str
    org_code: str
    # Which member the account belongs to: the secretary of the org's BCH
    # ("leader"), of the cell's chi ủy ("cell_secretary"), a plain member ("plain"),
    # or a member of the organisation named in full ("Hà Huy Hiền").
    member: str = ""


def _commune_users(prefix: str, code: str) -> tuple[DemoUser, ...]:
    first_cell = f"{code}-01"
    return (
        DemoUser(f"{prefix}.staff", Role.STAFF, code),
        DemoUser(f"{prefix}.leader", Role.LEADER, code, "leader"),
        DemoUser(f"{prefix}.viewer", Role.VIEWER, code),
        DemoUser(f"{prefix}.secretary", Role.CELL_SECRETARY, first_cell, "cell_secretary"),
        DemoUser(f"{prefix}.member", Role.MEMBER, first_cell, "plain"),
    )


DEMO_USERS = (
    *_commune_users("thanhba", "PT-TB-TT"),
    DemoUser("thanhba.district", Role.STAFF, "PT-TB"),
    *_commune_users("bacbinh", "VP-LT-BB"),
    DemoUser("thuongxuan.staff", Role.STAFF, "TH-TX-TT"),
    DemoUser("thuongxuan.leader", Role.LEADER, "TH-TX-TT", "Hà Huy Hiền"),
)
ADMIN_USERNAME = "admin"


@dataclass(frozen=True)
class DemoLogin:
    """One row of the table ``load_demo`` prints."""

    username: str
    role: str
    organization: str
    member: str


def _member_for(spec: DemoUser, organization: Organization) -> Member | None:
    if spec.member in ("leader", "cell_secretary"):
        body = "executive" if spec.member == "leader" else "cell_committee"
        return Member.objects.filter(
            positions__committee__organization=organization,
            positions__committee__body=body,
            positions__role="secretary",
            positions__end_date__isnull=True,
        ).first()
    if spec.member == "plain":
        return (
            Member.objects.filter(cell=organization, status=Status.FULL, positions__isnull=True)
            .order_by("id")
            .first()
        )
    if spec.member:
        return (
            Member.objects.filter(org_path__startswith=organization.path, full_name=spec.member)
            .order_by("id")
            .first()
        )
    return None


def create_demo_users(actor: Any = None) -> None:
    """Create the demo accounts that are missing; existing accounts are left as they are."""
    existing = set(
        User.objects.filter(
            username__in=[ADMIN_USERNAME, *(u.username for u in DEMO_USERS)]
        ).values_list("username", flat=True)
    )
    if ADMIN_USERNAME not in existing:
        create_superuser(actor=actor, username=ADMIN_USERNAME, password=DEMO_PASSWORD, is_demo=True)
    missing = [spec for spec in DEMO_USERS if spec.username not in existing]
    # Argon2 is slow on purpose: hash the one demo password once for every account.
    encoded = make_password(DEMO_PASSWORD) if missing else ""
    for spec in missing:
        organization = Organization.objects.get(code=spec.org_code)
        grant_role(
            actor=actor,
            username=spec.username,
            role=spec.role,
            organization=organization,
            encoded_password=encoded,
            member=_member_for(spec, organization),
            is_demo=True,
        )


def demo_logins() -> list[DemoLogin]:
    """The demo accounts present in the database, with their roles."""
    rows = [
        DemoLogin(user.username, _("Quản trị hệ thống"), "", "")
        for user in User.objects.filter(username=ADMIN_USERNAME, is_demo=True)
    ]
    assignments = (
        RoleAssignment.objects.filter(
            user__is_demo=True, user__username__in=[u.username for u in DEMO_USERS]
        )
        .select_related("user", "user__member", "organization")
        .order_by("id")
    )
    for a in assignments:
        member = a.user.member.full_name if a.user.member else ""
        rows.append(DemoLogin(a.user.username, a.get_role_display(), a.organization.name, member))
    return rows
