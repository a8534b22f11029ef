from django.apps import AppConfig


class EvaluationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "dangvu.evaluations"
    verbose_name = "Đánh giá, xếp loại chất lượng"
