import os

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from import_export.formats import base_formats
from import_export.forms import ConfirmImportForm, ImportForm

from consortia.admin import MembershipAdmin, RoleAdmin, TenantAdmin, TenantAdminMixin
from consortia.models import Consortium, Membership

from . import services
from .models import (
    Employment,
    Organisation,
    OrganisationYear,
    Partnership,
    PartnershipGroup,
    PartnershipItem,
    PartnershipMembership,
    PartnershipRole,
)
from .resources import OrganisationResource, PersonResource

# --- Import and export -------------------------------------------------------------------------


MAX_WARNINGS_SHOWN = 10
DRY_RUNS_KEY = "import_dry_runs"


class ConsortiumImportForm(ImportForm):
    """The import form, which also asks which consortium the file is for."""

    consortium = forms.ModelChoiceField(queryset=Consortium.objects.none(), label=_("Consortium"),
                                        help_text=_("Every row is matched and saved in this consortium only."))
    field_order = ["consortium", "resource", "import_file", "format"]

    def __init__(self, formats, resources, *, consortia, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.fields["consortium"].queryset = consortia
        if len(consortia) == 1:
            self.fields["consortium"].initial = consortia[0]


class ConsortiumConfirmImportForm(ConfirmImportForm):
    # NOTE: checked again on confirming: the hidden values are the browser's word, not ours. The
    # file and its format must be those of a dry run this person made (kept in their session).
    consortium = forms.ModelChoiceField(queryset=Consortium.objects.none(), widget=forms.HiddenInput)

    def __init__(self, *args, consortia, dry_runs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consortium"].queryset = consortia
        self.dry_runs = dry_runs

    def clean(self):
        data = super().clean()
        if [data.get("import_file_name"), data.get("format")] not in self.dry_runs:
            raise forms.ValidationError(_("This confirmation does not match a file checked here. Upload the file "
                                          "again."))
        return data


class ConsortiumImportExportMixin(ImportExportMixin):
    """Import and export for a TenantAdmin: into a consortium the person administers, out of
    the rows they may see."""

    import_form_class = ConsortiumImportForm
    confirm_form_class = ConsortiumConfirmImportForm
    import_template_name = "admin/partnerships/import.html"
    import_formats = [base_formats.CSV, base_formats.XLSX]
    export_formats = [base_formats.CSV, base_formats.XLSX]
    import_help = ""

    def _importable_consortia(self, request):
        return Consortium.objects.filter(pk__in=self._consortium_ids(request)).order_by("name")

    def has_import_permission(self, request) -> bool:
        return self.has_module_permission(request)

    def has_export_permission(self, request) -> bool:
        return self.has_view_permission(request)

    def get_import_form_kwargs(self, request):
        return {**super().get_import_form_kwargs(request), "consortia": self._importable_consortia(request)}

    def get_confirm_form_kwargs(self, request, import_form=None):
        return {**super().get_confirm_form_kwargs(request, import_form),
                "consortia": self._importable_consortia(request),
                "dry_runs": request.session.get(DRY_RUNS_KEY, [])}

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            initial["consortium"] = import_form.cleaned_data["consortium"].pk
            # The file this dry run wrote, and its format: the only ones a confirmation may name.
            dry_runs = request.session.get(DRY_RUNS_KEY, [])
            # The confirmation form keeps only the file's name (ConfirmImportForm.clean_import_file_name).
            checked = [os.path.basename(initial["import_file_name"]), initial["format"]]
            request.session[DRY_RUNS_KEY] = [*dry_runs, checked][-10:]
        return initial

    def process_import(self, request, **kwargs):
        try:
            return super().process_import(request, **kwargs)
        except FileNotFoundError:  # confirmed twice, or the temporary file has been cleared away since
            messages.error(request, _("That file is no longer waiting to be imported. Upload it again."))
            return HttpResponseRedirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_import",
                                                current_app=self.admin_site.name))

    def get_import_resource_kwargs(self, request, **kwargs):
        kwargs = super().get_import_resource_kwargs(request, **kwargs)
        form = kwargs.pop("form", None)
        kwargs["consortium"] = (getattr(form, "cleaned_data", None) or {}).get("consortium")
        kwargs["user"] = request.user
        return kwargs

    def get_import_context_data(self, **kwargs):
        return {**super().get_import_context_data(**kwargs), "import_help": self.import_help}

    def _show_warnings(self, request, result) -> None:
        warnings = getattr(result, "warnings", [])
        for warning in warnings[:MAX_WARNINGS_SHOWN]:
            messages.warning(request, warning)
        if len(warnings) > MAX_WARNINGS_SHOWN:
            messages.warning(request, _("And %(count)s more rows like these.") % {
                "count": len(warnings) - MAX_WARNINGS_SHOWN})

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        result = (getattr(response, "context_data", None) or {}).get("result")
        if result is not None:  # the dry run's preview
            self._show_warnings(request, result)
        return response

    def process_result(self, result, request):
        self._show_warnings(request, result)
        # The resource has already rolled the import back; say so rather than "Import finished".
        if result.has_errors() or result.has_validation_errors():
            # Numbered as in the spreadsheet, with the headings on row 1, like the dry run's list.
            rows = sorted({row.number + 1 for row in [*result.invalid_rows, *result.error_rows]})
            if rows:
                message = _("Nothing was imported because of errors on these rows: %(rows)s. Upload the file "
                            "again to see them.") % {"rows": ", ".join(map(str, rows[:10]))}
            else:
                message = _("Nothing was imported: %(error)s") % {
                    "error": "; ".join(str(error.error) for error in result.base_errors)}
            messages.error(request, message)
            return HttpResponseRedirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_import",
                                                current_app=self.admin_site.name))
        return super().process_result(result, request)


# --- Organisations -----------------------------------------------------------------------------


class OrganisationYearFormSet(forms.BaseInlineFormSet):
    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        # The year's consortium is its organisation's; the form does not offer a choice.
        form.instance.consortium_id = self.instance.consortium_id
        return form

    def clean(self):
        super().clean()
        # The model's unique constraint starts with the consortium, which is not on the form,
        # so Django's formset check skips it.
        years = [form.cleaned_data["academic_year"] for form in self.forms
                 if form.cleaned_data.get("academic_year") and not self._should_delete_form(form)]
        if len(years) != len(set(years)):
            raise forms.ValidationError(_("Give each academic year once."))


class OrganisationYearInline(TenantAdminMixin, admin.TabularInline):
    model = OrganisationYear
    formset = OrganisationYearFormSet
    fields = ["academic_year", "pupils", "budget"]
    extra = 1

    # Consortium admins hold no model permissions, so the inline takes the tenant rule too;
    # `obj` is the organisation.
    def has_add_permission(self, request, obj=None) -> bool:
        return self.has_change_permission(request, obj)


@admin.register(Organisation)
class OrganisationAdmin(ConsortiumImportExportMixin, TenantAdmin):
    list_display = ["name", "kind", "phase", "school_code", "local_authority", "consortium"]
    list_filter = ["kind", "phase"]
    search_fields = ["name", "school_code"]
    inlines = [OrganisationYearInline]
    resource_classes = [OrganisationResource]
    import_help = _(
        "Columns: kind, name, name_cy, phase, school_code, local_authority, email, phone, address, website, "
        "academic_year, pupils, budget. Only kind and name are required; a column left out of the file leaves "
        "that detail as it is.\n"
        "A row updates the organisation with the same school code, or else the one of the same kind and name; "
        "otherwise it adds one. A blank school code never removes one already recorded.\n"
        "local_authority is the name of a local authority already in the consortium or on an earlier row.\n"
        "pupils and budget are recorded for the academic_year on the row (such as 2025/26); other years' "
        "figures are kept.\n"
        "Nothing is saved unless every row is valid."
    )

    def save_model(self, request, obj, form, change):
        services.organisation_save(consortium=obj.consortium, organisation=obj)


# --- People: their employment, and the people import and export -----------------------------------


@admin.register(Employment)
class EmploymentAdmin(ConsortiumImportExportMixin, TenantAdmin):
    """Employment history, read-only here, and the consortium's "People" import and export.

    People are global users, so the import and export live on the one admin of their
    consortium-owned rows that the import writes: it makes memberships and employments
    (through person_add and employment_change), and the export lists the consortium's
    current members with their current employer.
    """

    list_display = ["user", "organisation", "job_title", "started_on", "ended_on", "consortium"]
    list_filter = [("ended_on", admin.EmptyFieldListFilter)]
    search_fields = ["user__email", "user__full_name", "organisation__name", "organisation__school_code"]
    resource_classes = [PersonResource]
    import_help = _(
        "Columns: email, full_name, job_title, preferred_language (en or cy), organisation (the school code or "
        "name of their employer in this consortium). Only email is required.\n"
        "A row is matched to a person by email address, whatever its capitals; a new email address adds the "
        "person to the consortium without a password (they sign in after an invitation).\n"
        "A person's profile (name, job title, language) is their own and shared with every consortium they work "
        "in: for someone who already has an account, the file only fills in what is empty and never overwrites "
        "it. The job title is also recorded on their employment in this consortium.\n"
        "A different organisation records a change of employer from today; a blank one leaves their employment "
        "as it is. Someone who had been removed from the consortium is added back.\n"
        "Nothing is saved unless every row is valid."
    )

    # A change of employer is a new row written by employment_change, never an edit.
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {"title": _("People and their employment"), **(extra_context or {})})

    def get_export_queryset(self, request):
        # The consortium's members, as the membership admin scopes them, not employment rows.
        return MembershipAdmin(Membership, self.admin_site).get_queryset(request).filter(is_active=True)

    def get_export_filename(self, request, queryset, file_format):
        return f"people-{timezone.localdate():%Y-%m-%d}.{file_format.get_extension()}"


# --- Partnerships ------------------------------------------------------------------------------


@admin.register(Partnership)
class PartnershipAdmin(TenantAdmin):
    list_display = ["name", "kind", "consortium"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(PartnershipMembership)
class PartnershipMembershipAdmin(TenantAdmin):
    list_display = ["organisation", "partnership", "joined_on", "left_on", "consortium"]
    list_filter = [("left_on", admin.EmptyFieldListFilter)]
    search_fields = ["organisation__name", "partnership__name"]

    def save_model(self, request, obj, form, change):
        # Joining and leaving go through the services, so representatives' roles end with a membership.
        if not change:
            saved = services.membership_add(partnership=obj.partnership, organisation=obj.organisation,
                                            joined_on=obj.joined_on)
            obj.pk = saved.pk
        elif obj.left_on is not None and form.initial.get("left_on") is None:
            services.membership_leave(membership=obj, left_on=obj.left_on)
        else:
            obj.save()


@admin.register(PartnershipGroup)
class PartnershipGroupAdmin(TenantAdmin):
    list_display = ["name", "kind", "partnership", "consortium"]
    list_filter = ["kind"]
    search_fields = ["name", "partnership__name"]


@admin.register(PartnershipItem)
class PartnershipItemAdmin(TenantAdmin):
    list_display = ["text", "list_kind", "position", "partnership", "consortium"]
    list_filter = ["list_kind"]
    search_fields = ["text", "partnership__name"]


@admin.register(PartnershipRole)
class PartnershipRoleAdmin(RoleAdmin):
    list_display = ["user", "role", "partnership", "granted_at", "ended_at"]
    fields = ["consortium", "partnership", "user", "role", "granted_at", "ended_at"]
    search_fields = ["user__email", "partnership__name"]

    def grant(self, obj, request):
        return services.partnership_role_grant(
            partnership=obj.partnership, user=obj.user, role=obj.role
        )

    def end(self, obj):
        services.partnership_role_end(partnership=obj.partnership, user=obj.user, role=obj.role)
