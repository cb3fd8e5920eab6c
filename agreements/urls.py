from django.urls import path  # noqa: F401

# Routes under /<consortium_slug>/agreements/ ; every view declares its permission.
urlpatterns: list = []
