from django.urls import path

from . import views

# Routes under /<consortium_slug>/agreements/ ; every view declares its permission.
urlpatterns = [
    path("", views.agreement_list, name="agreement_list"),
    path("new/", views.agreement_create, name="agreement_create"),
    path("<int:pk>/", views.agreement_detail, name="agreement_detail"),
    path("<int:pk>/settings/", views.agreement_settings, name="agreement_settings"),
    path("<int:pk>/draft/", views.agreement_draft_next, name="agreement_draft_next"),
    path("versions/<int:pk>/", views.agreement_version, name="agreement_version"),
    path("versions/<int:pk>/accept/", views.agreement_accept, name="agreement_accept"),
    path("versions/<int:pk>/challenge/", views.agreement_challenge, name="agreement_challenge"),
    path("versions/<int:pk>/withdraw/", views.agreement_withdraw, name="agreement_withdraw"),
    path("versions/<int:pk>/pdf/", views.agreement_pdf, name="agreement_pdf"),
    path("versions/<int:pk>/edit/", views.agreement_version_edit, name="agreement_version_edit"),
    path("versions/<int:pk>/sections/new/", views.agreement_section_add, name="agreement_section_add"),
    path("versions/<int:pk>/parties/new/", views.agreement_party_add, name="agreement_party_add"),
    path("versions/<int:pk>/publish/", views.agreement_publish, name="agreement_publish"),
    path("versions/<int:pk>/dashboard/", views.agreement_dashboard, name="agreement_dashboard"),
    path("versions/<int:pk>/reminders/", views.agreement_reminders, name="agreement_reminders"),
    path("sections/<int:pk>/", views.agreement_section_edit, name="agreement_section_edit"),
    path("sections/<int:pk>/delete/", views.agreement_section_delete, name="agreement_section_delete"),
    path("parties/<int:pk>/remove/", views.agreement_party_remove, name="agreement_party_remove"),
    path("challenges/<int:pk>/answer/", views.agreement_challenge_answer, name="agreement_challenge_answer"),
]
