from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from . import dashboard as dashboard_panels
from . import selectors, tenancy
from .forms import InvitationForm, add_service_errors
from .models import Invitation, OutboundEmail
from .permissions import has_consortium_perm, public, requires
from .services import invitation_create


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
        context["failed_emails"] = selectors.outbox_for_consortium(consortium).filter(
            status="failed"
        ).count()
    return render(request, "consortia/dashboard.html", context)


@requires("consortia.administer_consortium")
def people(request, consortium_slug):
    consortium = request.consortium
    memberships = selectors.people_in_consortium(consortium)
    query = request.GET.get("q", "").strip()
    if query:
        memberships = memberships.filter(user__email__icontains=query) | memberships.filter(
            user__full_name__icontains=query
        )
    page = Paginator(memberships, 50).get_page(request.GET.get("page"))
    invitations = Invitation.objects.for_consortium(consortium).filter(
        status=Invitation.Status.PENDING
    ).select_related("invited_by")
    return render(request, "consortia/people.html",
                  {"page": page, "query": query, "invitations": invitations})


@requires("consortia.invite_people")
def invite(request, consortium_slug):
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation_create(consortium=request.consortium, invited_by=request.user,
                              **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % form.cleaned_data)
            return redirect("people", consortium_slug=consortium_slug)
    return render(request, "consortia/invite.html", {"form": form}, status=400 if form.errors else 200)


@requires("consortia.view_outbox")
def outbox(request, consortium_slug):
    emails = selectors.outbox_for_consortium(request.consortium)
    status = request.GET.get("status", "")
    if status:
        emails = emails.filter(status=status)
    page = Paginator(emails.defer("body_text", "body_html", "attachments"), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "consortia/outbox.html",
                  {"page": page, "status": status, "statuses": OutboundEmail.Status.choices})
