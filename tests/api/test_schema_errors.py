"""The OpenAPI schema tells the truth about refusals, and documents lists' filters only on lists."""

import pytest

pytestmark = pytest.mark.django_db

WRITES = {"post", "put", "patch"}


@pytest.fixture
def schema(admin_api):
    return admin_api.get("/api/schema/?format=json").json()


def operations(schema):
    return [(path, method, operation) for path, item in schema["paths"].items() if path.startswith("/api/v1/")
            for method, operation in item.items() if method in {"get", *WRITES, "delete"}]


def test_every_operation_documents_its_refusals(schema):
    missing = [(method, path, code) for path, method, operation in operations(schema)
               for code in ("401", "403", "404") if code not in operation["responses"]]

    assert operations(schema) and not missing


def test_every_write_documents_its_bad_input_answer(schema):
    missing = [(method, path) for path, method, operation in operations(schema)
               if method in WRITES and "400" not in operation["responses"]]

    assert not missing


def test_recording_attendance_answers_the_register_not_a_page_of_a_list(schema):
    operation = schema["paths"]["/api/v1/{consortium}/meetings/{id}/attendance/"]["post"]

    assert [p["name"] for p in operation["parameters"]] == ["consortium", "id"]
    assert operation["responses"]["200"]["content"]["application/json"]["schema"] == {
        "type": "array", "items": {"$ref": "#/components/schemas/Attendance"}}


def test_no_detail_route_documents_list_filters(schema):
    filtered = [(method, path) for path, method, operation in operations(schema)
                if "{id}" in path
                for parameter in operation.get("parameters", [])
                if parameter["in"] == "query" and parameter["name"] in {"partnership", "search", "ordering"}]

    assert not filtered


def test_adding_a_person_documents_the_invitation_answer(schema):
    responses = schema["paths"]["/api/v1/{consortium}/people/"]["post"]["responses"]

    assert {"201", "202"} <= set(responses)
