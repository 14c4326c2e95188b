"""Background tasks (django-tasks, which Wagtail 8 brings) kept in PostgreSQL: the
`DatabaseBackend` writes each enqueued task as a `QueuedTask` row in the current
transaction (so a task of a write that rolls back is never run, and the worker sees it
only once the write is committed), and `manage.py run_worker` runs them: any number of
workers on any machine, each taking the next ready row with `FOR UPDATE SKIP LOCKED`.

`TASKS` in the settings picks the backend: this one in production (DJANGO_TASKS=database,
the default outside DEBUG), django-tasks' ImmediateBackend (run at once, in the
request) for `make run` and the tests.
"""

import logging
import time

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import TaskResult, TaskResultStatus
from django_tasks.backends.base import BaseTaskBackend
from django_tasks.base import Task, TaskError
from django_tasks.exceptions import TaskResultDoesNotExist
from django_tasks.signals import task_enqueued, task_finished, task_started
from django_tasks.utils import get_exception_traceback, get_module_path, get_random_id

from .models import QueuedTask

logger = logging.getLogger(__name__)


class DatabaseBackend(BaseTaskBackend):
    supports_defer = True
    supports_get_result = True
    supports_priority = True

    def enqueue(self, task, args, kwargs):
        self.validate_task(task)
        row = QueuedTask.objects.create(
            task_path=task.module_path,
            arguments={"args": list(args), "kwargs": dict(kwargs)},
            queue_name=task.queue_name,
            priority=task.priority,
            backend_name=self.alias,
            run_after=task.run_after,
        )
        result = task_result(row, task)
        task_enqueued.send(type(self), task_result=result)
        return result

    def get_result(self, result_id):
        try:
            row = QueuedTask.objects.get(pk=result_id)
        except (QueuedTask.DoesNotExist, ValueError) as missing:
            raise TaskResultDoesNotExist(result_id) from missing
        return task_result(row)


def task_of(row):
    """The Task object of `row` (the decorated function at its module path)."""
    task = import_string(row.task_path)
    if not isinstance(task, Task):
        raise TypeError(f"{row.task_path} is not a task")
    return task.using(
        priority=row.priority, queue_name=row.queue_name, backend=row.backend_name
    )


def task_result(row, task=None):
    result = TaskResult(
        task=task or task_of(row),
        id=str(row.pk),
        status=TaskResultStatus(row.status),
        enqueued_at=row.created_at,
        started_at=row.started_at,
        last_attempted_at=row.started_at,
        finished_at=row.finished_at,
        args=row.arguments.get("args", []),
        kwargs=row.arguments.get("kwargs", {}),
        backend=row.backend_name,
        errors=[TaskError(**error) for error in row.errors],
        worker_ids=list(row.worker_ids),
    )
    object.__setattr__(result, "_return_value", row.return_value)
    return result


def claim_next(worker_id, queues):
    """Mark the next ready task RUNNING for this worker and return it (or None)."""
    now = timezone.now()
    with transaction.atomic():
        row = (
            QueuedTask.objects.select_for_update(skip_locked=True)
            .filter(status=QueuedTask.Status.READY, queue_name__in=queues)
            .exclude(run_after__gt=now)
            .order_by("-priority", "created_at")
            .first()
        )
        if row is None:
            return None
        row.status = QueuedTask.Status.RUNNING
        row.started_at = now
        row.worker_ids = [*row.worker_ids, worker_id]
        row.save(update_fields=["status", "started_at", "worker_ids", "updated_at"])
    return row


def run_one(row):
    """Run the claimed task `row` and record how it ended."""
    try:
        task = task_of(row)
    except Exception as error:
        return finish(row, error=error)
    task_started.send(DatabaseBackend, task_result=task_result(row, task))
    try:
        value = task.call(
            *row.arguments.get("args", []), **row.arguments.get("kwargs", {})
        )
    except Exception as error:
        logger.exception("Task %s (%s) failed", row.task_path, row.pk)
        return finish(row, error=error, task=task)
    return finish(row, value=value, task=task)


def finish(row, *, value=None, error=None, task=None):
    row.finished_at = timezone.now()
    if error is None:
        row.status = QueuedTask.Status.SUCCESSFUL
        row.return_value = value
    else:
        row.status = QueuedTask.Status.FAILED
        row.errors = [
            *row.errors,
            {
                "exception_class_path": get_module_path(type(error)),
                "traceback": get_exception_traceback(error),
            },
        ]
    row.save()
    if task is not None:
        task_finished.send(DatabaseBackend, task_result=task_result(row, task))
    return row


def run_worker(*, queues=("default",), once=False, interval=1.0, stop=None):
    """Run ready tasks until `stop()` says so; with `once`, until none is ready.
    Returns the number of tasks run."""
    worker_id = get_random_id()
    done = 0
    while stop is None or not stop():
        row = claim_next(worker_id, list(queues))
        if row is None:
            if once:
                break
            time.sleep(interval)
            continue
        run_one(row)
        done += 1
    return done
