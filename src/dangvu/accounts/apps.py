from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "dangvu.accounts"
    label = "accounts"
    verbose_name = "Tài khoản"
