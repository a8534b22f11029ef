"""``dangvu rebuild_tallies``: recompute every maintained tally from the members."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from dangvu.reports import tallies
from dangvu.reports.models import Tally


class Command(BaseCommand):
    help = _("Tính lại toàn bộ số liệu tổng hợp từ danh sách đảng viên.")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        tallies.rebuild()
        self.stdout.write(
            _("Đã tính lại %(rows)s dòng số liệu tổng hợp trong %(seconds).1f giây.")
            % {"rows": Tally.objects.count(), "seconds": time.perf_counter() - started}
        )
