from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data drawn from the seed documents; depends on every app, and nothing depends on it."""

    name = "demo"
    verbose_name = "Demo data"
