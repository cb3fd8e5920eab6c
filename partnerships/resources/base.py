"""ConsortiumResource: what the organisation and people resources share."""

from __future__ import annotations

import copy

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from import_export import resources
from import_export.results import Result

from consortia import spreadsheets
from consortia.models import Consortium

from ._cells import _Diff, _heading_key, _text


class ImportResult(Result):
    """An import's result, with the warnings the admin is shown beside the rows: nothing wrong enough to
    refuse the file, but worth knowing (an invitation sent instead, a value that looks like a formula)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.warnings: list[str] = []


class ConsortiumResource(resources.ModelResource):
    """What both resources share: the consortium, errors by column, all or nothing.

    A subclass parses each row in `parse_row` (recording errors with `add_error`, keyed by
    column, and the existing row in `self.existing`), copies the values onto the instance in
    `apply` and writes through the services in `save`.
    """

    required_columns: tuple[str, ...] = ()
    # Whether `bulk_write` can write a checked file at once (import_data(bulk=True)); otherwise
    # the rows go through the services one by one, in one transaction all the same.
    supports_bulk = False
    PROGRESS_EVERY = 500  # rows between two reports to `progress`
    # Other headings people give a column, beside its own name and its label in English and Welsh.
    column_headings: dict[str, tuple[str, ...]] = {}

    class Meta:
        import_id_fields = ()  # rows are matched in parse_row, by school code, name or email
        use_transactions = True
        report_skipped = False  # skipped rows are blank lines

    def __init__(self, consortium: Consortium | None = None, user=None, **kwargs):
        super().__init__(**kwargs)
        self.consortium = consortium
        self.user = user  # the admin importing: invitations are sent in their name
        self.warnings: list[str] = []
        self.values: dict = {}
        self.errors: dict[str, list[str]] = {}
        self.existing = None
        self.line = 0
        self.blank = False
        self.checking = False
        # Headings of the file that match no column: their cells are not imported, and the dry run says so.
        self.unused_columns: list[str] = []
        self.bulk = False
        self.progress = None
        self.on_saved = None
        self.pending: list = []
        self.row_errors: list[dict] = []

    @classmethod
    def get_diff_class(cls):
        return _Diff

    @classmethod
    def get_result_class(cls):
        return ImportResult

    def get_import_fields(self):
        # The consortium column of an export is there to read; on import the form's choice wins.
        return [field for field in super().get_import_fields() if not field.readonly]

    def import_data(self, dataset, *, bulk: bool = False, progress=None, on_saved=None, **kwargs):
        """Import a dataset, all or nothing.

        For a background job: `bulk` writes the checked rows with bulk operations (where the
        resource supports it); `progress(done, row_errors)` is called as rows are checked, outside
        any transaction; `on_saved(result)` runs inside the transaction that wrote the rows, so
        what it records commits with them or not at all.
        """
        self.warnings = []
        self.bulk, self.progress, self.on_saved = bulk and self.supports_bulk, progress, on_saved
        self.pending, self.row_errors = [], []
        result = self._import_checked(dataset, **kwargs)
        result.warnings = list(self.warnings)
        return result

    def _import_checked(self, dataset, **kwargs):
        if self.consortium is None:
            raise ImproperlyConfigured("An import needs the consortium it is for.")
        # NOTE: all or nothing. With a transaction the dry run really runs the services (so a
        # row can use a local authority added a few rows up), and a confirmed import whose
        # rows turn out invalid (a replayed file, data changed since the dry run) is rolled
        # back whole instead of keeping its valid rows.
        kwargs["use_transactions"] = True
        kwargs["rollback_on_validation_errors"] = True
        if dataset.headers:
            dataset.headers = self._match_headings(dataset.headers)
        missing = [column for column in self.required_columns if column not in (dataset.headers or ())]
        if missing:
            return self._refused(dataset, _("The first row of the file must have the column headings: %(columns)s.")
                                 % {"columns": ", ".join(missing)})
        # Every row is checked in memory first, writing nothing, so that a large file with a
        # bad row is answered in a moment; only a file that passes runs through the services.
        self.checking = True
        try:
            checked = super().import_data(dataset, **{**kwargs, "dry_run": False, "use_transactions": False})
        finally:
            self.checking = False
        if self.progress is not None:
            self.progress(len(dataset), self.row_errors)
        if checked.has_errors() or checked.has_validation_errors():
            return self._with_warnings(checked)
        if kwargs.get("dry_run") or (self.on_saved is None and not self.bulk):
            return self._with_warnings(super().import_data(dataset, **kwargs))
        with transaction.atomic():
            if self.bulk:
                # The rows were checked above, each as the services check it; written at once.
                self.bulk_write(self.pending)
                result = checked
            else:
                result = super().import_data(dataset, **kwargs)
            if self.on_saved is not None and not (result.has_errors() or result.has_validation_errors()):
                self.on_saved(result)
        return self._with_warnings(result)

    def bulk_write(self, instances: list) -> None:
        """Write every checked row at once (a subclass with `supports_bulk`)."""
        raise NotImplementedError

    def _refused(self, dataset, message: str):
        result = self.get_result_class()()
        result.diff_headers = self.get_diff_headers()
        result.total_rows = len(dataset)
        result.append_base_error(self.get_error_result_class()(ValueError(message)))
        return self._with_warnings(result)

    def _with_warnings(self, result):
        result.unused_columns = list(self.unused_columns)
        result.known_columns = self.importable_columns()
        return result

    def importable_columns(self) -> list[str]:
        return [field.column_name for field in self.get_import_fields()]

    def heading_names(self) -> dict[str, str]:
        """Every heading a column is known by (reduced by _heading_key), mapped to the column."""
        names: dict[str, str] = {}
        model_fields = {f.name: f for f in self._meta.model._meta.get_fields() if hasattr(f, "verbose_name")}
        for field in self.get_import_fields():
            column = field.column_name
            known = [column, *self.column_headings.get(column, ())]
            model_field = model_fields.get(field.attribute or "")
            for language in ("en", "cy"):
                with translation.override(language):
                    if model_field is not None:
                        known.append(str(model_field.verbose_name))
                    known.extend(str(heading) for heading in self.column_headings.get(column, ()))
            for heading in known:
                names.setdefault(_heading_key(heading), column)
        return names

    def _match_headings(self, headers) -> list[str]:
        """The file's headings as column names; a heading that matches none is kept, and reported."""
        names = self.heading_names()
        matched, seen = [], set()
        self.unused_columns = []
        for heading in headers:
            column = names.get(_heading_key(heading))
            if column is None or column in seen:
                # Kept as it is: import-export ignores a column that is no field.
                if _text(heading):
                    self.unused_columns.append(_text(heading))
                matched.append(f"unused: {_text(heading)}")
            else:
                seen.add(column)
                matched.append(column)
        return matched

    def add_error(self, column: str, message: str) -> None:
        self.errors.setdefault(column, []).append(message)

    def add_warning(self, message: str) -> None:
        """Tell the admin about this row without refusing it (once: both passes over the file parse it)."""
        if self.checking:
            self.warnings.append(_("Row %(row)s: %(message)s") % {"row": self.line, "message": message})

    def before_import_row(self, row, **kwargs):
        # Numbered as the spreadsheet numbers them, with the headings on row 1.
        self.line = kwargs["row_number"] + 1
        self.values, self.errors, self.existing = {}, {}, None
        self.blank = not any(_text(value) for value in row.values())
        if self.checking and self.progress is not None and kwargs["row_number"] % self.PROGRESS_EVERY == 0:
            self.progress(kwargs["row_number"], self.row_errors)
        if not self.blank:
            self.parse_row(row)
            for column, value in row.items():
                if spreadsheets.looks_like_formula(text := _text(value)):
                    self.add_warning(_("the %(column)s “%(value)s” begins with “%(start)s”, so a spreadsheet "
                                       "would run it as a formula. It is kept as text, and exports write it "
                                       "with a leading apostrophe.")
                                     % {"column": column, "value": text[:40], "start": text[0]})

    def parse_row(self, row) -> None:
        raise NotImplementedError

    def get_instance(self, instance_loader, row):
        # A copy, so that a row which turns out invalid leaves the cached original untouched.
        return copy.copy(self.existing) if self.existing is not None else None

    def import_instance(self, instance, row, **kwargs):
        if self.blank:
            return
        self.apply(instance)
        if self.errors:
            if self.checking:
                self.row_errors.append({"row": self.line, "messages": [
                    f"{column}: {message}" for column, messages in self.errors.items() for message in messages]})
            raise ValidationError(self.errors)

    def apply(self, instance) -> None:
        raise NotImplementedError

    def skip_row(self, instance, original, row, import_validation_errors=None):
        return self.blank

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        # The row's own checks ran in parse_row and apply; the service that saves a valid row
        # validates it again, as a whole.
        if import_validation_errors:
            raise ValidationError(import_validation_errors)

    def save_instance(self, instance, is_create, row, **kwargs):
        if self.checking:
            self.remember(instance)
            if self.bulk:
                self.pending.append(instance)
        else:
            self.save(instance, is_create)

    def save(self, instance, is_create: bool) -> None:
        """Write the row through the services, then `remember` it."""
        raise NotImplementedError

    def remember(self, instance) -> None:
        """Let later rows find this one (a local authority they name, a duplicate)."""

    def export_resource(self, instance, selected_fields=None, **kwargs):
        # Every cell of an admin export, through the one helper that keeps formulas from running.
        return spreadsheets.safe_row(super().export_resource(instance, selected_fields, **kwargs))

    def after_import(self, dataset, result, **kwargs):
        # Ids come from the sequence, never from the file: there is no sequence to reset (and
        # resetting it under concurrent inserts would hand out ids twice).
        pass
