"""Saving a parsed plan: directives chain, plan, outline and section IV, all or nothing."""

from django.db import transaction
from django.utils.translation import gettext as _

from lantoa.core.audit import audit
from lantoa.core.models import Unit

from ..constants import DocSystem
from ..importer import PlanImportError, extract_text, parse_plan
from ..importer.structure import DirectiveRef, ParsedPlan, Section, UnitDirectory, UnitEntry
from ..models import Assignment, Directive, Plan, PlanSection


def directory_from_units() -> UnitDirectory:
    """The active organisation tree as the parser's plain directory."""
    return UnitDirectory(
        [
            UnitEntry(
                code=unit.code,
                kind=unit.kind,
                names=(unit.name, unit.short_name, *unit.alias_list()),
            )
            for unit in Unit.objects.filter(is_active=True)
        ]
    )


def plan_parse_file(*, data: bytes, filename: str) -> tuple[str, ParsedPlan]:
    """Extract and parse without saving (the dry run and the review screen)."""
    text = extract_text(data, filename)
    return text, parse_plan(text, directory_from_units())


def plan_import_file(*, data: bytes, filename: str, user=None) -> Plan:
    text, parsed = plan_parse_file(data=data, filename=filename)
    return plan_import(parsed=parsed, source_text=text, source_filename=filename, user=user)


def _directive_upsert(ref: DirectiveRef, parent: Directive | None) -> Directive:
    directive = Directive.objects.filter(code=ref.code).first()
    if directive is None:
        directive = Directive(
            code=ref.code,
            number=ref.number,
            symbol=ref.symbol,
            doc_type=ref.doc_type,
            system=DocSystem.STATE if "/" in ref.code.split("-")[0] else DocSystem.PARTY,
        )
    # Fill what is known; never blank what an earlier import or a person entered.
    directive.title = directive.title or ref.title
    directive.issuer = directive.issuer or ref.issuer
    directive.issued_on = directive.issued_on or ref.issued_on
    directive.parent = directive.parent or parent
    aliases = directive.alias_list()
    directive.aliases = "\n".join(aliases + [a for a in ref.aliases if a not in aliases])
    directive.save()
    return directive


@transaction.atomic
def plan_import(
    *, parsed: ParsedPlan, source_text: str = "", source_filename: str = "", user=None
) -> Plan:
    """Save a parsed plan; raise PlanImportError (nothing saved) when it cannot be a plan."""
    header = parsed.header
    if not header.code:
        raise PlanImportError(
            _('Không tìm thấy số, ký hiệu của văn bản (dòng "Số …"); chưa lưu gì.')
        )
    if not parsed.sections:
        raise PlanImportError(
            _("Không nhận ra phần, mục nào của kế hoạch (I, II… hoặc 1, 2…); chưa lưu gì.")
        )
    if Plan.objects.filter(directive__code=header.code).exists():
        raise PlanImportError(
            _("Kế hoạch số %(code)s đã có trong hệ thống; chưa lưu gì.") % {"code": header.code}
        )
    directives: dict[str, Directive] = {}
    for ref in parsed.directives:  # root first, so parents exist before children
        if ref.code == header.code:
            continue
        directives[ref.code] = _directive_upsert(ref, directives.get(ref.parent_code or ""))
    own = _directive_upsert(
        DirectiveRef(
            code=header.code,
            number=header.number,
            symbol=header.symbol,
            doc_type=header.doc_type or "ke_hoach",
            issuer=header.issuing_body,
            issued_on=header.issued_on,
            title=header.title,
        ),
        directives.get(parsed.implements or ""),
    )
    own.system = header.system
    own.save(update_fields=["system"])
    plan = Plan.objects.create(
        directive=own,
        parent_body=header.parent_body,
        issuing_body=header.issuing_body,
        place=header.place,
        recipients="\n".join(parsed.recipients),
        signature_authority=parsed.signature.authority,
        signer_title=parsed.signature.title,
        signer_name=parsed.signature.name,
        source_filename=source_filename[:255],
        source_text=source_text,
        imported_by=user,
    )
    by_path: dict[str, PlanSection] = {}
    order = 0

    def save(section: Section, parent: PlanSection | None) -> None:
        nonlocal order
        order += 1
        row = PlanSection.objects.create(
            plan=plan,
            parent=parent,
            kind=section.kind,
            label=section.label[:16],
            path=section.path[:64],
            heading=section.heading,
            text=section.text,
            order=order,
        )
        by_path.setdefault(section.path, row)
        for child in section.children:
            save(child, row)

    for section in parsed.sections:
        save(section, None)
    units = {unit.code: unit for unit in Unit.objects.all()}
    for spec in parsed.assignments:
        section = by_path.get(spec.path)
        if section is None:
            continue
        assignment = Assignment.objects.create(
            plan=plan,
            section=section,
            lead_unit=units.get(spec.lead_unit or ""),
            unmatched_names="\n".join(spec.unmatched),
        )
        assignment.coordinating_units.set(
            [units[code] for code in spec.coordinating_units if code in units]
        )
    audit(plan, "plans.plan_import", user=user, data={"code": own.code, "file": source_filename})
    return plan
