from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    name = "proposals"
    verbose_name = "Proposals and vocabularies"

    def ready(self):
        # Connects the receivers that keep the full-text index in step with every change.
        from proposals import search_index  # noqa: F401
