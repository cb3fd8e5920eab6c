"""The OpenAPI schema and the Swagger UI: valid, complete, signed-in only, and no CDN."""

import pytest
from django.core.management import call_command
from drf_spectacular.validation import validate_schema

pytestmark = pytest.mark.django_db

API_PATHS = {
    "/api/v1/{consortium}/organisations/",
    "/api/v1/{consortium}/organisations/{id}/",
    "/api/v1/{consortium}/people/",
    "/api/v1/{consortium}/people/{id}/",
    "/api/v1/{consortium}/partnerships/",
    "/api/v1/{consortium}/partnerships/{id}/",
    "/api/v1/{consortium}/memberships/",
    "/api/v1/{consortium}/memberships/{id}/",
    "/api/v1/{consortium}/memberships/{id}/leave/",
    "/api/v1/{consortium}/partnership-roles/",
}


def test_the_schema_is_openapi(admin_api):
    response = admin_api.get("/api/schema/")

    assert response.status_code == 200
    assert b"openapi" in response.content


def test_the_schema_is_valid_and_lists_every_endpoint(admin_api):
    response = admin_api.get("/api/schema/?format=json")

    schema = response.json()
    validate_schema(schema)
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) >= API_PATHS


def test_the_schema_is_generated_without_warnings(tmp_path):
    call_command("spectacular", "--fail-on-warn", "--validate", "--file", str(tmp_path / "schema.yml"))


def test_the_docs_page_serves_swagger_ui_from_our_own_static_files(client, member):
    client.force_login(member)

    response = client.get("/api/docs/")

    html = response.content.decode().lower()
    assert response.status_code == 200
    assert "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "cdn" not in html
    assert "jsdelivr" not in html
    assert "unpkg" not in html


@pytest.mark.parametrize("url", ["/api/schema/", "/api/docs/"])
def test_schema_and_docs_need_a_signed_in_person(api_client, url):
    response = api_client.get(url)

    assert response.status_code == 401
