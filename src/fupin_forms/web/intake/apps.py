"""Django app config for intake."""

from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "fupin_forms.web.intake"
    label = "intake"
    verbose_name = "收件与表格"
