"""Thường Xuân's documents, work programmes, review and targets of 2022 (issue 8, item 8).

What is built, and why (seed 001, the review conference of 07/4/2022):

* **Documents** in the town's registry: its own Nghị quyết 09-NQ/ĐU (27/12/2021),
  Kế hoạch 43-KH/ĐU (14/3/2022) and Nghị quyết 15-NQ/ĐU (15/3/2022), entered with
  their historical numbers in the 2020–2025 term, so the next resolution of the
  term is 16; received, Kế hoạch 108-KH/HU of the Huyện ủy (06/4/2022), Quy định
  37-QĐ/TW (25/10/2021) and Quy định 11-QĐi/TW (18/02/2019).
* **Chương trình công tác quý 1/2022** carrying out 09-NQ/ĐU: 34 tasks given to
  the Đảng ủy, HĐND, UBND, MTTQ, the mass organisations, the Công an, the schools,
  the health station and cells, each with the member of the executive committee
  who answers for it, deadlines as days, months or the quarter, two of them
  split into sub-tasks (progress rolled up). Outcomes as the review found them:
  24 done on time, 4 late, 3 not done, 3 carried over — the article's
  shortcomings (cell rules, COVID-19, logging at Tiến Sơn 1, the cage-fish
  cooperative, land consolidation, the CBCC conference, e-documents).
* **Chương trình công tác quý 2/2022**: the 17 key tasks of the conclusion, the
  three carried-over ones among them; by the end of May the cell congresses
  and the CBCC conference are done, the rest open (overdue today).
* **The review of the first quarter** held on 07/4/2022 at the review conference
  of the meetings demo: 09 opinions, the achievements, every shortcoming the
  article lists and their causes, closed the same day (figures frozen). The
  conference's resolutions are NOT handed off as tasks: the 17 key tasks already
  are what the conclusion gave, and handing them off would add copies (and a
  fourth-quarter programme for the one due at the end of the year).
* **Targets of 2022**: land consolidation 10 ha and the 15-day vaccination
  rounds (typed in, with dated values), admissions and cell-meeting attendance
  (computed from the records as of the review: no admission yet; no value for
  attendance, the demo has no cell meeting of the town in 2022), income and poor
  households (assessed at the end of the year).

Everything is written as the demo administrator through the services; each
part is built only when the town has none of it, so a second load writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from dangvu.accounts.models import User
from dangvu.core.demo import program_texts as texts
from dangvu.core.demo.document_texts import INCOMING, OUTGOING, DocumentText
from dangvu.core.demo.meetings import demo_writer
from dangvu.documents import services as documents
from dangvu.documents.models import Document
from dangvu.meetings.choices import Kind
from dangvu.meetings.models import Meeting
from dangvu.members.models import Member
from dangvu.organizations.models import Agency, Organization, Position
from dangvu.programs import services, services_reviews
from dangvu.programs.choices import NoteKind
from dangvu.programs.models import Programme, Target, Task

TOWN_CODE = "TH-TX-TT"
YEAR = 2022


def build_programs(user: User | None = None) -> int:
    """Build the parts not there yet (documents, programmes with their review, targets)."""
    user = user or demo_writer()
    town = Organization.objects.filter(code=TOWN_CODE).first()
    if user is None or town is None:
        return 0
    builder = ProgramsBuilder(user, town)
    built = builder.documents()
    if not Programme.objects.filter(organization=town, year=YEAR).exists():
        builder.programmes()
        built += 1
    if not Target.objects.filter(organization=town, year=YEAR).exists():
        builder.targets()
        built += 1
    return built


@dataclass
class Bodies:
    """The town's bodies and people as the texts name them."""

    town: Organization
    cells: dict[str, Organization]
    agencies: dict[str, Agency]
    by_name: dict[str, Member]
    by_cell: dict[str, Member]
    secretary: Member | None

    @classmethod
    def of(cls, town: Organization) -> Bodies:
        positions = Position.objects.filter(
            committee__organization=town, committee__body="executive", end_date__isnull=True
        ).select_related("member", "member__cell")
        by_cell: dict[str, Member] = {}
        secretary = None
        for p in positions.order_by("id"):
            if p.role == "secretary":
                secretary = p.member
            elif p.role == "member" and p.member.cell is not None:
                by_cell.setdefault(p.member.cell.code.rsplit("-", 1)[-1], p.member)
        return cls(
            town=town,
            cells={o.code.rsplit("-", 1)[-1]: o for o in town.children.all()},
            agencies={a.short_name: a for a in Agency.objects.filter(organization=town)},
            by_name={p.member.full_name: p.member for p in positions},
            by_cell=by_cell,
            secretary=secretary,
        )

    def owner(self, text: str) -> dict[str, Any]:
        kind, _sep, name = text.partition(":")
        if kind == "agency":
            return {"owner_agency": self.agencies[name]}
        return {"owner_org": self.cells[name] if name else self.town}

    def person(self, text: str) -> Member | None:
        if text == texts.SECRETARY:
            return self.secretary
        if text.startswith("cell:"):
            return self.by_cell.get(text.removeprefix("cell:"))
        return self.by_name.get(text)

    def collaborators(self, names: tuple[str, ...]) -> dict[str, Any]:
        orgs = [self.cells[n.removeprefix("org:")] for n in names if n.startswith("org:")]
        # A body the database lacks (one built before it was in the plan) is left out.
        agencies = [
            self.agencies[n.removeprefix("agency:")]
            for n in names
            if n.startswith("agency:") and n.removeprefix("agency:") in self.agencies
        ]
        return {"collaborator_orgs": orgs, "collaborator_agencies": agencies}


class ProgramsBuilder:
    def __init__(self, user: User, town: Organization) -> None:
        self.user, self.town = user, town
        self.bodies = Bodies.of(town)
        self.tasks: dict[str, Task] = {}

    # -- documents ------------------------------------------------------------------------
    def documents(self) -> int:
        """Each document of the texts not yet in the town's registry; how many were entered."""
        present = {d.code for d in Document.objects.filter(organization=self.town)}
        entered = 0
        for text in OUTGOING:
            if text.code not in present:
                self._issue(text)
                entered += 1
        for text in INCOMING:
            if text.code not in present:
                self._register(text)
                entered += 1
        return entered

    def _signer(self, text: DocumentText) -> str:
        member = self.bodies.person(text.signer) if text.signer else None
        return member.full_name if member else text.signer_name

    def _issue(self, text: DocumentText) -> Document:
        return documents.issue_outgoing(
            self.user,
            organization=self.town,
            kind=text.kind,
            type_code=text.type_code,
            issuer_code=text.issuer_code,
            number=text.number,
            issued_on=text.issued_on,
            summary=text.summary,
            body=text.body,
            signer_name=self._signer(text),
            signer_title=text.signer_title,
            recipients=text.recipients,
        )

    def _register(self, text: DocumentText) -> Document:
        assert text.received_on is not None
        return documents.register_incoming(
            self.user,
            organization=self.town,
            kind=text.kind,
            type_code=text.type_code,
            number=text.number,
            issuer_code=text.issuer_code,
            issuer_name=text.issuer_name,
            issued_on=text.issued_on,
            received_on=text.received_on,
            summary=text.summary,
            body=text.body,
            signer_name=text.signer_name,
            signer_title=text.signer_title,
            place=text.place,
        )

    def _documents(self, codes: tuple[str, ...]) -> list[Document]:
        if not codes:
            return []
        found = {d.code: d for d in Document.objects.filter(organization=self.town)}
        return [found[code] for code in codes if code in found]

    # -- programmes -----------------------------------------------------------------------
    def programmes(self) -> None:
        by_code = {d.code: d for d in Document.objects.filter(organization=self.town)}
        first = services.create_programme(
            self.user,
            organization=self.town,
            period="quý 1/2022",
            title=texts.Q1_TITLE,
            document=by_code.get("09-NQ/ĐU"),
            note=texts.Q1_NOTE,
        )
        for text in texts.Q1_TASKS:
            task = self._add(first, text)
            for sub in text.sub_tasks:
                self._add(first, sub, parent=task)
        for text in texts.Q1_TASKS:
            for sub in text.sub_tasks:
                self._finish(sub)
            self._finish(text)
        second = services.create_programme(
            self.user,
            organization=self.town,
            period="quý 2/2022",
            title=texts.Q2_TITLE,
            document=by_code.get("15-NQ/ĐU"),
            note=texts.Q2_NOTE,
        )
        for text in texts.Q2_TASKS:
            if text.carried_from:
                self._carry(second, text)
            else:
                self._add(second, text)
            self._finish(text)
        self._review(first, second)

    def _add(self, programme: Programme, text: texts.TaskText, parent: Task | None = None) -> Task:
        task = services.add_task(
            self.user,
            programme,
            title=text.title,
            deadline=text.deadline,
            responsible=self.bodies.person(text.responsible),
            is_key=text.is_key or programme.period_number == 2,
            parent=parent,
            weight=text.weight,
            documents=self._documents(text.documents),
            **self.bodies.owner(text.owner),
            **self.bodies.collaborators(text.collaborators),
        )
        self.tasks[text.key] = task
        return task

    def _carry(self, programme: Programme, text: texts.TaskText) -> Task:
        """The first-quarter task goes on, reworded as the conclusion gives it."""
        old = self.tasks[text.carried_from]
        source = next(t for t in texts.Q1_TASKS if t.key == text.carried_from)
        new = services.carry_over(
            self.user, old, to_programme=programme, deadline=text.deadline, reason=source.note
        )
        changes: dict[str, Any] = {"title": text.title, "is_key": True}
        if text.collaborators:
            changes.update(self.bodies.collaborators(text.collaborators))
        if text.documents:
            changes["documents"] = self._documents(text.documents)
        task = services.update_task(self.user, new, **changes)
        self.tasks[text.key] = task
        return task

    def _finish(self, text: texts.TaskText) -> None:
        """Record how the task ended (a carried-over one only gets its progress here)."""
        task = Task.objects.get(pk=self.tasks[text.key].pk)
        if text.progress and not text.sub_tasks:
            task = services.report_progress(self.user, task, progress=text.progress)
        if text.outcome in (texts.DONE, texts.LATE):
            assert text.finished_on is not None
            services.complete_task(
                self.user, task, completed_on=text.finished_on, result_note=text.note
            )
        elif text.outcome == texts.NOT_DONE:
            services.mark_not_done(self.user, task, result_note=text.note)

    def _review(self, first: Programme, second: Programme) -> None:
        meeting = Meeting.objects.filter(
            organization=self.town, kind=Kind.REVIEW, date=texts.REVIEW_DAY
        ).first()
        review = services_reviews.open_review(
            self.user,
            first,
            held_on=texts.REVIEW_DAY,
            meeting=meeting,
            next_programme=second,
            summary=texts.REVIEW_SUMMARY,
            opinions_count=texts.REVIEW_OPINIONS,
        )
        for kind, notes in (
            (NoteKind.ACHIEVEMENT, texts.ACHIEVEMENTS),
            (NoteKind.SHORTCOMING, texts.SHORTCOMINGS),
            (NoteKind.CAUSE, texts.CAUSES),
            (NoteKind.DIRECTION, texts.DIRECTIONS),
        ):
            for note in notes:
                services_reviews.add_review_note(self.user, review, kind=kind, text=note)
        services_reviews.close_review(self.user, review, closed_on=texts.REVIEW_DAY)

    # -- targets --------------------------------------------------------------------------
    def targets(self) -> None:
        by_code = {d.code: d for d in Document.objects.filter(organization=self.town)}
        for text in texts.TARGETS:
            target = services.add_target(
                self.user,
                organization=self.town,
                year=YEAR,
                name=text.name,
                unit=text.unit,
                planned=Decimal(text.planned),
                comparison=text.comparison,
                source=text.source,
                document=by_code.get(text.document),
                note=text.note,
            )
            for measured_on, value, note in text.values:
                services.record_target_value(
                    self.user, target, measured_on=measured_on, value=Decimal(value), note=note
                )
        services.refresh_computed(self.user, self.town, YEAR, as_of=texts.TARGETS_AS_OF)
