"""The note-taker rotation, elections for chair, secret votes, and chairs' terms of office."""

from __future__ import annotations

import datetime as dt
import uuid

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from partnerships.models import Partnership, PartnershipRole
from partnerships.services import partnership_role_end, partnership_role_grant

from .. import selectors
from ..models import BallotReceipt, Election, Nomination, NoteTakerRotation, OfficeTerm, Vote
from ._common import TERM_ENDING, _enqueue, _officer_ok, _site

# --- Note-taker rotation --------------------------------------------------------------------------

@transaction.atomic
def rotation_set(*, partnership: Partnership, users: list) -> list[NoteTakerRotation]:
    for user in users:
        _officer_ok(partnership, user)
    if len({u.pk for u in users}) != len(users):
        raise ValidationError(_("Name each person once in the rotation."))
    NoteTakerRotation.objects.filter(consortium_id=partnership.consortium_id, partnership=partnership).delete()
    return NoteTakerRotation.objects.bulk_create([
        NoteTakerRotation(consortium_id=partnership.consortium_id, partnership=partnership, user=user, position=i)
        for i, user in enumerate(users)])


# --- Elections ------------------------------------------------------------------------------------

@transaction.atomic
def election_open(*, partnership: Partnership, by, term_months: int = 24) -> Election:
    if Election.objects.filter(consortium_id=partnership.consortium_id, partnership=partnership).exclude(
            status=Election.Status.CLOSED).exists():
        raise ValidationError(_("An election for chair is already under way."))
    election = Election(consortium_id=partnership.consortium_id, partnership=partnership, created_by=by,
                        term_months=term_months)
    election.full_clean()
    election.save()
    return election


def _lock_election(election: Election) -> Election:
    return Election.objects.select_for_update(of=("self",)).select_related("partnership__consortium").get(
        consortium_id=election.consortium_id, pk=election.pk)


@transaction.atomic
def nomination_add(*, election: Election, nominee, by) -> Nomination:
    election = _lock_election(election)
    if election.status != Election.Status.NOMINATIONS:
        raise ValidationError(_("Nominations are closed."))
    officers = set(PartnershipRole.objects.filter(
        consortium_id=election.consortium_id, partnership=election.partnership, ended_at__isnull=True,
        role__in=selectors.OFFICER_ROLES).values_list("user_id", flat=True))
    if nominee.pk not in selectors.eligible_voter_ids(election.partnership) | officers:
        raise ValidationError({"nominee": _("Only a current representative, chair or clerk can be nominated.")})
    try:
        with transaction.atomic():
            return Nomination.objects.create(consortium_id=election.consortium_id, election=election,
                                             nominee=nominee, nominated_by=by)
    except IntegrityError as exc:
        raise ValidationError({"nominee": _("%(person)s is already nominated.") % {"person": nominee}}) from exc


@transaction.atomic
def election_start_voting(*, election: Election, by) -> Election:
    election = _lock_election(election)
    if election.status != Election.Status.NOMINATIONS:
        raise ValidationError(_("Voting has already opened."))
    if not Nomination.objects.filter(consortium_id=election.consortium_id, election=election).exists():
        raise ValidationError(_("There are no nominations yet."))
    election.status = Election.Status.VOTING
    election.voting_opened_at = timezone.now()
    election.eligible_count = len(selectors.eligible_voter_ids(election.partnership))
    election.save(update_fields=["status", "voting_opened_at", "eligible_count"])
    return election


@transaction.atomic
def vote_cast(*, election: Election, voter, nomination: Nomination) -> None:
    """One secret vote per eligible member: the receipt records that they voted, the vote records for whom,
    and nothing links the two."""
    election = _lock_election(election)
    if election.status != Election.Status.VOTING:
        raise ValidationError(_("Voting is not open."))
    if voter.pk not in selectors.eligible_voter_ids(election.partnership):
        raise ValidationError(_("Only the partnership's current representatives can vote."))
    if nomination.election_id != election.pk or nomination.consortium_id != election.consortium_id:
        raise ValidationError({"nomination": _("Choose one of the nominees.")})
    try:
        with transaction.atomic():
            BallotReceipt.objects.create(consortium_id=election.consortium_id, election=election, voter=voter)
    except IntegrityError as exc:
        raise ValidationError(_("You have already voted in this election.")) from exc
    _votes_rewrite(election, adding=nomination)


def _votes_rewrite(election: Election, *, adding: Nomination) -> None:
    """Store the election's votes again, with the new one among them, so that nothing says which is new.

    NOTE: the votes are written grouped by nominee, with new random ids sorted into the same order:
    the order by id, the order on disk and the writing transaction (all rows share it) are then
    the same for any two elections with the same tally, whatever order the ballots came in.
    """
    votes = Vote.objects.filter(consortium_id=election.consortium_id, election=election)
    ballots = sorted([*votes.values_list("nomination_id", flat=True), adding.pk])
    votes.delete()
    Vote.objects.bulk_create([
        Vote(id=vote_id, consortium_id=election.consortium_id, election=election, nomination_id=nomination_id)
        for vote_id, nomination_id in zip(sorted(uuid.uuid4() for _ in ballots), ballots, strict=True)])


@transaction.atomic
def election_close(*, election: Election, by, today: dt.date | None = None) -> Election:
    """Count the votes and record the result. A clear winner becomes chair for the term of office."""
    election = _lock_election(election)
    if election.status != Election.Status.VOTING:
        raise ValidationError(_("Voting is not open."))
    nominations = list(Nomination.objects.filter(consortium_id=election.consortium_id, election=election)
                       .select_related("nominee"))
    counts = {n.pk: 0 for n in nominations}
    for nomination_id in Vote.objects.filter(consortium_id=election.consortium_id, election=election).values_list(
            "nomination_id", flat=True):
        counts[nomination_id] += 1
    results = sorted(({"nominee_id": n.nominee_id, "name": str(n.nominee), "votes": counts[n.pk]}
                      for n in nominations), key=lambda r: -r["votes"])
    top = [r for r in results if r["votes"] == results[0]["votes"]] if results and results[0]["votes"] else []
    election.results = results
    election.turnout = sum(counts.values())
    election.status = Election.Status.CLOSED
    election.closed_at = timezone.now()
    winner = next(n.nominee for n in nominations if n.nominee_id == top[0]["nominee_id"]) if len(top) == 1 else None
    election.winner = winner
    election.save()
    if winner is not None:
        partnership = election.partnership
        for role in PartnershipRole.objects.filter(consortium_id=partnership.consortium_id, partnership=partnership,
                                                   role="chair", ended_at__isnull=True).exclude(user=winner
                                                                                                 ).select_related("user"):
            partnership_role_end(partnership=partnership, user=role.user, role="chair")
        partnership_role_grant(partnership=partnership, user=winner, role="chair")
        starts = today or timezone.localdate()
        OfficeTerm.objects.create(consortium_id=partnership.consortium_id, partnership=partnership, user=winner,
                                  election=election, starts_on=starts, ends_on=_add_months(starts,
                                                                                           election.term_months))
    return election


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    import calendar

    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def term_warnings_send(*, today: dt.date | None = None) -> int:
    """Scheduled daily: warn the consortium admins, once per term, that a chair's term ends soon."""
    today = today or timezone.localdate()
    queued = 0
    for term in selectors.terms_ending(today):
        for admin in selectors.consortium_admins(term.consortium_id):
            _email, created = _enqueue(
                consortium=term.consortium, user=admin, purpose=TERM_ENDING, about=term, version=1,
                template="term_ending", context={"term": term, "partnership": term.partnership,
                                                 "url": _site(reverse("elections", args=[term.consortium.slug,
                                                                                         term.partnership_id]))},
                subject=lambda term=term: _("The chair's term of office at %(partnership)s ends on %(date)s") % {
                    "partnership": term.partnership.name, "date": term.ends_on.strftime("%d/%m/%Y")})
            queued += created
    return queued
