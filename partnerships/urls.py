from django.urls import path

from . import views

# Routes under /<consortium_slug>/partnerships/ ; every view declares its permission.
urlpatterns = [
    path("", views.partnership_list, name="partnership_list"),
    path("<int:pk>/", views.partnership_detail, name="partnership_detail"),
]
