from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "dangvu.core"
    label = "core"
    verbose_name = "Lõi hệ thống"

    def ready(self) -> None:
        # The OpenAPI extensions register themselves on import (core.api_schema).
        from dangvu.core import api_schema  # noqa: F401
