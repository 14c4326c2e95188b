"""Background tasks (issue 13, item 3): mail and PDFs queued in PostgreSQL and run by
`manage.py run_worker`, after the write that caused them is committed."""

import io

import pytest
from django.core import mail
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from pypdf import PdfReader

from atelier.mail import mail_send
from atelier.models import QueuedTask
from atelier.pdf import pdf_enqueue
from atelier.tasks import run_worker

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "atelier.tasks.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def mail_templates(tmp_path, settings):
    (tmp_path / "subject.txt").write_text("Nieuw: {{ title }}")
    (tmp_path / "body.txt").write_text("Dag,\n\n{{ title }} staat klaar.\n")
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]


@pytest.fixture
def queue():
    mail.outbox = []
    with override_settings(TASKS=DATABASE_TASKS):
        yield


def a_mail(title="Speelbos"):
    return {
        "subject_template": "subject.txt",
        "body_template": "body.txt",
        "context": {"title": title},
    }


def test_a_mail_waits_for_the_worker_then_goes_out(queue):
    assert mail_send(**a_mail(), to=["a@example.be"]) is True
    assert mail.outbox == []  # not in the request
    row = QueuedTask.objects.get()
    assert row.status == QueuedTask.Status.READY
    assert row.task_path == "atelier.mail.send_rendered_mail"
    assert run_worker(once=True) == 1
    assert [m.to for m in mail.outbox] == [["a@example.be"]]
    assert "Speelbos" in mail.outbox[0].subject
    row.refresh_from_db()
    assert row.status == QueuedTask.Status.SUCCESSFUL
    assert row.finished_at >= row.started_at


def test_a_write_that_rolls_back_sends_nothing(queue):
    # The task is a row in the write's transaction (here a savepoint): gone with it.
    with pytest.raises(RuntimeError), transaction.atomic():
        mail_send(**a_mail(), to=["a@example.be"])
        raise RuntimeError("the write failed")
    assert not QueuedTask.objects.exists()
    assert run_worker(once=True) == 0
    assert mail.outbox == []


def test_a_mail_server_that_is_down_fails_the_task_not_the_write(queue, caplog):
    smtp_down = {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": 9,  # the discard port: nothing listens
        "EMAIL_TIMEOUT": 2,
    }
    assert mail_send(**a_mail(), to=["a@example.be"]) is True
    with override_settings(**smtp_down):
        assert run_worker(once=True) == 1
    row = QueuedTask.objects.get()
    assert row.status == QueuedTask.Status.FAILED
    assert "ConnectionRefusedError" in row.errors[0]["traceback"]
    assert "Mail not sent" in caplog.text


def test_immediate_backend_sends_at_once_and_reports_a_failure():
    # make run and the tests: no worker, the mail goes out in the request.
    mail.outbox = []
    assert mail_send(**a_mail(), to=["a@example.be"]) is True
    assert len(mail.outbox) == 1
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=9,
    ):
        assert mail_send(**a_mail(), to=["a@example.be"]) is False
    assert not QueuedTask.objects.exists()


def test_a_pdf_is_made_by_the_worker_and_stored(queue):
    result = pdf_enqueue(
        "pdf/base.html", {}, "pdf/proef.pdf", files={"a.txt": b"\x00\x01"}
    )
    assert not default_storage.exists("pdf/proef.pdf")
    out = io.StringIO()
    call_command("run_worker", "--once", stdout=out)
    assert "1 taken uitgevoerd." in out.getvalue()
    with default_storage.open("pdf/proef.pdf", "rb") as stored:
        pdf = stored.read()
    assert pdf.startswith(b"%PDF")
    assert "Atelier Ruimte Kempen" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    result.refresh()
    assert result.return_value == "pdf/proef.pdf"
    default_storage.delete("pdf/proef.pdf")


def test_two_workers_never_run_the_same_task(queue):
    for n in range(3):
        mail_send(**a_mail(f"Project {n}"), to=["a@example.be"])
    from atelier.tasks import claim_next

    first, second = claim_next("w1", ["default"]), claim_next("w2", ["default"])
    assert first.pk != second.pk
    assert run_worker(once=True) == 1  # only the third is left
    assert QueuedTask.objects.filter(status="RUNNING").count() == 2
