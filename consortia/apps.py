from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ConsortiaConfig(AppConfig):
    name = "consortia"
    verbose_name = _("Consortia")

    def ready(self) -> None:
        from celery.signals import task_postrun, task_prerun

        from ui import navigation

        from . import tenancy, text

        # After every migrate (and test-database flush), once all apps' tables exist: one
        # mechanism for every tenant table, present and future.
        post_migrate.connect(tenancy.rls_apply_after_migrate, sender=self, dispatch_uid="consortia.rls")
        task_prerun.connect(tenancy.task_prerun, weak=False, dispatch_uid="consortia.tenancy.prerun")
        task_postrun.connect(tenancy.task_postrun, weak=False, dispatch_uid="consortia.tenancy.postrun")

        from .permissions import has_consortium_perm

        text.install()
        post_migrate.connect(_resync_role_permissions)

        def member(request) -> bool:
            return True  # the middleware has already refused anyone without a membership

        def perm(name):
            return lambda request: has_consortium_perm(request.user, name, request.consortium)

        navigation.register(navigation.NavItem("dashboard", _("Dashboard"), "dashboard", member, order=0))
        navigation.register(navigation.NavItem("people", _("People"), "people", perm("consortia.administer_consortium"),
                                               order=80, sections=("people/",)))
        navigation.register(navigation.NavItem("outbox", _("Emails"), "outbox", perm("consortia.view_outbox"),
                                               order=90, sections=("outbox/",)))


def _resync_role_permissions(sender, using="default", plan=None, **kwargs) -> None:
    """After a release's migrations, holders of a role that gained a permission in code hold it too."""
    from django.apps import apps
    from django.db import connections

    from .services import role_permissions_resync

    # Once per migrate, after the last app's permissions exist (post_migrate is sent app by app).
    with_models = [config.label for config in apps.get_app_configs() if config.models_module is not None]
    if sender.label != with_models[-1]:
        return
    if "consortia_consortiumrole" not in connections[using].introspection.table_names():
        return
    role_permissions_resync()
