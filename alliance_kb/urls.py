from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path

# Readers' sign-in, for KB_REQUIRE_LOGIN. Only signing in and out: accounts and passwords are
# given by the editors, so there is no self-service password reset (nor mail to send it with).
accounts = [
    path("login/", auth_views.LoginView.as_view(), name="login"),
    # Open to anyone, so that signing out after the session expired does not ask to sign in.
    path(
        "logout/",
        login_not_required(auth_views.LogoutView.as_view(next_page="login")),
        name="logout",
    ),
]

# A database outage is a 503 with Retry-After, wherever it is raised (alliance_kb/outage.py).
handler500 = "alliance_kb.outage.server_error_or_outage"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include(accounts)),
    path("api/", include("api.urls")),
    path("sources/", include("browse.source_urls")),
    path("outcomes/", include("outcomes.urls")),
    path("", include("browse.site_urls")),
    path("", include("browse.urls")),
]
