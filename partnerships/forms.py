from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consortia import dates, roles

from .models import Organisation, Partnership, PartnershipGroup, PartnershipMembership
from .selectors import role_candidates
from .services import PARTNERSHIP_FIELDS

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PartnershipForm(forms.ModelForm):
    class Meta:
        model = Partnership
        fields = [
            "name", "name_cy", "kind", "purpose", "terms_of_reference", "min_strategic_meetings", "notice_days",
            "notice_counting", "quorum_rule", "quorum_value", "circulate_notes_to_local_authority",
            "default_cost_basis",
        ]
        widgets = {"notice_counting": forms.RadioSelect,
                   "purpose": forms.Textarea(attrs={"rows": 4}),
                   "terms_of_reference": forms.Textarea(attrs={"rows": 8})}

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


class ListsForm(forms.Form):
    principles = forms.CharField(
        label=_("Principles"), required=False, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One principle per line."))
    responsibilities = forms.CharField(
        label=_("Member responsibilities"), required=False, widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("One responsibility per line, in order."))

    @staticmethod
    def lines(value: str) -> list[str]:
        return [line.strip() for line in value.splitlines() if line.strip()]


class GroupForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=PartnershipGroup.Kind.choices)
    remit = forms.CharField(label=_("Remit"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class MembershipAddForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    joined_on = forms.DateField(label=_("Joined on"), initial=timezone.localdate, widget=DATE_INPUT,
                                validators=[dates.MEMBERSHIP])

    def __init__(self, *args, partnership: Partnership, **kwargs):
        super().__init__(*args, **kwargs)
        current = PartnershipMembership.objects.filter(
            consortium_id=partnership.consortium_id, partnership=partnership, left_on__isnull=True
        ).values("organisation_id")
        self.fields["organisation"].queryset = (
            Organisation.objects.for_consortium(partnership.consortium_id).exclude(pk__in=current).order_by("name")
        )


class MembershipLeaveForm(forms.Form):
    left_on = forms.DateField(label=_("Left on"), initial=timezone.localdate, widget=DATE_INPUT,
                              validators=[dates.MEMBERSHIP])


class RoleGrantForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Person"), queryset=get_user_model().objects.none())
    role = forms.ChoiceField(label=_("Role"), choices=roles.choices(roles.PARTNERSHIP))
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
