"""The lifecycle part of the demo: the 2021 figures and a non-empty inbox today."""

from __future__ import annotations

import json
from datetime import date, timedelta
from io import StringIO

from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from dangvu.accounts.models import User
from dangvu.core import deadlines
from dangvu.core.demo import DemoResult
from dangvu.organizations.models import Organization


def year_2021(code: str) -> dict[str, int]:
    out = StringIO()
    call_command("stats", code, "--as-of", "2021-12-31", "--year", "2021", "--json", stdout=out)
    data: dict[str, int] = json.loads(out.getvalue())
    return data


def test_it_gives_the_2021_figures_in_the_command(demo: DemoResult) -> None:
    assert year_2021("PT-TB-TT")["admitted"] == 8
    bac_binh = year_2021("VP-LT-BB")
    assert (bac_binh["admitted"], bac_binh["sent_to_course"]) == (9, 10)


def test_it_gives_the_2021_figures_in_the_api(demo: DemoResult) -> None:
    client = Client()
    client.force_login(User.objects.get(username="root"))
    bac_binh = Organization.objects.get(code="VP-LT-BB")
    body = client.get(f"/api/v1/organizations/{bac_binh.pk}/stats/", {"year": 2021}).json()
    assert (body["admitted"], body["sent_to_course"]) == (9, 10)
    targets = body["admission_targets"]
    assert len(targets) == 9 and all(t["target"] >= 1 and t["actual"] >= 1 for t in targets)


def test_it_fills_the_inbox_of_thanh_ba_staff_today(demo: DemoResult) -> None:
    today = timezone.localdate()
    user = User.objects.get(username="thanhba.staff")
    items = deadlines.collect(user, None, today, today + timedelta(days=60))
    kinds = {item.kind for item in items}
    assert {"probation_ending", "recognition_due", "dues_unpaid"} <= kinds
    assert any(item.due_on < today for item in items)
    assert date(2022, 12, 31) < today
