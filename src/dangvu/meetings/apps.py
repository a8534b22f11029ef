from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "dangvu.meetings"
    label = "meetings"
    verbose_name = "Sinh hoạt chi bộ và hội nghị"
