"""The one access rule of dangvu (ARCHITECTURE.md, rule 2).

A user sees the subtree of every organisation where they hold a role; access is
the union of their roles. What a role allows is decided here and nowhere else:

* ``viewer``, ``cell_secretary``, ``leader``, ``staff`` see their subtree;
* a plain ``member`` sees their own record and the organisations of their cell;
* only ``staff`` writes the registry (a model may widen this with
  ``scope_edit_roles``), and only ``staff`` and ``leader`` read sensitive fields.

Out of scope is 404, in scope but not allowed is 403 (``for_user``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from dangvu.core.tree import subtree_bounds

VIEW = "view"
EDIT = "edit"
SENSITIVE = "sensitive"

ALL_ROLES = frozenset({"viewer", "member", "cell_secretary", "staff", "leader"})
DEFAULT_EDIT_ROLES = frozenset({"staff"})
SENSITIVE_ROLES = frozenset({"staff", "leader"})
_NOTHING = Q(pk__in=[])


@dataclass(frozen=True)
class Grant:
    """One role held at one organisation, as the scope rule needs it."""

    path: str
    role: str
    organization_id: int


def grants(user: Any) -> list[Grant]:
    """The user's roles, read once per request and kept on the user object."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_dangvu_grants", None)
    if cached is None:
        from dangvu.accounts.models import RoleAssignment

        rows = RoleAssignment.objects.filter(user=user, is_active=True).values_list(
            "organization__path", "role", "organization_id"
        )
        cached = [Grant(path, role, org_id) for path, role, org_id in rows]
        user._dangvu_grants = cached
    return cached


def forget_grants(user: Any) -> None:
    if hasattr(user, "_dangvu_grants"):
        del user._dangvu_grants


def _roles_for(model: type[Model], action: str) -> frozenset[str]:
    if action == EDIT:
        return getattr(model, "scope_edit_roles", DEFAULT_EDIT_ROLES)
    if action == SENSITIVE:
        return SENSITIVE_ROLES
    return getattr(model, "scope_roles", ALL_ROLES)


def subtree_q(field: str, path: str) -> Q:
    low, high = subtree_bounds(path)
    return Q(**{f"{field}__gte": low, f"{field}__lt": high})


def subtrees_q(field: str, paths: Iterable[str] | None) -> Q:
    """Rows in any of the subtrees at ``paths``; ``None`` means everywhere."""
    if paths is None:
        return Q()
    query = _NOTHING
    for path in paths:
        query |= subtree_q(field, path)
    return query


def role_subtrees(user: Any, roles: frozenset[str], root: Any = None) -> list[str] | None:
    """The subtrees (within ``root``'s, when given) where the user holds one of ``roles``.

    Outermost paths only; ``None`` means everywhere (a superuser without a root).
    """
    if not getattr(user, "is_authenticated", False):
        return []
    if user.is_superuser:
        return None if root is None else [root.path]
    paths = set()
    for grant in grants(user):
        if grant.role not in roles:
            continue
        if root is None or grant.path.startswith(root.path):
            paths.add(grant.path)
        elif root.path.startswith(grant.path):
            paths.add(root.path)
    return sorted(p for p in paths if not any(p != q and p.startswith(q) for q in paths))


def visibility_q(user: Any, model: type[Model], action: str = VIEW) -> Q:
    """The filter that keeps only the rows of ``model`` the user may act on."""
    if not getattr(user, "is_authenticated", False):
        return _NOTHING
    if user.is_superuser:
        return Q()
    allowed = _roles_for(model, action)
    path_fields = _path_fields(model)
    member_field: str | None = getattr(model, "scope_member_field", None)
    query = _NOTHING
    for grant in grants(user):
        if grant.role not in allowed:
            continue
        if grant.role == "member" and member_field is not None:
            query |= Q(**{member_field: user.member_id}) if user.member_id else _NOTHING
        else:
            for path_field in path_fields:
                query |= subtree_q(path_field, grant.path)
    return query


def _path_fields(model: type[Model]) -> tuple[str, ...]:
    """A row belongs to one organisation, or to several (a transfer: both of its ends)."""
    several = getattr(model, "scope_path_fields", None)
    return several if several else (model.scope_path_field,)  # type: ignore[attr-defined]


def object_paths(obj: Model) -> list[str]:
    paths = []
    for field in _path_fields(type(obj)):
        value: Any = obj
        for part in field.split("__"):
            value = getattr(value, part)
        if value:
            paths.append(str(value))
    return paths


def object_path(obj: Model) -> str:
    return object_paths(obj)[0]


def can(user: Any, action: str, obj: Model) -> bool:
    """Whether ``user`` may do ``action`` on one object (already loaded)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    model = type(obj)
    allowed = _roles_for(model, action)
    paths = object_paths(obj)
    member_field = getattr(model, "scope_member_field", None)
    for grant in grants(user):
        if grant.role not in allowed:
            continue
        if grant.role == "member" and member_field is not None:
            own_id = obj.pk if member_field == "pk" else getattr(obj, member_field)
            if user.member_id and own_id == user.member_id:
                return True
        elif any(path.startswith(grant.path) for path in paths):
            return True
    return False


def can_in_subtree(user: Any, action_roles: frozenset[str], path: str) -> bool:
    """Whether the user holds one of ``action_roles`` at ``path`` or above it."""
    if user.is_superuser:
        return True
    return any(g.role in action_roles and path.startswith(g.path) for g in grants(user))


def for_user(user: Any, queryset: QuerySet[Any], pk: Any, action: str = VIEW) -> Any:
    """One object for this user: 404 when out of scope, 403 when read-only.

    Read through the queryset's own ``visible_to`` when it has one, so a model
    that narrows the rule (documents: confidentiality) is narrowed here too.
    """
    visible = getattr(queryset, "visible_to", None)
    scoped = visible(user) if visible else queryset.filter(visibility_q(user, queryset.model))
    try:
        obj = scoped.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    if action != VIEW and not can(user, action, obj):
        raise PermissionDenied
    return obj


def is_sensitive_model(model: type[Model]) -> bool:
    """Whether the model's rows are read only by the roles that read sensitive fields.

    Such a model declares ``scope_roles`` within ``SENSITIVE_ROLES``, plus
    ``member`` when a plain member reads their own rows (``scope_member_field``).
    The generic test finds every such model and checks its pages and API.
    """
    roles = getattr(model, "scope_roles", None)
    scoped = hasattr(model, "scope_path_field") or hasattr(model, "scope_path_fields")
    if roles is None or not scoped:
        return False
    extra = {"member"} if getattr(model, "scope_member_field", None) else set()
    return bool(roles) and roles <= SENSITIVE_ROLES | extra


def sees_sensitive(user: Any, obj: Model) -> bool:
    """National ID, address, phone, ethnicity, religion and health notes: staff and leaders only."""
    return can(user, SENSITIVE, obj)
