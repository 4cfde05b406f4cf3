"""PDF through LibreOffice when it is installed; skipped (None) otherwise."""

import shutil
import subprocess
from pathlib import Path


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(docx_path: Path, *, timeout: int = 180) -> Path | None:
    soffice = soffice_path()
    if soffice is None:
        return None
    out_dir = docx_path.parent
    subprocess.run(  # noqa: S603 (fixed program, our own file)
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(out_dir), str(docx_path)],
        check=True,
        timeout=timeout,
        capture_output=True,
    )
    pdf = out_dir / f"{docx_path.stem}.pdf"
    return pdf if pdf.exists() else None
