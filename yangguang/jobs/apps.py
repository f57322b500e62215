from django.apps import AppConfig
from django.db.models.signals import post_migrate


class JobsConfig(AppConfig):
    """Background work: the durable outbox, periodic jobs and the task workers (see ``jobs/``)."""

    name = "yangguang.jobs"
    label = "jobs"
    verbose_name = "后台任务"

    def ready(self) -> None:
        from . import access_rules, signals

        access_rules.register()
        post_migrate.connect(signals.create_cache_table, sender=self)
