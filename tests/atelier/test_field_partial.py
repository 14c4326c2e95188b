"""The site's forms render their fields through one partial, templates/includes/
field.html: a label linked to the field (* when required), help text and errors that
the field points to."""

import pytest
from django import forms
from django.template.loader import render_to_string

pytestmark = pytest.mark.django_db


class Sample(forms.Form):
    naam = forms.CharField(label="Naam", help_text="Zoals op uw identiteitskaart.")
    nota = forms.CharField(label="Nota", required=False)


def test_a_field_has_its_label_help_and_errors_linked():
    form = Sample(data={"naam": ""})
    html = render_to_string("includes/field.html", {"field": form["naam"]})
    assert '<label for="id_naam">Naam <span aria-hidden="true">*</span></label>' in html
    assert 'id="id_naam_helptext"' in html and 'aria-describedby="id_naam_helptext' in (
        html
    )
    assert 'aria-invalid="true"' in html
    assert 'class="field-errors" id="id_naam_error"' in html
    optional = render_to_string("includes/field.html", {"field": form["nota"]})
    assert "*" not in optional and "field-errors" not in optional


def test_the_login_and_library_forms_use_it(client):
    from tests.modeldocumenten.factories import library

    login = client.get("/account/aanmelden/").content.decode()
    assert '<label for="id_username">' in login and 'aria-hidden="true">*' in login
    library().save_revision().publish()
    html = client.get("/modeldocumenten/", {"soort": "roman"}).content.decode()
    assert '<div class="field field--error">' in html  # the wrong filter is marked
    assert html.count("Selecteer een geldige keuze") == 1  # listed once, above
