"""The API's OpenAPI schema class, kept apart from consortia.api: drf-spectacular's AutoSchema imports DRF's
generic views, which read the settings that name consortia.api's pagination class."""

from __future__ import annotations

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse

_DETAIL = {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]}
_FIELD_ERRORS = {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}},
                 "description": "Messages by field; `non_field_errors` for the request as a whole."}


class ConsortiumAutoSchema(AutoSchema):
    """drf-spectacular's schema, saying what the API answers when it refuses (config/settings/api.py uses it).

    Every operation may answer 401 (not signed in), 403 (the roles it needs, or a missing second
    factor) and 404 (no such consortium, row or address: the same answer for another
    consortium's); a write, or a list with filters, may answer 400 with messages by field.
    Filters and pagination are documented only where they apply: on list routes.
    """

    def get_filter_backends(self):
        if getattr(self.view, "detail", False):
            return []
        return super().get_filter_backends()

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        errors = {
            "401": (_DETAIL, "Not signed in: send `Authorization: Token <key>`."),
            "403": (_DETAIL, "Refused: the detail names the roles that may do this, or asks for a second factor."),
            "404": (_DETAIL, "No such consortium, row or address, or one of another consortium."),
        }
        if self.method in ("POST", "PUT", "PATCH") or self.get_filter_backends():
            errors["400"] = (_FIELD_ERRORS, "Bad input, or a step the rules refuse; nothing was saved.")
        for code, (schema, description) in sorted(errors.items()):
            responses.setdefault(code, self._get_response_for_code(
                OpenApiResponse(response=schema, description=description), code, direction=direction))
        return responses
