"""The REST API: Django REST framework and drf-spectacular. Star-imported at the end of base.py."""

from config.env import env_int, env_str


def _rate(name: str, default: str) -> str | None:
    # "off" turns a limit off (DRF skips a throttle whose rate is None).
    value = env_str(name, default)
    return None if value.strip().lower() in {"off", "none", "0"} else value

# --- Django REST framework ----------------------------------------------------------------
REST_FRAMEWORK = {
    # Token first, so an unauthenticated request is answered 401 with `WWW-Authenticate: Token`.
    # Tokens are issued in the Django admin or with `manage.py drf_create_token <email>`;
    # there is deliberately no endpoint that takes a password.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "consortia.api.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_VERSIONING_CLASS": "rest_framework.versioning.NamespaceVersioning",
    "DEFAULT_VERSION": "v1",
    "ALLOWED_VERSIONS": ["v1"],
    # drf-spectacular's, with the 400/401/403/404 answers documented for every operation.
    "DEFAULT_SCHEMA_CLASS": "consortia.api_schema.ConsortiumAutoSchema",
    # A service's django ValidationError becomes a 400 with field errors.
    "EXCEPTION_HANDLER": "consortia.api.exception_handler",
    # JSON only: people browse the API in the Swagger UI at /api/docs/.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    # Requests per token and per client IP (consortia/throttling.py); over either, a 429 with
    # Retry-After. Rates are "<n>/<second|minute|hour|day>".
    "DEFAULT_THROTTLE_CLASSES": [
        "consortia.throttling.TokenRateThrottle",
        "consortia.throttling.IPRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "token": _rate("API_THROTTLE_TOKEN", "2000/hour"),
        "ip": _rate("API_THROTTLE_IP", "5000/hour"),
    },
    # How many proxies in front of gunicorn append to X-Forwarded-For. 0 trusts only the socket's
    # address: a client could otherwise pick its own IP for the per-IP limit.
    "NUM_PROXIES": env_int("API_TRUSTED_PROXIES", 0),
}

# --- drf-spectacular (OpenAPI schema and Swagger UI) --------------------------------------
SPECTACULAR_SETTINGS = {
    "TITLE": "Partneriaeth API",
    "DESCRIPTION": (
        "Organisations, people, partnerships, member organisations and partnership roles of one "
        "consortium, under /api/v1/{consortium}/. Authenticate with `Authorization: Token <key>`."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    # Separate request and response components, so read-only fields are not asked for on input.
    "COMPONENT_SPLIT_REQUEST": True,
    # Tags come from the path after the consortium: "organisations", "people", ...
    "SCHEMA_PATH_PREFIX": r"/api/v1/\{consortium\}",
    "ENUM_NAME_OVERRIDES": {
        "OrganisationKindEnum": "partnerships.models.Organisation.Kind",
        "PartnershipKindEnum": "partnerships.models.Partnership.Kind",
        "MeetingKindEnum": "governance.models.Meeting.Kind",
        "MeetingStatusEnum": "governance.models.Meeting.Status",
        "AttendanceStatusEnum": "governance.models.Attendance.Status",
        "DeclarationKindEnum": "governance.models.Declaration.Kind",
        "MinutesStatusEnum": "governance.models.Minutes.Status",
        "ActionStatusEnum": "governance.models.Action.Status",
        "ElectionStatusEnum": "governance.models.Election.Status",
        "BoundRoleEnum": "agreements.models.BoundRole",
    },
    # The Swagger UI's assets come from drf-spectacular-sidecar, served as our own static files:
    # no third-party CDN sees who reads the docs, and the page works offline.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
