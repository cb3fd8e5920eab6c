from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consortia import dates, roles
from ui import forms as ui_forms

from .models import Organisation, Partnership, PartnershipGroup, PartnershipMembership
from .selectors import role_candidates
from .services import PARTNERSHIP_FIELDS


class PartnershipForm(ui_forms.ModelForm):
    class Meta:
        model = Partnership
        fields = [
            "name", "name_cy", "kind", "purpose", "purpose_cy", "terms_of_reference", "terms_of_reference_cy",
            "min_strategic_meetings", "notice_days", "notice_counting", "quorum_rule", "quorum_value",
            "circulate_notes_to_local_authority", "default_cost_basis",
        ]
        widgets = {"kind": forms.RadioSelect, "quorum_rule": forms.RadioSelect,
                   "default_cost_basis": forms.RadioSelect, "notice_counting": forms.RadioSelect,
                   "purpose": forms.Textarea(attrs={"rows": 4}), "purpose_cy": forms.Textarea(attrs={"rows": 4}),
                   "terms_of_reference": forms.Textarea(attrs={"rows": 8}),
                   "terms_of_reference_cy": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        assert set(self.Meta.fields) <= PARTNERSHIP_FIELDS
        # A client that does not send it (an older script) keeps the partnership's setting.
        self.fields["notice_counting"].required = False

    def clean_notice_counting(self):
        return self.cleaned_data.get("notice_counting") or self.instance.notice_counting

    def _post_clean(self):
        # Validation of the whole partnership is the service's job; keep the model untouched here.
        pass


class ListsForm(ui_forms.Form):
    principles = forms.CharField(
        label=_("Principles"), required=False, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One principle per line."))
    principles_cy = forms.CharField(
        label=_("Principles in Welsh"), required=False, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The same principles in the same order, one per line."))
    responsibilities = forms.CharField(
        label=_("Member responsibilities"), required=False, widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("One responsibility per line, in order."))
    responsibilities_cy = forms.CharField(
        label=_("Member responsibilities in Welsh"), required=False, widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("The same responsibilities in the same order, one per line."))

    @staticmethod
    def lines(value: str) -> list[str]:
        return [line.strip() for line in value.splitlines() if line.strip()]


class GroupForm(ui_forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    name_cy = forms.CharField(label=_("Name in Welsh"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=PartnershipGroup.Kind.choices, widget=forms.RadioSelect)
    remit = forms.CharField(label=_("Remit"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    remit_cy = forms.CharField(label=_("Remit in Welsh"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class MembershipAddForm(ui_forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    joined_on = forms.DateField(label=_("Joined on"), initial=timezone.localdate,
                                help_text=_("For example, 1 9 2026"), validators=[dates.MEMBERSHIP])

    def __init__(self, *args, partnership: Partnership, **kwargs):
        super().__init__(*args, **kwargs)
        current = PartnershipMembership.objects.filter(
            consortium_id=partnership.consortium_id, partnership=partnership, left_on__isnull=True
        ).values("organisation_id")
        self.fields["organisation"].queryset = (
            Organisation.objects.for_consortium(partnership.consortium_id).exclude(pk__in=current).order_by("name")
        )


class MembershipLeaveForm(ui_forms.Form):
    left_on = forms.DateField(label=_("Left on"), initial=timezone.localdate, help_text=_("For example, 31 8 2027"),
                              validators=[dates.MEMBERSHIP])


class RoleGrantForm(ui_forms.Form):
    user = forms.ModelChoiceField(label=_("Person"), queryset=get_user_model().objects.none())
    role = forms.ChoiceField(label=_("Role"), choices=roles.choices(roles.PARTNERSHIP), widget=forms.RadioSelect)
    organisation = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=Organisation.objects.none(), required=False,
        help_text=_("For a member representative: the member organisation they speak for."))
    group = forms.ModelChoiceField(label=_("Group"), queryset=PartnershipGroup.objects.none(), required=False)

    def __init__(self, *args, partnership: Partnership, administers_people: bool, **kwargs):
        super().__init__(*args, **kwargs)
        consortium_id = partnership.consortium_id
        self.administers_people = administers_people
        # NOTE: a chair is offered only the partnership's own people, and sees no one's email.
        self.fields["user"].queryset = role_candidates(partnership, whole_consortium=administers_people)
        self.fields["user"].label_from_instance = (
            (lambda user: f"{user.full_name or user.email} <{user.email}>") if administers_people else
            (lambda user: " – ".join(filter(None, [user.full_name or _("Name not recorded"), user.employer_name]))))
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=PartnershipMembership.objects.filter(
                consortium_id=consortium_id, partnership=partnership, left_on__isnull=True
            ).values("organisation_id")
        ).order_by("name")
        self.fields["group"].queryset = PartnershipGroup.objects.filter(
            consortium_id=consortium_id, partnership=partnership)

    def clean(self):
        data = super().clean()
        if data.get("role") == roles.MEMBER_REPRESENTATIVE.code and not data.get("organisation"):
            self.add_error("organisation", _("Choose the member organisation this representative speaks for."))
        return data


class InviteForm(ui_forms.Form):
    """Who to invite, and into which role: across the consortium, or in one partnership.

    NOTE: no role is chosen for the person who invites: a wrong default (consortium admin) would
    hand someone the whole consortium by a slip.
    """

    ROLE_LABELS = {
        roles.CONSORTIUM_ADMIN.code: _("Consortium admin: runs the whole consortium, its people and its data"),
        roles.CONSORTIUM_MEMBER.code: _("Member of the consortium, with no partnership role yet"),
        roles.PARTNERSHIP_CHAIR.code: _("Chair of a partnership"),
        roles.CLERK.code: _("Clerk / note-taker of a partnership"),
        roles.MEMBER_REPRESENTATIVE.code: _("Representative of a member organisation (such as a headteacher)"),
        roles.OBSERVER.code: _("Observer in a partnership (such as a local authority officer)"),
    }

    email = forms.EmailField(label=_("Email address"), widget=forms.EmailInput(attrs={"autocomplete": "off"}))
    full_name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    role = forms.ChoiceField(label=_("What are they invited to do?"), choices=(), widget=forms.RadioSelect,
                             error_messages={"required": _("Choose the role they are invited to.")})
    partnership = forms.ModelChoiceField(
        label=_("Partnership"), queryset=Partnership.objects.none(), required=False, empty_label=_("Choose"),
        help_text=_("For a role in a partnership."))
    organisation = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=Organisation.objects.none(), required=False, empty_label=_("Choose"),
        help_text=_("For a representative: the member organisation they speak for."))
    language = forms.ChoiceField(label=_("Language for the invitation"), choices=(), widget=forms.RadioSelect)

    def __init__(self, *args, consortium, partnership: Partnership | None = None, **kwargs):
        from django.conf import settings

        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(role.code, self.ROLE_LABELS[role.code]) for role in roles.ALL_ROLES
                                       if role.code in self.ROLE_LABELS]
        self.fields["language"].choices = settings.LANGUAGES
        self.fields["partnership"].queryset = Partnership.objects.for_consortium(consortium).order_by("name")
        members = PartnershipMembership.objects.filter(consortium_id=consortium.pk, left_on__isnull=True)
        if partnership is not None:
            members = members.filter(partnership=partnership)
            self.fields["partnership"].initial = partnership.pk
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=members.values("organisation_id")).order_by("name")
