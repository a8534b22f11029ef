"""A number refused because it exists outside the user's scope goes to the access log.

A national ID or a party card number is unique across the whole system, so a
new member (or candidate) whose number already belongs to someone the user
cannot see is refused — with a message that does not say where (issue 14,
item 12). Typing numbers and reading which ones are refused would tell who is
registered elsewhere, so each such refusal is written to the access log: who
tried which number, at the path of the user's own organisation, where the
staff and leaders of that organisation and of every level above read it. A
duplicate inside the user's scope is a plain mistake the user can look up
and is not logged. The log row names no member: the reader of the log may
not see the one who holds the number either.

``logs_refused_duplicates`` wraps a service outside its transaction: the
service's rollback does not take the log row with it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.translation import gettext as _
from simple_history.models import HistoricalRecords

from dangvu.core import scope
from dangvu.core.http import client_ip
from dangvu.core.models import AccessLog, log_access

# The unique numbers whose refusal is logged, with their Vietnamese names.
IDENTIFIERS: dict[str, str] = {"national_id": "Số CCCD", "card_number": "Số thẻ đảng viên"}

Service = TypeVar("Service", bound=Callable[..., Any])


def _holders(field: str, value: str, exclude: Iterable[Model]) -> list[Any]:
    """The querysets of the records that hold ``value`` in ``field`` (members, candidates)."""
    from dangvu.admissions.models import Candidate
    from dangvu.members.models import Member

    found = []
    for model in (Member, Candidate):
        if field not in {f.name for f in model._meta.fields}:
            continue
        rows = model.objects.filter(**{field: value})
        skipped = [obj.pk for obj in exclude if isinstance(obj, model) and obj.pk]
        found.append(rows.exclude(pk__in=skipped) if skipped else rows)
    return found


def outside_scope(user: Any, field: str, value: Any, exclude: Iterable[Model] = ()) -> bool:
    """Whether ``value`` is held only by records ``user`` may not see (and by at least one)."""
    if not value or field not in IDENTIFIERS or getattr(user, "is_superuser", False):
        return False
    held = False
    for rows in _holders(field, str(value).strip(), list(exclude)):
        if rows.filter(scope.visibility_q(user, rows.model)).exists():
            return False
        held = held or rows.exists()
    return held


def _user_path(user: Any) -> str:
    """The outermost organisation where the user holds a role: their level's log."""
    paths = sorted({grant.path for grant in scope.grants(user)}, key=len)
    return paths[0] if paths else ""


def _current_ip() -> str | None:
    request = getattr(HistoricalRecords.context, "request", None)
    return client_ip(request) if request is not None else None


def log_refusal(user: Any, field: str, value: Any, ip_address: str | None = None) -> AccessLog:
    return log_access(
        user,
        AccessLog.Action.DUPLICATE_REFUSED,
        org_path=_user_path(user),
        detail=_("%(what)s %(value)s bị từ chối: trùng với hồ sơ ngoài phạm vi được xem.")
        % {"what": IDENTIFIERS[field], "value": value},
        ip_address=ip_address if ip_address is not None else _current_ip(),
    )


def log_refusals(
    user: Any,
    values: dict[str, Any],
    refused: Iterable[str],
    exclude: Iterable[Model] = (),
) -> int:
    """Log each refused identifier of ``values`` held outside the user's scope; how many."""
    if not getattr(user, "is_authenticated", False):
        return 0
    exclude = list(exclude)
    count = 0
    for field in refused:
        if outside_scope(user, field, values.get(field), exclude):
            log_refusal(user, field, values[field])
            count += 1
    return count


def logs_refused_duplicates(data_arg: str) -> Callable[[Service], Service]:
    """Wrap a service taking ``actor=`` and ``data_arg=`` (and maybe the record first).

    On a ``ValidationError`` naming an identifier, the refusals outside the
    actor's scope are logged, then the error goes on unchanged.
    """

    def wrap(service: Service) -> Service:
        @functools.wraps(service)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                return service(*args, **kwargs)
            except ValidationError as exc:
                errors = getattr(exc, "error_dict", {})
                refused = [field for field in IDENTIFIERS if field in errors]
                if refused:
                    records = [a for a in args if isinstance(a, Model)]
                    values = dict(kwargs.get(data_arg) or {})
                    log_refusals(kwargs.get("actor"), values, refused, records)
                raise

        return wrapper  # type: ignore[return-value]

    return wrap
