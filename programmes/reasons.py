"""Reason lists for changes of a participant's status.

NOTE: the codes are DfE's, verbatim, because the hub re-keys them into the DfE services: the
ECT programme uses Register early career teachers' (underscores), the NPQs use NPQ
registration's (hyphens, and one code with its trailing full stop, as the source has it). Only
the labels are translated. See shared/PROGRAMMES.md §1.2 and §1.3.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ECT_DEFERRAL = [
    ("bereavement", _("Bereavement")),
    ("long_term_sickness", _("Long-term sickness")),
    ("parental_leave", _("Parental leave")),
    ("career_break", _("Career break")),
    ("other", _("Other")),
]
NPQ_DEFERRAL = [
    ("bereavement", _("Bereavement")),
    ("long-term-sickness", _("Long-term sickness")),
    ("parental-leave", _("Parental leave")),
    ("career-break", _("Career break")),
    ("other", _("Other")),
]
ECT_WITHDRAWAL = [
    ("left_teaching_profession", _("Left the teaching profession")),
    ("moved_school", _("Moved school")),
    ("mentor_no_longer_being_mentor", _("No longer a mentor")),
    ("switched_to_school_led", _("Switched to school-led training")),
    ("changed_lead_provider", _("Changed lead provider")),
    ("other", _("Other")),
]
NPQ_WITHDRAWAL = [
    ("insufficient-capacity-to-undertake-programme", _("Insufficient capacity to undertake the programme")),
    ("personal-reason-health-or-pregnancy-related", _("Personal reason: health or pregnancy related")),
    ("personal-reason-moving-school", _("Personal reason: moving school")),
    ("personal-reason-other", _("Personal reason: other")),
    ("insufficient-capacity", _("Insufficient capacity")),
    ("change-in-developmental-or-personal-priorities", _("Change in developmental or personal priorities")),
    ("change-in-school-circumstances", _("Change in school circumstances")),
    ("change-in-school-leadership", _("Change in school leadership")),
    ("quality-of-programme-structure-not-suitable.", _("Quality of programme: structure not suitable")),
    ("quality-of-programme-content-not-suitable", _("Quality of programme: content not suitable")),
    ("quality-of-programme-facilitation-not-effective", _("Quality of programme: facilitation not effective")),
    ("quality-of-programme-accessibility", _("Quality of programme: accessibility")),
    ("quality-of-programme-other", _("Quality of programme: other")),
    ("programme-not-appropriate-for-role-and-cpd-needs", _("Programme not appropriate for role and CPD needs")),
    ("started-in-error", _("Started in error")),
    ("expected-commitment-unclear", _("Expected commitment unclear")),
    ("assessment-requirements-not-met", _("Assessment requirements not met")),
    ("change-in-career", _("Change in career")),
    ("disengaged-and-unresponsive", _("Disengaged and unresponsive")),
    ("non-payment-of-invoice", _("Non-payment of invoice")),
    ("other", _("Other")),
]
# Moves between schools or employers have no DfE list; these say why, for the hub's own record.
MOVE = [
    ("moved_school", _("Moved school")),
    ("within_trust", _("Moved within the trust")),
    ("new_employer", _("New employer")),
    ("other", _("Other")),
]

MENTOR_ONLY = {"mentor_no_longer_being_mentor"}


def for_change(*, kind: str, programme_kind: str, role: str) -> list[tuple[str, str]]:
    """The reasons a change of this kind may give, for this programme and role; empty: none needed."""
    npq = programme_kind == "npq"
    if kind == "deferred":
        return NPQ_DEFERRAL if npq else ECT_DEFERRAL
    if kind == "withdrawn":
        if npq:
            return NPQ_WITHDRAWAL
        return [r for r in ECT_WITHDRAWAL if role == "mentor" or r[0] not in MENTOR_ONLY]
    if kind in ("transferred", "changed_employer"):
        return MOVE
    return []


def label(code: str) -> str:
    for choices in (ECT_DEFERRAL, NPQ_DEFERRAL, ECT_WITHDRAWAL, NPQ_WITHDRAWAL, MOVE):
        for value, text in choices:
            if value == code:
                return str(text)
    return code
