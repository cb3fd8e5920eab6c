"""Reading an uploaded import file, and checking its shape before a job is made for it.

The shape is what can be told without reading the rows against the database: a CSV or XLSX
file that opens, with a heading row naming the columns the import needs, and not too many
rows. The rows themselves are checked by the job, in the background.
"""

from __future__ import annotations

from dataclasses import dataclass

import tablib
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export.formats import base_formats

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 50_000
FORMATS = {"csv": base_formats.CSV, "xlsx": base_formats.XLSX}


def resource_class(kind: str):
    """The import-export resource that checks and writes rows of this kind."""
    if kind == "organisations":
        from partnerships.resources import OrganisationResource

        return OrganisationResource
    if kind == "people":
        from partnerships.resources import PersonResource

        return PersonResource
    if kind == "participants":
        from programmes.resources import EnrolmentResource

        return EnrolmentResource
    raise ValueError(f"Unknown import kind {kind!r}")


def format_of(name: str) -> str:
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in FORMATS:
        raise ValidationError(_("Upload a CSV or XLSX file."), code="format")
    return extension


def read_dataset(content: bytes, file_format: str) -> tablib.Dataset:
    """The file's rows; a file that does not open is a ValidationError, never a 500."""
    reader = FORMATS[file_format]()
    try:
        if file_format == "csv":
            try:
                text = content.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = content.decode("cp1252")
            return reader.create_dataset(text)
        return reader.create_dataset(content)
    except Exception as exc:  # noqa: BLE001  tablib and openpyxl raise many kinds on a broken file
        raise ValidationError(_("The file could not be read as %(format)s. Save it again as CSV or XLSX and upload "
                                "it again.") % {"format": file_format.upper()}, code="unreadable") from exc


@dataclass(frozen=True)
class Shape:
    file_format: str
    rows: int


def check_shape(upload, kind: str, *, consortium, user) -> Shape:
    """Check an uploaded file can be imported as `kind`, or raise a ValidationError saying why."""
    if upload.size > MAX_BYTES:
        raise ValidationError(_("The file is larger than %(size)s MB. Split it into smaller files.")
                              % {"size": MAX_BYTES // (1024 * 1024)}, code="size")
    file_format = format_of(upload.name)
    upload.seek(0)
    dataset = read_dataset(upload.read(), file_format)
    upload.seek(0)
    if not dataset.headers:
        raise ValidationError(_("The file is empty: its first row must have the column headings."), code="empty")
    resource = resource_class(kind)(consortium=consortium, user=user)
    columns = resource._match_headings(dataset.headers)
    missing = [column for column in resource.required_columns if column not in columns]
    if missing:
        raise ValidationError(_("The first row of the file must have the column headings: %(columns)s.")
                              % {"columns": ", ".join(missing)}, code="headings")
    if len(dataset) == 0:
        raise ValidationError(_("The file has headings but no rows to import."), code="no_rows")
    if len(dataset) > MAX_ROWS:
        raise ValidationError(_("The file has %(count)s rows; import at most %(most)s at a time.")
                              % {"count": len(dataset), "most": MAX_ROWS}, code="rows")
    return Shape(file_format=file_format, rows=len(dataset))
