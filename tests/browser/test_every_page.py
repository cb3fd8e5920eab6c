"""Every page of the site, with real objects, as a person allowed to see it, fits a 390 px phone.

The crawl is the same list of routes tests/test_url_crawl.py walks: each route is either a page here
(with the person who opens it and the objects it shows) or named in NOT_PAGES with the reason, so a
new route cannot be missed. Each page is also checked with axe-core.
"""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Error as PlaywrightError

from ..test_url_crawl import own_routes
from .conftest import PHONE, axe_violations, page_width

pytestmark = pytest.mark.django_db(transaction=True)

TAF, EXCEED, ITE, PLANS = "taf-valley-schools", "exceed-hub", "institute-ite", "regional-consortia"
ADMIN, HEAD, CHAIR = "admin@demo.partneriaeth.cymru", "head@demo.partneriaeth.cymru", "chair@demo.partneriaeth.cymru"
ECT, NPQ, TUTOR = "ect@demo.partneriaeth.cymru", "npq@demo.partneriaeth.cymru", "inductiontutor@demo.partneriaeth.cymru"
TRAINEE, MENTOR = "trainee@demo.partneriaeth.cymru", "mentor@demo.partneriaeth.cymru"

# Routes that are not pages a person reads, and why.
NOT_PAGES = {
    "healthz": "a plain-text probe for the load balancer",
    "set_language": "a form post that redirects",
    "governance_calendar_feed": "an iCalendar feed",
    "calendar_feed": "an iCalendar feed and its reset",
    "meeting_ics": "an iCalendar invitation",
    "paper_download": "a file",
    "minutes_pdf": "a PDF",
    "agreement_pdf": "a PDF",
    "report_download": "a PDF",
    "partnership_role_end": "a form post",
    "agreement_draft_next": "a form post",
    "agreement_accept": "a form post (its page is agreement_version)",
    "agreement_challenge": "a form post (its page is agreement_version)",
    "agreement_withdraw": "a form post (its page is agreement_version)",
    "agreement_party_add": "a form post (its page is agreement_version_edit)",
    "agreement_party_remove": "a form post",
    "agreement_reminders": "a form post (its page is agreement_dashboard)",
    "agreement_challenge_answer": "a form post (its page is agreement_dashboard)",
    "subscription_toggle": "a form post",
    "agenda_agree": "a form post",
    "report_generate": "a form post",
    "report_retry": "a form post",
    "paper_delete": "a form post (its page is meeting_detail)",
    "agenda_item_delete": "a form post (its page is meeting_detail)",
    "finance_activity_share": "a form post (its page is finance_activity)",
    "finance_activity_charge": "a form post (its page is finance_activity)",
    "finance_line_delete": "a form post (its page is finance_line_edit)",
    "finance_charge_approve": "a form post (its page is finance_charge)",
    "finance_charge_cancel": "a form post (its page is finance_charge)",
    "finance_charge_purchase_order": "a form post (its page is finance_charge)",
    "finance_payment_approve": "a form post (its page is finance_payment)",
    "finance_payment_paid": "a form post (its page is finance_payment)",
    "finance_payment_cancel": "a form post (its page is finance_payment)",
    "finance_release_charge": "a form post (its page is finance_release)",
    "finance_release_delete": "a form post (its page is finance_release)",
    "finance_statement_build": "a form post (its page is finance_statement)",
    "finance_statement_email": "a form post (its page is finance_statement)",
    "finance_statement_retry": "a form post (its page is finance_statement)",
    "finance_statement_download": "a PDF",
    "finance_shares_export": "a spreadsheet",
    "programme_role_end": "a form post (its page is programme_detail)",
    "programme_event_notify": "a form post (its page is programme_event)",
    "programme_assign": "a form post (its page is programme_event)",
    "programme_catch_up_decide": "a form post (its page is programme_cohort)",
    "programme_record_decide": "a form post (its page is programme_fellows)",
    "programme_assignment_action": "a form post (its page is programme_assignment)",
    "ite_placement_status": "a form post (its page is ite_trainee)",
    "plan_export": "a spreadsheet (CSV)",
    "plan_export_xlsx": "a spreadsheet (XLSX)",
    "plan_member_remove": "a form post (its page is plan_project)",
}


class World:
    """The demo's data, and the objects each page of the crawl shows."""

    def __init__(self):
        from accounts.models import User
        from agreements import services as agreements
        from agreements.models import AgreementTemplate, AgreementVersion
        from consortia.models import OutboundEmail
        from consortia.services import invitation_create
        from governance import services as governance
        from governance.models import Action, AgendaItem, Meeting
        from partnerships.models import Partnership, PartnershipMembership
        from reporting import services as reporting

        call_command("seed_demo", stdout=io.StringIO())
        self.users = {user.email: user for user in User.objects.all()}
        admin, head = self.users[ADMIN], self.users[HEAD]
        self.partnership = Partnership.objects.get(consortium__slug=TAF, name__startswith="Taf Valley")
        self.membership = PartnershipMembership.objects.filter(partnership=self.partnership).first()
        self.held = Meeting.objects.get(title="Autumn strategic meeting")
        self.noticed = Meeting.objects.get(title="Spring strategic meeting")
        self.item = AgendaItem.objects.filter(meeting=self.noticed).first()
        self.action = Action.objects.filter(partnership=self.partnership).first()
        self.paper = governance.paper_upload(
            meeting=self.noticed, uploaded_by=self.noticed.chair, title="Budget paper",
            file=SimpleUploadedFile("budget.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF",
                                    content_type="application/pdf"),
            confidentiality="members", no_pupil_data_confirmed=True)
        self.election = governance.election_open(partnership=self.partnership, by=admin)
        template = AgreementTemplate.objects.get(consortium__slug=EXCEED)
        self.template = template
        self.published = template.versions.get(status=AgreementVersion.Status.PUBLISHED)
        self.draft = agreements.version_draft_next(template=template)
        self.section = self.draft.sections.first()
        self.build = reporting.report_build_request(partnership=self.partnership, requested_by=admin,
                                                    academic_year=timezone.localdate().year - 1, language="en")
        invitation_create(consortium=self.partnership.consortium, invited_by=admin, email="new@ysgol.cymru",
                          role="consortium_member")
        body = OutboundEmail.objects.get(recipient="new@ysgol.cymru").body_text
        self.invitation_token = re.search(r"/invitations/([^/\s]+)/", body).group(1)
        self.notification = OutboundEmail.objects.filter(
            consortium=self.partnership.consortium, purpose__startswith="meeting").first()
        self.head = head
        from finance.models import Budget, BudgetLine, Charge, CostedActivity, Payment, Statement

        self.budget = Budget.objects.get(partnership=self.partnership)
        self.line = BudgetLine.objects.filter(budget=self.budget).first()
        self.activity = CostedActivity.objects.filter(budget=self.budget).first()
        self.charge = Charge.objects.filter(budget=self.budget, kind=Charge.Kind.CHARGE,
                                            status=Charge.Status.ISSUED).first()
        self.payment = Payment.objects.filter(budget=self.budget).first()
        self.statement = Statement.objects.filter(budget=self.budget).first()
        self.school = self.statement.organisation
        self._programmes()
        self._ite_and_plans()
        self._import_job()

    def _programmes(self):
        """Exceed's ECT and NPQ programmes as the demo seeds them, with the few rows it leaves out."""
        from partnerships.models import Organisation
        from programmes import services as programmes
        from programmes.models import (
            AssessmentWindow,
            EmployerCommitment,
            Enrolment,
            Event,
            FacilitationAssignment,
            FacilitatorBriefing,
            Programme,
            StaffingChange,
            TrainingDay,
        )

        self.ect_programme = Programme.objects.get(consortium__slug=EXCEED, kind="ect")
        self.npq_programme = Programme.objects.get(consortium__slug=EXCEED, kind="npq")
        self.ect = Enrolment.objects.get(cohort__programme=self.ect_programme, user__email=ECT)
        self.ect_cohort = self.ect.cohort
        self.held_event = Event.objects.filter(cohort=self.ect_cohort, audience="ects",
                                               starts_at__lt=timezone.now()).order_by("-starts_at").first()
        self.event = Event.objects.filter(cohort=self.ect_cohort, starts_at__gt=timezone.now()).order_by(
            "starts_at").first()
        self.attendance_import = programmes.attendance_report_check(
            event=self.held_event, by=self.users[ADMIN], file=SimpleUploadedFile(
                "teams.csv", f"Name,Email\nAisha Khan,{ECT}\nSomeone Else,someone@elsewhere.example\n".encode()))
        window = AssessmentWindow.objects.filter(consortium__slug=EXCEED).select_related("cohort").first()
        participant = Enrolment.objects.filter(cohort=window.cohort, user__email=NPQ).get()
        self.attempt = programmes.assessment_register(enrolment=participant, window=window, by=self.users[ADMIN])
        # An NPQ participant who moves to another employer: its representative is asked to commit.
        mover = Enrolment.objects.get(cohort=window.cohort, user__email="npq.4@exceed-demo.example")
        other_school = Organisation.objects.get(consortium__slug=EXCEED, kind="school", name="Horton Park Primary")
        programmes.status_change_record(enrolment=mover, kind="changed_employer", effective_on=timezone.localdate(),
                                        school=other_school, by=self.users[ADMIN])
        self.commitment = EmployerCommitment.objects.get(enrolment=mover)
        self.staffing_change = StaffingChange.objects.filter(programme=self.ect_programme).first()
        self.training_day = TrainingDay.objects.filter(programme=self.ect_programme).order_by("on").first()
        self.briefing = FacilitatorBriefing.objects.filter(consortium__slug=EXCEED).order_by("starts_at").first()
        self.assignment = FacilitationAssignment.objects.filter(consortium__slug=EXCEED).first()
        # Only an ECT's own mentor logs coaching: the demo mentor's current mentee.
        from programmes.selectors.participants import mentees_of

        self.mentee = mentees_of(self.users[MENTOR], self.ect_programme.consortium).first().ect

    def _ite_and_plans(self):
        from programmes.models import JointPlan, Mentor, Milestone, Programme, Project, Trainee

        self.ite_programme = Programme.objects.get(consortium__slug=ITE, kind="ite")
        self.trainee = Trainee.objects.get(programme=self.ite_programme, user__email=TRAINEE)
        self.ite_mentor = Mentor.objects.filter(programme=self.ite_programme).first()
        self.plan = JointPlan.objects.get(partnership__consortium__slug=PLANS)
        self.project = Project.objects.filter(plan=self.plan).order_by("position").first()
        self.milestone = Milestone.objects.filter(project=self.project).order_by("baseline_on").last()
        self.plan_partnership = self.plan.partnership
        self._ite_quality_assurance()

    def _ite_quality_assurance(self):
        """The demo schedules no QA visit and records no assessment: one of each, at a trainee's school."""
        from programmes import services as programmes
        from programmes.models import Placement, QualityVisit, SchoolAssessmentRecord

        self.placement = Placement.objects.filter(trainee__programme=self.ite_programme).order_by("pk").first()
        today = timezone.localdate()
        self.quality_visit = programmes.quality_visit_schedule(
            programme=self.ite_programme, kind=QualityVisit.Kind.MODERATION, school=self.placement.school,
            scheduled_on=today + dt.timedelta(days=14), visitor_name="Dr Rhian Evans", by=self.users[ADMIN])
        self.assessment_record = programmes.school_assessment_record(
            trainee=self.placement.trainee, school=self.placement.school, title="First placement assessment",
            document_reference="Trainee file, section 3", assessed_on=today,
            outcome=SchoolAssessmentRecord.Outcome.MEETS, by=self.users[ADMIN])

    def _import_job(self):
        """An organisations import in Taf Valley, run as the job it queues."""
        from jobs.services import import_job_create

        rows = "kind,name,school_code,local_authority,academic_year,pupils,budget\n" \
               "school,Ysgol y Crawl,6799001,,2025/26,210,500000.00\n"
        self.import_job = import_job_create(
            consortium=self.partnership.consortium, user=self.users[ADMIN], kind="organisations",
            upload=SimpleUploadedFile("organisations.csv", rows.encode(), content_type="text/csv"))

def _taf(**kwargs):
    return lambda world: {"consortium_slug": TAF, **{k: v(world) for k, v in kwargs.items()}}


def _exceed(**kwargs):
    return lambda world: {"consortium_slug": EXCEED, **{k: v(world) for k, v in kwargs.items()}}


def _ite(**kwargs):
    return lambda world: {"consortium_slug": ITE, **{k: v(world) for k, v in kwargs.items()}}


def _plans(**kwargs):
    return lambda world: {"consortium_slug": PLANS, **{k: v(world) for k, v in kwargs.items()}}


def _pk(name: str):
    return lambda world: getattr(world, name).pk


# Each page of the crawl: its route name, who opens it, and the arguments of its URL.

# Pages allowed to be wider than a phone, per language: none. Kept as a set so a page that
# becomes too wide is named in the failure.
KNOWN_TOO_WIDE = {
    "cy": set(),
    "en": set(),
}

PAGES = {
    "home": (HEAD, lambda world: {}),
    "profile": (HEAD, lambda world: {}),
    "my_partnerships": (HEAD, lambda world: {}),
    "invitation_accept": (None, lambda world: {"token": world.invitation_token}),
    "dashboard": (ADMIN, _taf()),
    "people": (ADMIN, _taf()),
    "invite": (ADMIN, _taf()),
    "outbox": (ADMIN, _taf()),
    "partnership_list": (ADMIN, _taf()),
    "organisation_list": (ADMIN, _taf()),
    "partnership_detail": (ADMIN, _taf(pk=_pk("partnership"))),
    "partnership_edit": (ADMIN, _taf(pk=_pk("partnership"))),
    "partnership_lists_edit": (ADMIN, _taf(pk=_pk("partnership"))),
    "partnership_group_add": (ADMIN, _taf(pk=_pk("partnership"))),
    "partnership_membership_add": (ADMIN, _taf(pk=_pk("partnership"))),
    "partnership_membership_leave": (ADMIN, _taf(pk=_pk("partnership"), membership_pk=_pk("membership"))),
    "partnership_role_grant": (ADMIN, _taf(pk=_pk("partnership"))),
    "partnership_history": (ADMIN, _taf(pk=_pk("partnership"))),
    "agreement_list": (HEAD, _exceed()),
    "agreement_create": (ADMIN, _exceed()),
    "agreement_detail": (ADMIN, _exceed(pk=_pk("template"))),
    "agreement_settings": (ADMIN, _exceed(pk=_pk("template"))),
    "agreement_version": (HEAD, _exceed(pk=_pk("published"))),
    "agreement_version_edit": (ADMIN, _exceed(pk=_pk("draft"))),
    "agreement_section_add": (ADMIN, _exceed(pk=_pk("draft"))),
    "agreement_publish": (ADMIN, _exceed(pk=_pk("draft"))),
    "agreement_dashboard": (ADMIN, _exceed(pk=_pk("published"))),
    "agreement_section_edit": (ADMIN, _exceed(pk=_pk("section"))),
    "agreement_section_delete": (ADMIN, _exceed(pk=_pk("section"))),
    "meeting_list": (ADMIN, _taf()),
    "my_actions": (HEAD, _taf()),
    "action_edit": (ADMIN, _taf(pk=_pk("action"))),
    "interests": (HEAD, _taf()),
    "governance_compliance": (ADMIN, _taf()),
    "governance_notifications": (ADMIN, _taf()),
    "governance_notification_change": (ADMIN, _taf(pk=_pk("notification"))),
    "election_detail": (ADMIN, _taf(pk=_pk("election"))),
    "meeting_create": (ADMIN, _taf(partnership_pk=_pk("partnership"))),
    "partnership_actions": (ADMIN, _taf(partnership_pk=_pk("partnership"))),
    "note_taker_rotation": (ADMIN, _taf(partnership_pk=_pk("partnership"))),
    "elections": (ADMIN, _taf(partnership_pk=_pk("partnership"))),
    "meeting_detail": (ADMIN, _taf(pk=_pk("held"))),
    "meeting_edit": (ADMIN, _taf(pk=_pk("noticed"))),
    "meeting_cancel": (ADMIN, _taf(pk=_pk("noticed"))),
    "agenda_item_add": (ADMIN, _taf(pk=_pk("noticed"))),
    "agenda_item_edit": (ADMIN, _taf(pk=_pk("noticed"), item_pk=_pk("item"))),
    "paper_upload": (ADMIN, _taf(pk=_pk("noticed"))),
    "meeting_notice": (ADMIN, _taf(pk=_pk("noticed"))),
    "meeting_reply": (HEAD, _taf(pk=_pk("noticed"))),
    "attendance_record": (ADMIN, _taf(pk=_pk("held"))),
    "declaration_add": (ADMIN, _taf(pk=_pk("held"))),
    "minutes_edit": (ADMIN, _taf(pk=_pk("held"))),
    "minutes_approve": (ADMIN, _taf(pk=_pk("held"))),
    "decision_add": (ADMIN, _taf(pk=_pk("held"))),
    "action_add": (ADMIN, _taf(pk=_pk("held"))),
    "meeting_record": (ADMIN, _taf(partnership_pk=_pk("partnership"))),
    "finance_home": (ADMIN, _taf()),
    "finance_terms": (ADMIN, _taf()),
    "finance_partnership": (ADMIN, _taf(pk=_pk("partnership"))),
    "finance_settings": (ADMIN, _taf(pk=_pk("partnership"))),
    "finance_budget_create": (ADMIN, _taf(pk=_pk("partnership"))),
    "finance_release": (ADMIN, _taf(pk=_pk("partnership"))),
    "finance_release_record": (ADMIN, _taf(pk=_pk("partnership"))),
    "finance_budget": (ADMIN, _taf(pk=_pk("budget"))),
    "finance_budget_edit": (ADMIN, _taf(pk=_pk("budget"))),
    "finance_line_create": (ADMIN, _taf(pk=_pk("budget"))),
    "finance_line_edit": (ADMIN, _taf(pk=_pk("line"))),
    "finance_activity_create": (ADMIN, _taf(pk=_pk("budget"))),
    "finance_activity": (ADMIN, _taf(pk=_pk("activity"))),
    "finance_activity_edit": (ADMIN, _taf(pk=_pk("activity"))),
    "finance_activity_members": (ADMIN, _taf(pk=_pk("activity"))),
    "finance_charges": (ADMIN, _taf(pk=_pk("budget"))),
    "finance_charge": (ADMIN, _taf(pk=_pk("charge"))),
    "finance_charge_credit": (ADMIN, _taf(pk=_pk("charge"))),
    "finance_charge_paid": (ADMIN, _taf(pk=_pk("charge"))),
    "finance_payments": (ADMIN, _taf(pk=_pk("budget"))),
    "finance_payment_create": (ADMIN, _taf(pk=_pk("budget"))),
    "finance_payment": (ADMIN, _taf(pk=_pk("payment"))),
    "finance_statements": (ADMIN, _taf(pk=_pk("budget"))),
    "finance_statement": (ADMIN, _taf(pk=_pk("budget"), organisation_pk=_pk("school"))),
    "finance_statement_status": (ADMIN, _taf(pk=_pk("statement"))),
    "report_overview": (ADMIN, _taf()),
    "report_status": (ADMIN, _taf(pk=_pk("build"))),
    "report_delete": (ADMIN, _taf(pk=_pk("build"))),
    "report_summary_edit": (ADMIN, lambda world: {"consortium_slug": TAF, "partnership_pk": world.partnership.pk,
                                                  "academic_year": world.build.academic_year}),
    # ECT and NPQ programmes (Exceed)
    "programme_list": (ADMIN, _exceed()),
    "programme_create": (ADMIN, _exceed()),
    "programme_me": (ECT, _exceed()),
    "programme_school": (TUTOR, _exceed()),
    "programme_detail": (ADMIN, _exceed(pk=_pk("ect_programme"))),
    "programme_edit": (ADMIN, _exceed(pk=_pk("ect_programme"))),
    "programme_cohort_create": (ADMIN, _exceed(pk=_pk("ect_programme"))),
    "programme_role_grant": (ADMIN, _exceed(pk=_pk("ect_programme"))),
    "programme_agreement": (ADMIN, _exceed(pk=_pk("ect_programme"))),
    "programme_staffing": (ADMIN, _exceed(pk=_pk("ect_programme"))),
    "programme_staffing_report": (ADMIN, _exceed(pk=_pk("ect_programme"))),
    "programme_fellows": (ADMIN, _exceed(pk=_pk("ect_programme"))),
    "programme_training_create": (ADMIN, _exceed(pk=_pk("ect_programme"))),
    "programme_facilitation_pay": (ADMIN, _exceed(pk=_pk("ect_programme"))),
    "programme_staffing_act": (ADMIN, _exceed(pk=_pk("staffing_change"))),
    "programme_training_day": (ADMIN, _exceed(pk=_pk("training_day"))),
    "programme_cohort": (ADMIN, _exceed(pk=_pk("ect_cohort"))),
    "programme_cohort_edit": (ADMIN, _exceed(pk=_pk("ect_cohort"))),
    "programme_enrol": (ADMIN, _exceed(pk=_pk("ect_cohort"))),
    "programme_engagement": (ADMIN, _exceed(pk=_pk("ect_cohort"))),
    "programme_event_create": (ADMIN, _exceed(pk=_pk("ect_cohort"))),
    "programme_window_create": (ADMIN, _exceed(pk=_pk("ect_cohort"))),
    "programme_event": (ADMIN, _exceed(pk=_pk("held_event"))),
    "programme_event_edit": (ADMIN, _exceed(pk=_pk("event"))),
    "programme_event_cancel": (ADMIN, _exceed(pk=_pk("event"))),
    "programme_register": (ADMIN, _exceed(pk=_pk("held_event"))),
    "programme_attendance_import": (ADMIN, _exceed(pk=_pk("held_event"))),
    "programme_catch_up": (ECT, _exceed(pk=_pk("held_event"))),
    "programme_feedback": (ECT, _exceed(pk=_pk("held_event"))),
    "programme_briefing_schedule": (ADMIN, _exceed(pk=_pk("event"))),
    "programme_attendance_report": (ADMIN, _exceed(pk=_pk("attendance_import"))),
    "programme_briefing": (ADMIN, _exceed(pk=_pk("briefing"))),
    "programme_assignment": (ADMIN, _exceed(pk=_pk("assignment"))),
    "programme_enrolment": (ADMIN, _exceed(pk=_pk("ect"))),
    "programme_status_change": (ADMIN, _exceed(pk=_pk("ect"))),
    "programme_mentor": (ADMIN, _exceed(pk=_pk("ect"))),
    "programme_school_add": (ADMIN, _exceed(pk=_pk("ect"))),
    "programme_assessment_register": (ADMIN, _exceed(pk=_pk("ect"))),
    "programme_coaching": (MENTOR, _exceed(pk=_pk("mentee"))),
    "programme_attempt": (ADMIN, _exceed(pk=_pk("attempt"))),
    "programme_commitment": (ADMIN, _exceed(pk=_pk("commitment"))),
    # Initial teacher education (the Institute)
    "ite_me": (TRAINEE, _ite()),
    "ite_trainees": (ADMIN, _ite(pk=_pk("ite_programme"))),
    "ite_trainee_create": (ADMIN, _ite(pk=_pk("ite_programme"))),
    "ite_board": (ADMIN, _ite(pk=_pk("ite_programme"))),
    "ite_offer_save": (ADMIN, _ite(pk=_pk("ite_programme"))),
    "ite_mentors": (ADMIN, _ite(pk=_pk("ite_programme"))),
    "ite_trainee": (ADMIN, _ite(pk=_pk("trainee"))),
    "ite_trainee_status": (ADMIN, _ite(pk=_pk("trainee"))),
    "ite_placement_create": (ADMIN, _ite(pk=_pk("trainee"))),
    "ite_mentor_training": (ADMIN, _ite(pk=_pk("ite_mentor"))),
    "ite_placement_edit": (ADMIN, _ite(pk=_pk("placement"))),
    "ite_rules": (ADMIN, _ite(pk=_pk("ite_programme"))),
    "ite_qa": (ADMIN, _ite(pk=_pk("ite_programme"))),
    "ite_qa_visit_create": (ADMIN, _ite(pk=_pk("ite_programme"))),
    "ite_qa_assessment_create": (ADMIN, _ite(pk=_pk("ite_programme"))),
    "ite_qa_visit": (ADMIN, _ite(pk=_pk("quality_visit"))),
    "ite_qa_assessment": (ADMIN, _ite(pk=_pk("assessment_record"))),
    # The cross-regional joint plan
    "plan_list": (CHAIR, _plans()),
    "plan_detail": (CHAIR, _plans(pk=_pk("plan"))),
    "plan_project": (CHAIR, _plans(pk=_pk("project"))),
    "plan_progress_update": (CHAIR, _plans(pk=_pk("project"))),
    "plan_milestone": (CHAIR, _plans(pk=_pk("milestone"))),
    "plan_create": (CHAIR, _plans()),
    "plan_edit": (CHAIR, _plans(pk=_pk("plan"))),
    "plan_project_create": (CHAIR, _plans(pk=_pk("plan"))),
    "plan_project_edit": (CHAIR, _plans(pk=_pk("project"))),
    "plan_project_close": (CHAIR, _plans(pk=_pk("project"))),
    "plan_work_stream_create": (CHAIR, _plans(pk=_pk("project"))),
    "plan_member_add": (CHAIR, _plans(pk=_pk("project"))),
    "plan_milestone_create": (CHAIR, _plans(pk=_pk("project"))),
    # Imports run as background jobs
    "import_upload": (ADMIN, _taf()),
    "import_job": (ADMIN, _taf(pk=_pk("import_job"))),
}


def page_routes() -> set[str]:
    return {pattern.name for route, pattern in own_routes() if not route.startswith("api/")}


def test_every_route_is_a_page_of_the_crawl_or_says_why_not():
    assert page_routes() - set(PAGES) - set(NOT_PAGES) == set()
    assert set(PAGES) & set(NOT_PAGES) == set()
    assert set(PAGES) | set(NOT_PAGES) <= page_routes()  # a route that is gone must leave the lists


@pytest.mark.parametrize("language", ["en", "cy"])
def test_no_page_is_wider_than_a_phone_and_axe_finds_nothing(browser, live_server, language):
    world = World()
    pages: dict[str | None, object] = {}
    refused, too_wide, violations = [], [], []

    for name, (email, arguments) in PAGES.items():
        if email not in pages:
            pages[email] = _page_for(browser, live_server, world, email, language)
        page = pages[email]
        url = reverse(name, kwargs=arguments(world))
        try:
            response = page.goto(url)
        except PlaywrightError as error:  # Chromium refuses to show some error responses at all
            refused.append((name, url, str(error).splitlines()[0]))
            continue
        if response.status != 200 or not response.headers.get("content-type", "").startswith("text/html"):
            refused.append((name, url, response.status))
            continue
        if (width := page_width(page)) > PHONE["width"]:
            too_wide.append((name, url, width))
        if found := axe_violations(page):
            violations.append((name, url, found))
    for page in pages.values():
        page.context.close()

    assert refused == []
    assert {name for name, _url, _width in too_wide} == KNOWN_TOO_WIDE[language]
    assert violations == []


def _page_for(browser, live_server, world, email, language):
    from .conftest import session_for

    context = browser.new_context(viewport=PHONE, base_url=live_server.url)
    context.add_cookies([{"name": "language", "value": language, "url": live_server.url}])
    if email is not None:
        user = world.users[email]
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
        context.add_cookies([{"name": "sessionid", "value": session_for(user), "url": live_server.url}])
    return context.new_page()
