"""A database that is down or refusing connections costs a reader a plain, fast 503 with
Retry-After (no traceback, no template that might query), and nothing more: Django opens a fresh
connection on the next request, and CONN_HEALTH_CHECKS replaces a connection the server dropped,
so the site recovers by itself once the database is back."""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.views.defaults import server_error

logger = logging.getLogger("alliance_kb.outage")

RETRY_AFTER_SECONDS = 30
DATABASE_ERRORS = (OperationalError, InterfaceError)
MESSAGE = (
    "Alliance KB is briefly unavailable: its database cannot be reached.\n"
    f"Please try again in {RETRY_AFTER_SECONDS} seconds.\n"
)


def unavailable_response() -> HttpResponse:
    response = HttpResponse(MESSAGE, status=503, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseOutageMiddleware:
    """Turns a database connection error raised by a view (or its template) into the 503."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            logger.error("Database unavailable on %s: %s", request.path, exception)
            return unavailable_response()
        return None


def server_error_or_outage(request, template_name="500.html"):
    """handler500: errors raised outside a view (a middleware saving the session, say) arrive here;
    a database outage still gets the 503 rather than the server-error page."""
    if isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        return unavailable_response()
    return server_error(request, template_name)
