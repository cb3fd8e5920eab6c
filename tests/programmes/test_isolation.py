"""Another consortium's programme rows are a 404 everywhere, and each role sees only its share."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from programmes import services

from ..factories import OrganisationFactory, UserFactory
from .conftest import enrol, event_on, past

pytestmark = pytest.mark.django_db


# Which of the other consortium's rows each route's first path segment names.
SEGMENT_OBJECT = {
    "staffing": "staffing", "training": "training", "records": "record", "cohorts": "cohort", "events": "event",
    "imports": "report", "attendance": "attendance", "briefings": "briefing", "assignments": "assignment",
    "enrolments": "enrolment", "attempts": "attempt", "commitments": "commitment",
}


def programme_routes():
    """Every programmes route that takes an object id, with the kind of object it names."""
    from programmes import urls

    routes = []
    for pattern in urls.urlpatterns:
        route = str(pattern.pattern)
        if "<int:pk>" in route:
            first = route.split("/")[0]
            routes.append((pattern.name, SEGMENT_OBJECT.get(first, "programme")))
    return routes


@pytest.fixture
def elsewhere(other_consortium, other_partnership):
    """A whole programme in another consortium: one row of every kind a programmes URL names."""
    import datetime as dt

    from django.core.files.uploadedfile import SimpleUploadedFile

    from partnerships.services import employment_change, membership_add, partnership_role_grant

    from .conftest import npq_cohort_for

    school, new_school = OrganisationFactory(consortium=other_consortium), OrganisationFactory(
        consortium=other_consortium)
    programme = services.programme_create(consortium=other_consortium, kind="npq", name="Theirs",
                                          partnership=other_partnership)
    services.npq_courses_ensure(consortium=other_consortium)
    cohort = npq_cohort_for(programme, "npq-headship")
    enrolment = enrol(cohort, school, email="theirs@other.example", started_on=past(20).date())
    event = event_on(cohort, past(2), recording_url="https://rec.example/x")
    fellow = UserFactory()
    services.programme_role_grant(programme=programme, user=fellow, role="visiting_fellow")
    employment_change(consortium=other_consortium, user=fellow, organisation=school)
    assignment = services.fellow_assign(event=event, fellow=fellow)
    record = services.delivery_record(assignment=assignment, by=None)
    briefing = services.briefing_schedule(event=event, starts_at=event.starts_at - dt.timedelta(days=10),
                                          duration_minutes=60, online_link="https://t.example/b", by=None)
    training = services.training_day_save(programme=programme, title="Training", on=past(5).date())
    services.attendance_mark(event=event, enrolment=enrolment, state="absent", by=None)
    attendance = services.catch_up_claim(event=event, user=enrolment.user, note="Watched it")
    report = services.attendance_report_check(event=event, by=None, file=SimpleUploadedFile(
        "r.csv", b"Name,Email\nT,theirs@other.example\n"))
    window = services.assessment_window_save(cohort=cohort, title="W", opens_on=past(1).date(),
                                             closes_on=past(0).date())
    attempt = services.assessment_register(enrolment=enrolment, window=window, by=None)
    membership_add(partnership=other_partnership, organisation=new_school)
    partnership_role_grant(partnership=other_partnership, user=UserFactory(), role="representative",
                           organisation=new_school)
    services.status_change_record(enrolment=enrolment, kind="changed_employer", effective_on=past(0).date(),
                                  school=new_school, by=None)
    lead = UserFactory()
    services.programme_role_grant(programme=programme, user=lead, role="programme_lead")
    from programmes.models import EmployerCommitment, StaffingChange

    staffing = StaffingChange.objects.create(consortium=other_consortium, programme=programme, kind="leaving",
                                             enrolment=enrolment, effective_on=past(0).date(), reported_by=lead)
    return {"programme": programme, "cohort": cohort, "enrolment": enrolment, "event": event, "record": record,
            "assignment": assignment, "briefing": briefing, "training": training, "attendance": attendance,
            "report": report, "attempt": attempt, "staffing": staffing,
            "commitment": EmployerCommitment.objects.get(enrolment=enrolment)}


def test_every_programmes_route_with_an_id_is_covered():
    assert len(programme_routes()) >= 40


@pytest.mark.parametrize("name,kind", programme_routes())
def test_another_consortiums_row_under_my_address_is_404(client, consortium_admin, consortium, elsewhere, name,
                                                         kind):
    """A consortium admin here, who may do anything with this consortium's rows, gets 404 for theirs."""
    client.force_login(consortium_admin)
    kwargs = {"consortium_slug": consortium.slug, "pk": elsewhere[kind].pk}
    if name == "programme_role_end":
        kwargs["role_pk"] = elsewhere["programme"].roles.first().pk
    if name == "programme_assignment_action":
        kwargs["action"] = "release"

    got, posted = client.get(reverse(name, kwargs=kwargs)), client.post(reverse(name, kwargs=kwargs))

    assert got.status_code in (404, 405), f"GET {name} answered {got.status_code}"
    assert posted.status_code == 404, f"POST {name} answered {posted.status_code}"


def test_another_consortiums_programme_pages_are_404_for_its_non_members(client, consortium_admin, elsewhere,
                                                                         other_consortium):
    client.force_login(consortium_admin)

    response = client.get(reverse("programme_detail", args=[other_consortium.slug, elsewhere["programme"].pk]))

    assert response.status_code == 404


def test_a_participant_cannot_open_the_cohorts_register_or_list(client, npq_cohort, schools):
    participant = enrol(npq_cohort, schools[0], started_on=past(20).date())
    event = event_on(npq_cohort, past(2))
    client.force_login(participant.user)
    slug = npq_cohort.consortium.slug

    assert client.get(reverse("programme_cohort", args=[slug, npq_cohort.pk])).status_code == 403
    assert client.get(reverse("programme_register", args=[slug, event.pk])).status_code == 403
    assert client.get(reverse("programme_event", args=[slug, event.pk])).status_code == 200


def test_a_participant_cannot_see_another_participants_record(client, npq_cohort, schools):
    mine = enrol(npq_cohort, schools[0])
    theirs = enrol(npq_cohort, schools[0])
    client.force_login(mine.user)

    assert client.get(reverse("programme_enrolment", args=[npq_cohort.consortium.slug, theirs.pk])).status_code == 403
    assert client.get(reverse("programme_enrolment", args=[npq_cohort.consortium.slug, mine.pk])).status_code == 200


def test_an_induction_tutor_sees_only_their_schools_participants(client, ect_programme, ect_cohort, schools):
    tutor = UserFactory()
    services.programme_role_grant(programme=ect_programme, user=tutor, role="induction_tutor",
                                  organisation=schools[0])
    ours = enrol(ect_cohort, schools[0], role="ect")
    theirs = enrol(ect_cohort, schools[1], role="ect")
    client.force_login(tutor)
    slug = ect_cohort.consortium.slug

    cohort_page = client.get(reverse("programme_cohort", args=[slug, ect_cohort.pk])).content.decode()

    assert escape(ours.user.get_full_name()) in cohort_page and escape(theirs.user.get_full_name()) not in cohort_page
    assert client.get(reverse("programme_enrolment", args=[slug, theirs.pk])).status_code == 403
    assert client.get(reverse("programme_register", args=[slug, event_on(ect_cohort, past(1)).pk])).status_code == 403


def test_a_fellow_not_assigned_cannot_take_a_register(client, ect_programme, ect_cohort):
    fellow = UserFactory()
    services.programme_role_grant(programme=ect_programme, user=fellow, role="visiting_fellow")
    client.force_login(fellow)

    response = client.get(reverse("programme_register", args=[ect_cohort.consortium.slug,
                                                              event_on(ect_cohort, past(1)).pk]))

    assert response.status_code == 403


def test_a_schools_representative_sees_who_from_their_school_is_on_which_programme(client, partnership, npq_cohort,
                                                                                  schools, representative):
    from partnerships.services import membership_add, partnership_role_end, partnership_role_grant

    partnership_role_end(partnership=partnership, user=representative, role="representative")
    membership_add(partnership=partnership, organisation=schools[0])
    partnership_role_grant(partnership=partnership, user=representative, role="representative",
                           organisation=schools[0])
    ours, theirs = enrol(npq_cohort, schools[0]), enrol(npq_cohort, schools[1])
    client.force_login(representative)

    page = client.get(reverse("programme_school", args=[npq_cohort.consortium.slug])).content.decode()

    assert escape(ours.user.get_full_name()) in page and escape(theirs.user.get_full_name()) not in page


def test_a_member_without_a_programme_role_sees_no_programme(client, member, ect_programme):
    client.force_login(member)

    assert client.get(reverse("programme_detail", args=[ect_programme.consortium.slug, ect_programme.pk])
                      ).status_code == 403
    assert "ECT programme" not in client.get(reverse("programme_list", args=[ect_programme.consortium.slug])
                                             ).content.decode()
