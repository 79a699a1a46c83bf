"""The outcome pages' addresses, under the `outcomes` namespace."""

from django.urls import path

from outcomes import views

app_name = "outcomes"

urlpatterns = [
    path("statuses/", views.statuses, name="statuses"),
    path("since/", views.since, name="since"),
    path("since.atom", views.EvidenceFeed(), name="feed"),
]
