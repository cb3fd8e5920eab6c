"""Meeting pages. Thin: resolve (404 outside the consortium), check the partnership permission (403),
call a selector or a service, render."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consortia.forms import add_service_errors
from consortia.models import OutboundEmail
from consortia.permissions import has_consortium_perm, public, requires
from consortia.scoping import get_for_consortium
from partnerships.models import Partnership, PartnershipMembership
from partnerships.selectors import has_partnership_perm

from . import forms, ics, rules, selectors, services
from .models import Action, AgendaItem, Attendance, Election, Meeting, Minutes, NoteTakerRotation, Paper, Subscription

VIEW = "consortia.view_consortium"
MANAGE = "partnerships.manage_meetings"
RECORD = "partnerships.record_minutes"
READ = "partnerships.view_partnership"
VOTE = "partnerships.vote"


# --- Lookups and permission checks ------------------------------------------------------------------

def _check(request, perm: str, partnership: Partnership) -> selectors.Viewer:
    """403 without the partnership permission. The viewer (roles held there) is kept for the page.

    NOTE: equivalent to partnerships.selectors.has_partnership_perm (guardian's rows are granted from
    the same roles) but one query instead of four per check, which keeps the pages' counts low.
    """
    partnership.consortium = request.consortium
    viewer = getattr(request, "_governance_viewer", None)
    if viewer is None or viewer.partnership_id != partnership.pk:
        viewer = selectors.viewer_for(request.user, partnership)
        request._governance_viewer = viewer
    if not viewer.has(perm):
        raise PermissionDenied
    return viewer


def _partnership(request, pk, perm: str) -> Partnership:
    partnership = get_for_consortium(Partnership, request.consortium, pk=pk)
    _check(request, perm, partnership)
    return partnership


def _meeting(request, pk, perm: str) -> Meeting:
    meeting = get_for_consortium(selectors.meetings_base(request.consortium), request.consortium, pk=pk)
    _check(request, perm, meeting.partnership)
    return meeting


def _form_page(request, template: str, context: dict, form):
    return render(request, template, {**context, "form": form}, status=400 if form.errors else 200)


def _back(request, meeting: Meeting, anchor: str = ""):
    return redirect(reverse("meeting_detail", args=[request.consortium.slug, meeting.pk]) + anchor)


def _run(form, call):
    """Call a service; its ValidationError is shown on the form. Returns the result or None."""
    try:
        return call() or True
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None


def _managed_partnerships(request, is_admin: bool | None = None):
    ids = selectors.managed_partnership_ids(request.user, request.consortium, is_admin=is_admin)
    partnerships = Partnership.objects.for_consortium(request.consortium).order_by("name")
    return partnerships if ids is None else partnerships.filter(pk__in=ids)


# --- Lists ----------------------------------------------------------------------------------------

@requires(VIEW)
def meeting_list(request, consortium_slug):
    when = "past" if request.GET.get("when") == "past" else "upcoming"
    partnership = request.GET.get("partnership", "")
    partnership_id = int(partnership) if partnership.isdigit() else None
    meetings = selectors.meeting_list(request.user, request.consortium, when=when, partnership_id=partnership_id)
    page = Paginator(meetings, 25).get_page(request.GET.get("page"))
    is_admin = has_consortium_perm(request.user, "consortia.administer_consortium", request.consortium)
    managed = list(_managed_partnerships(request, is_admin).only("pk", "name", "name_cy"))
    return render(request, "governance/meeting_list.html", {
        "page": page, "when": when, "managed": managed, "partnership_id": partnership_id, "is_admin": is_admin})


@requires(VIEW)
def my_actions(request, consortium_slug):
    actions = selectors.my_actions(request.user, request.consortium)
    page = Paginator(actions, 50).get_page(request.GET.get("page"))
    return render(request, "governance/my_actions.html", {"page": page, "today": timezone.localdate()})


@requires(VIEW)
def partnership_actions(request, consortium_slug, partnership_pk):
    partnership = _partnership(request, partnership_pk, READ)
    status = request.GET.get("status", "")
    actions = selectors.actions_for_partnership(partnership, status=status)
    page = Paginator(actions, 50).get_page(request.GET.get("page"))
    return render(request, "governance/partnership_actions.html", {
        "partnership": partnership, "page": page, "status": status, "statuses": Action.Status.choices,
        "can_record": has_partnership_perm(request.user, RECORD, partnership), "today": timezone.localdate()})


# --- Scheduling and editing -----------------------------------------------------------------------

@requires(VIEW)
def meeting_create(request, consortium_slug, partnership_pk):
    partnership = _partnership(request, partnership_pk, MANAGE)
    form = forms.MeetingForm(request.POST or None, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        meeting = _run(form, lambda: services.meeting_schedule(partnership=partnership, created_by=request.user,
                                                               **form.service_fields()))
        if meeting:
            messages.success(request, _("The meeting is planned. Add the agenda, then send the notice."))
            return redirect("meeting_detail", consortium_slug, meeting.pk)
    return _form_page(request, "governance/meeting_form.html", {"partnership": partnership}, form)


@requires(VIEW)
def meeting_edit(request, consortium_slug, pk):
    meeting = _meeting(request, pk, MANAGE)
    form = forms.MeetingForm(request.POST or None, partnership=meeting.partnership, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        done = _run(form, lambda: services.meeting_update(
            meeting=meeting, by=request.user, late_reason=form.cleaned_data.get("late_reason") or "",
            **form.service_fields()))
        if done:
            messages.success(request, _("The meeting has been saved. If its time or place changed, everyone "
                                        "invited is sent an update."))
            return _back(request, meeting)
    return _form_page(request, "governance/meeting_form.html", {"partnership": meeting.partnership,
                                                                 "meeting": meeting}, form)


@requires(VIEW)
def meeting_cancel(request, consortium_slug, pk):
    meeting = _meeting(request, pk, MANAGE)
    form = forms.CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = _run(form, lambda: services.meeting_cancel(meeting=meeting, by=request.user,
                                                          reason=form.cleaned_data["reason"]))
        if done:
            messages.success(request, _("The meeting is cancelled. Everyone who had notice is told."))
            return _back(request, meeting)
    return _form_page(request, "governance/meeting_cancel.html", {"meeting": meeting}, form)


# --- The meeting page -----------------------------------------------------------------------------

@requires(VIEW)
def meeting_detail(request, consortium_slug, pk):
    meeting = _meeting(request, pk, READ)
    context = selectors.meeting_page(meeting, request.user, request._governance_viewer)
    deadline = rules.notice_deadline(starts_at=meeting.starts_at, notice_days=meeting.partnership.notice_days)
    return render(request, "governance/meeting_detail.html", {
        "meeting": meeting, "partnership": meeting.partnership, "notice_deadline": deadline,
        "today": timezone.localdate(), **context})


@requires(VIEW)
def meeting_ics(request, consortium_slug, pk):
    meeting = _meeting(request, pk, READ)
    content = ics.meeting_invitation(meeting, consortium_slug=consortium_slug,
                                     partnership_name=meeting.partnership.name)
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response


# --- Agenda and papers ----------------------------------------------------------------------------

def _agenda_item(request, meeting: Meeting, item_pk) -> AgendaItem:
    return get_for_consortium(AgendaItem, request.consortium, pk=item_pk, meeting=meeting)


@requires(VIEW)
def agenda_item_add(request, consortium_slug, pk, item_pk=None):
    meeting = _meeting(request, pk, MANAGE)
    item = _agenda_item(request, meeting, item_pk) if item_pk else None
    form = forms.AgendaItemForm(request.POST or None, instance=item, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = _run(form, lambda: services.agenda_item_save(
            meeting=meeting, item=item, title=data["title"], description=data["description"], owner=data["owner"],
            minutes_allowed=data["minutes_allowed"], position=data.get("position")))
        if done:
            messages.success(request, _("The agenda item has been saved."))
            return _back(request, meeting, "#agenda-heading")
    return _form_page(request, "governance/agenda_item_form.html", {"meeting": meeting, "item": item}, form)


@requires(VIEW)
@require_POST
def agenda_item_delete(request, consortium_slug, pk, item_pk):
    meeting = _meeting(request, pk, MANAGE)
    item = _agenda_item(request, meeting, item_pk)
    try:
        services.agenda_item_delete(item=item)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The agenda item has been removed."))
    return _back(request, meeting, "#agenda-heading")


@requires(VIEW)
@require_POST
def agenda_agree(request, consortium_slug, pk):
    meeting = _meeting(request, pk, MANAGE)
    agreed = request.POST.get("agreed", "1") == "1"
    try:
        services.agenda_agree(meeting=meeting, by=request.user, agreed=agreed)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The agenda is agreed.") if agreed else _("The agenda is open for changes."))
    return _back(request, meeting, "#agenda-heading")


@requires(VIEW)
def paper_upload(request, consortium_slug, pk):
    meeting = _meeting(request, pk, MANAGE)
    form = forms.PaperForm(request.POST or None, request.FILES or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = _run(form, lambda: services.paper_upload(
            meeting=meeting, uploaded_by=request.user, title=data["title"], file=data["file"],
            confidentiality=data["confidentiality"], no_pupil_data_confirmed=data["no_pupil_data_confirmed"],
            agenda_item=data["agenda_item"], organisations=list(data["organisations"])))
        if done:
            messages.success(request, _("The paper has been added."))
            return _back(request, meeting, "#agenda-heading")
    return _form_page(request, "governance/paper_form.html", {"meeting": meeting}, form)


@requires(VIEW)
def paper_download(request, consortium_slug, pk):
    paper = get_for_consortium(Paper.objects.select_related("meeting__partnership", "meeting"), request.consortium,
                               pk=pk)
    meeting = paper.meeting
    _check(request, READ, meeting.partnership)
    if not selectors.paper_visible(paper, selectors.viewer_for(request.user, meeting.partnership), meeting):
        raise Http404  # a confidential paper's existence is not revealed either
    try:
        handle = paper.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=paper.filename, content_type=paper.content_type)


@requires(VIEW)
@require_POST
def paper_delete(request, consortium_slug, pk):
    paper = get_for_consortium(Paper.objects.select_related("meeting__partnership"), request.consortium, pk=pk)
    _check(request, MANAGE, paper.meeting.partnership)
    services.paper_delete(paper=paper)
    messages.success(request, _("The paper has been removed."))
    return _back(request, paper.meeting, "#agenda-heading")


# --- Notice ---------------------------------------------------------------------------------------

@requires(VIEW)
def meeting_notice(request, consortium_slug, pk):
    meeting = _meeting(request, pk, MANAGE)
    form = forms.NoticeForm(request.POST or None)
    late = rules.notice_is_late(sent_at=timezone.now(), starts_at=meeting.starts_at,
                                notice_days=meeting.partnership.notice_days)
    if request.method == "POST" and form.is_valid():
        done = _run(form, lambda: services.meeting_notice_send(meeting=meeting, by=request.user,
                                                               late_reason=form.cleaned_data["late_reason"]))
        if done:
            messages.success(request, _("The notice is on its way to everyone invited."))
            return _back(request, meeting)
    invitees = [user for user, _viewer in selectors.invitees(meeting)]
    return _form_page(request, "governance/meeting_notice.html", {
        "meeting": meeting, "late": late, "invitees": invitees,
        "days": rules.notice_days_given(sent_at=timezone.now(), starts_at=meeting.starts_at)}, form)


# --- Replies, attendance, declarations ------------------------------------------------------------

@requires(VIEW)
def meeting_reply(request, consortium_slug, pk):
    meeting = _meeting(request, pk, READ)
    current = meeting.replies.filter(user=request.user).first()
    form = forms.ReplyForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = _run(form, lambda: services.reply_record(meeting=meeting, user=request.user, **data))
        if done:
            messages.success(request, _("Your reply has been recorded."))
            return _back(request, meeting)
    return _form_page(request, "governance/reply_form.html", {"meeting": meeting}, form)


@requires(VIEW)
def attendance_record(request, consortium_slug, pk):
    meeting = _meeting(request, pk, RECORD)
    people = [user for user, _viewer in selectors.invitees(meeting)]
    existing = {a.user_id: a.status for a in Attendance.objects.for_consortium(request.consortium).filter(
        meeting=meeting, user__isnull=False)}
    if not existing:
        replies = {r.user_id: r.response for r in meeting.replies.all()}
        existing = {uid: ("apologies" if response in ("apologies", "delegate") else "present")
                    for uid, response in replies.items()}
    organisations = PartnershipMembership.objects.for_consortium(request.consortium).filter(
        partnership=meeting.partnership, left_on__isnull=True).values("organisation_id")
    from partnerships.models import Organisation

    form = forms.AttendanceForm(request.POST or None, people=people, existing=existing,
                                member_organisations=Organisation.objects.filter(pk__in=organisations))
    if request.method == "POST" and form.is_valid():
        done = _run(form, lambda: services.attendance_record(meeting=meeting, by=request.user,
                                                             people=form.people_statuses(), guests=form.guests()))
        if done:
            messages.success(request, _("Attendance has been recorded."))
            return _back(request, meeting, "#attendance-heading")
    return _form_page(request, "governance/attendance_form.html", {"meeting": meeting}, form)


@requires(VIEW)
def declaration_add(request, consortium_slug, pk):
    meeting = _meeting(request, pk, READ)
    form = forms.DeclarationForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = _run(form, lambda: services.declaration_record(meeting=meeting, user=request.user, **data))
        if done:
            messages.success(request, _("Your declaration of interest has been recorded."))
            return _back(request, meeting, "#declarations-heading")
    return _form_page(request, "governance/declaration_form.html", {"meeting": meeting}, form)


# --- Minutes, decisions, actions ------------------------------------------------------------------

@requires(VIEW)
def minutes_edit(request, consortium_slug, pk):
    meeting = _meeting(request, pk, RECORD)
    minutes = Minutes.objects.for_consortium(request.consortium).filter(meeting=meeting).first()
    form = forms.MinutesForm(request.POST or None, initial={"body": minutes.body if minutes else ""})
    if request.method == "POST" and form.is_valid():
        done = _run(form, lambda: services.minutes_save(meeting=meeting, by=request.user,
                                                        body=form.cleaned_data["body"]))
        if done:
            messages.success(request, _("The draft minutes have been saved."))
            return _back(request, meeting, "#minutes-heading")
    return _form_page(request, "governance/minutes_form.html", {"meeting": meeting, "minutes": minutes}, form)


@requires(VIEW)
def minutes_approve(request, consortium_slug, pk):
    meeting = _meeting(request, pk, MANAGE)
    minutes = get_for_consortium(Minutes, request.consortium, meeting=meeting)
    form = forms.ApproveForm(request.POST or None, meetings=selectors.later_meetings(meeting).filter(
        starts_at__lte=timezone.now()))
    if request.method == "POST" and form.is_valid():
        done = _run(form, lambda: services.minutes_approve(minutes=minutes, by=request.user,
                                                           at_meeting=form.cleaned_data["at_meeting"]))
        if done:
            messages.success(request, _("The minutes are approved and will be circulated."))
            return _back(request, meeting, "#minutes-heading")
    return _form_page(request, "governance/minutes_approve.html", {"meeting": meeting, "minutes": minutes}, form)


@requires(VIEW)
def minutes_pdf(request, consortium_slug, pk):
    meeting = _meeting(request, pk, READ)
    minutes = get_for_consortium(Minutes, request.consortium, meeting=meeting)
    if minutes.status != Minutes.Status.APPROVED and not has_partnership_perm(request.user, RECORD,
                                                                              meeting.partnership):
        raise Http404
    language = "cy" if (translation.get_language() or "en").startswith("cy") else "en"
    response = HttpResponse(services.minutes_pdf(minutes, language=language), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="minutes-{meeting.pk}-{language}.pdf"'
    return response


@requires(VIEW)
def decision_add(request, consortium_slug, pk):
    meeting = _meeting(request, pk, RECORD)
    form = forms.DecisionForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        done = _run(form, lambda: services.decision_record(meeting=meeting, by=request.user, **form.cleaned_data))
        if done:
            messages.success(request, _("The decision has been recorded."))
            return _back(request, meeting, "#decisions-heading")
    return _form_page(request, "governance/decision_form.html", {"meeting": meeting}, form)


@requires(VIEW)
def action_add(request, consortium_slug, pk):
    meeting = _meeting(request, pk, RECORD)
    form = forms.ActionForm(request.POST or None, partnership=meeting.partnership)
    if request.method == "POST" and form.is_valid():
        done = _run(form, lambda: services.action_create(partnership=meeting.partnership, meeting=meeting,
                                                         **form.cleaned_data))
        if done:
            messages.success(request, _("The action has been recorded; its owner will be reminded."))
            return _back(request, meeting, "#actions-heading")
    return _form_page(request, "governance/action_form.html", {"meeting": meeting}, form)


@requires(VIEW)
def action_edit(request, consortium_slug, pk):
    action = get_for_consortium(Action.objects.select_related("partnership", "owner", "meeting"),
                                request.consortium, pk=pk)
    action.partnership.consortium = request.consortium
    if action.owner_id != request.user.pk:
        _check(request, RECORD, action.partnership)
    form = forms.ActionStatusForm(request.POST or None, instance=action)
    if request.method == "POST" and form.is_valid():
        done = _run(form, lambda: services.action_update(action=action, by=request.user, **form.cleaned_data))
        if done:
            messages.success(request, _("The action has been updated."))
            return redirect("partnership_actions", consortium_slug, action.partnership_id)
    return _form_page(request, "governance/action_edit.html", {"action": action}, form)


# --- Rotation, elections, subscriptions ------------------------------------------------------------

@requires(VIEW)
def rotation_edit(request, consortium_slug, partnership_pk):
    partnership = _partnership(request, partnership_pk, MANAGE)
    current = {r.user_id: r.position + 1 for r in NoteTakerRotation.objects.for_consortium(request.consortium)
               .filter(partnership=partnership)}
    form = forms.RotationForm(request.POST or None, partnership=partnership, current=current)
    if request.method == "POST" and form.is_valid():
        done = _run(form, lambda: services.rotation_set(partnership=partnership, users=form.ordered_people()))
        if done:
            messages.success(request, _("The note-taker rotation has been saved."))
            return redirect("partnership_detail", consortium_slug, partnership.pk)
    return _form_page(request, "governance/rotation_form.html", {
        "partnership": partnership, "next_note_taker": selectors.next_note_taker(partnership)}, form)


@requires(VIEW)
def elections(request, consortium_slug, partnership_pk):
    partnership = _partnership(request, partnership_pk, READ)
    can_manage = has_partnership_perm(request.user, MANAGE, partnership)
    form = forms.ElectionForm(request.POST or None)
    if request.method == "POST":
        _check(request, MANAGE, partnership)
        if form.is_valid():
            election = _run(form, lambda: services.election_open(partnership=partnership, by=request.user,
                                                                 **form.cleaned_data))
            if election:
                messages.success(request, _("Nominations for chair are open."))
                return redirect("election_detail", consortium_slug, election.pk)
    return _form_page(request, "governance/elections.html", {
        "partnership": partnership, "elections": selectors.elections_for(partnership),
        "terms": selectors.terms_for(partnership), "can_manage": can_manage}, form)


@requires(VIEW)
def election_detail(request, consortium_slug, pk):
    election = get_for_consortium(Election.objects.select_related("partnership", "winner"), request.consortium,
                                  pk=pk)
    partnership = election.partnership
    _check(request, READ, partnership)
    can_manage = has_partnership_perm(request.user, MANAGE, partnership)
    from .forms import people_in

    nomination_form = forms.NominationForm(request.POST if request.POST.get("step") == "nominate" else None,
                                           candidates=people_in(partnership).filter(
                                               partnership_roles__role__in=["representative", "chair", "clerk"],
                                               partnership_roles__ended_at__isnull=True,
                                               partnership_roles__partnership=partnership).distinct())
    vote_form = forms.VoteForm(request.POST if request.POST.get("step") == "vote" else None, election=election)
    status = 200
    if request.method == "POST":
        step = request.POST.get("step")
        if step == "nominate":
            _check(request, VOTE if not can_manage else MANAGE, partnership)
            if nomination_form.is_valid() and _run(nomination_form, lambda: services.nomination_add(
                    election=election, nominee=nomination_form.cleaned_data["nominee"], by=request.user)):
                messages.success(request, _("The nomination has been recorded."))
                return redirect("election_detail", consortium_slug, election.pk)
        elif step == "vote":
            _check(request, VOTE, partnership)
            if vote_form.is_valid() and _run(vote_form, lambda: services.vote_cast(
                    election=election, voter=request.user, nomination=vote_form.cleaned_data["nomination"])):
                messages.success(request, _("Your vote has been cast. It is secret: no one can see how you voted."))
                return redirect("election_detail", consortium_slug, election.pk)
        elif step in ("open_voting", "close"):
            _check(request, MANAGE, partnership)
            service = services.election_start_voting if step == "open_voting" else services.election_close
            try:
                service(election=election, by=request.user)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("Voting is open.") if step == "open_voting" else _(
                    "The election is closed and the result recorded."))
            return redirect("election_detail", consortium_slug, election.pk)
        else:
            raise Http404
        status = 400
    return render(request, "governance/election_detail.html", {
        "election": election, "partnership": partnership, "can_manage": can_manage,
        "nomination_form": nomination_form, "vote_form": vote_form,
        "can_vote": has_partnership_perm(request.user, VOTE, partnership),
        **selectors.election_page(election, request.user)}, status=status)


@requires(VIEW)
@require_POST
def subscription_toggle(request, consortium_slug, partnership_pk):
    partnership = _partnership(request, partnership_pk, READ)
    subscribed = request.POST.get("subscribe") == "1"
    services.subscription_set(partnership=partnership, user=request.user, subscribed=subscribed)
    messages.success(request, _("You will be emailed when papers or approved minutes are published.") if subscribed
                     else _("You will no longer be emailed about new papers and minutes."))
    return redirect("partnership_detail", consortium_slug, partnership.pk)


# --- Interests ------------------------------------------------------------------------------------

@requires(VIEW)
def interests(request, consortium_slug):
    add_form = forms.StandingInterestForm(request.POST if request.POST.get("step") == "add" else None)
    confirm_form = forms.ConfirmInterestsForm(request.POST if request.POST.get("step") == "confirm" else None)
    status = 200
    if request.method == "POST":
        step = request.POST.get("step")
        if step == "add" and add_form.is_valid() and _run(add_form, lambda: services.standing_interest_add(
                consortium=request.consortium, user=request.user, **add_form.cleaned_data)):
            messages.success(request, _("The interest has been added to your register."))
            return redirect("interests", consortium_slug)
        if step == "confirm" and confirm_form.is_valid() and _run(confirm_form, lambda: services.interests_confirm(
                consortium=request.consortium, user=request.user, **confirm_form.cleaned_data)):
            messages.success(request, _("Thank you: your register of interests is confirmed for this year."))
            return redirect("interests", consortium_slug)
        if step == "end":
            from .models import StandingInterest

            interest = get_for_consortium(StandingInterest, request.consortium, pk=request.POST.get("interest"),
                                          user=request.user)
            services.standing_interest_end(interest=interest)
            messages.success(request, _("The interest has been marked as ended."))
            return redirect("interests", consortium_slug)
        status = 400
    context = selectors.interest_register(request.user, request.consortium)
    is_admin = has_consortium_perm(request.user, "consortia.administer_consortium", request.consortium)
    if is_admin:
        context["compliance"] = selectors.interests_compliance(request.consortium.pk)
    return render(request, "governance/interests.html", {**context, "add_form": add_form,
                                                         "confirm_form": confirm_form, "is_admin": is_admin},
                  status=status)


# --- Compliance, notifications, calendar feed -----------------------------------------------------

@requires("consortia.administer_consortium")
def compliance(request, consortium_slug):
    year_param = request.GET.get("year", "")
    year = int(year_param) if year_param.isdigit() and 2000 <= int(year_param) <= 2100 else None
    data = selectors.consortium_compliance(request.consortium, year)
    return render(request, "governance/compliance.html", {**data, "previous": data["year"] - 1,
                                                          "next": data["year"] + 1})


def _notification_scope(request):
    ids = selectors.managed_partnership_ids(request.user, request.consortium)
    if ids is not None and not ids:
        raise PermissionDenied
    return ids


@requires(VIEW)
def notifications(request, consortium_slug):
    ids = _notification_scope(request)
    status = request.GET.get("status", "")
    emails = selectors.notifications_for(request.user, request.consortium, status=status, partnership_ids=ids)
    page = Paginator(emails, 50).get_page(request.GET.get("page"))
    return render(request, "governance/notifications.html", {
        "page": page, "status": status, "now": timezone.now(),
        "statuses": [("planned", _("Planned")), *OutboundEmail.Status.choices],
        "notices_to_send": selectors.notices_to_send(request.consortium, ids)[:50],
    })


@requires(VIEW)
def notification_change(request, consortium_slug, pk):
    ids = _notification_scope(request)
    email = get_for_consortium(selectors.notifications_for(request.user, request.consortium, partnership_ids=ids),
                               request.consortium, pk=pk)
    form = forms.PostponeForm(request.POST if request.POST.get("step") == "postpone" else None,
                              initial={"not_before": timezone.localtime(email.not_before).strftime("%Y-%m-%dT%H:%M")})
    if request.method == "POST":
        step = request.POST.get("step")
        if step == "postpone":
            if form.is_valid() and _run(form, lambda: services.notification_postpone(
                    email=email, not_before=form.cleaned_data["not_before"])):
                messages.success(request, _("The email has been postponed."))
                return redirect("governance_notifications", consortium_slug)
        else:
            service = {"cancel": lambda: services.notification_cancel(email=email, by=request.user),
                       "retry": lambda: services.notification_retry(email=email)}.get(step)
            if service is None:
                raise Http404
            try:
                service()
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("The email has been cancelled.") if step == "cancel"
                                 else _("The email will be tried again."))
            return redirect("governance_notifications", consortium_slug)
    return _form_page(request, "governance/notification_change.html", {"email": email}, form)


@requires(VIEW)
def calendar_feed(request, consortium_slug):
    token = None
    if request.method == "POST":
        token = services.calendar_feed_reset(consortium=request.consortium, user=request.user)
        messages.success(request, _("Your new calendar address is below. Any earlier address no longer works."))
    from .models import CalendarFeed

    feed = CalendarFeed.objects.for_consortium(request.consortium).filter(user=request.user).first()
    url = request.build_absolute_uri(reverse("governance_calendar_feed", args=[token])) if token else None
    return render(request, "governance/calendar_feed.html", {"feed": feed, "url": url})


@public
def calendar_feed_public(request, token):
    """The personal calendar feed. The secret token in the address is the credential."""
    feed = services.calendar_feed_for_token(token)
    if feed is None:
        raise Http404
    user, consortium = feed.user, feed.consortium
    from consortia.selectors import active_membership

    if active_membership(user, consortium) is None and not user.is_superuser:
        raise Http404
    since = timezone.now() - dt.timedelta(days=90)
    meetings = selectors.meetings_visible_to(user, consortium).filter(starts_at__gte=since).order_by("starts_at")
    extra = [component for source in ics.FEED_SOURCES for component in source(user, consortium, since)]
    content = ics.meetings_feed(meetings[:500], consortium_slug=consortium.slug,
                                name=f"Partneriaeth – {consortium.display_name()}", extra=extra)
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    return response


# --- Panel on the partnership page ------------------------------------------------------------------

def partnership_panel(request, partnership):
    """The governance panel on the partnership page: compliance this year and the next meetings."""
    if not has_partnership_perm(request.user, READ, partnership):
        return None
    upcoming = list(selectors.meetings_base(partnership.consortium_id).filter(
        partnership=partnership, starts_at__gte=timezone.now()).exclude(status=Meeting.Status.CANCELLED)
        .order_by("starts_at")[:3])
    return {
        "governance_partnership": partnership,
        "compliance": selectors.partnership_compliance(partnership),
        "upcoming": upcoming,
        "can_manage": has_partnership_perm(request.user, MANAGE, partnership),
        "subscribed": Subscription.objects.for_consortium(partnership.consortium_id).filter(
            partnership=partnership, user=request.user).exists(),
    }
