"""The proof: after every random service call the tallies equal a full recount."""

from __future__ import annotations

import random
from collections.abc import Callable
from contextlib import suppress
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from dangvu.admissions import services as admissions
from dangvu.members import decisions, transfers
from dangvu.members.choices import ACTIVE_STATUSES, PoliticalTheory, Qualification
from dangvu.members.models import Member
from dangvu.members.services import create_member, place_member, update_member
from dangvu.reports import tallies
from tests.admissions.helpers import decided
from tests.fixtures.cast import Cast

CELLS = ("XA-DONG", "XA-TH", "XB-BAC")
STEPS = 40
INTRODUCER = "Trần Thị Bích"
Step = Callable[[random.Random, Cast, date, int], object]


def _member(rng: random.Random) -> Member:
    """An active member, not the introducer the admissions need in XA-DONG."""
    active = Member.objects.filter(status__in=ACTIVE_STATUSES).exclude(full_name=INTRODUCER)
    return rng.choice(list(active.order_by("pk")))


def _birth(rng: random.Random) -> date:
    return date(1950, 1, 1) + timedelta(days=rng.randrange(18_000))


def _create(rng: random.Random, cast: Cast, day: date, n: int) -> object:
    data = {
        "full_name": f"Người Thử {n}",
        "gender": rng.choice(["male", "female"]),
        "birth_date": _birth(rng),
        "ethnicity": rng.choice(["Kinh", "Tày", "Mường"]),
        "religion": rng.choice(["Không", "Phật giáo", ""]),
        "qualification": rng.choice(Qualification.values),
        "ceremony_date": rng.choice([None, day]),
    }
    return create_member(actor=None, cell=cast.org(rng.choice(CELLS)), data=data, placed_on=day)


def _update(rng: random.Random, cast: Cast, day: date, n: int) -> object:
    field, value = rng.choice(
        [
            ("gender", rng.choice(["male", "female"])),
            ("birth_date", _birth(rng)),
            ("ethnicity", rng.choice(["Kinh", "Khmer", "Hoa"])),
            ("political_theory", rng.choice(PoliticalTheory.values)),
            ("admission_decision_date", day),
            ("official_date", day),
        ]
    )
    return update_member(_member(rng), actor=None, changes={field: value})


def _place(rng: random.Random, cast: Cast, day: date, n: int) -> object:
    kind = rng.choice(["permanent", "temporary"])
    cell = cast.org(rng.choice(CELLS))
    return place_member(_member(rng), cell, actor=None, start_date=day, kind=kind)


def _decide(rng: random.Random, cast: Cast, day: date, n: int) -> object:
    decide = rng.choice([decisions.remove_member, decisions.record_death, decisions.exempt_member])
    return decide(_member(rng), actor=None, effective_date=day)


def _transfer(rng: random.Random, cast: Cast, day: date, n: int) -> object:
    inside = rng.random() < 0.6
    transfer = transfers.issue_transfer(
        _member(rng),
        actor=None,
        to_cell=cast.org(rng.choice(CELLS)) if inside else None,
        to_external="" if inside else "Đảng bộ tỉnh khác",
        moved_on=day,
    )
    return transfers.start_at_destination(transfer, actor=None, started_on=day)


def _admit(rng: random.Random, cast: Cast, day: date, n: int) -> object:
    candidate = decided(cast, name=f"Quần Chúng {n}", serial=500 + n)
    return admissions.admit_candidate(candidate, actor=None, ceremony_date=day)


OPERATIONS: list[Step] = [_create, _update, _place, _decide, _transfer, _admit]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_it_equals_a_full_recount_after_every_random_change(cast: Cast, seed: int) -> None:
    rng = random.Random(seed)
    day = date(2025, 7, 1)
    for n in range(STEPS):
        day += timedelta(days=rng.randrange(1, 10))
        with suppress(ValidationError):  # a refused call must leave the tallies as they were
            rng.choice(OPERATIONS)(rng, cast, day, n)
        assert tallies.stored() == tallies.recount_all_from_scratch(), (seed, n)
