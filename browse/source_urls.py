"""The sources' pages' addresses, under the `sources` namespace (SourceDocument's URLs)."""

from django.urls import path

from browse import views

app_name = "sources"

urlpatterns = [
    path("", views.source_list, name="list"),
    path("<slug:slug>/", views.source_page, name="detail"),
]
