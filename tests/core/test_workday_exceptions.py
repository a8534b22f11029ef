"""Official working-day swaps recorded as data (issue 14, item 21; decision 0012).

New Year 2026: Friday 02/01/2026 a day off, Saturday 10/01/2026 a working day
(công văn 12729/VPCP-KGVX ngày 25/12/2025), seeded by core migration 0003.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from dangvu.admissions import rules
from dangvu.core import workdays
from dangvu.core.models_workdays import WorkdayException
from dangvu.core.workdays import add_working_days, is_working_day, working_days_between

URL = "/api/v1/workday-exceptions/"
PAGE = "/workdays/"
# A Wednesday and a Saturday of 2027 the package leaves alone.
WEDNESDAY = date(2027, 3, 10)
SATURDAY = date(2027, 3, 13)


@pytest.fixture(autouse=True)
def cached_swaps(db: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Writes here are rolled back: put the process's cached set back after each test."""
    monkeypatch.setattr(workdays, "_exceptions", workdays.exceptions())


def payload(**changes: Any) -> dict[str, Any]:
    data = {
        "day": WEDNESDAY.isoformat(),
        "kind": "day_off",
        "name": "Nghỉ thử",
        "source_number": "1/TB-THU",
        "source_date": "2026-12-01",
        "source_issuer": "Bộ Nội vụ",
    }
    return {**data, **changes}


def test_it_counts_a_deadline_across_the_new_year_2026_swap() -> None:
    assert not is_working_day(date(2026, 1, 2))  # a Friday, given off
    assert is_working_day(date(2026, 1, 10))  # a Saturday, worked
    assert add_working_days(date(2025, 12, 31), 1) == date(2026, 1, 5)
    assert add_working_days(date(2026, 1, 9), 1) == date(2026, 1, 10)
    # 01/01 a holiday, 02/01 given off: only 05–09/01 in (31/12/2025, 09/01/2026].
    assert working_days_between(date(2025, 12, 31), date(2026, 1, 9)) == 5


def test_it_moves_a_legal_deadline_by_the_swap() -> None:
    # Admission ceremony within 30 working days of the decision (Quy định 24-QĐ/TW, 3.3).
    # Decided Friday 09/01/2026: the worked Saturday 10/01 is day 1, Tết (16–20/02)
    # is skipped; without the swap the deadline would be Friday 27/02.
    due = rules.ceremony_due(date(2026, 1, 9))
    assert working_days_between(date(2026, 1, 9), due) == 30
    assert due == date(2026, 2, 26)


def test_it_reads_the_swaps_once_per_process(
    django_assert_num_queries: Callable[..., Any],
) -> None:
    with django_assert_num_queries(0):
        for month in range(1, 13):
            add_working_days(date(2026, month, 1), 30)


def test_it_lists_the_swaps_with_their_source_notice(login: Callable[[str], Client]) -> None:
    rows = login("dave").get(URL).json()["results"]
    by_day = {row["day"]: row for row in rows}
    assert by_day["2026-01-02"]["kind"] == "day_off"
    assert by_day["2026-01-10"]["kind"] == "working_day"
    assert by_day["2026-01-02"]["source_number"] == "12729/VPCP-KGVX"
    page = login("charlie").get(PAGE).content.decode()
    assert "12729/VPCP-KGVX" in page and "10/01/2026" in page
    assert "Ghi một ngày hoán đổi" not in page


def test_it_lets_a_superuser_record_a_swap_that_deadlines_honour_at_once(
    login: Callable[[str], Client],
) -> None:
    assert is_working_day(WEDNESDAY)
    response = login("root").post(URL, payload(), content_type="application/json")
    assert response.status_code == 201, response.json()
    assert response.json()["source_number"] == "1/TB-THU"
    assert not is_working_day(WEDNESDAY)
    assert add_working_days(date(2027, 3, 9), 1) == date(2027, 3, 11)
    row = WorkdayException.objects.get(day=WEDNESDAY)
    assert row.history.get().history_user.username == "root"


def test_it_records_a_swap_from_the_page(login: Callable[[str], Client]) -> None:
    data = payload(day="13/03/2027", kind="working_day", source_date="01/12/2026")
    response = login("root").post(PAGE, data)
    assert response.status_code == 302
    assert is_working_day(SATURDAY)


@pytest.mark.parametrize("username", ["alice", "lan", "dave", "charlie"])
def test_it_refuses_a_swap_from_anyone_but_a_superuser(
    login: Callable[[str], Client], username: str
) -> None:
    client = login(username)
    response = client.post(URL, payload(), content_type="application/json")
    assert response.status_code == 403
    assert "quản trị hệ thống" in response.json()["detail"]
    assert client.post(PAGE, payload(day="10/03/2027", source_date="01/12/2026")).status_code == 403
    assert not WorkdayException.objects.filter(day=WEDNESDAY).exists()


def test_it_refuses_an_anonymous_reader() -> None:
    assert Client().get(URL).status_code in {401, 403}
    assert Client().get(PAGE).status_code == 302


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"day": "2027-03-14"}, "kind", "vốn đã là ngày nghỉ"),  # a Sunday
        ({"day": "2026-09-02"}, "kind", "vốn đã là ngày nghỉ"),  # National Day
        ({"kind": "working_day"}, "kind", "vốn đã là ngày làm việc"),
        ({"day": "2026-01-02"}, "day", "đã được ghi"),
        ({"source_date": "2099-01-01"}, "source_date", "tương lai"),
        ({"source_number": "  "}, "source_number", "không được để trống"),
        ({"kind": "holiday"}, "kind", "không có trong danh sách"),
        ({"day": "2062-03-10"}, "day", "trong vòng một năm"),
        ({"day": "31/02/2027"}, "day", "Ngày không hợp lệ"),
    ],
)
def test_it_refuses_bad_input_with_a_vietnamese_message(
    login: Callable[[str], Client], changes: dict[str, Any], field: str, message: str
) -> None:
    response = login("root").post(URL, payload(**changes), content_type="application/json")
    assert response.status_code == 400
    assert message in " ".join(response.json()[field])


def test_it_shows_the_refusal_on_the_page(login: Callable[[str], Client]) -> None:
    data = payload(day="14/03/2027", source_date="01/12/2026")
    response = login("root").post(PAGE, data)
    assert response.status_code == 200
    assert "vốn đã là ngày nghỉ" in response.content.decode()


def test_it_adds_and_lists_from_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    call_command(
        "workday_exception",
        "add",
        "10/03/2027",
        "day_off",
        "--name",
        "Nghỉ thử",
        "--source-number",
        "1/TB-THU",
        "--source-date",
        "01/12/2026",
    )
    assert not is_working_day(WEDNESDAY)
    out = capsys.readouterr().out
    assert "10/03/2027" in out and "1/TB-THU ngày 01/12/2026" in out
    assert "12729/VPCP-KGVX" in out
    with pytest.raises(CommandError, match="đã được ghi"):
        call_command(
            "workday_exception",
            "add",
            "10/03/2027",
            "day_off",
            "--name",
            "x",
            "--source-number",
            "x",
            "--source-date",
            "01/12/2026",
        )


# Withdrawing a swap recorded by mistake: nothing is deleted.


def _recorded(day: date = WEDNESDAY, kind: str = "day_off") -> WorkdayException:
    from dangvu.core import services_workdays

    data = {**payload(), "day": day, "kind": kind, "source_date": date(2026, 12, 1)}
    return services_workdays.record_exception(None, data, console=True)


def test_it_withdraws_a_mistaken_swap_and_lets_the_corrected_one_be_recorded(
    login: Callable[[str], Client],
) -> None:
    row = _recorded()
    assert not is_working_day(WEDNESDAY)
    root = login("root")
    url = f"{URL}{row.pk}/withdraw/"
    answer = root.post(url, {"reason": "Ghi nhầm ngày"}, content_type="application/json")
    assert answer.status_code == 200, answer.json()
    assert answer.json()["is_active"] is False
    assert answer.json()["withdrawn_reason"] == "Ghi nhầm ngày"
    # The cache of this process is emptied at once, as on a new row.
    assert is_working_day(WEDNESDAY)
    row.refresh_from_db()
    assert row.withdrawn_at is not None
    assert row.history.first().history_user.username == "root"
    # The same day may be recorded again, correctly this time.
    again = root.post(URL, payload(name="Nghỉ đúng"), content_type="application/json")
    assert again.status_code == 201, again.json()
    assert not is_working_day(WEDNESDAY)
    listed = [r for r in login("dave").get(URL).json()["results"] if r["day"] == "2027-03-10"]
    assert [(r["name"], r["is_active"]) for r in listed] == [
        ("Nghỉ đúng", True),
        ("Nghỉ thử", False),
    ]


def test_it_keeps_one_active_swap_per_day_in_the_database() -> None:
    from django.db import IntegrityError, transaction

    _recorded()
    with pytest.raises(IntegrityError), transaction.atomic():
        WorkdayException.objects.create(
            day=WEDNESDAY,
            kind="day_off",
            name="x",
            source_number="x",
            source_date=date(2026, 12, 1),
        )


@pytest.mark.parametrize(
    ("body", "message"),
    [({"reason": "  "}, "không được để trống"), ({}, "bắt buộc")],
)
def test_it_asks_for_the_reason_of_a_withdrawal(
    login: Callable[[str], Client], body: dict[str, Any], message: str
) -> None:
    row = _recorded()
    answer = login("root").post(f"{URL}{row.pk}/withdraw/", body, content_type="application/json")
    assert answer.status_code == 400
    assert message in " ".join(answer.json()["reason"])
    assert not is_working_day(WEDNESDAY)


def test_it_refuses_to_withdraw_twice(login: Callable[[str], Client]) -> None:
    row = _recorded()
    url = f"{URL}{row.pk}/withdraw/"
    root = login("root")
    assert root.post(url, {"reason": "nhầm"}, content_type="application/json").status_code == 200
    answer = root.post(url, {"reason": "nhầm"}, content_type="application/json")
    assert answer.status_code == 400
    assert "đã được thu hồi" in " ".join(answer.json()["withdrawn_at"])


def test_it_answers_404_for_an_unknown_swap(login: Callable[[str], Client]) -> None:
    root = login("root")
    for pk in ("999999", "99999999999999999999999"):
        answer = root.post(f"{URL}{pk}/withdraw/", {"reason": "x"}, content_type="application/json")
        assert answer.status_code == 404


@pytest.mark.parametrize("username", ["alice", "lan", "dave", "charlie"])
def test_it_lets_only_a_superuser_withdraw(login: Callable[[str], Client], username: str) -> None:
    row = _recorded()
    client = login(username)
    answer = client.post(
        f"{URL}{row.pk}/withdraw/", {"reason": "x"}, content_type="application/json"
    )
    assert answer.status_code == 403
    page = f"{PAGE}{row.pk}/withdraw/"
    assert client.post(page, {f"w{row.pk}-reason": "x"}).status_code == 403
    assert "Thu hồi (ghi nhầm)" not in client.get(PAGE).content.decode()
    row.refresh_from_db()
    assert row.is_active and not is_working_day(WEDNESDAY)


def test_it_withdraws_from_the_page_and_lists_the_reason(login: Callable[[str], Client]) -> None:
    row = _recorded()
    root = login("root")
    assert "Thu hồi (ghi nhầm)" in root.get(PAGE).content.decode()
    page = f"{PAGE}{row.pk}/withdraw/"
    refused = root.post(page, {f"w{row.pk}-reason": ""})
    assert refused.status_code == 400
    assert WorkdayException.objects.get(pk=row.pk).is_active
    assert root.post(page, {f"w{row.pk}-reason": "Ghi nhầm ngày"}).status_code == 302
    assert is_working_day(WEDNESDAY)
    text = login("dave").get(PAGE).content.decode()
    assert "Đã thu hồi" in text and "Ghi nhầm ngày" in text


def test_it_withdraws_from_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    _recorded()
    call_command("workday_exception", "withdraw", "10/03/2027", "--reason", "Ghi nhầm")
    assert is_working_day(WEDNESDAY)
    out = capsys.readouterr().out
    assert "Đã thu hồi" in out and "[đã thu hồi: Ghi nhầm]" in out
    with pytest.raises(CommandError, match="không có ngày hoán đổi nào đang áp dụng"):
        call_command("workday_exception", "withdraw", "10/03/2027", "--reason", "x")
    with pytest.raises(CommandError, match="lý do"):
        call_command("workday_exception", "withdraw", "02/01/2026", "--reason", " ")


def test_it_answers_the_withdrawal_as_the_schema_says(login: Callable[[str], Client]) -> None:
    from tests.openapi import assert_conforms

    path = "/api/v1/workday-exceptions/{id}/withdraw/"
    row = _recorded()
    url = f"{URL}{row.pk}/withdraw/"
    answers = [
        login("alice").post(url, {"reason": "x"}, content_type="application/json"),  # 403
        login("root").post(url, {}, content_type="application/json"),  # 400
        login("root").post(
            f"{URL}999999/withdraw/", {"reason": "x"}, content_type="application/json"
        ),
        login("root").post(url, {"reason": "x"}, content_type="application/json"),  # 200
    ]
    assert [a.status_code for a in answers] == [403, 400, 404, 200]
    for answer in answers:
        assert_conforms(answer, path, "POST")
