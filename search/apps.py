from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Full-text search"

    def ready(self):
        # Connects the receivers that keep the full-text index in step with every change.
        from search import receivers  # noqa: F401
