"""Rate limits for the API, read from the settings when a request comes, not when the class is
defined (as DRF's own throttles do), so that a deployment or a test can change them."""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class AnonymousRateThrottle(AnonRateThrottle):
    """Anonymous readers, by IP address: KB_API_ANON_RATE (e.g. "120/minute"; empty: no limit)."""

    def get_rate(self):
        return settings.KB_API_ANON_RATE or None


class SignedInRateThrottle(UserRateThrottle):
    """Signed-in readers and staff, by account: KB_API_USER_RATE. Anonymous readers are
    AnonymousRateThrottle's alone (DRF's UserRateThrottle would count them too, by IP)."""

    def get_rate(self):
        return settings.KB_API_USER_RATE or None

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None
        return super().get_cache_key(request, view)
