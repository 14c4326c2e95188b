"""Django's async-safety check stays on for the suite: the browser tests lift it only
while their browser is open (tests/browser/conftest.py), not when they are collected."""

import asyncio
import os

import pytest
from django.core.exceptions import SynchronousOnlyOperation

from atelier.models import Gemeente

pytestmark = pytest.mark.django_db


def test_the_async_safety_check_is_on_outside_the_browser_tests():
    assert "DJANGO_ALLOW_ASYNC_UNSAFE" not in os.environ

    async def query_in_an_event_loop():
        return Gemeente.objects.count()

    with pytest.raises(SynchronousOnlyOperation):
        asyncio.run(query_in_an_event_loop())
