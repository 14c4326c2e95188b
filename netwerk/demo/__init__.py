"""Demo data of the Netwerk Ruimte Kempen, one module per part beside its data
files: the agenda (agenda.py, agenda.yaml). See SOURCE.md."""

from atelier.demo.records import DemoFolder

from . import agenda

DEMO = DemoFolder(__file__)


def load(stdout):
    agenda.load(stdout, DEMO)
