"""Background work: exports are built by the worker, never inside a request."""

from django.tasks import task

from fairfield.privacy import services


@task
def export_build_task(export_id: int) -> bool:
    return services.export_build(export_id=export_id) is not None


@task
def exports_housekeeping_task() -> int:
    return services.exports_purge()
