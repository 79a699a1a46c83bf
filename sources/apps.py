from django.apps import AppConfig


class SourcesConfig(AppConfig):
    name = "sources"
    verbose_name = "Source documents"

    def ready(self):
        # Registers the lookups that keep out-of-range integers from failing a query.
        from sources import lookups  # noqa: F401
