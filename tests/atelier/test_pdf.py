"""PDFs from templates (atelier.pdf): the Atelier's layout, and nothing fetched but
the portal's own static files and the files handed over."""

import io

import pytest
from django.conf import settings
from django.test import override_settings
from PIL import Image
from pypdf import PdfReader

from atelier.pdf import PortalFetcher, render_pdf
from tests.netprobe import Listener


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "#3f8f7a").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def template(tmp_path):
    def write(body):
        (tmp_path / "probe.html").write_text(
            '{% extends "pdf/base.html" %}{% block title %}Proef{% endblock %}'
            "{% block content %}" + body + "{% endblock %}"
        )
        return "probe.html"

    with override_settings(
        TEMPLATES=[
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]],
                "APP_DIRS": True,
            }
        ]
    ):
        yield write


def text_of(pdf):
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_a_pdf_in_the_atelier_layout_with_its_text(template):
    pdf = render_pdf(
        template("<h1>Advies {{ nummer }}</h1><p>Positief met voorwaarden.</p>"),
        {"nummer": 7},
    )
    assert pdf.startswith(b"%PDF")
    text = text_of(pdf)
    assert "Advies 7" in text
    assert "Positief met voorwaarden." in text
    assert "Atelier Ruimte Kempen" in text  # the running header
    assert "p. 1 / 1" in text


def test_nothing_is_fetched_but_static_files_and_given_files(
    template, tmp_path, monkeypatch
):
    secret = tmp_path / "geheim.css"
    secret.write_text("body { color: red }")
    fetched = []

    class Recording(PortalFetcher):
        def fetch(self, url, headers=None):
            response = super().fetch(url, headers)
            fetched.append(url)
            return response

    monkeypatch.setattr("atelier.pdf.PortalFetcher", Recording)
    with Listener() as probe:
        body = (
            f'<img src="{probe.url}/spy.png">'
            f'<link rel="stylesheet" href="{probe.url}/x.css">'
            f'<img src="file://{secret}"><img src="/media/original_images/x.png">'
            '<img src="{{ files_url }}schets.png">'
            '<img src="{{ files_url }}onbekend.png">'
        )
        pdf = render_pdf(template(body), {}, files={"schets.png": png()})
        assert probe.connections() == []
    assert pdf.startswith(b"%PDF")
    assert sorted(fetched) == [
        "https://pdf.invalid/_bestanden/schets.png",
        "https://pdf.invalid/static/css/pdf.css",
    ]


def test_the_fetcher_refuses_paths_out_of_static():
    fetcher = PortalFetcher()
    for url in (
        "https://pdf.invalid/static/../atelier/settings/base.py",
        "https://pdf.invalid/static/%2e%2e/manage.py",
        "https://elders.example/static/css/pdf.css",
        "file:///etc/passwd",
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 4
