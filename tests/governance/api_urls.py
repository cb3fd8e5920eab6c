"""The project's URLs with the governance API added, as config/api.py will have it once the lead adds
`governance_api.register(v1)`; the API tests run against this until then."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from config.urls import urlpatterns as project_urlpatterns
from governance import api as governance_api

router = SimpleRouter(use_regex_path=False)
governance_api.register(router)

urlpatterns = [
    path("api/v1/", include(([path("<slug:consortium>/", include(router.urls))], "v1"))),
    *project_urlpatterns,
]
