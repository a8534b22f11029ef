"""Who may take which step of the review (issue 6, item 3; the brief's domain decisions).

Reading follows the one access rule (``visible_to``); acting is narrower and
decided here, from the user's grants (one query per request, cached):

* the self-assessment: the member themselves, the cell's secretary, or the
  staff and leaders of the deciding body or above (entering from paper); an
  organisation's own: its cell secretary, or staff and leaders at it or above;
* the cell's proposal: the cell's secretary, or staff and leaders of the
  deciding body or above;
* the decision, a quota exception, finalising — and reopening any of them —
  only the staff and leaders of the deciding body itself ("only the body that
  decided it").

A superuser may do everything. Pages use these to show or hide buttons; the
services use them to refuse (``PermissionDenied``).

Why the rules forced "not completed" (``Evaluation.forced_reason``: "đảng viên
bị kỷ luật Cảnh cáo …") tells a discipline, so it is read by the roles that read
discipline records (``sees_forced_reason``); the level itself is the ranking,
public to the organisation.
"""

from __future__ import annotations

from typing import Any

from dangvu.core import scope
from dangvu.core.tree import ancestor_ids, segment
from dangvu.evaluations.choices import Step, SubjectKind
from dangvu.evaluations.models import COMMITTEE_ROLES, Evaluation, EvaluationPeriod
from dangvu.organizations.models import Organization

SECRETARY_ROLES = frozenset({"cell_secretary"})


def _authenticated(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def _holds_at_or_above(user: Any, roles: frozenset[str], path: str) -> bool:
    return any(g.role in roles and path.startswith(g.path) for g in scope.grants(user))


def deciding_path(evaluation: Evaluation) -> str:
    """The deciding body's path, read off the subject's own path (no query).

    The deciding body is always the subject's organisation or one of its
    ancestors, so its path is a prefix of ``org_path``.
    """
    ids = ancestor_ids(evaluation.org_path)
    if evaluation.deciding_org_id in ids:
        upto = ids.index(evaluation.deciding_org_id) + 1
        return "".join(segment(pk) for pk in ids[:upto])
    return evaluation.deciding_org.path


def can_take(user: Any, evaluation: Evaluation, step: str) -> bool:
    """Whether ``user`` may take (or reopen) ``step`` on ``evaluation``."""
    if not _authenticated(user):
        return False
    if user.is_superuser:
        return True
    if step == Step.DECISION:
        return can_decide_group(user, evaluation.deciding_org_id)
    if step == Step.PROPOSAL:
        return evaluation.kind == SubjectKind.MEMBER and _can_enter_for_cell(user, evaluation)
    if step == Step.SELF:
        own = evaluation.member_id is not None and evaluation.member_id == user.member_id
        return own or _can_enter_for_cell(user, evaluation)
    return False


def _can_enter_for_cell(user: Any, evaluation: Evaluation) -> bool:
    """The cell's secretary (at the unit or above), or the committee of the deciding body or above.

    For an organisation's own self-assessment the committee may sit at the
    organisation itself (a grassroots committee assessing itself).
    """
    if _holds_at_or_above(user, SECRETARY_ROLES, evaluation.org_path):
        return True
    if evaluation.kind == SubjectKind.ORGANIZATION:
        return _holds_at_or_above(user, COMMITTEE_ROLES, evaluation.org_path)
    return _holds_at_or_above(user, COMMITTEE_ROLES, deciding_path(evaluation))


def can_decide_group(user: Any, deciding_org: Organization | int) -> bool:
    """Staff and leaders whose role is at the deciding body itself (or a superuser)."""
    if not _authenticated(user):
        return False
    if user.is_superuser:
        return True
    org_id = deciding_org if isinstance(deciding_org, int) else deciding_org.pk
    return any(
        g.role in COMMITTEE_ROLES and g.organization_id == org_id for g in scope.grants(user)
    )


def can_manage_subject(user: Any, evaluation: Evaluation) -> bool:
    """Excluding, including and commending a subject: the deciding body's committee or above."""
    if not _authenticated(user):
        return False
    return user.is_superuser or _holds_at_or_above(user, COMMITTEE_ROLES, deciding_path(evaluation))


def can_open_period(user: Any, organization: Organization) -> bool:
    """Opening, refreshing and closing a period: staff and leaders at the organisation or above."""
    if not _authenticated(user):
        return False
    return user.is_superuser or _holds_at_or_above(user, COMMITTEE_ROLES, organization.path)


def can_manage_period(user: Any, period: EvaluationPeriod) -> bool:
    if not _authenticated(user):
        return False
    return user.is_superuser or _holds_at_or_above(user, COMMITTEE_ROLES, period.org_path)


def can_record_discipline(user: Any, path: str) -> bool:
    """A discipline record is kept by the committee of the subject's organisation or above."""
    if not _authenticated(user):
        return False
    return user.is_superuser or _holds_at_or_above(user, COMMITTEE_ROLES, path)


def sees_forced_reason(user: Any, evaluation: Evaluation) -> bool:
    """Whether ``user`` may read why the rules forced this ranking (issue 14, item 7).

    The reason names a discipline (Quy định 132-QĐ/TW, 366-QĐ/TW: a member or an
    organisation disciplined in the period ranks "not completed"), so it follows
    ``DisciplineRecord``'s rule: staff and leaders at the subject's organisation
    or above, the member for their own row, a superuser. No query: the grants
    are read once per request.
    """
    if not _authenticated(user):
        return False
    if user.is_superuser:
        return True
    if evaluation.member_id is not None and evaluation.member_id == user.member_id:
        return True
    return _holds_at_or_above(user, scope.SENSITIVE_ROLES, evaluation.org_path)
