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


def bulk_trainees(programme, schools, count, *, start=0):
    """Many trainees, each with a first and second placement, bulk-created for query counts."""
    from django.contrib.auth import get_user_model

    from consortia.models import Membership
    from programmes.models import Placement, Trainee, TraineeStatusChange

    User = get_user_model()
    consortium_id = programme.consortium_id
    users = User.objects.bulk_create([User(email=f"t{start + i}.p{programme.pk}@bulk.example",
                                           full_name=f"Trainee {start + i:05d}") for i in range(count)])
    Membership.objects.bulk_create([Membership(consortium_id=consortium_id, user=u) for u in users])
    trainees = Trainee.objects.bulk_create([
        Trainee(consortium_id=consortium_id, programme=programme, user=u, route="provider_led_postgrad",
                subject="mathematics", academic_year=YEAR, starts_on=dt.date(YEAR, 9, 1),
                ends_on=dt.date(YEAR + 1, 7, 1)) for u in users])
    TraineeStatusChange.objects.bulk_create([
        TraineeStatusChange(consortium_id=consortium_id, trainee=t, state="trn_received",
                            effective_on=dt.date(YEAR, 9, 1)) for t in trainees])
    Placement.objects.bulk_create([
        Placement(consortium_id=consortium_id, trainee=t, school=schools[(n + seq) % len(schools)], sequence=seq,
                  term="autumn" if seq == 1 else "spring", starts_on=dt.date(YEAR, 9, 8),
                  ends_on=dt.date(YEAR, 12, 1)) for n, t in enumerate(trainees) for seq in (1, 2)])
    return trainees
