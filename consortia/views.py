from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone

from . import dashboard as dashboard_panels
from . import selectors, tenancy
from .models import Invitation, OutboundEmail
from .permissions import has_consortium_perm, public, requires


@requires("login")
@tenancy.cross_consortium_view("home: the consortia I belong to")
def home(request):
    """Send the person to their consortium, or let them choose when they have several."""
    consortia = list(selectors.consortia_for_user(request.user)[:2])
    if len(consortia) == 1 and not request.GET.get("choose"):
        return redirect("dashboard", consortium_slug=consortia[0].slug)
    return render(request, "consortia/choose.html", {"consortia": selectors.consortia_for_user(request.user)})


@public
def healthz(request):
    from django.http import HttpResponse

    return HttpResponse("ok", content_type="text/plain")


@requires("consortia.view_consortium")
def dashboard(request, consortium_slug):
    consortium = request.consortium
    is_admin = has_consortium_perm(request.user, "consortia.administer_consortium", consortium)
    context = {
        "is_admin": is_admin,
        "panels": dashboard_panels.render_context(request),
    }
    if is_admin:
        context["pending_invitations"] = Invitation.objects.for_consortium(consortium).filter(
            status=Invitation.Status.PENDING
        ).count()
        from django.db.models import Count, Q

        context.update(selectors.outbox_for_consortium(consortium).aggregate(  # one query for both
            failed_emails=Count("pk", filter=Q(status=OutboundEmail.Status.FAILED)),
            unknown_emails=Count("pk", filter=Q(status=OutboundEmail.Status.UNKNOWN))))
    return render(request, "consortia/dashboard.html", context)


@requires("consortia.view_outbox")
def outbox(request, consortium_slug):
    emails = selectors.outbox_for_consortium(request.consortium)
    status = request.GET.get("status", "")
    if status:
        emails = emails.filter(status=status)
    page = Paginator(emails.defer("body_text", "body_html", "attachments"), 50).get_page(
        request.GET.get("page")
    )
    unknown = selectors.outbox_for_consortium(request.consortium).filter(status=OutboundEmail.Status.UNKNOWN)
    return render(request, "consortia/outbox.html", {
        "page": page, "status": status, "statuses": OutboundEmail.Status.choices, "now": timezone.now(),
        "unknown_count": unknown.count()})


def permission_denied(request, exception=None):
    """The 403 page: what happened, the way back, and who can give access.

    NOTE: this is Django's handler403, not a route: it states no permission because it answers
    for the route that refused.
    """
    from django.shortcuts import render as render_page

    consortium = getattr(request, "consortium", None)
    admins = []
    if consortium is not None and request.user.is_authenticated:
        admins = list(selectors.consortium_admins(consortium)[:3])
    return render_page(request, "403.html", {"admins": admins}, status=403)
