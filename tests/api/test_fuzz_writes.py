"""Property-based: no request to any write endpoint of the API is a server error, and a refused one saves nothing.

Requests are generated from the API's own OpenAPI schema by schemathesis, valid and invalid
alike, with the ids in the path and in person and row fields often those of real rows, of this
consortium or another, so the services' rules are reached and not only the serializers'. Each
refusal (4xx) must leave every table exactly as it was.

Bounded (EXAMPLES per operation) so the whole file runs in well under two minutes in `make test`
(about 75 seconds of one worker on the reference machine).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from urllib.parse import urlencode

import pytest
import schemathesis
from django.db import connection
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient
from schemathesis.core import NotSet
from schemathesis.generation import GenerationMode

from governance import services as governance
from partnerships.models import Organisation
from partnerships.services import membership_add, organisation_save, partnership_role_grant

from ..conftest import with_mfa
from ..factories import PartnershipFactory, UserFactory

pytestmark = pytest.mark.django_db

# FUZZ_EXAMPLES=200 for a longer hunt by hand; the default keeps `make test` quick.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "15"))
WRITES = {"POST", "PUT", "PATCH"}
# Body fields that name a row or a person: drawn from real ids as often as from made-up ones.
ROW_FIELDS = {"partnership", "meeting", "organisation", "employer", "agenda_item", "group", "owner", "chair",
              "note_taker", "user", "local_authority"}


def write_operations():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    loaded = schemathesis.openapi.from_dict(json.loads(json.dumps(schema, default=str)))
    operations = [result.ok() for result in loaded.get_all_operations()]
    return [operation for operation in operations if operation.method.upper() in WRITES]


OPERATIONS = write_operations()


def fingerprint() -> str:
    """Every row of every table, in one digest: equal before and after means nothing was written."""
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    parts = " UNION ALL ".join(
        f"SELECT '{table}' AS name, md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) AS digest "
        f"FROM {connection.ops.quote_name(table)} t" for table in sorted(tables))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT md5(string_agg(name || digest, '|' ORDER BY name)) FROM ({parts}) AS s")
        return cursor.fetchone()[0]


@pytest.fixture
def world(consortium, other_consortium, partnership, chair, clerk):
    """A little of everything in both consortia, and the ids a request might name."""
    ids: dict[str, dict[str, list[int]]] = {}
    for c, p in ((consortium, partnership), (other_consortium, PartnershipFactory(consortium=other_consortium))):
        school = organisation_save(consortium=c, kind=Organisation.Kind.SCHOOL, name=f"Ysgol {c.slug}")
        membership = membership_add(partnership=p, organisation=school)
        rep = UserFactory()
        partnership_role_grant(partnership=p, user=rep, role="representative", organisation=school)
        officer = chair if c == consortium else UserFactory()
        if c != consortium:
            partnership_role_grant(partnership=p, user=officer, role="chair")
        # A meeting still to come whatever the time of day the suite runs: a past one is recorded, not planned.
        day = dt.date.today() + dt.timedelta(days=1)
        meeting = governance.meeting_schedule(
            partnership=p, created_by=officer, title="Strategic meeting", starts_at=dt.datetime.combine(
                day, dt.time(9), tzinfo=dt.UTC), ends_at=dt.datetime.combine(day, dt.time(10), tzinfo=dt.UTC),
            venue="Parc")
        item = governance.agenda_item_save(meeting=meeting, title="Welcome")
        action = governance.action_create(partnership=p, title="Book the hall", owner=rep,
                                          due_on=day + dt.timedelta(days=10))
        for key, value in (("organisation", school.pk), ("partnership", p.pk), ("membership", membership.pk),
                           ("meeting", meeting.pk), ("agenda_item", item.pk), ("action", action.pk),
                           ("person", rep.pk), ("person", officer.pk)):
            ids.setdefault(key, {"ours": [], "theirs": []})["ours" if c == consortium else "theirs"].append(value)
    admin = with_mfa(UserFactory())
    from consortia.services import consortium_role_grant

    consortium_role_grant(consortium=consortium, user=admin, role="consortium_admin")
    return {"ids": ids, "users": [admin, chair, clerk]}


PATH_KINDS = {"organisations": "organisation", "partnerships": "partnership", "memberships": "membership",
              "meetings": "meeting", "agenda-items": "agenda_item", "actions": "action", "people": "person"}
FIELD_KINDS = {"owner": "person", "chair": "person", "note_taker": "person", "user": "person",
               "employer": "organisation", "local_authority": "organisation", "group": "partnership"}


def an_id(ids, kind):
    """Mostly a real row of this consortium (so the rules behind the serializer are reached), sometimes
    another consortium's, sometimes any number at all."""
    ours, theirs = ids.get(kind, {}).get("ours") or [0], ids.get(kind, {}).get("theirs") or [0]
    return st.integers(0, 19).flatmap(lambda n: st.sampled_from(ours) if n < 15 else st.sampled_from(theirs)
                                      if n < 18 else st.integers(min_value=-(2 ** 63), max_value=2 ** 63))


ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T")
TODAY = dt.date.today()
# The ends of the calendar (where the overflows were), the ends of the sensible ranges, and ordinary days.
EDGE_DATES = [dt.date.min, dt.date.min + dt.timedelta(days=1), dt.date.max, dt.date.max - dt.timedelta(days=1),
              dt.date(1999, 12, 31), dt.date(2000, 1, 1), TODAY, TODAY + dt.timedelta(days=5 * 365 + 2)]
DATES = st.one_of(st.sampled_from(EDGE_DATES), st.dates(TODAY - dt.timedelta(days=400), TODAY + dt.timedelta(days=400)),
                  st.dates())
ZONES = st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=-12)), dt.timezone(dt.timedelta(hours=14))])
MOMENTS = st.builds(lambda day, hour, zone: dt.datetime.combine(day, dt.time(hour), tzinfo=zone).isoformat(),
                    DATES, st.integers(0, 23), ZONES)


def steer(data, ids, body: dict) -> None:
    """Point the generated body at real rows, and its dates at the edges, most of the time."""
    for field in sorted(body):
        value = body[field]
        if field in ROW_FIELDS and data.draw(st.integers(0, 9), label=f"real {field}?"):
            body[field] = data.draw(an_id(ids, FIELD_KINDS.get(field, field)), label=field)
        elif isinstance(value, str) and ISO_DATE.match(value) and data.draw(st.integers(0, 4), label=f"{field}?"):
            body[field] = data.draw(DATES, label=field).isoformat()
        elif isinstance(value, str) and ISO_MOMENT.match(value) and data.draw(st.integers(0, 4), label=f"{field}?"):
            body[field] = data.draw(MOMENTS, label=field)


def send(client, case):
    body = case.body
    if isinstance(body, NotSet):
        data = b""
    elif isinstance(body, bytes):
        data = body
    else:
        data = json.dumps(body).encode()
    return client.generic(case.method, case.formatted_path, data, content_type="application/json",
                          QUERY_STRING=urlencode(case.query or {}, doseq=True))


@pytest.mark.parametrize("operation", OPERATIONS, ids=[f"{o.method.upper()} {o.path}" for o in OPERATIONS])
def test_no_write_is_a_server_error_and_a_refusal_saves_nothing(world, consortium, operation):
    kind = PATH_KINDS.get(operation.path.split("/")[4]) if len(operation.path.split("/")) > 4 else None

    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                     HealthCheck.filter_too_much, HealthCheck.data_too_large])
    @given(data=st.data())
    def check(data):
        path = {"consortium": consortium.slug}
        if "{id}" in operation.path:
            path["id"] = data.draw(an_id(world["ids"], kind), label="id")
        mode = data.draw(st.sampled_from([GenerationMode.POSITIVE] * 3 + [GenerationMode.NEGATIVE]), label="mode")
        case = data.draw(operation.as_strategy(mode, path_parameters=path), label="case")
        if isinstance(case.body, dict):
            steer(data, world["ids"], case.body)
        client = APIClient()
        client.force_authenticate(data.draw(st.sampled_from(world["users"]), label="user"))
        before = fingerprint()

        response = send(client, case)

        assert response.status_code < 500, response.content[:500]
        assert response["Content-Type"].startswith("application/json"), response.content[:200]
        if response.status_code >= 400:
            assert fingerprint() == before, f"{response.status_code} {response.content[:300]!r} saved something"

    check()

