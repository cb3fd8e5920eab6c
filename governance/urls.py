from django.urls import path  # noqa: F401

# Every view declares its permission (consortia.permissions.requires or public).
urlpatterns: list = []
