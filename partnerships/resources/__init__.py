"""Importing and exporting organisations and people as CSV or XLSX (django-import-export).

NOTE: a resource works inside one consortium, the one chosen on the admin's import form:
every lookup and every write is scoped to it, rows are written through
`partnerships.services`, and an import with any invalid row saves nothing.

One module per resource, the part they share in base and the cell readers in _cells; this
package re-exports the resources, so `from partnerships.resources import PersonResource` works.
"""

from ._cells import MAX_BUDGET
from .base import ConsortiumResource
from .organisations import OrganisationResource
from .people import MAX_EMAIL, MAX_TEXT, PersonResource

__all__ = ["MAX_BUDGET", "MAX_EMAIL", "MAX_TEXT", "ConsortiumResource", "OrganisationResource", "PersonResource"]
