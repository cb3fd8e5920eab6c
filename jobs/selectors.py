"""Reading import jobs: which a person may see."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from consortia.permissions import has_consortium_perm

from .models import ImportJob

ADMIN = "consortia.administer_consortium"


def can_import(user, consortium) -> bool:
    return has_consortium_perm(user, ADMIN, consortium)


def jobs_visible_to(user, consortium) -> QuerySet[ImportJob]:
    """The consortium's jobs this person may see: their own, or every one for a consortium admin."""
    jobs = ImportJob.objects.for_consortium(consortium).select_related("created_by")
    if has_consortium_perm(user, ADMIN, consortium):
        return jobs
    return jobs.filter(Q(created_by=user))
