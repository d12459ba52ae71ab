"""Django app config for accounts."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "fupin_forms.web.accounts"
    label = "accounts"
    verbose_name = "账户与单位"
