"""The REST API's tenancy base, shared by every app's `api.py`.

A viewset under `/api/v1/<consortium>/...` inherits `ConsortiumViewSetMixin`, which

- resolves the consortium from the URL once, after DRF has authenticated the request, and
  answers 404 when it does not exist or the person has no active membership in it (the same
  answer, as on the pages);
- scopes every queryset it serves by that consortium, so a lookup of another consortium's
  id is a 404;
- checks the permission the viewset declares for each action in `action_permissions`.

NOTE: the URL kwarg is `consortium`, not the pages' `consortium_slug`, on purpose:
`ConsortiumMiddleware` acts on views with a `consortium_slug` kwarg in `process_view`, which
runs before DRF authenticates. A token client still looks anonymous there, so every token
request would be redirected to the sign-in page. Here tenancy is resolved inside DRF instead,
and an anonymous request gets a 401 JSON answer.
"""

from __future__ import annotations

from typing import Protocol

from django.core.exceptions import ImproperlyConfigured
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from rest_framework import pagination, serializers
from rest_framework.exceptions import ErrorDetail, NotAuthenticated, Throttled, ValidationError
from rest_framework.fields import get_error_detail
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from accounts.mfa import mfa_enabled, mfa_required

from . import roles, tenancy
from .models import Consortium, TenantModel
from .permissions import has_consortium_perm
from .scoping import scoped
from .selectors import active_membership

# --- Permissions ---------------------------------------------------------------------------


class Requirement(Protocol):
    """What an action needs. `allows` runs before the object is known, `allows_object` after."""

    def allows(self, request, view) -> bool: ...

    def allows_object(self, request, view, obj) -> bool: ...


class ConsortiumPerm:
    """A permission held on the URL's consortium through a consortium role."""

    def __init__(self, perm: str):
        self.perm = perm

    def __repr__(self) -> str:
        return f"ConsortiumPerm({self.perm!r})"

    def allows(self, request, view) -> bool:
        return has_consortium_perm(request.user, self.perm, view.consortium)

    def allows_object(self, request, view, obj) -> bool:
        # The object came from the consortium-scoped queryset; the consortium check is the whole answer.
        return self.allows(request, view)


# Every member of a consortium holds this; reading its shared registers needs nothing more.
MEMBER = ConsortiumPerm("consortia.view_consortium")
ADMIN = ConsortiumPerm("consortia.administer_consortium")


MFA_MISSING = _("Set up two-factor authentication in your profile before using the API.")


def refusal(requirement) -> str:
    """What a 403 says: the requirement's own words, or which roles would allow it."""
    message = getattr(requirement, "refusal", None)
    if message:
        return str(message)
    labels = [str(role.label) for role in roles.holders_of(getattr(requirement, "perm", ""))]
    if not labels:
        return str(_("You do not have permission to do this."))
    listed = labels[0] if len(labels) == 1 else _("%(some)s or %(last)s") % {
        "some": ", ".join(labels[:-1]), "last": labels[-1]}
    return str(_("You do not have permission to do this. It needs one of these roles: %(roles)s.")
               % {"roles": listed})


class DeclaredPermission(BasePermission):
    """Resolves the consortium (404 without a membership) and applies the action's declared requirement.

    A refusal says what is wrong: the missing second factor, or the roles that would allow it.
    """

    def has_permission(self, request, view) -> bool:
        # Token clients never pass the site's second-factor middleware: an admin who must use a
        # second factor and has none gets no API access either.
        if mfa_required(request.user) and not mfa_enabled(request.user):
            self.message = MFA_MISSING
            return False
        view.resolve_consortium()
        if view.action is None:
            return True  # a method the viewset does not route: DRF answers 405 next
        requirement = view.requirement()
        self.message = refusal(requirement)
        return requirement.allows(request, view)

    def has_object_permission(self, request, view, obj) -> bool:
        requirement = view.requirement()
        self.message = refusal(requirement)
        return requirement.allows_object(request, view, obj)


# --- Viewset base ----------------------------------------------------------------------------


class ConsortiumViewSetMixin:
    """Tenancy for a viewset. Subclasses set `model`, `action_permissions` and `get_tenant_queryset()`."""

    consortium_url_kwarg = "consortium"
    # IsAuthenticated first: an anonymous request is a 401, never a 404 that would probe slugs.
    permission_classes = [IsAuthenticated, DeclaredPermission]
    lookup_value_converter = "int"
    model: type[TenantModel]
    action_permissions: dict[str, Requirement] = {}

    _consortium: Consortium | None = None
    membership = None  # the person's Membership there; None for a superuser without one

    def resolve_consortium(self) -> Consortium:
        if self._consortium is None:
            slug = self.kwargs.get(self.consortium_url_kwarg)
            consortium = Consortium.objects.filter(slug=slug).first() if slug else None
            if consortium is None:
                raise Http404
            tenancy.activate_consortium(consortium.pk)  # the database's backstop (consortia.tenancy)
            user = self.request.user
            if not user.is_authenticated:  # only reachable if something reads the consortium too early
                raise NotAuthenticated
            membership = active_membership(user, consortium)
            if membership is None and not user.is_superuser:
                raise Http404
            self._consortium, self.membership = consortium, membership
        return self._consortium

    @property
    def consortium(self) -> Consortium:
        return self.resolve_consortium()

    def requirement(self) -> Requirement:
        if self.action == "metadata":
            return MEMBER
        try:
            return self.action_permissions[self.action]
        except KeyError:
            # Fail closed and loudly; tests/test_url_crawl.py catches this before it ships.
            raise ImproperlyConfigured(
                f"{type(self).__name__} declares no permission for {self.action!r}") from None

    def filter_queryset(self, queryset):
        # Filters and search belong to the list. On a detail route or action they would hide the row, or
        # refuse a POST over a query string it never reads (`?partnership=0` gave 400 on attendance).
        if self.detail:
            return queryset
        return super().filter_queryset(queryset)

    def get_tenant_queryset(self):
        """The rows this viewset serves, before the consortium filter (which is always applied)."""
        return self.model._default_manager.all()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no consortium
            return self.model._default_manager.none()
        return scoped(self.get_tenant_queryset(), self.consortium)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if not getattr(self, "swagger_fake_view", False):
            context["consortium"] = self.consortium
        return context


# --- Serializers -------------------------------------------------------------------------------


class ScopedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """An id from the request body, accepted only when it belongs to the URL's consortium.

    Another consortium's id reads as "does not exist": a 400 that reveals nothing. The
    consortium comes from the serializer context, so the queryset is built per request.
    """

    def get_queryset(self):
        queryset = super().get_queryset()
        if not issubclass(queryset.model, TenantModel):
            raise ImproperlyConfigured(
                f"{queryset.model.__name__} is not tenant-owned; give {self.field_name!r} its own scoped field.")
        return scoped(queryset, self.context["consortium"])


class ScopedPersonField(serializers.PrimaryKeyRelatedField):
    """A person's id from the request body: only someone with an active membership of the URL's consortium.

    Every other id, of a person elsewhere or of nobody, gets the same "does not exist" answer, so
    the API never tells whether an account exists or whose it is. Use it for every field that
    takes a person (a chair, an owner, a nominee); a narrower rule (a role in the partnership)
    is the service's, and its refusal must not name the person either.
    """

    def __init__(self, **kwargs):
        from django.contrib.auth import get_user_model

        if not kwargs.get("read_only"):  # a read-only person field (who raised a charge) takes no id at all
            kwargs.setdefault("queryset", get_user_model()._default_manager.all())
        super().__init__(**kwargs)

    def get_queryset(self):
        people = super().get_queryset()
        consortium = self.context.get("consortium")
        if consortium is None:  # schema generation: there is no consortium to take people from
            return people.none()
        return people.filter(is_active=True, memberships__consortium=consortium, memberships__is_active=True)


class TenantModelSerializer(serializers.ModelSerializer):
    """A ModelSerializer whose generated foreign-key fields only accept the URL consortium's rows,
    and whose generated person fields only accept the consortium's people."""

    serializer_related_field = ScopedPrimaryKeyRelatedField

    def build_relational_field(self, field_name, relation_info):
        from django.contrib.auth import get_user_model

        field_class, field_kwargs = super().build_relational_field(field_name, relation_info)
        if relation_info.related_model is get_user_model() and field_class is ScopedPrimaryKeyRelatedField:
            field_class = ScopedPersonField
        return field_class, field_kwargs


# --- Pagination and errors ---------------------------------------------------------------------


class PageNumberPagination(pagination.PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


def exception_handler(exc, context):
    """DRF's handler, plus: a service's Django ValidationError is a 400 with field errors, not a 500."""
    if isinstance(exc, DjangoValidationError):
        detail = get_error_detail(exc)
        if isinstance(detail, dict):
            detail = {
                (api_settings.NON_FIELD_ERRORS_KEY if field == "__all__" else field): messages
                for field, messages in detail.items()
            }
        else:
            detail = {api_settings.NON_FIELD_ERRORS_KEY: detail}
        exc = ValidationError(detail)
    elif isinstance(exc, Throttled) and exc.wait is not None:
        # DRF's own words have no Welsh; the wait is also in the Retry-After header.
        exc.detail = ErrorDetail(ngettext(
            "Too many requests. Try again in %(seconds)d second.",
            "Too many requests. Try again in %(seconds)d seconds.", exc.wait) % {"seconds": exc.wait},
            code="throttled")
    return drf_exception_handler(exc, context)


def not_found(request, exception=None):
    """The project's 404 (config.urls.handler404). Under /api/ it is JSON like every other API answer: an
    address no route matches (a non-integer id, a misspelt register) is not an HTML page there."""
    from django.http import JsonResponse
    from django.views.defaults import page_not_found

    if request.path.startswith("/api/"):
        return JsonResponse({"detail": str(_("Not found."))}, status=404)
    return page_not_found(request, exception)

