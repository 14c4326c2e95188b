"""The network's writes that span models or send mail, one module per part
(agenda.py: registrations, reminders, calendar versions)."""

from .agenda import (  # noqa: F401
    bijeenkomst_cancelled,
    bijeenkomst_changed,
    inschrijving_cancel,
    inschrijving_create,
    inschrijving_set_aanwezig,
    inschrijvingen_remind,
    registration_refusal,
    token_hash,
)
