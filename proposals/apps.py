from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    name = "proposals"
    verbose_name = "Proposals and vocabularies"

    def ready(self):
        # Connects the receivers that write a version of a record when its related rows change.
        from proposals import receivers  # noqa: F401
