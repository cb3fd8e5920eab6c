"""Files to import, and running the job a request queued."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

ORG_HEADERS = ["kind", "name", "school_code", "local_authority", "academic_year", "pupils", "budget"]


def csv_file(rows, headers=ORG_HEADERS, name="organisations.csv"):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=headers)
    writer.writeheader()
    writer.writerows(rows)
    return SimpleUploadedFile(name, out.getvalue().encode(), content_type="text/csv")


def school(number: int, **values):
    row = {"kind": "school", "name": f"Ysgol {number}", "school_code": f"67{number:05d}", "local_authority": "",
           "academic_year": "2025/26", "pupils": str(100 + number), "budget": "500000.00"}
    row.update(values)
    return row


def upload(client, consortium, upload_file, kind="organisations"):
    return client.post(reverse("import_upload", args=[consortium.slug]), {"kind": kind, "import_file": upload_file})


def upload_and_run(client, consortium, upload_file, capture, kind="organisations"):
    """Upload as the signed-in person; the job runs (eagerly, as in the test settings) once the request commits."""
    with capture(execute=True):
        response = upload(client, consortium, upload_file, kind)
    return response
