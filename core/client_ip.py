"""The client's address, for counting failed sign-ins per address (django-axes).

Without a proxy (DJANGO_TRUSTED_PROXY_COUNT=0) it is the socket's address. Behind N proxies that
each append to X-Forwarded-For, it is the N-th address from the right: the one the outermost
trusted proxy saw. Addresses further left were written by the client and could be anything."""

from django.conf import settings


def client_ip(request) -> str | None:
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")
