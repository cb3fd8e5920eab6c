"""What admins, chairs and clerks check: the compliance report and the notifications page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from consortia.models import OutboundEmail
from consortia.permissions import requires
from consortia.scoping import get_for_consortium

from .. import forms, rules, selectors, services
from ._common import VIEW, _form_page, _run


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
    for email in page.object_list:
        email.purpose_label = selectors.purpose_label(email.purpose)
    to_send = list(selectors.notices_to_send(request.consortium, ids)[:50])
    for meeting in to_send:
        meeting.notice_deadline = rules.notice_deadline(starts_at=meeting.starts_at,
                                                        **rules.notice_of(meeting.partnership))
    return render(request, "governance/notifications.html", {
        "page": page, "status": status, "now": timezone.now(), "today": timezone.localdate(),
        "statuses": [("planned", _("Planned")), *OutboundEmail.Status.choices],
        "notices_to_send": to_send,
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
