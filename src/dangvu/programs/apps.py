from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "dangvu.programs"
    label = "programs"
    verbose_name = "Chương trình công tác"

    def ready(self) -> None:
        # A meeting's resolution handed off becomes a task of the organisation's
        # programme (meetings.services.hand_off_resolution; decision 0006).
        from dangvu.meetings.services import register_resolution_handler
        from dangvu.programs.services import task_from_resolution

        register_resolution_handler("programs", task_from_resolution)
