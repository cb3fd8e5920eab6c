from django.urls import path

from . import views

# Routes under /<consortium_slug>/reports/ ; every view declares its permission.
urlpatterns = [
    path("", views.report_overview, name="report_overview"),
    path("partnerships/<int:partnership_pk>/generate/", views.report_generate, name="report_generate"),
    path("partnerships/<int:partnership_pk>/summary/<int:academic_year>/", views.report_summary_edit,
         name="report_summary_edit"),
    path("builds/<int:pk>/", views.report_status, name="report_status"),
    path("builds/<int:pk>/download/", views.report_download, name="report_download"),
    path("builds/<int:pk>/retry/", views.report_retry, name="report_retry"),
    path("builds/<int:pk>/delete/", views.report_delete, name="report_delete"),
]
