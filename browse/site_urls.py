"""What a site answers at its root for browsers and crawlers: robots.txt, the sitemap and the
favicon (browsers ask for /favicon.ico whatever the page links)."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from browse import views
from browse.sitemaps import SITEMAPS

urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("favicon.ico", views.favicon),
]
