"""The REST API's routes: /api/schema/, /api/docs/ and /api/v1/<consortium>/...

Versions are URL namespaces (DRF's NamespaceVersioning): a v2 gets its own router and
`path("v2/", include((v2_patterns, "v2")))`, and v1 keeps answering as it did.
"""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import IsAuthenticated
from rest_framework.routers import SimpleRouter

from agreements import api as agreements_api
from finance import api as finance_api
from governance import api as governance_api
from partnerships import api as partnerships_api
from programmes import api as programmes_api


class SchemaView(SpectacularAPIView):
    # The schema describes every register's fields; only people who can use the API need it.
    # Set here, not only through SERVE_PERMISSIONS, because drf-spectacular reads that at import.
    permission_classes = [IsAuthenticated]
    permission_required = "login"


# The split view serves Swagger UI's start-up script as its own file (?script), not inline, so the
# docs need no 'unsafe-inline' (issue 13); templates/drf_spectacular/swagger_ui.html moves its style.
class DocsView(SpectacularSwaggerSplitView):
    permission_classes = [IsAuthenticated]
    permission_required = "login"


# NOTE: the tenant kwarg is `consortium`, not `consortium_slug`: the pages' middleware would
# redirect a token client to the sign-in page (see consortia/api.py).
v1 = SimpleRouter(use_regex_path=False)
v1.register("organisations", partnerships_api.OrganisationViewSet, basename="organisation")
v1.register("people", partnerships_api.PersonViewSet, basename="person")
v1.register("partnerships", partnerships_api.PartnershipViewSet, basename="partnership")
v1.register("memberships", partnerships_api.MembershipViewSet, basename="membership")
v1.register("partnership-roles", partnerships_api.PartnershipRoleViewSet, basename="partnership-role")
v1.register("agreements", agreements_api.AgreementViewSet, basename="agreement")
v1.register("agreement-versions", agreements_api.AgreementVersionViewSet, basename="agreement-version")
governance_api.register(v1)
finance_api.register(v1)
programmes_api.register(v1)

v1_patterns = [path("<slug:consortium>/", include(v1.urls))]

urlpatterns = [
    path("schema/", SchemaView.as_view(), name="api_schema"),
    path("docs/", DocsView.as_view(url_name="api_schema"), name="api_docs"),
    path("v1/", include((v1_patterns, "v1"))),
]
