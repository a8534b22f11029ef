from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "dangvu.programs"
    label = "programs"
    verbose_name = "Chương trình công tác"
