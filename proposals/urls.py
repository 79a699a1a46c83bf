from django.urls import path

from proposals import views

app_name = "proposals"

urlpatterns = [
    path("", views.ProposalListView.as_view(), name="list"),
    path("proposals/<slug:slug>/", views.ProposalDetailView.as_view(), name="detail"),
    path("themes/<slug:slug>/", views.ThemeDetailView.as_view(), name="theme-detail"),
    path("actors/<slug:slug>/", views.ActorDetailView.as_view(), name="actor-detail"),
    path("frameworks/<slug:slug>/", views.FrameworkDetailView.as_view(), name="framework-detail"),
]
