"""Every tenant-owned table carries consortium_id, and its indexes and unique constraints lead with it."""

import pytest
from django.apps import apps

from consortia.models import TenantModel

PROJECT_APPS = {
    "accounts", "consortia", "partnerships", "agreements", "governance", "programmes", "finance", "reporting",
}
# Models that are deliberately not owned by one consortium, and why.
GLOBAL_MODELS = {
    "accounts.User",  # one login across consortia
    "consortia.Consortium",  # the tenant itself
    "consortia.ConsortiumUserObjectPermission",  # its content_object is the consortium
}


def project_models():
    return [m for m in apps.get_models() if m._meta.app_label in PROJECT_APPS]


@pytest.mark.parametrize("model", project_models(), ids=lambda m: m._meta.label)
def test_every_model_is_tenant_owned_or_declared_global(model):
    has_consortium = any(f.name == "consortium" for f in model._meta.concrete_fields)

    assert issubclass(model, TenantModel) or model._meta.label in GLOBAL_MODELS or has_consortium


def tenant_models():
    return [m for m in project_models() if m._meta.label not in GLOBAL_MODELS]


@pytest.mark.parametrize("model", tenant_models(), ids=lambda m: m._meta.label)
def test_indexes_and_unique_constraints_lead_with_consortium(model):
    constraints = [c for c in model._meta.constraints if getattr(c, "fields", None)]
    leading = [list(c.fields)[0] for c in constraints] + [list(i.fields)[0] for i in model._meta.indexes]
    unique_together = [fields[0] for fields in model._meta.unique_together]
    inherited = [name for name in unique_together if name != "consortium"]

    assert all(field == "consortium" for field in leading), f"{model._meta.label}: {leading}"
    # guardian's own (user, permission, object) uniqueness is the one exception: it is a lookup key.
    assert all(model._meta.label.endswith("UserObjectPermission") for _ in inherited)


@pytest.mark.django_db
def test_a_child_row_pointing_at_another_consortium_is_refused(consortium, partnership, other_consortium):
    from partnerships.models import PartnershipRole

    from ..factories import UserFactory

    with pytest.raises(ValueError, match="another consortium"):
        PartnershipRole.objects.create(consortium=other_consortium, partnership=partnership, user=UserFactory(),
                                       role="chair")


@pytest.mark.django_db
def test_lookup_through_the_scoped_helper_is_404_for_another_consortium(consortium, other_partnership):
    from django.http import Http404

    from consortia.scoping import get_for_consortium
    from partnerships.models import Partnership

    with pytest.raises(Http404):
        get_for_consortium(Partnership, consortium, pk=other_partnership.pk)
    with pytest.raises(Http404):
        get_for_consortium(Partnership, consortium, pk="not-a-number")
