"""Demo meetings for Taf Valley Schools' partnership: three strategic meetings this academic year.

The first has been held (attendance, a declaration, decisions with a vote, actions and draft minutes);
the next has its agenda agreed and its notice sent; the last is planned with a draft agenda.
`seed_demo` calls `seed_demo_governance`; running it again changes nothing.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from consortia.models import Consortium
from partnerships.models import Employment, Partnership, PartnershipRole

from . import rules, selectors, services
from .models import Meeting

CONSORTIUM_SLUG = "taf-valley-schools"

HELD = "Autumn strategic meeting"
NEXT = "Spring strategic meeting"
LATER = "Summer strategic meeting"


def _at(day: dt.date, hour: int = 16) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=rules.LONDON)


def _partnership(consortium: Consortium) -> Partnership | None:
    """The consortium's partnership that has a chair: the one the demo people run."""
    chaired = PartnershipRole.objects.filter(consortium=consortium, role="chair", ended_at__isnull=True).values(
        "partnership_id")
    return Partnership.objects.filter(consortium=consortium, pk__in=chaired).order_by("name").first()


def _people(partnership: Partnership) -> tuple:
    roles = list(PartnershipRole.objects.filter(consortium_id=partnership.consortium_id, partnership=partnership,
                                                ended_at__isnull=True).select_related("user").order_by("pk"))
    chair = next((r.user for r in roles if r.role == "chair"), None)
    clerk = next((r.user for r in roles if r.role == "clerk"), chair)
    representatives = [r.user for r in roles if r.role == "representative"]
    return chair, clerk, representatives


def _plan(partnership, chair, clerk, *, title: str, title_cy: str, day: dt.date,
          agenda: list[tuple[str, str, object]], agree: bool) -> Meeting:
    meeting = services.meeting_schedule(
        partnership=partnership, created_by=chair, title=title, title_cy=title_cy, kind=Meeting.Kind.STRATEGIC,
        starts_at=_at(day), ends_at=_at(day, 17) + dt.timedelta(minutes=30), venue="Parc Primary School, Treforest",
        online_link="https://meet.example.org/taf-valley", chair=chair, note_taker=clerk)
    for item_title, item_title_cy, owner in agenda:
        services.agenda_item_save(meeting=meeting, title=item_title, title_cy=item_title_cy, owner=owner,
                                  minutes_allowed=20)
    if agree:
        services.agenda_agree(meeting=meeting, by=chair)
    return meeting


def _demo_paper(title: str, text: str):
    """A small real PDF, so a demo paper opens like one."""
    import weasyprint
    from django.core.files.base import ContentFile
    from django.utils.html import escape

    html = f"<html lang='en'><head><title>{escape(title)}</title></head><body><h1>{escape(title)}</h1>" \
           f"<p>{escape(text)}</p></body></html>"
    return ContentFile(weasyprint.HTML(string=html).write_pdf(), name="moderation-summary.pdf")


@transaction.atomic
def seed_demo_governance(*, stdout) -> None:
    consortium = Consortium.objects.filter(slug=CONSORTIUM_SLUG).first()
    partnership = _partnership(consortium) if consortium else None
    if partnership is None:
        stdout.write("Governance demo skipped: no chaired partnership in taf-valley-schools.\n")
        return
    chair, clerk, representatives = _people(partnership)
    existing = set(Meeting.objects.filter(consortium=consortium, partnership=partnership).values_list("title",
                                                                                                      flat=True))
    today = timezone.localdate()
    year_start = dt.date(rules.academic_year_of(today), 9, 1)
    owner = representatives[0] if representatives else clerk

    if HELD not in existing:
        # A meeting that took place is recorded, with its attendance, never planned in the past.
        held_day = max(year_start, today - dt.timedelta(days=21))
        if held_day >= today:
            held_day = today - dt.timedelta(days=1)
        invited = [user for user, _viewer in selectors.partnership_invitees(partnership)]
        people = {user.pk: "present" for user in invited}
        if len(representatives) > 1:
            people[representatives[-1].pk] = "apologies"
        # A deputy stands in for one member school nobody else speaks for, so the meeting is quorate.
        spoken_for = set(Employment.objects.filter(consortium=consortium, user__in=invited, ended_on__isnull=True)
                         .values_list("organisation_id", flat=True)) | set(PartnershipRole.objects.filter(
                             consortium=consortium, partnership=partnership, ended_at__isnull=True,
                             organisation__isnull=False).values_list("organisation_id", flat=True))
        unspoken = [m.organisation for m in selectors.members_on(partnership.pk, consortium.pk, held_day)
                    .select_related("organisation").order_by("organisation__name")
                    if m.organisation_id not in spoken_for]
        guests = [{"name": "Deputy headteacher", "organisation": unspoken[0]}] if unspoken else []
        held = services.meeting_record(
            partnership=partnership, recorded_by=clerk, title=HELD, title_cy="Cyfarfod strategol yr hydref",
            kind=Meeting.Kind.STRATEGIC, starts_at=_at(held_day), ends_at=_at(held_day, 17) + dt.timedelta(minutes=30),
            venue="Parc Primary School, Treforest", chair=chair, note_taker=clerk, people=people, guests=guests,
            notice_sent_on=held_day - dt.timedelta(days=10), agenda=[
                {"title": "Welcome, apologies and declarations of interest",
                 "title_cy": "Croeso, ymddiheuriadau a datganiadau o fuddiant"},
                {"title": "Moderation of teacher assessment at Y2 and Y6",
                 "title_cy": "Cymedroli asesiadau athrawon ym Mlwyddyn 2 a Blwyddyn 6"},
                {"title": "Joint INSET day: plan and costs", "title_cy": "Diwrnod HMS ar y cyd: cynllun a chostau"},
                {"title": "Annual partnership report to governing bodies",
                 "title_cy": "Adroddiad blynyddol y bartneriaeth i gyrff llywodraethu"},
            ])
        items = list(held.agenda_items.all())
        services.declaration_record(meeting=held, user=chair, agenda_item=items[2], kind="pecuniary",
                                    interest="A relative runs the catering company quoted for the INSET day.")
        services.decision_record(meeting=held, by=clerk, agenda_item=items[1],
                                 text="Moderate Y6 writing jointly in the spring term, hosted by Parc Primary.",
                                 text_cy="Cymedroli ysgrifennu Blwyddyn 6 ar y cyd yn nhymor y gwanwyn, yn Ysgol "
                                         "Gynradd Parc.")
        services.decision_record(meeting=held, by=clerk, agenda_item=items[2], vote_taken=True, votes_for=3,
                                 votes_against=0, votes_abstaining=1,
                                 text="Hold the joint INSET day on the first Monday of the summer term; costs "
                                      "shared by pupil numbers.",
                                 text_cy="Cynnal y diwrnod HMS ar y cyd ar ddydd Llun cyntaf tymor yr haf; rhannu'r "
                                         "costau yn ôl nifer y disgyblion.")
        services.action_create(partnership=partnership, meeting=held, owner=owner,
                               title="Circulate the Y6 moderation timetable to all schools",
                               title_cy="Anfon amserlen gymedroli Blwyddyn 6 at bob ysgol",
                               due_on=today + dt.timedelta(days=14))
        done = services.action_create(partnership=partnership, meeting=held, owner=clerk,
                                      title="Book the hall for the INSET day",
                                      title_cy="Archebu'r neuadd ar gyfer y diwrnod HMS",
                                      due_on=today - dt.timedelta(days=3))
        services.action_update(action=done, by=clerk, status="done")
        services.minutes_save(meeting=held, by=clerk, body=(
            "The chair welcomed members. Apologies were received and recorded.\n\n"
            "Moderation: members agreed to moderate Y6 writing jointly in the spring term.\n\n"
            "INSET: the chair declared an interest and did not vote. Members agreed the date and that costs are "
            "shared by pupil numbers.\n\n"
            "Annual report: the clerk will draft the report for governing bodies before the summer meeting."),
            body_cy=(
            "Croesawodd y cadeirydd yr aelodau. Cafwyd ymddiheuriadau a chofnodwyd hwy.\n\n"
            "Cymedroli: cytunodd yr aelodau i gymedroli ysgrifennu Blwyddyn 6 ar y cyd yn nhymor y gwanwyn.\n\n"
            "HMS: datganodd y cadeirydd fuddiant ac ni phleidleisiodd. Cytunodd yr aelodau ar y dyddiad ac y "
            "rhennir y costau yn ôl nifer y disgyblion.\n\n"
            "Adroddiad blynyddol: bydd y clerc yn drafftio'r adroddiad i'r cyrff llywodraethu cyn cyfarfod yr haf."))
        stdout.write(f"Governance demo: held meeting {held.title}.\n")

    if NEXT not in existing:
        upcoming = _plan(partnership, chair, clerk, title=NEXT, title_cy="Cyfarfod strategol y gwanwyn",
                         day=today + dt.timedelta(days=10), agree=True,
                         agenda=[("Minutes of the last meeting and matters arising",
                                  "Cofnodion y cyfarfod diwethaf a materion yn codi", chair),
                                 ("Moderation: what we learned", "Cymedroli: beth a ddysgwyd", owner),
                                 ("Budget for shared specialist teaching",
                                  "Cyllideb ar gyfer addysgu arbenigol a rennir", clerk)])
        services.paper_upload(meeting=upcoming, uploaded_by=clerk, title="Moderation summary",
                              file=_demo_paper("Moderation summary", "What the partnership learned from joint "
                                               "moderation of Y6 writing in the spring term."),
                              confidentiality="members", no_pupil_data_confirmed=True,
                              agenda_item=upcoming.agenda_items.order_by("position")[1])
        services.meeting_notice_send(
            meeting=upcoming, by=chair,
            message="Please read the moderation summary before the meeting.",
            message_cy="Darllenwch y crynodeb cymedroli cyn y cyfarfod, os gwelwch yn dda.")
        services.meeting_notices_dispatch(meeting=upcoming)
        stdout.write(f"Governance demo: notice sent for {upcoming.title}.\n")

    if LATER not in existing:
        later = _plan(partnership, chair, clerk, title=LATER, title_cy="Cyfarfod strategol yr haf",
                      day=today + dt.timedelta(days=70), agree=False,
                      agenda=[("Annual partnership report", "Adroddiad blynyddol y bartneriaeth", chair),
                              ("Priorities for next year", "Blaenoriaethau ar gyfer y flwyddyn nesaf", chair)])
        stdout.write(f"Governance demo: planned {later.title}.\n")
