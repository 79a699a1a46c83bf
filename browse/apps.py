from django.apps import AppConfig


class BrowseConfig(AppConfig):
    name = "browse"
    verbose_name = "Analyst pages"

    def ready(self):
        from browse import receivers

        receivers.connect()
