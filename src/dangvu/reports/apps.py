from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "dangvu.reports"
    label = "reports"
    verbose_name = "Báo cáo thống kê"

    def ready(self) -> None:
        from dangvu.reports import tallies

        tallies.connect_signals()
