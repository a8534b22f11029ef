"""The admission deadlines of the inbox (``core.deadlines`` provider).

* ``ceremony_due``: an admission decision without its ceremony, due 30 working
  days after the decision (Quy định 24-QĐ/TW, 3.3);
* ``probation_ending``: a probation ending by the horizon (12 months from the
  ceremony);
* ``recognition_due``: a probation that has ended with the member still
  probationary, due 30 working days after the end (Quy định 24-QĐ/TW, 4.2);
* ``certificate_expiring``: a candidate not yet resolved by the cell whose course
  certificate expires by the horizon.

Three queries, whatever the number of rows.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db.models import Max, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from dangvu.admissions import rules
from dangvu.admissions.choices import Stage
from dangvu.admissions.models import Candidate
from dangvu.admissions.services import certificate_valid_months
from dangvu.core.deadlines import DeadlineItem
from dangvu.core.scope import subtree_q
from dangvu.members.choices import Status
from dangvu.members.models import Member

# The stages where the certificate still has to be valid at the cell resolution.
BEFORE_RESOLUTION = (Stage.COURSE_COMPLETED, Stage.FILE_PREPARED)
# Month arithmetic clamps 29-31 to a month's end; the prefilters allow for it.
SLACK = timedelta(days=3)


def _under(queryset: QuerySet[Any], root: Any) -> QuerySet[Any]:
    return queryset.filter(subtree_q("org_path", root.path)) if root is not None else queryset


def items(user: Any, root: Any, today: date, horizon: date) -> list[DeadlineItem]:
    return [
        *_ceremonies(user, root, horizon),
        *_probations(user, root, today, horizon),
        *_certificates(user, root, horizon),
    ]


def _ceremonies(user: Any, root: Any, horizon: date) -> list[DeadlineItem]:
    candidates = (
        _under(Candidate.objects.visible_to(user), root)
        .filter(stage=Stage.ADMISSION_DECISION)
        .annotate(decided_on=Max("steps__date", filter=Q(steps__stage=Stage.ADMISSION_DECISION)))
        .filter(decided_on__lte=horizon)
        .only("pk", "full_name", "org_path")
    )
    found = []
    for candidate in candidates:
        due = rules.ceremony_due(candidate.decided_on)
        if due <= horizon:
            found.append(
                DeadlineItem(
                    kind="ceremony_due",
                    label=_("Tổ chức lễ kết nạp"),
                    due_on=due,
                    name=candidate.full_name,
                    org_path=candidate.org_path,
                    url=reverse("admissions:detail", args=[candidate.pk]),
                    candidate_id=candidate.pk,
                )
            )
    return found


def _probations(user: Any, root: Any, today: date, horizon: date) -> list[DeadlineItem]:
    members = (
        _under(Member.objects.visible_to(user), root)
        .filter(
            status=Status.PROBATIONARY,
            ceremony_date__isnull=False,
            # A few days' slack for month ends; the exact end is checked below.
            ceremony_date__lte=rules.add_months(horizon, -rules.PROBATION_MONTHS) + SLACK,
        )
        .only("pk", "full_name", "org_path", "ceremony_date")
    )
    found = []
    for member in members:
        assert member.ceremony_date is not None
        end = rules.probation_end(member.ceremony_date)
        if end > horizon:
            continue
        if end >= today:
            kind, label, due = "probation_ending", _("Hết thời hạn dự bị"), end
            url = reverse("members:detail", args=[member.pk])
        else:
            kind, label = "recognition_due", _("Xét công nhận đảng viên chính thức")
            due = rules.recognition_due(member.ceremony_date)
            url = reverse("admissions:recognise", args=[member.pk])
        found.append(
            DeadlineItem(
                kind=kind,
                label=label,
                due_on=due,
                name=member.full_name,
                org_path=member.org_path,
                url=url,
                member_id=member.pk,
            )
        )
    return found


def _certificates(user: Any, root: Any, horizon: date) -> list[DeadlineItem]:
    months = certificate_valid_months()
    # expires = issued + months - 1 day <= horizon  ⇔  issued <= horizon + 1 day - months.
    latest_issue = rules.add_months(horizon + timedelta(days=1), -months) + SLACK
    candidates = (
        _under(Candidate.objects.visible_to(user), root)
        .filter(stage__in=BEFORE_RESOLUTION, certificate_date__lte=latest_issue)
        .only("pk", "full_name", "org_path", "certificate_date")
    )
    found = []
    for candidate in candidates:
        assert candidate.certificate_date is not None
        due = rules.certificate_expires(candidate.certificate_date, months)
        if due <= horizon:
            found.append(
                DeadlineItem(
                    kind="certificate_expiring",
                    label=_("Giấy chứng nhận lớp nhận thức về Đảng hết hạn"),
                    due_on=due,
                    name=candidate.full_name,
                    org_path=candidate.org_path,
                    url=reverse("admissions:detail", args=[candidate.pk]),
                    candidate_id=candidate.pk,
                )
            )
    return found
