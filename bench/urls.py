"""The site's own URLs plus a trivial view, so the benchmark has a floor to compare against."""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns
from consortia.permissions import public


@public
def bare_view(request):
    return HttpResponse("ok", content_type="text/plain")


# First, because "bench-bare" is also a valid consortium slug for the catch-all pattern.
urlpatterns = [path("bench-bare/", bare_view, name="bench_bare"), *site_urlpatterns]
