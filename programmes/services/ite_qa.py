"""ITE quality assurance writes: visits to schools, their report and the governance that considered
it, and school-based assessment records (document metadata and outcome, never pupil data)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from consortia.scoping import require_same_consortium
from partnerships.models import Organisation

from ..models import Programme, QualityVisit, SchoolAssessmentRecord, Trainee


def _require_ite(programme: Programme) -> None:
    if programme.kind != Programme.Kind.ITE:
        raise ValidationError(_("This is not an initial teacher education programme."))


def _require_school(school: Organisation) -> None:
    if school.kind != "school":
        raise ValidationError({"school": _("Choose a school.")})


@transaction.atomic
def quality_visit_schedule(*, programme: Programme, kind: str, school: Organisation, scheduled_on: dt.date,
                           visitor=None, visitor_name: str = "", by=None) -> QualityVisit:
    _require_ite(programme)
    require_same_consortium(programme.consortium_id, school)
    _require_school(school)
    if kind not in QualityVisit.Kind.values:
        raise ValidationError({"kind": _("Choose the kind of visit.")})
    visitor_name = visitor_name.strip()
    if visitor is None and not visitor_name:
        raise ValidationError({"visitor_name": _("Say who is visiting: choose a person or give a name.")})
    return QualityVisit.objects.create(
        consortium_id=programme.consortium_id, programme=programme, kind=kind, school=school,
        scheduled_on=scheduled_on, visitor=visitor, visitor_name="" if visitor else visitor_name, created_by=by)


@transaction.atomic
def quality_visit_report(*, visit: QualityVisit, report=None, considered_at=None, actions=()) -> QualityVisit:
    """Link the visit's report (a paper), the meeting that considered it and the actions it agreed.

    The paper and the actions must come from that meeting, of the programme's own partnership.
    """
    visit = QualityVisit.objects.select_for_update().select_related("programme").get(pk=visit.pk)
    actions = list(actions)
    require_same_consortium(visit.consortium_id, report, considered_at, *actions)
    if visit.scheduled_on > timezone.localdate() and (report or actions):
        raise ValidationError(_("Record the report once the visit has taken place."))
    partnership_id = visit.programme.partnership_id
    if considered_at is not None and considered_at.partnership_id != partnership_id:
        raise ValidationError({"considered_at": _("Choose a meeting of the programme's partnership.")})
    if (report is not None or actions) and considered_at is None:
        raise ValidationError({"considered_at": _("Choose the meeting that considered the report.")})
    if report is not None and report.meeting_id != considered_at.pk:
        raise ValidationError({"report": _("Choose a paper of that meeting.")})
    if any(a.meeting_id != considered_at.pk for a in actions):
        raise ValidationError({"actions": _("Choose actions agreed at that meeting.")})
    visit.report, visit.considered_at = report, considered_at
    visit.save(update_fields=["report", "considered_at"])
    visit.actions.set(actions, through_defaults={"consortium_id": visit.consortium_id})
    return visit


@transaction.atomic
def school_assessment_record(*, trainee: Trainee, school: Organisation, title: str, document_reference: str,
                             assessed_on: dt.date, outcome: str, by=None) -> SchoolAssessmentRecord:
    """A school-based assessment: the document's title and where it is kept, and the outcome only."""
    require_same_consortium(trainee.consortium_id, school)
    _require_school(school)
    if not trainee.placements.filter(school=school).exists():
        raise ValidationError({"school": _("Choose a school where the trainee has a placement.")})
    if outcome not in SchoolAssessmentRecord.Outcome.values:
        raise ValidationError({"outcome": _("Choose the outcome.")})
    title, document_reference = title.strip(), document_reference.strip()
    if len(title) < 3:
        raise ValidationError({"title": _("Give the document's title.")})
    if not document_reference:
        raise ValidationError({"document_reference": _("Say where the document is kept.")})
    if assessed_on > timezone.localdate():
        raise ValidationError({"assessed_on": _("Record the assessment once it has taken place.")})
    return SchoolAssessmentRecord.objects.create(
        consortium_id=trainee.consortium_id, programme_id=trainee.programme_id, trainee=trainee, school=school,
        title=title, document_reference=document_reference, assessed_on=assessed_on, outcome=outcome,
        recorded_by=by)
