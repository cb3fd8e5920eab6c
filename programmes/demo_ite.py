"""Demo data for ITE (seed 002) and the cross-regional joint plan (seed 004).

`seed_demo` calls `seed_demo_ite_and_plans` after the programmes' demo; running it again
changes nothing (every row is found by its natural key first).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from partnerships.models import Organisation, OrganisationYear, Partnership
from partnerships.services import membership_add, partnership_role_grant

from . import rules, services
from .models import Placement, PlacementOffer, Programme, ProgressUpdate, Project, Trainee
from .services import plans as plan_services

DEMO = "@demo.partneriaeth.cymru"

# name, pupils, language medium, local authority, context
ITE_SCHOOLS = [
    ("Highfields Academy", 1450, "english", "Birmingham City Council", "urban"),
    ("Riverside Community School", 780, "english", "Worcestershire County Council", "market town"),
    ("St Martin's Catholic School", 1020, "english", "Worcestershire County Council", "urban"),
    ("Kingstone High School", 420, "english", "Herefordshire Council", "rural"),
    ("Sandwell Valley School", 1300, "english", "Sandwell Council", "urban"),
    ("Malvern Hills College", 640, "english", "Worcestershire County Council", "rural"),
]
# email, name, route, subject
TRAINEES = [
    (f"trainee{DEMO}", "Megan Price", "provider_led_postgrad", "mathematics"),
    (f"trainee2{DEMO}", "Owen Lloyd", "provider_led_postgrad", "mathematics"),
    (f"trainee3{DEMO}", "Hannah Cole", "school_direct_tuition_fee", "english"),
    (f"trainee4{DEMO}", "Daniel Okafor", "school_direct_salaried", "physics"),
    (f"trainee5{DEMO}", "Lucy Grant", "provider_led_postgrad", "history"),
    (f"trainee6{DEMO}", "Samir Patel", "assessment_only", "computing"),
    (f"trainee7{DEMO}", "Ffion Morgan", "provider_led_postgrad", "english"),
    (f"trainee8{DEMO}", "Jack Turner", "provider_led_postgrad", "geography"),
]
# school, subject, term, places
OFFERS = [
    ("Highfields Academy", "mathematics", "autumn", 2), ("Kingstone High School", "mathematics", "spring", 2),
    ("Riverside Community School", "mathematics", "spring", 1), ("Sandwell Valley School", "english", "autumn", 2),
    ("Malvern Hills College", "english", "spring", 2), ("St Martin's Catholic School", "physics", "autumn", 1),
    ("Kingstone High School", "physics", "spring", 1), ("Highfields Academy", "history", "autumn", 1),
    ("St Martin's Catholic School", "history", "spring", 1),
]

PLAN_NAME = "Cross-regional Joint Plan"
SPONSORS = [("md.gwe", "Arwyn Thomas", "GwE"), ("md.erw", "Betsan O'Connor", "ERW"),
            ("md.eas", "Debbie Harteveld", "EAS"), ("md.csc", "Mike Glavin", "CSC")]
# name, Welsh name, sponsor index, overview, aims
PROJECTS = [
    ("Feedback and workload", "Adborth a llwyth gwaith", 0,
     "A national training programme helps schools reduce workload by up-skilling teachers to give feedback "
     "effectively and efficiently, with the best impact for pupils.",
     ["To develop teachers who use feedback effectively, with the least impact on workload and the most on "
      "pupil progress.",
      "To align with the Curriculum for Wales and assessment for learning principles."]),
    ("Leadership development", "Datblygu arweinyddiaeth", 1,
     "Common professional learning for school leaders across the four regions, including the NPQH, developed "
     "with the National Academy for Educational Leadership.",
     ["To develop and deliver common provision for aspiring, new and experienced headteachers in phases.",
      "To procure or develop tools and documents to support the aim.",
      "To engage with agencies such as NAEL and feed in their developments."]),
    ("Recruitment and retention", "Recriwtio a chadw", 2,
     "Wales has difficulty recruiting teachers and headteachers; recruitment and retention underpin every other "
     "school improvement objective.",
     ["To raise the profile of Wales as a premier location for teachers to live and work.",
      "To support retention by raising awareness of career opportunities within Wales.",
      "To achieve these aims under the banner of \"Discover Teaching\"."]),
    ("School improvement", "Gwella ysgolion", 3,
     "Improving standards in schools is the consortia's core responsibility.",
     ["To identify, share and implement excellent school improvement practice across consortia.",
      "To address shared developmental needs using self-evaluation as a starting point."]),
    ("Communications", "Cyfathrebu", 0,
     "Raising the profile of the cross-regional projects and ensuring one consistent message.",
     ["To establish a cross-regional communications team.", "To implement effective cross-regional "
      "communications.", "To raise the profile of cross-regional projects and the consortia's work."]),
    ("Post-16 learning", "Dysgu ôl-16", 1,
     "Delivering the consortia's actions from the Welsh Government's A level review and a Post-16 leadership "
     "programme.",
     ["To establish a cross-regional group of Post-16 representatives.",
      "To implement the A level review's deliverables consistently across the four regions.",
      "To develop a Post-16 leadership programme."]),
    ("Curriculum for Wales", "Cwricwlwm i Gymru", 2,
     "Supporting the development and realisation of the Curriculum for Wales.",
     ["To build a better way to learn and inspire healthy, enterprising, confident young people.",
      "To build a system that adapts so young people have the knowledge and skills they need."]),
    ("Research and enquiry", "Ymchwil ac ymholi", 3,
     "Auditing, co-ordinating and disseminating research, supporting the Schools as Learning Organisations "
     "model.",
     ["To articulate a clear research strategy, policy and plan.", "To co-ordinate and disseminate consortia "
      "research without duplication.", "To jointly commission high-quality research where need is clear."]),
    ("Professional learning", "Dysgu proffesiynol", 0,
     "A cross-regional programme of professional learning for teachers and teaching assistants.",
     ["To develop and deliver common provision for teachers and teaching assistants in phases.",
      "To establish a professional learning definition, framework and offer."]),
]
STATUSES = ["on_track", "on_track", "at_risk", "on_track", "finished", "off_track", "on_track", "at_risk",
            "not_started"]



def person_ensure(*, consortium, email: str, full_name: str = ""):
    """A demo person, made a member here: seeding is the operator's own act, not an invitation."""
    from django.contrib.auth import get_user_model

    from consortia.services import membership_ensure

    User = get_user_model()
    user = User.objects.filter(email__iexact=email).first() or User.objects.create_user(email=email,
                                                                                         full_name=full_name)
    membership_ensure(consortium=consortium, user=user)
    return user


def _school(consortium, name, pupils, medium, la_name, context, year):
    la = Organisation.objects.get_or_create(consortium=consortium, kind="local_authority", name=la_name,
                                            defaults={"name_cy": la_name})[0]
    school = Organisation.objects.get_or_create(consortium=consortium, kind="school", name=name,
                                                defaults={"name_cy": name, "phase": "secondary"})[0]
    wanted = {"phase": "secondary", "language_medium": medium, "local_authority_id": la.pk, "context": context}
    changed = [name for name, value in wanted.items() if getattr(school, name) != value]
    if changed:  # saving only on a change keeps a second seed from writing history
        for name in changed:
            setattr(school, name, wanted[name])
        school.save(update_fields=[name.removesuffix("_id") for name in changed])
    OrganisationYear.objects.get_or_create(consortium=consortium, organisation=school, academic_year=year,
                                           defaults={"pupils": pupils})
    return school


@transaction.atomic
def seed_demo_ite(year: int) -> None:
    partnership = Partnership.objects.filter(consortium__slug="institute-ite").select_related("consortium").first()
    if partnership is None:
        return
    consortium = partnership.consortium
    schools = {name: _school(consortium, name, *rest, year) for name, *rest in ITE_SCHOOLS}
    for school in schools.values():
        if not school.memberships.filter(partnership=partnership, left_on__isnull=True).exists():
            membership_add(partnership=partnership, organisation=school, joined_on=dt.date(year - 1, 9, 1))
    programme = Programme.objects.filter(consortium=consortium, kind="ite").first() or services.programme_create(
        consortium=consortium, kind="ite", name="Secondary ITE", name_cy="AGA Uwchradd", partnership=partnership,
        lead_provider=Organisation.objects.filter(consortium=consortium, kind="hei").first())
    services.placement_rules_save(programme=programme, contrast_attributes=["size_band", "local_authority",
                                                                            "context"])
    admin = person_ensure(consortium=consortium, email=f"admin{DEMO}")
    services.programme_role_grant(programme=programme, user=admin, role="programme_lead")
    tutor = person_ensure(consortium=consortium, email=f"tutor{DEMO}", full_name="Dr Eleri Price")
    services.programme_role_grant(programme=programme, user=tutor, role="ite_tutor")
    head = person_ensure(consortium=consortium, email=f"head{DEMO}")
    services.programme_role_grant(programme=programme, user=head, role="ite_school_lead",
                                  organisation=schools["Highfields Academy"])
    mentor_user = person_ensure(consortium=consortium, email=f"schoolmentor{DEMO}", full_name="Dafydd Rees")
    mentor = services.mentor_save(programme=programme, user=mentor_user, school=schools["Highfields Academy"],
                                  subjects=["mathematics", "history"])
    if not mentor.training.exists():
        services.mentor_training_record(mentor=mentor, kind="initial", hours=16, completed_on=dt.date(year, 7, 2))
        services.mentor_training_record(mentor=mentor, kind="moderation", hours=3, completed_on=dt.date(year, 7, 9))
    for school, subject, term, places in OFFERS:
        if not PlacementOffer.objects.filter(consortium=consortium, programme=programme, school=schools[school],
                                             academic_year=year, subject=subject, term=term).exists():
            services.placement_offer_save(programme=programme, school=schools[school], academic_year=year,
                                          subject=subject, term=term, places=places)
    trainees = {}
    for email, name, route, subject in TRAINEES:
        user = person_ensure(consortium=consortium, email=email, full_name=name)
        trainees[email] = Trainee.objects.filter(consortium=consortium, programme=programme, user=user,
                                                 academic_year=year).first() or services.trainee_create(
            programme=programme, user=user, route=route, subject=subject, academic_year=year,
            starts_on=dt.date(year, 9, 1), ends_on=dt.date(year + 1, 6, 30), by=admin)
        if trainees[email].status_changes.count() == 1:
            services.trainee_status_change(trainee=trainees[email], state="submitted_for_trn",
                                           effective_on=dt.date(year, 9, 15), by=admin)
            services.trainee_status_change(trainee=trainees[email], state="trn_received",
                                           effective_on=dt.date(year, 10, 6), by=admin)

    def offer(school, subject, term):
        return PlacementOffer.objects.get(consortium=consortium, programme=programme, school=schools[school],
                                          academic_year=year, subject=subject, term=term)

    megan = trainees[f"trainee{DEMO}"]
    if not megan.placements.exists():
        first = services.placement_create(
            trainee=megan, school=schools["Highfields Academy"], sequence=1, term="autumn",
            starts_on=dt.date(year, 9, 22), ends_on=dt.date(year, 12, 12),
            offer=offer("Highfields Academy", "mathematics", "autumn"), mentor=mentor, tutor=tutor, lead_tutor=tutor,
            status=Placement.Status.CONFIRMED, by=admin)
        services.placement_status_set(placement=first, status="in_progress")
        services.placement_create(
            trainee=megan, school=schools["Kingstone High School"], sequence=2, term="spring",
            starts_on=dt.date(year + 1, 1, 12), ends_on=dt.date(year + 1, 3, 27),
            offer=offer("Kingstone High School", "mathematics", "spring"), tutor=tutor, by=admin)
    # A second placement that does not contrast by the rule, accepted with the office's reason.
    daniel = trainees[f"trainee4{DEMO}"]
    if not daniel.placements.exists():
        services.placement_create(
            trainee=daniel, school=schools["St Martin's Catholic School"], sequence=1, term="autumn",
            starts_on=dt.date(year, 9, 22), ends_on=dt.date(year, 12, 12),
            offer=offer("St Martin's Catholic School", "physics", "autumn"), status="confirmed", by=admin)
        services.placement_create(
            trainee=daniel, school=schools["Riverside Community School"], sequence=2, term="spring",
            starts_on=dt.date(year + 1, 1, 12), ends_on=dt.date(year + 1, 3, 27), tutor=tutor,
            contrast_reason="Salaried trainee employed at St Martin's; Riverside is the only other physics "
                            "department within travelling distance, and runs a contrasting KS4 curriculum.",
            by=admin)


@transaction.atomic
def seed_demo_plan(today: dt.date) -> None:
    partnership = Partnership.objects.filter(consortium__slug="regional-consortia",
                                             name=PLAN_NAME).select_related("consortium").first()
    if partnership is None:
        return
    consortium = partnership.consortium
    plan = plan_services.joint_plan_create(partnership=partnership, name=PLAN_NAME,
                                           name_cy="Cynllun ar y Cyd Trawsranbarthol", update_every_days=30)
    sponsors = []
    for handle, name, org_name in SPONSORS:
        person = person_ensure(consortium=consortium, email=f"{handle}{DEMO}", full_name=name)
        organisation = Organisation.objects.filter(consortium=consortium, name=org_name).first()
        # Each consortium's leader holds a role in the cross-regional consortium's partnership.
        partnership_role_grant(partnership=partnership, user=person, role="representative", organisation=organisation)
        sponsors.append((person, organisation))
    manager = person_ensure(consortium=consortium, email=f"chair{DEMO}")
    for position, (name, name_cy, sponsor_index, overview, aims) in enumerate(PROJECTS, start=1):
        sponsor, organisation = sponsors[sponsor_index]
        # Seeding again leaves a project as it is: saving it would add a version to its history each time.
        project = Project.objects.filter(plan=plan, name=name).first() or plan_services.project_save(
            plan=plan, name=name, name_cy=name_cy, overview=overview, position=position, sponsor=sponsor,
            sponsor_organisation=organisation, manager=manager, aims=[(aim, "") for aim in aims])
        for member, member_org in sponsors:
            if member != sponsor:
                plan_services.project_member_add(project=project, user=member, organisation=member_org)
        if not project.milestones.exists():
            plan_services.milestone_save(project=project, name="Scope agreed by the four consortia",
                                         name_cy="Cwmpas wedi'i gytuno gan y pedwar consortiwm",
                                         baseline_on=today - dt.timedelta(days=120),
                                         actual_on=today - dt.timedelta(days=120))
            # The third project's delivery milestone is late: past its baseline and not achieved.
            plan_services.milestone_save(
                project=project, name="First cross-regional offer delivered",
                name_cy="Y cynnig trawsranbarthol cyntaf wedi'i gyflwyno",
                baseline_on=today - dt.timedelta(days=14) if position == 3
                else today + dt.timedelta(days=30 * position),
                forecast_on=today + dt.timedelta(days=21) if position == 3 else None)
        if not ProgressUpdate.objects.filter(project=project).exists():
            status = STATUSES[position - 1]
            if status != "not_started":
                plan_services.progress_update_post(
                    project=project, author=manager, period_start=today - dt.timedelta(days=60),
                    period_end=today - dt.timedelta(days=31), status="on_track",
                    narrative="Project team formed with members from all four consortia; scope agreed.",
                    narrative_cy="Tîm y prosiect wedi'i ffurfio gydag aelodau o'r pedwar consortiwm; cwmpas wedi'i "
                                 "gytuno.")
                plan_services.progress_update_post(
                    project=project, author=manager, period_start=today - dt.timedelta(days=30),
                    period_end=today - dt.timedelta(days=1), status=status,
                    narrative="Working groups met in each region; delivery planning continues.",
                    narrative_cy="Cyfarfu'r gweithgorau ym mhob rhanbarth; mae'r cynllunio cyflawni'n parhau.",
                    risks="Capacity in school-based teams during the examination season." if status in (
                        "at_risk", "off_track") else "",
                    next_steps="Agree the shared offer at the next strategic meeting.")


def seed_demo_ite_and_plans(*, stdout=None) -> None:
    today = timezone.localdate()
    seed_demo_ite(rules.academic_year_of(today))
    seed_demo_plan(today)
    if stdout is not None:
        stdout.write("ITE partnership and cross-regional joint plan seeded.")
