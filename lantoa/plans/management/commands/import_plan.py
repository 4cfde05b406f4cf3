"""`manage.py import_plan FILE [--dry-run] [--json]`: read a .docx/.pdf/.txt plan and save it."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lantoa.plans.importer import PlanImportError
from lantoa.plans.services import plan_import, plan_parse_file


class Command(BaseCommand):
    help = "Nhập kế hoạch từ tệp .docx, .pdf (có lớp chữ) hoặc .txt (UTF-8)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Chỉ phân tích, không lưu.")
        parser.add_argument("--json", action="store_true", help="In cấu trúc dạng JSON.")

    def handle(self, *args, **options):
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"Không thấy tệp {path}")
        try:
            text, parsed = plan_parse_file(data=path.read_bytes(), filename=path.name)
            if options["json"]:
                self.stdout.write(json.dumps(parsed.to_dict(), ensure_ascii=False, indent=2))
            if options["dry_run"]:
                if not options["json"]:
                    self._summary(parsed)
                return
            plan = plan_import(parsed=parsed, source_text=text, source_filename=path.name)
        except PlanImportError as exc:
            raise CommandError(str(exc)) from None
        if not options["json"]:
            self._summary(parsed)
        self.stderr.write(f"Đã lưu kế hoạch {plan.code} (id {plan.pk}).")

    def _summary(self, parsed):
        header = parsed.header
        self.stdout.write(f"Văn bản: {header.code} – {header.title}")
        bases = [ref.code for ref in parsed.directives if ref.relation == "basis"]
        chain = [ref.code for ref in parsed.directives if ref.relation != "basis"]
        if bases:
            self.stdout.write(f"Căn cứ: {'; '.join(bases)}")
        self.stdout.write(f"Chuỗi văn bản: {' → '.join([*chain, header.code])}")
        for section in parsed.sections:
            count = sum(1 for _ in section.walk()) - 1
            self.stdout.write(f"  {section.label}. {section.heading} ({count} mục con)")
        for assignment in parsed.assignments:
            self.stdout.write(
                f"  {assignment.path}: chủ trì {assignment.lead_unit or '?'}; phối hợp "
                f"{', '.join(assignment.coordinating_units + assignment.unmatched) or '–'}"
            )
        for task in parsed.proposals:
            lead = task.lead.code or f"+{task.lead.text}" if task.lead else "?"
            due = task.due_date.isoformat() if task.due_date else task.deadline_kind
            self.stdout.write(f"  đề xuất {task.path}: chủ trì {lead}; hạn {due}; {task.title}")
        for line in parsed.unrecognised:
            self.stdout.write(f"  ? chưa nhận dạng được: {line}")
        for warning in parsed.warnings:
            self.stdout.write(f"  ! {warning}")
