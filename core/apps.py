from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Foundations"

    def ready(self):
        # Registers the lookups that keep out-of-range integers from failing a query.
        from core import lookups  # noqa: F401
