"""Rate limits on the public pages, counted per client in the shared cache.

Nothing here needs a login, so each costly or guessable action is counted per
client address (and per email address where there is one) in a fixed window:
complaints sent, status codes asked for, and codes tried. Counts live in Django's
cache, which every app server shares (docs/deploy.md), so the limits hold across
processes. REDRESS_RATE_LIMITS in settings holds (allowed, window in seconds).
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

# A new prefix forgets every count (the tests give each test its own).
KEY_PREFIX = "redress-limit"


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, or the address the trusted proxies saw.

    Behind REDRESS_TRUSTED_PROXIES proxies (each appending to X-Forwarded-For) the
    client is that many entries from the right; anything further left is the
    client's own claim and is not believed.
    """
    proxies = settings.REDRESS_TRUSTED_PROXIES
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [a for a in forwarded if a]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def allow(scope: str, who: str) -> bool:
    """Count one more `scope` action by `who`; False once they are over the limit."""
    allowed, window = settings.REDRESS_RATE_LIMITS[scope]
    digest = hashlib.sha256(who.strip().lower().encode()).hexdigest()[:32]
    key = f"{KEY_PREFIX}:{scope}:{digest}:{int(time.time() // window)}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= allowed
