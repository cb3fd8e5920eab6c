from django.urls import path

from . import views

# Routes under /feeds/ ; the secret token in the address is the credential (consortia.permissions.public).
urlpatterns = [
    path("calendar/<str:token>/", views.calendar_feed_public, name="governance_calendar_feed"),
]
