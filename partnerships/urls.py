from django.urls import path

from . import views

# Routes under /<consortium_slug>/partnerships/ ; every view declares its permission.
urlpatterns = [
    path("", views.partnership_list, name="partnership_list"),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("<int:pk>/", views.partnership_detail, name="partnership_detail"),
    path("<int:pk>/edit/", views.partnership_edit, name="partnership_edit"),
    path("<int:pk>/lists/", views.partnership_lists_edit, name="partnership_lists_edit"),
    path("<int:pk>/groups/add/", views.group_add, name="partnership_group_add"),
    path("<int:pk>/members/add/", views.membership_add, name="partnership_membership_add"),
    path("<int:pk>/members/<int:membership_pk>/leave/", views.membership_leave, name="partnership_membership_leave"),
    path("<int:pk>/roles/add/", views.role_grant, name="partnership_role_grant"),
    path("<int:pk>/roles/<int:role_pk>/end/", views.role_end, name="partnership_role_end"),
    path("<int:pk>/history/", views.partnership_history, name="partnership_history"),
]
