"""The meeting list and the meeting page cost a fixed number of queries, however many rows they show."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from governance import selectors, services
from governance.models import Reply
from partnerships.models import Organisation
from partnerships.services import membership_add, partnership_role_grant

from ..factories import UserFactory
from .conftest import plan, planned_earlier

pytestmark = pytest.mark.django_db


def queries_for(client, url):
    client.get(url)  # warm-up: the first request of a session does one-off work
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def add_meetings(partnership, by, count):
    for n in range(count):
        plan(partnership, by, days=3 + n, title=f"Meeting {n}", agenda=("Item A", "Item B"))


def test_meeting_list_is_flat(client, partnership, chair, reps):
    client.force_login(reps[0])
    url = f"/{partnership.consortium.slug}/meetings/"
    add_meetings(partnership, chair, 2)
    small = queries_for(client, url)

    add_meetings(partnership, chair, 20)
    large = queries_for(client, url)

    assert large == small
    assert small <= 12


def grow(meeting, chair, count):
    partnership = meeting.partnership
    for n in range(count):
        school = Organisation.objects.create(consortium=partnership.consortium, kind="school",
                                             name=f"School {Organisation.objects.count()}")
        membership_add(partnership=partnership, organisation=school)
        person = UserFactory()
        partnership_role_grant(partnership=partnership, user=person, role="representative", organisation=school)
        item = meeting.agenda_items.first()
        # Rows as they would be had they replied before the meeting (replies close once it is held).
        Reply.objects.create(consortium=partnership.consortium, meeting=meeting, user=person, response="attending")
        services.paper_upload(meeting=meeting, uploaded_by=chair, title=f"Paper {n}", no_pupil_data_confirmed=True,
                              file=SimpleUploadedFile(f"p{n}.pdf", b"%PDF-1.4\n"), agenda_item=item,
                              confidentiality="organisations" if n % 2 else "members",
                              organisations=[school] if n % 2 else None)
        services.declaration_record(meeting=meeting, user=person, interest=f"Governor at school {n}")
        services.action_create(partnership=partnership, meeting=meeting, title=f"Action {n}", owner=person,
                               due_on=meeting.starts_at.date())
    services.attendance_record(meeting=meeting, by=chair, people={
        user.pk: "present" for user, _v in selectors.invitees(meeting)})
    for n in range(count):
        services.decision_record(meeting=meeting, by=chair, text=f"Decision {n}")
    services.minutes_save(meeting=meeting, by=chair, body="Notes " * count)


@pytest.mark.parametrize("viewer", ["representative_user", "chair"])
def test_meeting_page_is_flat(client, request, partnership, chair, reps, viewer):
    meeting = planned_earlier(partnership, chair, days=-1, agenda=("Welcome", "Moderation", "Budget"))
    user = reps[0] if viewer == "representative_user" else chair
    client.force_login(user)
    url = f"/{partnership.consortium.slug}/meetings/{meeting.pk}/"
    grow(meeting, chair, 2)
    small = queries_for(client, url)

    grow(meeting, chair, 15)
    large = queries_for(client, url)

    assert large == small
    assert small <= 28
