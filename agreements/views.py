"""Agreement pages: thin views that resolve, check permission, call a service or selector, render.

Every view opens with `requires("consortia.view_consortium")`; the finer rights (being a party,
seeing the partnership, managing it) are checked inside and refused with 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.dateformat import format as date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from consortia.forms import add_service_errors, show_refusal
from consortia.permissions import has_consortium_perm, requires
from consortia.scoping import get_for_consortium
from partnerships.models import Organisation, Partnership, PartnershipUserObjectPermission

from . import selectors, services
from .forms import (
    AcceptForm,
    AnswerForm,
    ChallengeForm,
    IntroForm,
    PartyAddForm,
    PostponeForm,
    SectionForm,
    TemplateCreateForm,
    TemplateForm,
    WithdrawForm,
)
from .models import (
    AgreementParty,
    AgreementResponse,
    AgreementSection,
    AgreementTemplate,
    AgreementVersion,
    PartyStatus,
)

User = get_user_model()
VIEW = "consortia.view_consortium"


# --- Lookups and checks ---------------------------------------------------------------------------

def _template(request, pk) -> AgreementTemplate:
    template = get_for_consortium(AgreementTemplate.objects.select_related("partnership"), request.consortium, pk=pk)
    template.partnership.consortium = request.consortium
    return template


def _version(request, pk) -> AgreementVersion:
    version = get_for_consortium(
        AgreementVersion.objects.select_related("template__partnership", "published_by"), request.consortium, pk=pk)
    version.template.partnership.consortium = request.consortium
    return version


def _require_manage(request, partnership: Partnership) -> None:
    if not selectors.can_manage(request.user, partnership):
        raise PermissionDenied


def _require_view(request, version: AgreementVersion) -> None:
    if not selectors.can_view_version(request.user, version):
        raise PermissionDenied


def _require_post(request):
    return None if request.method == "POST" else HttpResponseNotAllowed(["POST"])


def _managed_partnerships(request):
    partnerships = Partnership.objects.for_consortium(request.consortium).order_by("name")
    if has_consortium_perm(request.user, "consortia.administer_consortium", request.consortium):
        return partnerships
    return partnerships.filter(pk__in=PartnershipUserObjectPermission.objects.filter(
        consortium=request.consortium, user=request.user, permission__codename="change_partnership",
    ).values("content_object_id"))


def _language() -> str:
    return "cy" if (get_language() or "en").startswith("cy") else "en"


# --- Lists and the agreement ----------------------------------------------------------------------

@requires(VIEW)
def agreement_list(request, consortium_slug):
    templates = selectors.agreements_visible_to(request.user, request.consortium)
    query = request.GET.get("q", "").strip()
    if query:
        templates = templates.filter(Q(title__icontains=query) | Q(title_cy__icontains=query))
    page = Paginator(templates, 25).get_page(request.GET.get("page"))
    return render(request, "agreements/list.html", {
        "page": page, "query": query,
        "awaiting": selectors.agreements_awaiting(request.user, request.consortium)[:20],
        "can_create": _managed_partnerships(request).exists(),
    })


@requires(VIEW)
def agreement_create(request, consortium_slug):
    partnerships = _managed_partnerships(request)
    if not partnerships.exists():
        raise PermissionDenied
    form = TemplateCreateForm(request.POST or None, partnerships=partnerships)
    if request.method == "POST" and form.is_valid():
        try:
            template = services.template_create(**form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Agreement created. Write version 1, then publish it."))
            return redirect("agreement_version_edit", consortium_slug=consortium_slug,
                            pk=template.versions.get().pk)
    return render(request, "agreements/create.html", {"form": form}, status=400 if form.errors else 200)


@requires(VIEW)
def agreement_detail(request, consortium_slug, pk):
    template = _template(request, pk)
    manager = selectors.can_manage(request.user, template.partnership)
    versions = list(selectors.template_versions(template))
    if not manager:
        versions = [v for v in versions if not v.is_draft]
        visible = [v for v in versions if v.is_published] or versions[:1]
        if not visible or not selectors.can_view_version(request.user, visible[0]):
            raise PermissionDenied
    return render(request, "agreements/detail.html", {
        "template": template, "versions": versions, "can_manage": manager,
        "draft": next((v for v in versions if v.is_draft), None),
    })


@requires(VIEW)
def agreement_settings(request, consortium_slug, pk):
    template = _template(request, pk)
    _require_manage(request, template.partnership)
    initial = {name: getattr(template, name) for name in TemplateForm.base_fields}
    form = TemplateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.template_update(template=template, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The agreement's settings are saved."))
            return redirect("agreement_detail", consortium_slug=consortium_slug, pk=template.pk)
    return render(request, "agreements/settings.html", {"form": form, "template": template},
                  status=400 if form.errors else 200)


@requires(VIEW)
def agreement_draft_next(request, consortium_slug, pk):
    template = _template(request, pk)
    _require_manage(request, template.partnership)
    if (refused := _require_post(request)) is not None:
        return refused
    draft = services.version_draft_next(template=template)
    messages.success(request, _("Version %(number)s is a draft: change it, then publish it.") % {
        "number": draft.number})
    return redirect("agreement_version_edit", consortium_slug=consortium_slug, pk=draft.pk)


# --- Reading and responding -----------------------------------------------------------------------

def _version_page(request, version: AgreementVersion, *, status: int = 200, **forms):
    language = _language()
    mine = list(selectors.parties_for_user(request.user, version))
    open_to_respond = version.is_published
    challenge_open = open_to_respond and timezone.now() <= version.challenge_deadline()
    can_accept = [p for p in mine if p.status != PartyStatus.ACCEPTED]
    can_withdraw = [p for p in mine if p.status in (PartyStatus.ACCEPTED, PartyStatus.CHALLENGED)]
    context = {
        "version": version, "template": version.template, "language": language,
        "title": version.template.display_title(language),
        "sections": [(s, s.display_heading(language), s.commitments(language)) for s in version.sections.all()],
        "mine": mine, "history": list(selectors.version_history(version, [p.pk for p in mine])),
        "open_to_respond": open_to_respond, "challenge_open": challenge_open,
        "can_manage": selectors.can_manage(request.user, version.template.partnership),
        "accept_form": (forms.get("accept_form") or AcceptForm(prefix="accept", parties=can_accept))
        if open_to_respond and can_accept else None,
        "challenge_form": (forms.get("challenge_form") or ChallengeForm(prefix="challenge", parties=mine))
        if challenge_open and mine else None,
        "withdraw_form": (forms.get("withdraw_form") or WithdrawForm(prefix="withdraw", parties=can_withdraw))
        if open_to_respond and can_withdraw else None,
    }
    for name, form in forms.items():
        if context[name] is None:  # the step is done or closed: the page no longer shows its form
            show_refusal(request, form)
    return render(request, "agreements/version.html", context, status=status)


@requires(VIEW)
def agreement_version(request, consortium_slug, pk):
    version = _version(request, pk)
    _require_view(request, version)
    return _version_page(request, version)


def _respond(request, pk, *, form_class, prefix: str, service, success: str, fields=()):
    version = _version(request, pk)
    _require_view(request, version)
    if (refused := _require_post(request)) is not None:
        return refused
    mine = list(selectors.parties_for_user(request.user, version))
    form = form_class(request.POST, prefix=prefix, parties=mine)
    if form.is_valid():
        # Any party of this version may be named; the service refuses (403) one the person cannot speak for.
        party = get_for_consortium(AgreementParty, request.consortium, pk=form.cleaned_data["party"],
                                   version=version)
        try:
            service(party=party, user=request.user, **{name: form.cleaned_data[name] for name in fields})
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, success)
            return redirect("agreement_version", consortium_slug=request.consortium.slug, pk=version.pk)
    return _version_page(request, version, status=400, **{f"{prefix}_form": form})


@requires(VIEW)
def agreement_accept(request, consortium_slug, pk):
    language = _language()
    return _respond(request, pk, form_class=AcceptForm, prefix="accept",
                    service=lambda **kw: services.agreement_accept(language=language, **kw),
                    success=_("Thank you: your acceptance is recorded."))


@requires(VIEW)
def agreement_challenge(request, consortium_slug, pk):
    language = _language()
    return _respond(request, pk, form_class=ChallengeForm, prefix="challenge", fields=("reason",),
                    service=lambda **kw: services.agreement_challenge(language=language, **kw),
                    success=_("Your challenge is recorded. The partnership will answer it."))


@requires(VIEW)
def agreement_withdraw(request, consortium_slug, pk):
    return _respond(request, pk, form_class=WithdrawForm, prefix="withdraw", fields=("reason",),
                    service=services.agreement_withdraw, success=_("Your withdrawal is recorded."))


@requires(VIEW)
def agreement_pdf(request, consortium_slug, pk):
    import weasyprint

    version = _version(request, pk)
    _require_view(request, version)
    language = "cy" if request.GET.get("lang", _language()).startswith("cy") else "en"
    partnership = version.template.partnership
    full_record = selectors.can_manage(request.user, partnership) or selectors.has_partnership_perm(
        request.user, "partnerships.view_partnership", partnership)
    parties = (selectors.parties_with_status(version) if full_record
               else selectors.parties_for_user(request.user, version))
    with translation.override(language):
        html = render_to_string("agreements/pdf/version.html", {
            "version": version, "template": version.template, "language": language,
            "title": version.template.display_title(language),
            "partnership_name": partnership.display_name(language),
            "sections": [(s, s.display_heading(language), s.commitments(language)) for s in version.sections.all()],
            "parties": list(parties), "generated_at": timezone.now(),
        }, request=request)
    pdf = weasyprint.HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"agreement-{version.template_id}-v{version.number}-{language}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- Drafting ---------------------------------------------------------------------------------------

def _edit_page(request, version: AgreementVersion, *, status: int = 200, intro_form=None, party_form=None):
    consortium = request.consortium
    return render(request, "agreements/version_edit.html", {
        "version": version, "template": version.template,
        "sections": list(version.sections.all()),
        "parties": list(selectors.parties_with_status(version)),
        "member_count": version.template.partnership.memberships.filter(
            consortium_id=consortium.pk, left_on__isnull=True).count(),
        "intro_form": intro_form or IntroForm(initial={"intro": version.intro, "intro_cy": version.intro_cy}),
        "party_form": party_form or _party_form(request, version),
    }, status=status)


def _party_form(request, version, data=None) -> PartyAddForm:
    return PartyAddForm(
        data, prefix="party",
        organisations=Organisation.objects.for_consortium(request.consortium).order_by("name"),
        people=User.objects.filter(memberships__consortium=request.consortium, memberships__is_active=True)
        .order_by("full_name", "email"),
    )


def _draft(request, pk) -> AgreementVersion:
    version = _version(request, pk)
    _require_manage(request, version.template.partnership)
    return version


@requires(VIEW)
def agreement_version_edit(request, consortium_slug, pk):
    version = _draft(request, pk)
    if not version.is_draft:
        messages.info(request, _("This version is published and cannot be changed. Draft the next version."))
        return redirect("agreement_detail", consortium_slug=consortium_slug, pk=version.template_id)
    form = IntroForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.version_update(version=version, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The introduction is saved."))
            return redirect("agreement_version_edit", consortium_slug=consortium_slug, pk=version.pk)
    return _edit_page(request, version, intro_form=form if request.method == "POST" else None,
                      status=400 if form.errors else 200)


@requires(VIEW)
def agreement_section_add(request, consortium_slug, pk):
    version = _draft(request, pk)
    return _section_form(request, version, None)


@requires(VIEW)
def agreement_section_edit(request, consortium_slug, pk):
    section = get_for_consortium(AgreementSection, request.consortium, pk=pk)
    version = _draft(request, section.version_id)
    return _section_form(request, version, section)


def _section_form(request, version, section):
    initial = {name: getattr(section, name) for name in SectionForm.base_fields} if section else {}
    form = SectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.section_save(version=version, section=section, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The section is saved."))
            return redirect("agreement_version_edit", consortium_slug=request.consortium.slug, pk=version.pk)
    return render(request, "agreements/section_form.html", {"form": form, "version": version, "section": section},
                  status=400 if form.errors else 200)


@requires(VIEW)
def agreement_section_delete(request, consortium_slug, pk):
    section = get_for_consortium(AgreementSection, request.consortium, pk=pk)
    version = _draft(request, section.version_id)
    error = None
    if request.method == "POST":
        try:
            services.section_delete(section=section)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(request, _("The section is removed."))
            return redirect("agreement_version_edit", consortium_slug=consortium_slug, pk=version.pk)
    return render(request, "agreements/section_delete.html", {"section": section, "version": version,
                                                              "error": error}, status=400 if error else 200)


@requires(VIEW)
def agreement_party_add(request, consortium_slug, pk):
    version = _draft(request, pk)
    if (refused := _require_post(request)) is not None:
        return refused
    form = _party_form(request, version, request.POST)
    if form.is_valid():
        try:
            services.party_add(version=version, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The party is added."))
            return redirect("agreement_version_edit", consortium_slug=consortium_slug, pk=version.pk)
    return _edit_page(request, version, party_form=form, status=400)


@requires(VIEW)
def agreement_party_remove(request, consortium_slug, pk):
    party = get_for_consortium(AgreementParty, request.consortium, pk=pk)
    version = _draft(request, party.version_id)
    if (refused := _require_post(request)) is not None:
        return refused
    try:
        services.party_remove(party=party)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("The party is removed."))
    return redirect("agreement_version_edit", consortium_slug=consortium_slug, pk=version.pk)


@requires(VIEW)
def agreement_publish(request, consortium_slug, pk):
    version = _draft(request, pk)
    error = None
    if request.method == "POST":
        try:
            services.version_publish(version=version, by=request.user)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(request, _("Version %(number)s is published. Everyone it binds is asked to accept it.")
                             % {"number": version.number})
            return redirect("agreement_dashboard", consortium_slug=consortium_slug, pk=version.pk)
    return render(request, "agreements/publish.html", {
        "version": version, "error": error,
        "party_count": version.parties.count(),
        "member_count": version.template.partnership.memberships.filter(
            consortium_id=request.consortium.pk, left_on__isnull=True).count(),
    }, status=400 if error else 200)


# --- Managing acceptance --------------------------------------------------------------------------

def _dashboard_page(request, version, *, status: int = 200, answer_forms=None, postpone_form=None):
    state = request.GET.get("status", "")
    dashboard = selectors.acceptance_dashboard(version, status=state)
    page = Paginator(dashboard.parties, 50).get_page(request.GET.get("page"))
    answer_forms = answer_forms or {}
    challenges = [(c, answer_forms.get(c.pk) or AnswerForm(auto_id=f"id_answer_{c.pk}_%s"))
                  for c in dashboard.challenges]
    # A form the page will not show (an answered challenge, reminders of a version not published) says why here.
    shown = {c.pk for c in dashboard.challenges if not c.answered_at}
    for challenge_pk, form in answer_forms.items():
        if challenge_pk not in shown:
            show_refusal(request, form)
    if postpone_form is not None and version.status != AgreementVersion.Status.PUBLISHED:
        show_refusal(request, postpone_form)
    return render(request, "agreements/dashboard.html", {
        "version": version, "template": version.template, "dashboard": dashboard, "page": page,
        "status": state, "statuses": PartyStatus.choices, "challenges": challenges,
        "reminders": dashboard.reminders, "postpone_form": postpone_form or PostponeForm(),
        "recipients_shown": dashboard.reminders.recipients[:20],
    }, status=status)


@requires(VIEW)
def agreement_dashboard(request, consortium_slug, pk):
    version = _version(request, pk)
    _require_manage(request, version.template.partnership)
    return _dashboard_page(request, version)


@requires(VIEW)
def agreement_challenge_answer(request, consortium_slug, pk):
    challenge = get_for_consortium(AgreementResponse.objects.filter(kind=AgreementResponse.Kind.CHALLENGE),
                                   request.consortium, pk=pk)
    version = _version(request, challenge.version_id)
    _require_manage(request, version.template.partnership)
    if (refused := _require_post(request)) is not None:
        return refused
    form = AnswerForm(request.POST, auto_id=f"id_answer_{challenge.pk}_%s")
    if form.is_valid():
        try:
            services.challenge_answer(response=challenge, by=request.user, answer=form.cleaned_data["answer"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your answer is recorded and sent."))
            return redirect("agreement_dashboard", consortium_slug=consortium_slug, pk=version.pk)
    return _dashboard_page(request, version, status=400, answer_forms={challenge.pk: form})


@requires(VIEW)
def agreement_reminders(request, consortium_slug, pk):
    version = _version(request, pk)
    _require_manage(request, version.template.partnership)
    if (refused := _require_post(request)) is not None:
        return refused
    action = request.POST.get("action")
    form = PostponeForm(request.POST if action == "postpone" else None)
    try:
        if action == "postpone":
            if not form.is_valid():
                return _dashboard_page(request, version, status=400, postpone_form=form)
            services.reminders_postpone(version=version, until=form.until_datetime())
            messages.success(request, _("Reminders are paused until %(date)s.") % {
                "date": date_format(form.cleaned_data["until"], "j F Y")})
        elif action == "cancel":
            services.reminders_cancel(version=version)
            messages.success(request, _("Reminders are cancelled for this version."))
        elif action == "resume":
            services.reminders_resume(version=version)
            messages.success(request, _("Reminders will be sent again."))
        else:
            add_service_errors(form, ValidationError(_("Choose what to do with the reminders.")))
            return _dashboard_page(request, version, status=400, postpone_form=form)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return _dashboard_page(request, version, status=400, postpone_form=form)
    return redirect("agreement_dashboard", consortium_slug=consortium_slug, pk=version.pk)


def partnership_panel(request, partnership: Partnership) -> dict | None:
    """The agreements panel on the partnership page: each agreement and how far acceptance has got."""
    if not selectors.has_partnership_perm(request.user, "partnerships.view_partnership", partnership):
        return None
    return {
        "agreements_partnership": partnership,
        "agreements": list(selectors.partnership_agreements(partnership)),
        "can_manage": selectors.can_manage(request.user, partnership),
    }
