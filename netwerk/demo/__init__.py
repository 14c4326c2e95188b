"""Demo data of the Netwerk Ruimte Kempen, one module per part beside its data
files: consultations, activities and tailored support (overleg.py, overleg.yaml).
See SOURCE.md."""

from atelier.demo.records import DemoFolder

from . import overleg

DEMO = DemoFolder(__file__)


def load(stdout):
    overleg.load(stdout, DEMO)
