"""Another consortium's meetings, papers, actions and elections are 404 in pages and absent from the admin."""

import datetime as dt

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from governance import services
from partnerships.services import partnership_role_grant

from ..factories import UserFactory
from .conftest import plan, planned_earlier

pytestmark = pytest.mark.django_db


@pytest.fixture
def theirs(other_partnership, other_admin):
    meeting = plan(other_partnership, other_admin, title="Their meeting")
    paper = services.paper_upload(meeting=meeting, uploaded_by=other_admin, title="Their paper",
                                  file=SimpleUploadedFile("p.pdf", b"%PDF-1.4\n"), no_pupil_data_confirmed=True,
                                  confidentiality="members")
    election = services.election_open(partnership=other_partnership, by=other_admin)
    owner = UserFactory()
    partnership_role_grant(partnership=other_partnership, user=owner, role="clerk")
    action = services.action_create(partnership=other_partnership, title="Theirs", owner=owner,
                                    due_on=dt.date(2030, 1, 1))
    return {"meeting": meeting, "paper": paper, "election": election, "action": action}


@pytest.mark.parametrize("path", [
    "meetings/{meeting}/", "meetings/{meeting}/invite.ics", "meetings/{meeting}/edit/", "meetings/{meeting}/notice/",
    "meetings/{meeting}/reply/", "meetings/{meeting}/attendance/", "meetings/{meeting}/minutes/",
    "meetings/{meeting}/agenda/add/", "meetings/papers/{paper}/", "meetings/elections/{election}/",
    "meetings/partnership/{partnership}/new/", "meetings/partnership/{partnership}/actions/",
    "meetings/actions/{action}/",
])
def test_another_consortiums_rows_are_404(client, consortium_admin, consortium, theirs, path):
    client.force_login(consortium_admin)
    url = "/" + consortium.slug + "/" + path.format(meeting=theirs["meeting"].pk, paper=theirs["paper"].pk,
                                                    election=theirs["election"].pk,
                                                    partnership=theirs["meeting"].partnership_id,
                                                    action=theirs["action"].pk)

    assert client.get(url).status_code == 404


def test_their_meetings_are_not_listed(client, consortium_admin, consortium, theirs, meeting):
    client.force_login(consortium_admin)

    page = client.get(f"/{consortium.slug}/meetings/").content.decode()

    assert meeting.title in page and "Their meeting" not in page


def test_a_person_without_a_role_in_the_partnership_is_refused(client, member, meeting):
    client.force_login(member)

    assert client.get(f"/{meeting.partnership.consortium.slug}/meetings/{meeting.pk}/").status_code == 403


def governance_rows(partnership, chair, representative):
    """At least one row of every governance model in the admin, in the partnership's consortium."""
    consortium = partnership.consortium
    held = planned_earlier(partnership, chair, days=-1, title=f"Held at {consortium.slug}")
    services.paper_upload(meeting=held, uploaded_by=chair, title="Paper", no_pupil_data_confirmed=True,
                          file=SimpleUploadedFile("p.pdf", b"%PDF-1.4\n"), confidentiality="members")
    services.attendance_record(meeting=held, by=chair, people={chair.pk: "present"})
    services.declaration_record(meeting=held, user=chair, interest="Governor")
    services.decision_record(meeting=held, by=chair, text="Agreed")
    services.minutes_save(meeting=held, by=chair, body="Notes")
    services.action_create(partnership=partnership, meeting=held, title="Do it", owner=chair,
                           due_on=dt.date(2030, 1, 1))
    services.standing_interest_add(consortium=consortium, user=chair, interest="Director of a supplier")
    services.interests_confirm(consortium=consortium, user=chair)
    services.subscription_set(partnership=partnership, user=chair, subscribed=True)
    election = services.election_open(partnership=partnership, by=chair)
    services.nomination_add(election=election, nominee=representative, by=chair)
    services.election_start_voting(election=election, by=chair)
    services.vote_cast(election=election, voter=representative, nomination=election.nominations.get())
    services.election_close(election=election, by=chair)


@pytest.fixture
def rows_in_both(partnership, other_partnership, chair, reps):
    other_chair, other_rep = UserFactory(), UserFactory()
    partnership_role_grant(partnership=other_partnership, user=other_chair, role="chair")
    partnership_role_grant(partnership=other_partnership, user=other_rep, role="representative")
    governance_rows(partnership, chair, reps[0])
    governance_rows(other_partnership, other_chair, other_rep)


def governance_admins():
    return [model for model in admin.site._registry if model._meta.app_label == "governance"]


@pytest.mark.parametrize("model", governance_admins(), ids=lambda m: m._meta.label)
def test_admin_changelists_show_only_my_consortium(client, consortium_admin, consortium, rows_in_both, model):
    client.force_login(consortium_admin)

    response = client.get(reverse(f"admin:governance_{model._meta.model_name}_changelist"))

    shown = list(response.context["cl"].queryset)
    assert shown and {row.consortium_id for row in shown} == {consortium.pk}


@pytest.mark.parametrize("model", governance_admins(), ids=lambda m: m._meta.label)
def test_admin_cannot_open_another_consortiums_row(client, consortium_admin, other_consortium, rows_in_both, model):
    theirs = model._default_manager.filter(consortium=other_consortium).first()
    client.force_login(consortium_admin)

    response = client.get(reverse(f"admin:governance_{model._meta.model_name}_change", args=[theirs.pk]))

    assert response.status_code == 302
    assert response.url == reverse("admin:index")


def test_ballots_are_not_in_the_admin():
    from governance.models import BallotReceipt, Vote

    assert Vote not in admin.site._registry and BallotReceipt not in admin.site._registry
