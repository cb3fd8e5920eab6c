"""Binding people and schools to the programme agreement, through the agreements app."""

from __future__ import annotations

from partnerships.models import Organisation

from ..models import Programme

# The programme agreement binds each person in the role whose commitments apply to them (seed 003).
BOUND_AS = {"ect": "participant", "mentor": "mentor", "npq_participant": "participant",
            "visiting_fellow": "visiting_fellow", "induction_tutor": "induction_tutor"}


def agreement_bind(*, programme: Programme, role: str, user=None, organisation: Organisation | None = None):
    """Ask the person (in their programme role) or the school to accept the agreement's current
    version, once; nothing when the programme has no published agreement."""
    if programme.agreement_id is None:
        return None
    from agreements.models import AgreementVersion
    from agreements.services import party_bind

    version = AgreementVersion.objects.filter(consortium_id=programme.consortium_id,
                                              template_id=programme.agreement_id,
                                              status=AgreementVersion.Status.PUBLISHED).first()
    if version is None:
        return None
    party, _created = party_bind(version=version, role=BOUND_AS.get(role, role), user=user,
                                 organisation=organisation)
    return party
