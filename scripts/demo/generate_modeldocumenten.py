"""Write the DOCX and PDF file of every version in modeldocumenten/demo/documenten.yaml
(into modeldocumenten/demo/bestanden/), from each document's title, the version's
number and date, and the document's `inhoud`.

Dev tooling: needs python-docx and fpdf2 (`pip install -e .[dev]`), no database.
The files are deterministic (fixed dates inside), so an unchanged YAML gives the same
bytes. Run after editing a document's text or adding a version:

    .venv/bin/python scripts/demo/generate_modeldocumenten.py [--check]

`--check` writes nothing and lists the files that differ from what it would write.
"""

import argparse
import sys
import zipfile
from datetime import UTC, datetime, time
from io import BytesIO
from pathlib import Path

import yaml
from docx import Document as DocxDocument
from fpdf import FPDF

FOLDER = Path(__file__).resolve().parents[2] / "modeldocumenten" / "demo"

FOOTER = "Demodocument – Atelier Ruimte Kempen"
FILE_INTRO = (
    "Dit modeldocument van het Atelier Ruimte Kempen is een vertrekpunt. Vervang de "
    "tekst tussen vierkante haken door de gegevens van [naam gemeente] en pas de "
    "inhoud aan de lokale situatie aan."
)
FILE_CONTACT = (
    "Vragen of opmerkingen over dit modeldocument? Neem contact op met het Atelier "
    "Ruimte Kempen (IOK, Plangroep)."
)
ZIP_DATE = (2026, 1, 1, 0, 0, 0)

# Typographic characters the PDF core fonts (latin-1) cannot show.
PLAIN = str.maketrans(
    {"–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "…": "...", "€": "EUR"}
)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="write nothing")
    args = parser.parse_args()
    data = yaml.safe_load((FOLDER / "documenten.yaml").read_text(encoding="utf-8"))
    differ = []
    for document in data["documenten"]:
        sections = [(part["kop"], part["tekst"]) for part in document["inhoud"]]
        for versie in document["versies"]:
            files = {
                versie["bestand"]: docx_file(
                    document["title"], versie["nummer"], versie["datum"], sections
                ),
                versie["pdf"]: pdf_file(
                    document["title"], versie["nummer"], versie["datum"], sections
                ),
            }
            for relative, content in files.items():
                path = FOLDER / relative
                if path.exists() and path.read_bytes() == content:
                    continue
                differ.append(relative)
                if not args.check:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(content)
    verb = "differ" if args.check else "written"
    print(f"{len(differ)} file(s) {verb}" + "".join(f"\n  {p}" for p in differ))
    return 1 if args.check and differ else 0


def docx_file(title, nummer, datum, sections):
    document = DocxDocument()
    properties = document.core_properties
    properties.title = title
    properties.author = properties.last_modified_by = "Atelier Ruimte Kempen"
    properties.subject = f"Versie {nummer}"
    properties.comments = FOOTER
    properties.created = properties.modified = datetime.combine(datum, time(10, 0))
    properties.revision = 1
    document.add_heading(title, level=0)
    document.add_paragraph().add_run(
        f"Versie {nummer} – {datum:%d/%m/%Y}"
    ).italic = True
    document.add_paragraph(FILE_INTRO)
    document.add_paragraph("Gemeente: [naam gemeente]\nDossiernummer: [nummer]")
    for heading, text in sections:
        document.add_heading(heading, level=1)
        document.add_paragraph(text)
    document.add_heading("Contact", level=1)
    document.add_paragraph(FILE_CONTACT)
    document.sections[0].footer.paragraphs[0].text = FOOTER
    out = BytesIO()
    document.save(out)
    return fixed_zip_dates(out.getvalue())


def fixed_zip_dates(data):
    """The same archive with one date on every entry, so the bytes stay the same."""
    out = BytesIO()
    with (
        zipfile.ZipFile(BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


class DemoPdf(FPDF):
    def footer(self):
        self.set_y(-15)
        self.set_font("Helvetica", "I", 8)
        self.cell(0, 10, plain(FOOTER), align="C")


def pdf_file(title, nummer, datum, sections):
    pdf = DemoPdf()
    pdf.set_creation_date(datetime.combine(datum, time(10, 0), tzinfo=UTC))
    pdf.set_title(plain(title))
    pdf.set_author("Atelier Ruimte Kempen")
    pdf.set_subject(plain(f"Versie {nummer} - {FOOTER}"))
    pdf.add_page()

    def write(text, size, style=""):
        pdf.set_font("Helvetica", style, size)
        pdf.multi_cell(0, size * 0.55, plain(text), new_x="LMARGIN", new_y="NEXT")

    write(title, 18, "B")
    write(f"Versie {nummer} - {datum:%d/%m/%Y}", 11, "I")
    pdf.ln(4)
    write(FILE_INTRO, 11)
    pdf.ln(2)
    write("Gemeente: [naam gemeente]\nDossiernummer: [nummer]", 11)
    for heading, text in [*sections, ("Contact", FILE_CONTACT)]:
        pdf.ln(4)
        write(heading, 13, "B")
        pdf.ln(1)
        write(text, 11)
    return bytes(pdf.output())


def plain(text):
    return text.translate(PLAIN).encode("latin-1", "replace").decode("latin-1")


if __name__ == "__main__":
    sys.exit(main())
