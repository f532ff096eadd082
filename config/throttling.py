"""Rate limits for the public portal: keyed by an address the client cannot choose, and still holding while
the shared cache (Redis) is away.

Every view without sign-in names a scope (`throttle_scope`): "public_submit" for writes, "public_lookup" for
a lookup by a code (a scanner must not get far), "public_read" for reference lists. The rates are in
settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"].
"""

import logging
import time

from django.core.cache import cache as shared_cache
from django.core.cache.backends.locmem import LocMemCache
from rest_framework.settings import api_settings
from rest_framework.throttling import ScopedRateThrottle

logger = logging.getLogger(__name__)


def client_ip(request):
    """The client's address as the trusted proxies saw it (also django-axes' AXES_CLIENT_IP_CALLABLE).

    With NUM_PROXIES = 0 it is REMOTE_ADDR and X-Forwarded-For is ignored. With N proxies in front, each
    appends the address it received from, so the N-th entry from the right is the one the outermost proxy saw;
    whatever stands further left the client wrote itself, and is never read.
    """
    remote_addr = request.META.get("REMOTE_ADDR", "")
    proxies = api_settings.NUM_PROXIES or 0
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if proxies <= 0 or not forwarded:
        return remote_addr
    return forwarded[-min(proxies, len(forwarded))]


class _CacheOrLocal:
    """The shared cache, or while it errors a cache of this process: a limit per process is looser than a
    shared one, but a limit still — an outage neither answers 500 nor lifts the throttle."""

    local = LocMemCache("pil-throttle-fallback", {"OPTIONS": {"MAX_ENTRIES": 10000}})

    def get(self, key, default=None):
        try:
            return shared_cache.get(key, default)
        except Exception:  # redis.exceptions.ConnectionError, TimeoutError: any failure of the cache server
            logger.warning("cache unavailable: throttling %s on this process only", key, exc_info=True)
            return self.local.get(key, default)

    def set(self, key, value, timeout):
        self.local.set(key, value, timeout)  # kept in step, so an outage starts from the history known so far
        try:
            shared_cache.set(key, value, timeout)
        except Exception:
            logger.warning("cache unavailable: throttling %s on this process only", key, exc_info=True)


class PublicThrottle(ScopedRateThrottle):
    """The portal's throttle: per client address (`client_ip`) and scope."""

    cache = _CacheOrLocal()

    @property
    def THROTTLE_RATES(self):  # noqa: N802 - the name DRF looks up; read when asked, so settings overrides apply
        return api_settings.DEFAULT_THROTTLE_RATES

    def timer(self):
        # Looked up at call time, so that a frozen clock (freezegun) is honoured.
        return time.time()

    def get_ident(self, request):
        return client_ip(request)
