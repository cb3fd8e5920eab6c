"""Choosing officers: the note-taker rotation and elections for chair."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from consortia.forms import show_refusal
from consortia.permissions import requires
from consortia.scoping import get_for_consortium
from partnerships.selectors import has_partnership_perm

from .. import forms, selectors, services
from ..models import Election, NoteTakerRotation
from ._common import MANAGE, READ, VIEW, VOTE, _check, _form_page, _partnership, _posted, _run


@requires(VIEW)
def rotation_edit(request, consortium_slug, partnership_pk):
    partnership = _partnership(request, partnership_pk, MANAGE)
    current = {r.user_id: r.position + 1 for r in NoteTakerRotation.objects.for_consortium(request.consortium)
               .filter(partnership=partnership)}
    form = forms.RotationForm(_posted(request), partnership=partnership, current=current)
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
    form = forms.ElectionForm(_posted(request))
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
    from ..forms import people_in

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
    page = selectors.election_page(election, request.user)
    can_vote = has_partnership_perm(request.user, VOTE, partnership)
    # A refused step whose form the page no longer shows (voted already, nominations closed) says why at the top.
    shown = {"nominate": election.status == Election.Status.NOMINATIONS and (can_vote or can_manage),
             "vote": election.status == Election.Status.VOTING and page["eligible"] and not page["has_voted"]}
    refused = {"nominate": nomination_form, "vote": vote_form}.get(request.POST.get("step"))
    if status == 400 and refused is not None and not shown[request.POST["step"]]:
        show_refusal(request, refused)
    return render(request, "governance/election_detail.html", {
        "election": election, "partnership": partnership, "can_manage": can_manage,
        "nomination_form": nomination_form, "vote_form": vote_form, "can_vote": can_vote, **page}, status=status)
