from django.apps import AppConfig


class SourcesConfig(AppConfig):
    name = "sources"
    verbose_name = "Source documents"

    def ready(self):
        # Connects the receivers that write a version of a record when its related rows change.
        from sources import receivers  # noqa: F401
