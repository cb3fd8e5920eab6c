"""Builders for the ITE tests: a university's secondary partnership with schools that contrast or not."""

import datetime as dt

from partnerships.models import OrganisationYear
from programmes import services

from ..factories import LocalAuthorityFactory, OrganisationFactory, UserFactory

YEAR = 2026


def ite_programme(partnership, name="Secondary ITE partnership"):
    programme = services.programme_create(consortium=partnership.consortium, kind="ite", name=name,
                                          partnership=partnership)
    services.placement_rules_save(programme=programme, contrast_attributes=["size_band", "language_medium",
                                                                            "local_authority"])
    return programme


def school(consortium, name, *, pupils=900, medium="english", la=None, phase="secondary", context=""):
    organisation = OrganisationFactory(consortium=consortium, name=name, phase=phase, language_medium=medium,
                                       local_authority=la, context=context)
    OrganisationYear.objects.create(consortium=consortium, organisation=organisation, academic_year=YEAR,
                                    pupils=pupils)
    return organisation


def council(consortium, name):
    return LocalAuthorityFactory(consortium=consortium, name=name)


def trainee(programme, *, subject="mathematics", route="provider_led_postgrad", user=None):
    return services.trainee_create(programme=programme, user=user or UserFactory(), route=route, subject=subject,
                                   academic_year=YEAR, starts_on=dt.date(YEAR, 9, 1), ends_on=dt.date(YEAR + 1, 7, 1))


def place(trainee, school, sequence, **kwargs):
    term = "autumn" if sequence == 1 else "spring"
    start = dt.date(YEAR, 9, 8) if sequence == 1 else dt.date(YEAR + 1, 1, 12)
    return services.placement_create(trainee=trainee, school=school, sequence=sequence, term=term, starts_on=start,
                                     ends_on=start + dt.timedelta(days=60), **kwargs)
