"""The sources' pages' addresses, under the `sources` namespace (SourceDocument's URLs)."""

from django.urls import path

from browse import views
from browse.citations import FORMATS

app_name = "sources"

urlpatterns = [
    path("", views.source_list, name="list"),
    path("<slug:slug>/", views.source_page, name="detail"),
]
for fmt in FORMATS:
    urlpatterns.append(
        path(f"<slug:slug>/cite.{fmt}", views.source_citation, {"fmt": fmt}, name=f"cite-{fmt}")
    )
