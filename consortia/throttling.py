"""How much one API client may ask for: a limit per token and a limit per IP address.

The per-token limit keeps one integration from crowding out the others; the per-IP limit also
covers a host that spreads its requests over many tokens. Both answer 429 with `Retry-After`.

NOTE: the counters live in the "throttle" cache, which is Redis whenever REDIS_URL is set, so
every gunicorn worker counts the same requests. When that cache cannot be reached the request
is let through and a warning logged: a broken rate counter must not take the API down with it.
"""

from __future__ import annotations

import hashlib
import logging

from django.core.cache import caches
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

logger = logging.getLogger(__name__)


class _FailOpenThrottle(SimpleRateThrottle):
    cache_alias = "throttle"

    def __init__(self) -> None:
        self.cache = caches[self.cache_alias]
        super().__init__()

    def get_rate(self) -> str | None:
        # Read when the request comes, not when DRF's module was imported, so a changed
        # setting (an override in a test, a reload) takes effect.
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request, view) -> bool:
        try:
            return super().allow_request(request, view)
        except Exception as exc:  # noqa: BLE001  any cache backend error: redis, socket, timeout
            logger.warning("API throttle %s not applied, its cache is unavailable: %s", self.scope, exc)
            return True


class TokenRateThrottle(_FailOpenThrottle):
    """Per API token; a signed-in browser session (the Swagger UI) counts per person instead."""

    scope = "token"

    def get_cache_key(self, request, view) -> str | None:
        token = getattr(request, "auth", None)
        if token is not None and getattr(token, "key", None):
            # A digest, never the token itself: cache keys can end up in logs and dumps.
            ident = "t:" + hashlib.sha256(token.key.encode()).hexdigest()[:32]
        elif request.user and request.user.is_authenticated:
            ident = f"u:{request.user.pk}"
        else:
            return None  # anonymous requests are counted per IP only
        return self.cache_format % {"scope": self.scope, "ident": ident}


class IPRateThrottle(_FailOpenThrottle):
    """Per client address, whoever is asking. Behind proxies set API_TRUSTED_PROXIES."""

    scope = "ip"

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
