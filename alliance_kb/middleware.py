"""Project-wide middleware."""

from django.conf import settings
from django.shortcuts import render

from alliance_kb.routers import use_primary


def project_not_found_page(get_response):
    """With DEBUG on (`make run`), Django answers an unknown address with its own debug page,
    listing every URL pattern; readers of a first run should meet the site's 404 page instead, as
    in production. HTML pages only: the API's JSON 404s are left as they are."""

    def middleware(request):
        response = get_response(request)
        if (
            settings.DEBUG
            and response.status_code == 404
            and response.get("Content-Type", "").startswith("text/html")
        ):
            return render(request, "404.html", status=404)
        return response

    return middleware


def editors_read_the_primary(get_response):
    """With a read replica, the admin and staff read the primary: an editor must see their own
    change at once, and a replica may lag a moment behind."""

    def middleware(request):
        editing = request.path.startswith("/admin/") or (
            request.user.is_authenticated and request.user.is_staff
        )
        token = use_primary.set(editing)
        try:
            return get_response(request)
        finally:
            use_primary.reset(token)

    return middleware
