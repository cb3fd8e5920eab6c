import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from consortia.models import Consortium
from partnerships.models import Partnership

PASSWORD = "a-long-test-password"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@school{n}.cymru")
    full_name = factory.Faker("name", locale="en_GB")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class ConsortiumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consortium
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Consortium {n}")
    slug = factory.Sequence(lambda n: f"consortium-{n}")
    kind = Consortium.Kind.REGIONAL_CONSORTIUM


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    consortium = factory.SubFactory(ConsortiumFactory)
    name = factory.Sequence(lambda n: f"Partnership {n}")
    kind = Partnership.Kind.SCHOOL_IMPROVEMENT


# --- Organisations and employment (appended for the import/export tests) ------------------------

class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "partnerships.Organisation"

    consortium = factory.SubFactory(ConsortiumFactory)
    kind = "school"
    name = factory.Sequence(lambda n: f"Ysgol {n}")
    phase = "primary"
    school_code = factory.Sequence(lambda n: f"66{n:05d}")


class LocalAuthorityFactory(OrganisationFactory):
    kind = "local_authority"
    name = factory.Sequence(lambda n: f"Council {n}")
    phase = ""
    school_code = ""


class OrganisationYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "partnerships.OrganisationYear"

    organisation = factory.SubFactory(OrganisationFactory)
    consortium = factory.SelfAttribute("organisation.consortium")
    academic_year = 2024
    pupils = 200
    budget = "1000000.00"


class EmploymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "partnerships.Employment"

    organisation = factory.SubFactory(OrganisationFactory)
    consortium = factory.SelfAttribute("organisation.consortium")
    user = factory.SubFactory(UserFactory)
    job_title = "Teacher"
