"""Each person's own programme page, and a school's view of its people on programmes."""

from __future__ import annotations

from django.shortcuts import render

from consortia.permissions import requires

from ..selectors import access as access_selectors
from ..selectors import me as selectors
from ..selectors.events import upcoming_for
from ..selectors.participants import school_participants
from . import common
from .common import VIEW


@requires(VIEW)
def my_programmes(request, consortium_slug):
    allowed = common.access(request)
    user, consortium = request.user, request.consortium
    reports = sorted(allowed.programme_ids(access_selectors.REPORT_STAFFING))
    return render(request, "programmes/me.html", {
        "enrolments": selectors.my_participation(user, consortium),
        "events": upcoming_for(user, consortium, limit=8),
        "mentees": selectors.my_mentees(user, consortium),
        "at_risk": selectors.at_risk_for(user, consortium, limit=50)
        if allowed.programme_ids(access_selectors.SEE_PARTICIPANTS) and not allowed.is_admin else [],
        "sessions": list(selectors.my_assignments(user, consortium)),
        "training": selectors.my_training(user, consortium),
        "records": list(selectors.my_records(user, consortium)),
        "commitments": selectors.commitments_waiting(user, consortium),
        "report_programmes": reports,
    })


@requires(VIEW)
def school_view(request, consortium_slug):
    """Who from the schools the person represents is on which programme, and where they stand."""
    rows = list(school_participants(request.user, request.consortium))
    from ..selectors.enrolments import STATUS_TONE, status_label

    for row in rows:
        row.status_text, row.status_tone = status_label(row.status), STATUS_TONE.get(row.status, "info")
    return render(request, "programmes/school.html", {"rows": rows,
                                                      "commitments": selectors.commitments_waiting(
                                                          request.user, request.consortium)})
