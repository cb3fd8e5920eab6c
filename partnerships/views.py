
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consortia import spreadsheets, tenancy
from consortia.forms import add_service_errors
from consortia.permissions import has_consortium_perm, requires
from consortia.scoping import get_for_consortium

from . import panels, selectors, services
from .forms import (
    GroupForm,
    InviteForm,
    ListsForm,
    MembershipAddForm,
    MembershipLeaveForm,
    PartnershipForm,
    RoleGrantForm,
)
from .models import Organisation, Partnership, PartnershipMembership, PartnershipRole


def _partnership(request, pk, perm: str) -> Partnership:
    partnership = get_for_consortium(Partnership, request.consortium, pk=pk)
    partnership.consortium = request.consortium
    if not selectors.has_partnership_perm(request.user, perm, partnership):
        raise PermissionDenied
    return partnership


def _form_page(request, template, context, form):
    return render(request, template, {**context, "form": form}, status=400 if form.errors else 200)


@requires("consortia.view_consortium")
def partnership_list(request, consortium_slug):
    query = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "")
    organisation = request.GET.get("organisation", "")
    organisation_id = int(organisation) if organisation.isdigit() else None
    partnerships = selectors.partnership_directory(request.user, request.consortium, query=query, kind=kind,
                                                   organisation_id=organisation_id)
    if request.GET.get("format") == "csv":
        return spreadsheets.csv_response(
            "partnerships", [_("Name"), _("Type"), _("Member organisations"), _("People with roles")],
            ([p.display_name(), p.get_kind_display(), p.member_count, p.people_count] for p in partnerships))
    page = Paginator(partnerships, 25).get_page(request.GET.get("page"))
    return render(request, "partnerships/list.html", {
        "page": page, "query": query, "kind": kind, "kinds": Partnership.Kind.choices,
        "organisation": organisation_id,
        "organisations": selectors.organisations_for(request.consortium).only("pk", "name", "name_cy"),
    })


@requires("partnerships.view_partnership", on="partnership")
def partnership_detail(request, consortium_slug, pk):
    partnership = _partnership(request, pk, "partnerships.view_partnership")
    can_edit = selectors.has_partnership_perm(request.user, "partnerships.change_partnership", partnership)
    return render(request, "partnerships/detail.html", {
        "partnership": partnership, "can_edit": can_edit,
        "is_admin": has_consortium_perm(request.user, "consortia.administer_consortium", request.consortium),
        "can_invite": has_consortium_perm(request.user, "consortia.invite_people", request.consortium),
        "panels": panels.render_context(request, partnership),
        **selectors.partnership_page(partnership),
    })


def _service_form(request, partnership, form, *, template, save, success, extra=None):
    """Show the form; on a valid POST call the service, or show its errors beside the fields (400)."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, success(form.cleaned_data) if callable(success) else success)
            return redirect("partnership_detail", request.consortium.slug, partnership.pk)
    return _form_page(request, template, {"partnership": partnership, **(extra or {})}, form)


@requires("partnerships.change_partnership", on="partnership")
def partnership_edit(request, consortium_slug, pk):
    partnership = _partnership(request, pk, "partnerships.change_partnership")
    return _service_form(
        request, partnership, PartnershipForm(request.POST or None, instance=partnership),
        template="partnerships/edit.html", success=_("The partnership has been saved."),
        save=lambda data: services.partnership_update(partnership=partnership, **data))


@requires("partnerships.change_partnership", on="partnership")
def partnership_lists_edit(request, consortium_slug, pk):
    partnership = _partnership(request, pk, "partnerships.change_partnership")
    page = selectors.partnership_page(partnership)
    initial = {
        "principles": "\n".join(i.text for i in page["principles"]),
        "principles_cy": "\n".join(i.text_cy for i in page["principles"]).strip(),
        "responsibilities": "\n".join(i.text for i in page["responsibilities"]),
        "responsibilities_cy": "\n".join(i.text_cy for i in page["responsibilities"]).strip(),
    }

    def save(data):
        for list_kind, field in (("principle", "principles"), ("responsibility", "responsibilities")):
            services.partnership_items_replace(partnership=partnership, list_kind=list_kind,
                                               texts=ListsForm.lines(data[field]),
                                               texts_cy=ListsForm.lines(data[f"{field}_cy"]))

    return _service_form(request, partnership, ListsForm(request.POST or None, initial=initial),
                         template="partnerships/lists.html", save=save, success=_("The lists have been saved."))


@requires("partnerships.change_partnership", on="partnership")
def group_add(request, consortium_slug, pk):
    partnership = _partnership(request, pk, "partnerships.change_partnership")
    return _service_form(
        request, partnership, GroupForm(request.POST or None), template="partnerships/group_form.html",
        success=_("The group has been added."),
        save=lambda data: services.partnership_group_save(partnership=partnership, **data))


@requires("partnerships.change_partnership", on="partnership")
def membership_add(request, consortium_slug, pk):
    partnership = _partnership(request, pk, "partnerships.change_partnership")
    return _service_form(
        request, partnership, MembershipAddForm(request.POST or None, partnership=partnership),
        template="partnerships/membership_add.html",
        success=lambda data: _("%(name)s has joined the partnership.") % {"name": data["organisation"].display_name()},
        save=lambda data: services.membership_add(partnership=partnership, **data))


@requires("partnerships.change_partnership", on="partnership")
def membership_leave(request, consortium_slug, pk, membership_pk):
    partnership = _partnership(request, pk, "partnerships.change_partnership")
    membership = get_for_consortium(
        PartnershipMembership.objects.select_related("organisation"), request.consortium,
        pk=membership_pk, partnership=partnership)
    return _service_form(
        request, partnership, MembershipLeaveForm(request.POST or None),
        template="partnerships/membership_leave.html", extra={"membership": membership},
        success=_("%(name)s has left the partnership; its history is kept.") % {
            "name": membership.organisation.display_name()},
        save=lambda data: services.membership_leave(membership=membership, left_on=data["left_on"]))


@requires("partnerships.change_partnership", on="partnership")
def role_grant(request, consortium_slug, pk):
    partnership = _partnership(request, pk, "partnerships.change_partnership")
    return _service_form(
        request, partnership, RoleGrantForm(request.POST or None, partnership=partnership, administers_people=(
            has_consortium_perm(request.user, "consortia.administer_consortium", request.consortium))),
        template="partnerships/role_grant.html", success=_("The role has been given."),
        save=lambda data: services.partnership_role_grant(partnership=partnership, **data))


@requires("partnerships.change_partnership", on="partnership")
@require_POST
def role_end(request, consortium_slug, pk, role_pk):
    partnership = _partnership(request, pk, "partnerships.change_partnership")
    role = get_for_consortium(PartnershipRole.objects.select_related("user"), request.consortium,
                              pk=role_pk, partnership=partnership, ended_at__isnull=True)
    services.partnership_role_end(partnership=partnership, user=role.user, role=role.role)
    messages.success(request, _("%(person)s no longer holds that role.") % {"person": role.user})
    return redirect("partnership_detail", consortium_slug, partnership.pk)


@requires("consortia.administer_consortium")
def partnership_history(request, consortium_slug, pk):
    partnership = _partnership(request, pk, "partnerships.view_partnership")
    return render(request, "partnerships/history.html", {
        "partnership": partnership, "entries": selectors.change_history(partnership)})


@requires("consortia.view_consortium")
def organisation_list(request, consortium_slug):
    organisations = selectors.organisations_for(request.consortium).select_related("local_authority")
    query = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "")
    if query:
        organisations = organisations.filter(name__icontains=query) | organisations.filter(
            school_code__iexact=query)
    if kind:
        organisations = organisations.filter(kind=kind)
    page = Paginator(organisations, 50).get_page(request.GET.get("page"))
    return render(request, "partnerships/organisations.html", {
        "page": page, "query": query, "kind": kind, "kinds": Organisation.Kind.choices})


@requires("login")
@tenancy.cross_consortium_view("my partnerships across my consortia")
def my_partnerships(request):
    return render(request, "partnerships/mine.html", {"roles": selectors.my_roles_everywhere(request.user)})


# --- People and invitations --------------------------------------------------------------------
# The People page lives here, not in consortia, because it shows partnership roles and employers.

@requires("consortia.administer_consortium")
def people(request, consortium_slug):
    from consortia import invitations
    from consortia.models import Invitation
    from consortia.selectors import people_in_consortium

    consortium = request.consortium
    memberships = people_in_consortium(consortium)
    query = request.GET.get("q", "").strip()
    if query:
        memberships = memberships.filter(user__email__icontains=query) | memberships.filter(
            user__full_name__icontains=query)
    page = Paginator(memberships, 50).get_page(request.GET.get("page"))
    page.object_list = selectors.people_with_roles(consortium, list(page.object_list))
    waiting = invitations.with_details(
        Invitation.objects.for_consortium(consortium).filter(status=Invitation.Status.PENDING))
    return render(request, "consortia/people.html", {
        "page": page, "query": query,
        "invitations": [(invitation, invitations.describe(invitation)) for invitation in waiting],
    })


@requires("consortia.invite_people")
def invite(request, consortium_slug):
    partnership_param = request.GET.get("partnership", "")
    partnership = (get_for_consortium(Partnership, request.consortium, pk=int(partnership_param))
                   if partnership_param.isdigit() else None)
    form = InviteForm(request.POST or None, consortium=request.consortium, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_send(consortium=request.consortium, invited_by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % form.cleaned_data)
            if partnership is not None:
                return redirect("partnership_detail", consortium_slug, partnership.pk)
            return redirect("people", consortium_slug=consortium_slug)
    return render(request, "consortia/invite.html", {"form": form, "partnership": partnership},
                  status=400 if form.errors else 200)
