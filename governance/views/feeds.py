"""What a person follows: subscriptions to a partnership's papers and minutes, and the calendar feed."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consortia import tenancy
from consortia.permissions import public, requires

from .. import ics, selectors, services
from ._common import READ, VIEW, _partnership


@requires(VIEW)
@require_POST
def subscription_toggle(request, consortium_slug, partnership_pk):
    partnership = _partnership(request, partnership_pk, READ)
    subscribed = request.POST.get("subscribe") == "1"
    services.subscription_set(partnership=partnership, user=request.user, subscribed=subscribed)
    messages.success(request, _("You will be emailed when papers or approved minutes are published.") if subscribed
                     else _("You will no longer be emailed about new papers and minutes."))
    return redirect("partnership_detail", consortium_slug, partnership.pk)


@requires(VIEW)
def calendar_feed(request, consortium_slug):
    token = None
    if request.method == "POST":
        token = services.calendar_feed_reset(consortium=request.consortium, user=request.user)
        messages.success(request, _("Your new calendar address is below. Any earlier address no longer works."))
    from ..models import CalendarFeed

    feed = CalendarFeed.objects.for_consortium(request.consortium).filter(user=request.user).first()
    url = request.build_absolute_uri(reverse("governance_calendar_feed", args=[token])) if token else None
    return render(request, "governance/calendar_feed.html", {"feed": feed, "url": url})


@public
def calendar_feed_public(request, token):
    """The personal calendar feed. The secret token in the address is the credential."""
    # The token's row is found across consortia; everything after reads only the feed's own.
    with tenancy.cross_consortium("calendar feed token lookup"):
        feed = services.calendar_feed_for_token(token)
    if feed is None:
        raise Http404
    tenancy.activate_consortium(feed.consortium_id)
    user, consortium = feed.user, feed.consortium
    from consortia.selectors import active_membership

    if active_membership(user, consortium) is None and not user.is_superuser:
        raise Http404
    since = timezone.now() - dt.timedelta(days=90)
    meetings = selectors.meetings_visible_to(user, consortium).filter(starts_at__gte=since).order_by("starts_at")
    language = "cy" if (user.preferred_language or "").startswith("cy") else "en"
    extra = [component for source in ics.FEED_SOURCES for component in source(user, consortium, since)]
    content = ics.meetings_feed(meetings[:500], consortium_slug=consortium.slug, language=language,
                                name=f"Partneriaeth – {consortium.display_name(language)}", extra=extra)
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    return response
