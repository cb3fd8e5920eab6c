from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consortia import tenancy
from consortia.forms import add_service_errors
from consortia.permissions import public, requires
from consortia.services import invitation_accept, invitation_for_token, invitation_sign_up

from .adapters import microsoft_sign_in_enabled
from .forms import InvitationSignUpForm, ProfileForm


@requires("login")
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.instance.language_confirmed = True
        form.save()
        translation.activate(request.user.preferred_language)
        messages.success(request, _("Your profile has been saved."))
        response = redirect("profile")
        response.set_cookie("language", request.user.preferred_language, samesite="Lax")
        return response
    return render(request, "accounts/profile.html", {
        "form": form, "microsoft_sign_in": microsoft_sign_in_enabled(request)}, status=400 if form.errors else 200)


@public
@require_POST
def set_language(request):
    """Switch language; a signed-in person's choice is kept on their profile for every email too."""
    language = request.POST.get("language", "")
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = "/"
    if language not in {"en", "cy"}:
        return HttpResponseRedirect(next_url)
    if request.user.is_authenticated:
        request.user.preferred_language = language
        request.user.language_confirmed = True
        request.user.save(update_fields=["preferred_language", "language_confirmed"])
    response = HttpResponseRedirect(next_url)
    response.set_cookie("language", language, max_age=365 * 24 * 3600, samesite="Lax")
    return response


@public
def invitation_accept_view(request, token):
    """Anyone holding the link may open it; accepting needs the invited address's account."""
    # The token's row is found across consortia; everything after works in the invitation's own.
    with tenancy.cross_consortium("invitation token lookup", actor=request.user):
        invitation = invitation_for_token(token)
    if invitation is None or not invitation.is_usable:
        return render(request, "accounts/invitation_invalid.html", status=410 if invitation else 404)
    from consortia import invitations

    tenancy.activate_consortium(invitation.consortium_id)
    from .models import User

    account_exists = User.objects.filter(email__iexact=invitation.email).exists()
    context = {"invitation": invitation, "account_exists": account_exists,
               "role_label": invitations.describe(invitation)}
    if request.user.is_authenticated:
        if request.method == "POST":
            try:
                invitation_accept(invitation=invitation, user=request.user)
            except ValidationError as exc:
                context["error"] = exc.messages[0]
                return render(request, "accounts/invitation.html", context, status=400)
            messages.success(request, _("Welcome to %(name)s.") % {"name": invitation.consortium.display_name()})
            return redirect("dashboard", consortium_slug=invitation.consortium.slug)
        return render(request, "accounts/invitation.html", context)
    if account_exists:
        return render(request, "accounts/invitation.html", context)
    form = InvitationSignUpForm(request.POST or None, email=invitation.email,
                                initial={"full_name": invitation.full_name})
    if request.method == "POST" and form.is_valid():
        try:
            user = invitation_sign_up(invitation=invitation, full_name=form.cleaned_data["full_name"],
                                      password=form.cleaned_data["password1"])
        except ValidationError as exc:
            # What the invitation brings may no longer be possible (the school has left the partnership):
            # nothing is saved, and the page says why.
            add_service_errors(form, exc)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome to %(name)s.") % {"name": invitation.consortium.display_name()})
            return redirect("dashboard", consortium_slug=invitation.consortium.slug)
    context["form"] = form
    return render(request, "accounts/invitation.html", context, status=400 if form.errors else 200)
