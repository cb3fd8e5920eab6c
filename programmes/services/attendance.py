"""Writes to attendance: the register, online attendance reports, and catching up by recording."""

from __future__ import annotations

import csv
import io
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Attendance, AttendanceImport, Enrolment, Event
from ..selectors import events as event_selectors

MARKABLE = {Attendance.State.ATTENDED, Attendance.State.APOLOGISED, Attendance.State.ABSENT}
# A catch-up in progress or decided is not overwritten by a register; it is decided instead.
CATCH_UP_STATES = {Attendance.State.CATCH_UP_CLAIMED, Attendance.State.CAUGHT_UP, Attendance.State.CATCH_UP_REJECTED}
MAX_REPORT_BYTES = 2 * 1024 * 1024
MAX_REPORT_ROWS = 10_000


def _register_open(event: Event) -> None:
    if event.is_cancelled:
        raise ValidationError(_("This event was cancelled."))
    if event.starts_at > timezone.now():
        raise ValidationError(_("The register opens when the event starts."))


def _expected(event: Event, enrolment: Enrolment) -> None:
    if enrolment.cohort_id != event.cohort_id or not event_selectors.expected(event).filter(
            pk=enrolment.pk).exists():
        raise ValidationError(_("%(name)s is not expected at this event.") % {"name": enrolment.user})


@transaction.atomic
def attendance_mark(*, event: Event, enrolment: Enrolment, state: str, by, mode: str = "") -> Attendance:
    """One tap on the register: attended, apologised or absent."""
    if state not in MARKABLE:
        raise ValidationError({"state": _("Choose attended, apologised or absent.")})
    _register_open(event)
    attendance = Attendance.objects.select_for_update().filter(consortium_id=event.consortium_id, event=event,
                                                                enrolment=enrolment).first()
    if attendance is None:
        _expected(event, enrolment)
        attendance = Attendance(consortium_id=event.consortium_id, event=event, enrolment=enrolment)
    elif attendance.state in CATCH_UP_STATES:
        raise ValidationError(_("%(name)s has a catch-up recorded for this event: decide that instead.") % {
            "name": enrolment.user})
    attendance.state = state
    attendance.mode = mode or (Attendance.Mode.IN_PERSON if state == Attendance.State.ATTENDED else "")
    attendance.recorded_by, attendance.recorded_at = by, timezone.now()
    attendance.save()
    return attendance


@transaction.atomic
def attendance_all_present(*, event: Event, by) -> int:
    """Mark everyone expected and not yet marked as attended; those already marked keep their mark."""
    _register_open(event)
    Event.objects.select_for_update().filter(consortium_id=event.consortium_id, pk=event.pk).first()
    marked = set(Attendance.objects.filter(consortium_id=event.consortium_id, event=event).values_list(
        "enrolment_id", flat=True))
    now = timezone.now()
    mode = Attendance.Mode.ONLINE if event.online_link and not event.venue else Attendance.Mode.IN_PERSON
    rows = [Attendance(consortium_id=event.consortium_id, event=event, enrolment_id=enrolment.pk,
                       state=Attendance.State.ATTENDED, mode=mode, recorded_by=by, recorded_at=now)
            for enrolment in event_selectors.expected(event) if enrolment.pk not in marked]
    Attendance.objects.bulk_create(rows)
    return len(rows)


# --- Online attendance reports (Microsoft Teams, Zoom) ------------------------------------------------

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
EMAIL_HEADINGS = ("email", "user email", "e-mail", "participant id (upn)", "upn")
NAME_HEADINGS = ("name", "full name", "name (original name)", "participant", "display name")
MINUTES_HEADINGS = ("in-meeting duration", "duration (minutes)", "total duration (minutes)", "duration",
                    "attendance duration")


def _decode(raw: bytes) -> str:
    # Teams writes UTF-16 with a byte order mark; Zoom and most spreadsheets UTF-8, some with one.
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _minutes(text: str) -> int | None:
    """"1h 2m 3s", "62", "62.5" or "1:02:03" as whole minutes."""
    text = (text or "").strip()
    if not text:
        return None
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return int(float(text))
    parts = {unit: number for number, unit in re.findall(r"(\d+)\s*([hms])", text)}
    if parts:
        return int(parts.get("h", 0)) * 60 + int(parts.get("m", 0))
    if re.fullmatch(r"\d+:\d{2}(:\d{2})?", text):
        numbers = [int(n) for n in text.split(":")]
        return numbers[0] * 60 + numbers[1] if len(numbers) == 3 else numbers[0]
    return None


def parse_attendance_report(raw: bytes) -> tuple[str, list[dict]]:
    """The source ("teams", "zoom" or "csv") and one row per person in an attendance report.

    Teams reports have sections ("1. Summary", "2. Participants", ...); the participants table
    is the first whose headings include an email column. A person who joined several times is
    one row, with their minutes added up.
    """
    if len(raw) > MAX_REPORT_BYTES:
        raise ValidationError({"file": _("The file is larger than 2 MB: is it an attendance report?")})
    text = _decode(raw)
    if not text.strip():
        raise ValidationError({"file": _("The file is empty.")})
    delimiter = "\t" if text.count("\t") > text.count(",") else ","
    lines = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    header_at = None
    for index, line in enumerate(lines):
        headings = [cell.strip().casefold() for cell in line]
        if any(h in EMAIL_HEADINGS for h in headings):
            header_at = index
            break
    if header_at is None:
        raise ValidationError({"file": _("No email column was found. Download the attendance report from Teams "
                                         "or Zoom as a CSV file and upload it as it is.")})
    headings = [cell.strip().casefold() for cell in lines[header_at]]
    first_line = " ".join(lines[0]).casefold() if lines else ""
    source = "teams" if ("participant id (upn)" in headings or "in-meeting duration" in headings
                         or "summary" in first_line) else (
        "zoom" if any("(minutes)" in h for h in headings) or "user email" in headings else "csv")

    def column(options):
        return next((headings.index(h) for h in options if h in headings), None)

    email_columns = [headings.index(h) for h in EMAIL_HEADINGS if h in headings]
    name_column, minutes_column = column(NAME_HEADINGS), column(MINUTES_HEADINGS)
    people: dict[str, dict] = {}
    rows = []
    for number, line in enumerate(lines[header_at + 1:], start=header_at + 2):
        if not any(cell.strip() for cell in line):
            if source == "teams":
                break  # the end of the participants section
            continue
        if len(rows) >= MAX_REPORT_ROWS:
            raise ValidationError({"file": _("The report has more than %(count)s rows.") % {"count": MAX_REPORT_ROWS}})
        if source == "teams" and re.match(r"^\d+\.\s", line[0].strip()):
            break  # the next section
        def cell(i, line=line):
            return line[i].strip() if i is not None and i < len(line) else ""

        email = next((cell(i) for i in email_columns if _EMAIL.fullmatch(cell(i))), "").lower()
        name = cell(name_column)
        minutes = _minutes(cell(minutes_column))
        if not email:
            rows.append({"row": number, "name": name, "email": "", "minutes": minutes})
            continue
        if email in people:
            if minutes is not None:
                people[email]["minutes"] = (people[email]["minutes"] or 0) + minutes
            continue
        people[email] = {"row": number, "name": name, "email": email, "minutes": minutes}
        rows.append(people[email])
    return source, rows


@transaction.atomic
def attendance_report_check(*, event: Event, file, by) -> AttendanceImport:
    """The dry run: match the report's people to those expected, by email, and keep the result."""
    _register_open(event)
    name = getattr(file, "name", "") or "attendance.csv"
    if not name.lower().endswith((".csv", ".txt", ".tsv")):
        raise ValidationError({"file": _("Upload the attendance report as a CSV file.")})
    source, rows = parse_attendance_report(file.read())
    expected = {e.user.email.lower(): e for e in event_selectors.expected(event)}
    matched, unmatched = [], []
    for row in rows:
        enrolment = expected.get(row["email"]) if row["email"] else None
        if enrolment is None:
            why = _("no email address in the report") if not row["email"] else _("not expected at this event")
            unmatched.append({**row, "why": str(why)})
        else:
            matched.append({**row, "enrolment": enrolment.pk, "person": enrolment.user.get_full_name()})
    if not matched:
        raise ValidationError({"file": _("Nobody in the report is expected at this event: is it the right "
                                         "event's report?")})
    return AttendanceImport.objects.create(consortium_id=event.consortium_id, event=event, filename=name[:255],
                                           source=source, matched=matched, unmatched=unmatched, uploaded_by=by)


@transaction.atomic
def attendance_report_apply(*, report: AttendanceImport, by) -> int:
    """Mark everyone matched as attended online, all or nothing; applying again changes nothing."""
    report = AttendanceImport.objects.select_for_update().select_related("event").get(
        consortium_id=report.consortium_id, pk=report.pk)
    if report.state == AttendanceImport.State.APPLIED:
        return 0
    event = report.event
    _register_open(event)
    existing = {a.enrolment_id: a for a in Attendance.objects.select_for_update().filter(
        consortium_id=event.consortium_id, event=event)}
    expected = {e.pk for e in event_selectors.expected(event)}
    now = timezone.now()
    marked = 0
    for row in report.matched:
        enrolment_id = row["enrolment"]
        if enrolment_id not in expected:
            raise ValidationError(_("%(name)s is no longer expected at this event: check the report again.") % {
                "name": row.get("person") or row["email"]})
        attendance = existing.get(enrolment_id)
        if attendance is not None and (attendance.state in CATCH_UP_STATES
                                       or attendance.state == Attendance.State.ATTENDED):
            continue
        attendance = attendance or Attendance(consortium_id=event.consortium_id, event=event,
                                              enrolment_id=enrolment_id)
        attendance.state, attendance.mode = Attendance.State.ATTENDED, Attendance.Mode.ONLINE
        attendance.recorded_by, attendance.recorded_at = by, now
        attendance.save()
        marked += 1
    report.state, report.applied_at = AttendanceImport.State.APPLIED, now
    report.save(update_fields=["state", "applied_at"])
    return marked


# --- Catching up ---------------------------------------------------------------------------------

@transaction.atomic
def catch_up_claim(*, event: Event, user, note: str) -> Attendance:
    """The participant says they watched the recording and did the activities; the hub confirms."""
    enrolment = Enrolment.objects.filter(consortium_id=event.consortium_id, cohort_id=event.cohort_id,
                                         user=user).first()
    if enrolment is None:
        raise PermissionDenied(_("Only the participant can claim a catch-up."))
    if event.is_cancelled or event.ends_at > timezone.now():
        raise ValidationError(_("You can catch up on an event once it has been held."))
    if not event.recording_url:
        raise ValidationError(_("There is no recording of this event yet."))
    if not note.strip():
        raise ValidationError({"note": _("Say what you watched and which activities you did.")})
    attendance = Attendance.objects.select_for_update().filter(consortium_id=event.consortium_id, event=event,
                                                                enrolment=enrolment).first()
    if attendance is None:
        _expected(event, enrolment)
        attendance = Attendance(consortium_id=event.consortium_id, event=event, enrolment=enrolment)
    elif attendance.state not in Attendance.MISSED:
        raise ValidationError(_("There is nothing to catch up: your attendance is “%(state)s”.") % {
            "state": attendance.get_state_display()})
    attendance.state = Attendance.State.CATCH_UP_CLAIMED
    attendance.claim_note, attendance.claimed_at = note.strip()[:2000], timezone.now()
    attendance.decided_by = attendance.decided_at = None
    attendance.save()
    return attendance


@transaction.atomic
def catch_up_decide(*, attendance: Attendance, by, accept: bool) -> Attendance:
    """Only now does a catch-up count: confirmed, it counts as attended; not accepted, it does not."""
    attendance = Attendance.objects.select_for_update().get(consortium_id=attendance.consortium_id,
                                                            pk=attendance.pk)
    if attendance.state != Attendance.State.CATCH_UP_CLAIMED:
        raise ValidationError(_("There is no catch-up waiting to be decided."))
    attendance.state = Attendance.State.CAUGHT_UP if accept else Attendance.State.CATCH_UP_REJECTED
    attendance.mode = Attendance.Mode.RECORDING if accept else attendance.mode
    attendance.decided_by, attendance.decided_at = by, timezone.now()
    attendance.save(update_fields=["state", "mode", "decided_by", "decided_at"])
    return attendance
