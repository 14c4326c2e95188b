"""schemathesis over the whole API: every operation of the OpenAPI schema that
/api/schema/ serves, called with generated valid and invalid input, as an anonymous
visitor and as a partner with a token (so the writes run too). No answer may be a
server error, and every status code must be one the schema documents.

Bounded: EXAMPLES per operation and kind of input, derandomized (the same cases
each run, no example database), so the whole run takes seconds. The schema is the
one drf-spectacular generates for /api/schema/ (built at import, without a request,
so that each operation is a test of its own); the calls go through the WSGI
application, inside the test's transaction."""

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import status_code_conformance

from atelier import roles
from atelier.wsgi import application
from tests.atelier.factories import UserFactory
from tests.kempenkaart.factories import InstrumentFactory, ProjectFactory

pytestmark = pytest.mark.django_db

EXAMPLES = 12
CHECKS = [not_a_server_error, status_code_conformance]

SCHEMA = schemathesis.openapi.from_dict(
    json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(public=True)))
)
OPERATIONS = {
    operation.label: operation
    for operation in (result.ok() for result in SCHEMA.get_all_operations())
}


def app(environ, start_response):
    """The WSGI application, inside the test's transaction: like Django's test
    client, it keeps the connection that a finished request would close."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        response = application(environ, start_response)
        try:
            return [b"".join(response)]
        finally:
            response.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_the_whole_api_is_covered_and_documents_its_errors():
    assert len(OPERATIONS) >= 11
    for label, operation in OPERATIONS.items():
        codes = set(operation.definition.raw["responses"])
        assert {"403", "404", "429"} <= codes, label
        if operation.method in ("post", "put", "patch"):
            assert {"400", "415"} <= codes, label


@pytest.fixture(params=["anoniem", "partner"])
def caller(request, settings):
    """Who calls: their headers, and the project that PUT and PATCH aim at (theirs,
    for the partner)."""
    settings.ALLOWED_HOSTS = ["localhost"]  # the host of schemathesis' WSGI client
    ProjectFactory(title="Herbestemming pastorie", in_gemeente="geel")
    InstrumentFactory(name="RUP Stationsomgeving")
    project = ProjectFactory(title="Speelbos aan de Aa", live=False)
    if request.param == "anoniem":
        return {"headers": {}, "project": project}
    partner = UserFactory(roles=[roles.PARTNER])
    project.ingediend_door = partner
    project.save()
    token = Token.objects.create(user=partner)
    return {"headers": {"Authorization": f"Token {token.key}"}, "project": project}


@pytest.mark.parametrize("label", OPERATIONS)
def test_the_api_keeps_to_its_schema(label, caller):
    operation = OPERATIONS[label]
    cases = st.one_of(
        operation.as_strategy(GenerationMode.POSITIVE),
        operation.as_strategy(GenerationMode.NEGATIVE),
    )
    inside = caller["project"].locatie
    answers = []

    @given(case=cases)
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def call(case):
        if case.method.upper() in ("PUT", "PATCH"):
            case.path_parameters["slug"] = caller["project"].slug  # may change
        if isinstance(case.body, dict) and isinstance(case.body.get("geometry"), dict):
            # A place in the Kempen, so that valid features get saved (and mailed)
            case.body["geometry"] = {"type": "Point", "coordinates": list(inside)}
        response = case.call_and_validate(
            app=app, headers=caller["headers"], checks=CHECKS
        )
        answers.append(response.status_code)

    call()
    if caller["headers"] and operation.method == "post":
        assert 201 in answers  # the partner's writes went all the way through
