"""The REST API's routes: /api/schema/, /api/docs/ and /api/v1/<consortium_slug>/..."""

urlpatterns: list = []
