"""Project-wide middleware."""

from django.conf import settings
from django.shortcuts import render


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
