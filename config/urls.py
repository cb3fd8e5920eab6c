from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from accounts import views as account_views
from consortia import views as consortium_views
from partnerships import views as partnership_views

# Every 404 under /api/ answers JSON, like the rest of the API.
handler404 = "consortia.api.not_found"

# The admin signs in through allauth, so its rate limits and second factor apply there too.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Partneriaeth"

consortium_patterns = [
    path("", consortium_views.dashboard, name="dashboard"),
    path("people/", partnership_views.people, name="people"),
    path("people/invite/", partnership_views.invite, name="invite"),
    path("outbox/", consortium_views.outbox, name="outbox"),
    path("partnerships/", include("partnerships.urls")),
    path("agreements/", include("agreements.urls")),
    path("meetings/", include("governance.urls")),
    path("programmes/", include("programmes.urls")),
    path("reports/", include("reporting.urls")),
    path("finance/", include("finance.urls")),
    path("imports/", include("jobs.urls")),
]

urlpatterns = [
    path("", consortium_views.home, name="home"),
    path("healthz", consortium_views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/", include("config.api")),
    path("accounts/", include("allauth.urls")),
    path("me/", account_views.profile, name="profile"),
    path("me/partnerships/", partnership_views.my_partnerships, name="my_partnerships"),
    path("i18n/setlang/", account_views.set_language, name="set_language"),
    path("feeds/", include("governance.public_urls")),
    path("invitations/<str:token>/", account_views.invitation_accept_view, name="invitation_accept"),
    path("<slug:consortium_slug>/", include(consortium_patterns)),
]

# A refused page explains itself in the person's language and says who can give access.
handler403 = "consortia.views.permission_denied"
