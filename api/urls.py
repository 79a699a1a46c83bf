"""The API's addresses under /api/: a root listing the collections, the OpenAPI schema and its
browsable documentation (Swagger UI served from static files, no CDN)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from api import views

app_name = "api"

router = DefaultRouter()
router.register("proposals", views.ProposalViewSet, basename="proposal")
router.register("sources", views.SourceViewSet, basename="source")
router.register("themes", views.ThemeViewSet, basename="theme")
router.register("actors", views.ActorViewSet, basename="actor")
router.register("frameworks", views.FrameworkViewSet, basename="framework")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script as a file: the CSP admits no inline script.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("", include(router.urls)),
]
