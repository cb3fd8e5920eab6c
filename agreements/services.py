"""Every write to agreements: drafting, publishing, parties, responses and reminders."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from consortia import dates
from consortia.models import Membership
from consortia.outbox import outbox_enqueue
from consortia.scoping import require_same_consortium
from partnerships.models import Organisation, Partnership, PartnershipMembership
from partnerships.selectors import has_partnership_perm

from . import selectors
from .models import (
    AgreementParty,
    AgreementResponse,
    AgreementSection,
    AgreementTemplate,
    AgreementVersion,
    BoundRole,
    PartyStatus,
    roles_bound_by,
)

User = get_user_model()

REQUEST_PURPOSE = "agreement_request"
REMINDER_PURPOSE = selectors.REMINDER_PURPOSE
ANSWER_PURPOSE = "agreement_challenge_answer"

REQUEST_SUBJECT = gettext_lazy("Please accept: %(title)s (version %(number)s)")
REMINDER_SUBJECT = gettext_lazy("Reminder: please accept %(title)s (version %(number)s)")
ANSWER_SUBJECT = gettext_lazy("Your challenge to %(title)s (version %(number)s) has been answered")


def _locked(version: AgreementVersion) -> AgreementVersion:
    # The template row is the lock for all its versions, always taken first: two editors publishing
    # or drafting at once queue up instead of both superseding or both numbering "v3".
    AgreementTemplate.objects.select_for_update().filter(
        consortium_id=version.consortium_id, pk=version.template_id).first()
    return AgreementVersion.objects.select_for_update(of=("self",)).select_related("template__partnership").get(
        consortium_id=version.consortium_id, pk=version.pk)


def _refuse_unless_draft(version: AgreementVersion) -> None:
    if not version.is_draft:
        raise ValidationError(_("Version %(number)s has been published and cannot be changed. "
                                "Draft the next version instead.") % {"number": version.number})


def _refuse_unless_current(version: AgreementVersion) -> None:
    if not version.is_published:
        raise ValidationError(_("Only the current published version of an agreement can be responded to."))


def _site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def version_url(version: AgreementVersion) -> str:
    return _site_url(reverse("agreement_version", args=[version.template.partnership.consortium.slug, version.pk]))


# --- Drafting -------------------------------------------------------------------------------------

@transaction.atomic
def template_create(*, partnership: Partnership, title: str, title_cy: str = "", reminder_cadence_days: int = 7,
                    challenge_window_days: int = 14, intro: str = "", intro_cy: str = "") -> AgreementTemplate:
    """Create an agreement for a partnership, with an empty draft of version 1 to write it in."""
    title = title.strip()
    if AgreementTemplate.objects.filter(consortium_id=partnership.consortium_id, partnership=partnership,
                                        title=title).exists():
        raise ValidationError({"title": _("This partnership already has an agreement with that title.")})
    template = AgreementTemplate(
        consortium_id=partnership.consortium_id, partnership=partnership, title=title, title_cy=title_cy.strip(),
        reminder_cadence_days=reminder_cadence_days, challenge_window_days=challenge_window_days,
    )
    template.full_clean()
    template.save()
    AgreementVersion.objects.create(consortium_id=template.consortium_id, template=template, number=1,
                                    intro=intro, intro_cy=intro_cy)
    return template


@transaction.atomic
def template_update(*, template: AgreementTemplate, title: str, title_cy: str = "", reminder_cadence_days: int,
                    challenge_window_days: int) -> AgreementTemplate:
    """Change the agreement's name and timings. The text lives in versions, so no version changes."""
    title = title.strip()
    if AgreementTemplate.objects.filter(consortium_id=template.consortium_id, partnership_id=template.partnership_id,
                                        title=title).exclude(pk=template.pk).exists():
        raise ValidationError({"title": _("This partnership already has an agreement with that title.")})
    template.title, template.title_cy = title, title_cy.strip()
    template.reminder_cadence_days, template.challenge_window_days = reminder_cadence_days, challenge_window_days
    template.full_clean()
    template.save()
    return template


@transaction.atomic
def version_draft_next(*, template: AgreementTemplate) -> AgreementVersion:
    """The draft of the next version, started from the latest one; the existing draft if there is one."""
    AgreementTemplate.objects.select_for_update().filter(consortium_id=template.consortium_id,
                                                         pk=template.pk).first()
    versions = AgreementVersion.objects.filter(consortium_id=template.consortium_id, template=template)
    draft = versions.filter(status=AgreementVersion.Status.DRAFT).first()
    if draft is not None:
        return draft
    latest = versions.order_by("-number").first()
    draft = AgreementVersion.objects.create(
        consortium_id=template.consortium_id, template=template, number=(latest.number + 1) if latest else 1,
        intro=latest.intro if latest else "", intro_cy=latest.intro_cy if latest else "",
    )
    if latest is not None:
        AgreementSection.objects.bulk_create([
            AgreementSection(consortium_id=draft.consortium_id, version=draft, role=s.role, heading=s.heading,
                             heading_cy=s.heading_cy, body=s.body, body_cy=s.body_cy, position=s.position)
            for s in latest.sections.all()
        ])
        AgreementParty.objects.bulk_create([
            AgreementParty(consortium_id=draft.consortium_id, version=draft, kind=p.kind,
                           organisation_id=p.organisation_id, user_id=p.user_id, role=p.role)
            for p in latest.parties.filter(bound_as_member=False)
        ])
    return draft


@transaction.atomic
def version_update(*, version: AgreementVersion, intro: str, intro_cy: str = "") -> AgreementVersion:
    version = _locked(version)
    _refuse_unless_draft(version)
    version.intro, version.intro_cy = intro, intro_cy
    version.save(update_fields=["intro", "intro_cy"])
    return version


@transaction.atomic
def section_save(*, version: AgreementVersion, role: str, heading: str, body: str, heading_cy: str = "",
                 body_cy: str = "", position: int | None = None,
                 section: AgreementSection | None = None) -> AgreementSection:
    """Add a section to a draft, or change one of its sections."""
    version = _locked(version)
    _refuse_unless_draft(version)
    if section is not None and (section.version_id != version.pk or section.consortium_id != version.consortium_id):
        raise ValidationError(_("That section belongs to another version."))
    if position is None:
        position = section.position if section else version.sections.count()
    section = section or AgreementSection(consortium_id=version.consortium_id, version=version)
    section.role, section.heading, section.heading_cy = role, heading.strip(), heading_cy.strip()
    section.body, section.body_cy, section.position = body.strip(), body_cy.strip(), position
    section.full_clean()
    section.save()
    return section


@transaction.atomic
def section_delete(*, section: AgreementSection) -> None:
    version = _locked(section.version)
    _refuse_unless_draft(version)
    AgreementSection.objects.filter(consortium_id=section.consortium_id, pk=section.pk).delete()


@transaction.atomic
def party_add(*, version: AgreementVersion, role: str, organisation: Organisation | None = None,
              user=None) -> AgreementParty:
    """Bind an organisation or a person to a draft version in a role."""
    version = _locked(version)
    _refuse_unless_draft(version)
    if (organisation is None) == (user is None):
        raise ValidationError(_("Choose either an organisation or a person."))
    if role not in BoundRole.values:
        raise ValidationError({"role": _("Choose a role from the list.")})
    require_same_consortium(version.consortium_id, organisation)
    if user is not None and not Membership.objects.filter(consortium_id=version.consortium_id, user=user,
                                                          is_active=True).exists():
        raise ValidationError({"user": _("This person is not part of this consortium.")})
    duplicate = AgreementParty.objects.filter(consortium_id=version.consortium_id, version=version, role=role)
    if duplicate.filter(organisation=organisation, user=user).exists():
        raise ValidationError(_("They are already bound in that role."))
    return AgreementParty.objects.create(
        consortium_id=version.consortium_id, version=version, role=role, organisation=organisation, user=user,
        kind=AgreementParty.Kind.ORGANISATION if organisation is not None else AgreementParty.Kind.PERSON,
    )


@transaction.atomic
def party_remove(*, party: AgreementParty) -> None:
    version = _locked(party.version)
    _refuse_unless_draft(version)
    AgreementParty.objects.filter(consortium_id=party.consortium_id, pk=party.pk).delete()


@transaction.atomic
def version_publish(*, version: AgreementVersion, by) -> AgreementVersion:
    """Publish a draft: it supersedes the current version and every party is asked to accept it.

    Acceptances of earlier versions stay in their history but do not count for this one.
    """
    version = _locked(version)
    _refuse_unless_draft(version)
    if not version.sections.exists():
        raise ValidationError(_("Add at least one section before publishing."))
    now = timezone.now()
    for previous in AgreementVersion.objects.filter(
        consortium_id=version.consortium_id, template_id=version.template_id,
        status=AgreementVersion.Status.PUBLISHED,
    ):
        # Saved row by row (not a bulk update) so the change history records the supersession.
        previous.status, previous.superseded_at = AgreementVersion.Status.SUPERSEDED, now
        previous.save(update_fields=["status", "superseded_at"])
    version.status, version.published_at, version.published_by = AgreementVersion.Status.PUBLISHED, now, by
    version.save(update_fields=["status", "published_at", "published_by"])
    _bind_member_organisations(version)
    _ask_to_accept(version)
    return version


def _bind_member_organisations(version: AgreementVersion) -> None:
    today = timezone.localdate()
    members = PartnershipMembership.objects.filter(
        consortium_id=version.consortium_id, partnership_id=version.template.partnership_id, joined_on__lte=today,
    ).exclude(left_on__lte=today).values_list("organisation_id", flat=True)
    bound = set(AgreementParty.objects.filter(
        consortium_id=version.consortium_id, version=version, role=BoundRole.SCHOOL, organisation__isnull=False,
    ).values_list("organisation_id", flat=True))
    AgreementParty.objects.bulk_create([
        AgreementParty(consortium_id=version.consortium_id, version=version, kind=AgreementParty.Kind.ORGANISATION,
                       organisation_id=organisation_id, role=BoundRole.SCHOOL, bound_as_member=True)
        for organisation_id in sorted(set(members) - bound)
    ])


def _email(*, version: AgreementVersion, user, parties: list, purpose: str, sequence: int, template: str,
           subject, extra: dict | None = None):
    language = user.preferred_language or "en"
    with translation.override(language):
        context = {
            "version": version, "person": user, "parties": parties, "url": version_url(version),
            "title": version.template.display_title(language),
            "partnership_name": version.template.partnership.display_name(language),
            "challenge_deadline": version.challenge_deadline(), **(extra or {}),
        }
        return outbox_enqueue(
            consortium=version.template.partnership.consortium, recipient=user.email, language=language,
            purpose=purpose, about=version, version=sequence,
            subject=str(subject) % {"title": context["title"], "number": version.number},
            body_text=render_to_string(f"agreements/email/{template}.txt", context),
            body_html=render_to_string(f"agreements/email/{template}.html", context),
        )


def _ask_to_accept(version: AgreementVersion) -> None:
    parties = list(selectors.parties_with_status(version))
    for user, theirs in selectors.recipients_for(version, parties):
        _email(version=version, user=user, parties=theirs, purpose=REQUEST_PURPOSE, sequence=version.number,
               template="request", subject=REQUEST_SUBJECT)


# --- Responses ------------------------------------------------------------------------------------

def _locked_party(party: AgreementParty) -> AgreementParty:
    # One response at a time per party, so two clicks cannot both accept.
    return AgreementParty.objects.select_for_update(of=("self",)).select_related(
        "version__template__partnership__consortium", "organisation", "user",
    ).get(consortium_id=party.consortium_id, pk=party.pk)


def _refuse_unless_entitled(*, user, party: AgreementParty) -> None:
    if not selectors.can_act_for(user, party):
        raise PermissionDenied(_("You cannot respond for this party."))


def _respond(*, party: AgreementParty, user, kind: str, **fields) -> AgreementResponse:
    return AgreementResponse.objects.create(
        consortium_id=party.consortium_id, party=party, version_id=party.version_id, kind=kind, by=user,
        on_behalf_of_id=party.organisation_id, at=timezone.now(), **fields,
    )


def party_text(*, party: AgreementParty, language: str = "en") -> str:
    """The exact text that binds this party at its version, as the person accepting reads it."""
    version = party.version
    sections = [s for s in version.sections.all() if s.role in roles_bound_by(party.role)]
    with translation.override(language):
        return render_to_string("agreements/text/party.txt", {
            "version": version, "party": party, "sections": sections, "language": language,
            "title": version.template.display_title(language),
            "partnership_name": version.template.partnership.display_name(language),
        }).strip() + "\n"


@transaction.atomic
def agreement_accept(*, party: AgreementParty, user, language: str = "en") -> AgreementResponse:
    """Record that `user` accepts the version for the party, keeping the exact text they accepted."""
    party = _locked_party(party)
    _refuse_unless_current(party.version)
    _refuse_unless_entitled(user=user, party=party)
    if selectors.party_status(party) == PartyStatus.ACCEPTED:
        raise ValidationError(_("This has already been accepted."))
    language = "cy" if language.startswith("cy") else "en"
    return _respond(party=party, user=user, kind=AgreementResponse.Kind.ACCEPT, language=language,
                    text_accepted=party_text(party=party, language=language))


@transaction.atomic
def agreement_challenge(*, party: AgreementParty, user, reason: str, now: dt.datetime | None = None,
                        language: str = "en") -> AgreementResponse:
    """Challenge the version, with a reason, while its challenge window is open."""
    party = _locked_party(party)
    _refuse_unless_current(party.version)
    _refuse_unless_entitled(user=user, party=party)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why you challenge the agreement.")})
    deadline = party.version.challenge_deadline()
    if (now or timezone.now()) > deadline:
        raise ValidationError(_("The time to challenge this version ended on %(date)s.")
                              % {"date": date_format(timezone.localtime(deadline), "j F Y")})
    if AgreementResponse.objects.filter(consortium_id=party.consortium_id, party=party,
                                        kind=AgreementResponse.Kind.CHALLENGE, answered_at__isnull=True).exists():
        raise ValidationError(_("Your challenge is still waiting for an answer."))
    return _respond(party=party, user=user, kind=AgreementResponse.Kind.CHALLENGE, reason=reason,
                    language="cy" if language.startswith("cy") else "en")


@transaction.atomic
def challenge_answer(*, response: AgreementResponse, by, answer: str) -> AgreementResponse:
    """Answer a challenge; the person who raised it is emailed the answer."""
    response = AgreementResponse.objects.select_for_update(of=("self",)).select_related(
        "version__template__partnership__consortium", "party__organisation", "by",
    ).get(consortium_id=response.consortium_id, pk=response.pk)
    if response.kind != AgreementResponse.Kind.CHALLENGE:
        raise ValidationError(_("Only a challenge can be answered."))
    if not has_partnership_perm(by, "partnerships.change_partnership", response.version.template.partnership):
        raise PermissionDenied(_("Only the partnership's chair or a consortium admin can answer a challenge."))
    if response.answered_at is not None:
        raise ValidationError(_("This challenge has already been answered."))
    answer = answer.strip()
    if not answer:
        raise ValidationError({"answer": _("Write the answer.")})
    response.answer, response.answered_by, response.answered_at = answer, by, timezone.now()
    response.save(update_fields=["answer", "answered_by", "answered_at"])
    _email(version=response.version, user=response.by, parties=[response.party], purpose=ANSWER_PURPOSE,
           sequence=response.pk, template="answer", subject=ANSWER_SUBJECT,
           extra={"challenge": response})
    return response


@transaction.atomic
def agreement_withdraw(*, party: AgreementParty, user, reason: str = "") -> AgreementResponse:
    """Withdraw the party's acceptance (or challenge) of the current version."""
    party = _locked_party(party)
    _refuse_unless_current(party.version)
    _refuse_unless_entitled(user=user, party=party)
    if selectors.party_status(party) not in (PartyStatus.ACCEPTED, PartyStatus.CHALLENGED):
        raise ValidationError(_("There is no acceptance or challenge to withdraw."))
    return _respond(party=party, user=user, kind=AgreementResponse.Kind.WITHDRAW, reason=reason.strip())


# --- Reminders ------------------------------------------------------------------------------------

@transaction.atomic
def reminders_postpone(*, version: AgreementVersion, until: dt.datetime) -> AgreementVersion:
    dates.POSTPONEMENT.check(until, field="until")
    version = _locked(version)
    _refuse_unless_current(version)
    if until <= timezone.now():
        raise ValidationError({"until": _("Choose a date in the future.")})
    version.reminders_paused_until = until
    version.save(update_fields=["reminders_paused_until"])
    return version


@transaction.atomic
def reminders_cancel(*, version: AgreementVersion) -> AgreementVersion:
    version = _locked(version)
    _refuse_unless_current(version)
    version.reminders_cancelled = True
    version.save(update_fields=["reminders_cancelled"])
    return version


@transaction.atomic
def reminders_resume(*, version: AgreementVersion) -> AgreementVersion:
    version = _locked(version)
    _refuse_unless_current(version)
    version.reminders_cancelled, version.reminders_paused_until = False, None
    version.save(update_fields=["reminders_cancelled", "reminders_paused_until"])
    return version


def version_reminders_send(*, version: AgreementVersion, now: dt.datetime | None = None) -> int:
    """Remind every party still pending, once per cadence window; returns how many emails were queued.

    NOTE: the outbox key's version is the window number, so running this again in the same window
    finds the emails already there and sends nothing.
    """
    now = now or timezone.now()
    version = AgreementVersion.objects.select_related("template__partnership__consortium").get(
        consortium_id=version.consortium_id, pk=version.pk)
    if not selectors.reminders_active(version, now):
        return 0
    window = selectors.reminder_window(version, now)
    if window < 1:  # the request to accept went out in this window
        return 0
    pending = list(selectors.parties_with_status(version).filter(status=PartyStatus.PENDING))
    queued = 0
    with transaction.atomic():
        for user, theirs in selectors.recipients_for(version, pending):
            _email_row, created = _email(
                version=version, user=user, parties=theirs, purpose=REMINDER_PURPOSE, sequence=window,
                template="reminder", subject=REMINDER_SUBJECT,
            )
            queued += created
    return queued
