"""The API's settings live in config/settings/api.py and base.py star-imports them."""

from config.settings import api as api_settings


def test_the_api_settings_are_installed(settings):
    hint = "add `from .api import *  # noqa` at the end of config/settings/base.py"

    assert getattr(settings, "REST_FRAMEWORK", None) == api_settings.REST_FRAMEWORK, hint
    assert getattr(settings, "SPECTACULAR_SETTINGS", None) == api_settings.SPECTACULAR_SETTINGS, hint


def test_the_docs_assets_are_served_from_the_sidecar():
    assert {api_settings.SPECTACULAR_SETTINGS[key] for key in
            ("SWAGGER_UI_DIST", "SWAGGER_UI_FAVICON_HREF", "REDOC_DIST")} == {"SIDECAR"}
