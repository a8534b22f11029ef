"""This year's work programme of Thường Xuân, dated from the day the demo is loaded.

The programmes of 2022 (``programs.py``) are years past their deadlines, and the
deadline inbox leaves out what is more than a year overdue. So that the inbox
and the "overdue" marks have something to show on the day of a demo, the town
gets a programme for the current year whose deadlines are counted from today:
one overdue task and one due this month for Phó Bí thư Hà Huy Hiền (the login
``thuongxuan.leader``), one due this quarter for Phó Bí thư Lương Thị Thanh,
one for the UBND, and one already done. Built once per year, through the services.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from dangvu.accounts.models import User
from dangvu.core.demo.meetings import demo_writer
from dangvu.core.demo.programs import TOWN_CODE
from dangvu.core.text import cited_day
from dangvu.members.models import Member
from dangvu.organizations.models import Agency, Organization
from dangvu.programs import services
from dangvu.programs.models import Programme
from dangvu.programs.periods import Period, period_of


@dataclass(frozen=True)
class CurrentTask:
    title: str
    deadline: str
    person: str
    agency: str = ""  # the short name of the owning agency; the Đảng ủy when empty
    progress: int = 0
    done_on: date | None = None


def build_current_programme(today: date, user: User | None = None) -> bool:
    """The town's programme of ``today``'s year, unless there is one already."""
    user = user or demo_writer()
    town = Organization.objects.filter(code=TOWN_CODE).first()
    if user is None or town is None:
        return False
    year = Period("year", today.year, 0)
    if Programme.objects.filter(organization=town, period_kind="year", year=today.year).exists():
        return False
    programme = services.create_programme(user, organization=town, period=year)
    people = {
        m.full_name: m
        for m in Member.objects.filter(
            org_path__startswith=town.path, full_name__in=["Hà Huy Hiền", "Lương Thị Thanh"]
        )
    }
    agencies = {a.short_name: a for a in Agency.objects.filter(organization=town)}
    for text in current_tasks(today, year.starts_on):
        owner = {"owner_agency": agencies[text.agency]} if text.agency else {"owner_org": town}
        task = services.add_task(
            user,
            programme,
            title=text.title,
            deadline=text.deadline,
            responsible=people.get(text.person),
            **owner,
        )
        if text.done_on is not None:
            services.complete_task(user, task, completed_on=text.done_on)
        elif text.progress:
            services.report_progress(user, task, progress=text.progress)
    return True


def current_tasks(today: date, first_day: date) -> tuple[CurrentTask, ...]:
    """Deadlines counted from ``today``, never before the year's first day."""
    overdue = max(first_day, today - timedelta(days=7))
    done_by = max(first_day, today - timedelta(days=20))
    month = period_of("month", today)
    quarter = period_of("quarter", today)
    soon = min(today + timedelta(days=20), date(today.year, 12, 31))
    return (
        CurrentTask(
            "Rà soát, cập nhật hồ sơ đảng viên trên phần mềm quản lý cơ sở dữ liệu đảng viên; "
            "báo cáo Ban Tổ chức Huyện ủy",
            cited_day(overdue),
            "Hà Huy Hiền",
            progress=60,
        ),
        CurrentTask(
            f"Chuẩn bị nội dung hội nghị Ban Chấp hành Đảng bộ thị trấn thường kỳ {month.label}",
            month.label,
            "Hà Huy Hiền",
        ),
        CurrentTask(
            "Giám sát việc thực hiện quy chế dân chủ ở cơ sở tại các khu phố",
            quarter.label,
            "Lương Thị Thanh",
            progress=30,
        ),
        CurrentTask(
            "Tổng hợp kết quả tích tụ đất đai sản xuất nông nghiệp công nghệ cao trong năm, "
            "báo cáo Ban Thường vụ Đảng ủy",
            cited_day(soon),
            "Lương Thị Thanh",
            agency="UBND",
        ),
        CurrentTask(
            "Tổ chức giao ban bí thư chi bộ, trưởng khu phố tháng trước",
            cited_day(done_by),
            "Hà Huy Hiền",
            done_on=done_by,
        ),
    )
