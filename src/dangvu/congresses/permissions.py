"""Who may write what in congresses (the one access rule of ``core.scope``, applied here).

* Campaigns and their guides: ``staff`` at the campaign's organisation or above.
* A congress, its convened list, documents and elections: ``staff`` at the
  congress organisation or above, and the ``cell_secretary`` of the cell
  (``models.CONGRESS_EDIT_ROLES``).
* The approval of a congress's results: ``staff`` of a level strictly above the
  congress organisation (the level above approves, Quy định 190-QĐ/TW), never the
  cell itself.

Viewers and readers get ``PermissionDenied`` (403 in the pages); the pages fetch
objects with ``scope.for_user`` first, so out of scope is 404 there.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from dangvu.congresses.models import CONGRESS_EDIT_ROLES, Campaign, Congress, Election
from dangvu.core import scope
from dangvu.organizations.models import Organization

CAMPAIGN_EDIT_ROLES = frozenset({"staff"})
APPROVE_ROLES = frozenset({"staff"})


def _authenticated(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def can_keep_campaigns(user: Any, organization: Organization) -> bool:
    """Staff at ``organization`` or above."""
    return _authenticated(user) and scope.can_in_subtree(
        user, CAMPAIGN_EDIT_ROLES, organization.path
    )


def can_keep_congress_of(user: Any, organization: Organization) -> bool:
    """Staff at or above ``organization``, or its cell secretary."""
    return _authenticated(user) and scope.can_in_subtree(
        user, CONGRESS_EDIT_ROLES, organization.path
    )


def can_edit(user: Any, obj: Congress | Election) -> bool:
    return _authenticated(user) and scope.can(user, scope.EDIT, obj)


def can_approve(user: Any, congress: Congress) -> bool:
    """Staff of an organisation strictly above the congress's one."""
    if not _authenticated(user):
        return False
    if user.is_superuser:
        return True
    path = congress.org_path
    return any(
        grant.role in APPROVE_ROLES and path.startswith(grant.path) and path != grant.path
        for grant in scope.grants(user)
    )


def require_campaign_edit(user: Any, campaign_or_org: Campaign | Organization) -> None:
    path = (
        campaign_or_org.org_path if isinstance(campaign_or_org, Campaign) else campaign_or_org.path
    )
    if not (_authenticated(user) and scope.can_in_subtree(user, CAMPAIGN_EDIT_ROLES, path)):
        raise PermissionDenied


def require_congress_edit(user: Any, obj: Congress | Election) -> None:
    if not can_edit(user, obj):
        raise PermissionDenied


def require_plan(user: Any, organization: Organization) -> None:
    if not can_keep_congress_of(user, organization):
        raise PermissionDenied


def require_approve(user: Any, congress: Congress) -> None:
    if not can_approve(user, congress):
        raise PermissionDenied
