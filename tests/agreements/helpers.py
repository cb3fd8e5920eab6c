"""Builders for agreement tests, importable by other test packages (see `one_of_each_row`)."""

from agreements import services
from agreements.models import BoundRole
from partnerships.models import Organisation
from partnerships.services import membership_add, partnership_role_grant

from ..factories import UserFactory

SCHOOL_HEADING = "Schools commit to"
SCHOOL_HEADING_CY = "Mae ysgolion yn ymrwymo i"
SCHOOL_COMMITMENTS = "Register the ECT on the DfE portal\nEnsure the ECT is eligible for statutory induction"
FELLOW_HEADING = "Visiting Fellows commit to"


def add_school(partnership, name):
    school = Organisation.objects.create(consortium_id=partnership.consortium_id, kind="school", name=name)
    membership_add(partnership=partnership, organisation=school)
    return school


def add_head(partnership, school, email, full_name, language="en"):
    head = UserFactory(email=email, full_name=full_name, preferred_language=language)
    partnership_role_grant(partnership=partnership, user=head, role="representative", organisation=school)
    return head


def draft_agreement(partnership, title="Partnership agreement"):
    template = services.template_create(partnership=partnership, title=title, title_cy="Cytundeb partneriaeth",
                                        intro="Between the hub, schools and fellows.")
    version = template.versions.get()
    services.section_save(version=version, role=BoundRole.SCHOOL, heading=SCHOOL_HEADING,
                          heading_cy=SCHOOL_HEADING_CY, body=SCHOOL_COMMITMENTS,
                          body_cy="Cofrestru'r ECT\nSicrhau bod yr ECT yn gymwys")
    services.section_save(version=version, role=BoundRole.VISITING_FELLOW, heading=FELLOW_HEADING,
                          body="Attend the facilitator briefing")
    return version


def publish(version, by, callbacks):
    with callbacks(execute=True):
        return services.version_publish(version=version, by=by)


def one_of_each_row(partnership, by):
    """A published agreement with a school party that has challenged it: a row of every agreements admin model."""
    school = add_school(partnership, f"Ysgol {partnership.consortium.slug}")
    head = add_head(partnership, school, f"head@{partnership.consortium.slug}.ysgol.cymru", "Pennaeth")
    version = services.version_publish(version=draft_agreement(partnership), by=by)
    services.agreement_challenge(party=version.parties.get(organisation=school), user=head, reason="A question")
    return version
