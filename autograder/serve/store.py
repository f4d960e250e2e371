"""Everything the service must not lose: students' tokens and every upload, with its verdict.

SQLAlchemy Core over SQLite (the default: nothing else to install; WAL and ``synchronous=FULL``,
so a committed upload survives ``kill -9`` and power loss) or PostgreSQL (the scale-out mode,
where workers on other machines read the same rows). An upload is committed before the student
hears that it arrived; a job is graded by whoever *claims* it, and its result is written only
under that claim, so a job claimed twice (a worker died, the job was redelivered) is recorded once.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import socket
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

QUEUED, GRADING, GRADED, REJECTED, STORED = "queued", "grading", "graded", "rejected", "stored"
LEASE = timedelta(minutes=5)  # a claim older than this is taken over (a worker on another host)

metadata = sa.MetaData()
students = sa.Table(
    "students",
    metadata,
    sa.Column("student_id", sa.String(64), primary_key=True),
    sa.Column("token_hash", sa.String(64), unique=True, nullable=False),
)
uploads = sa.Table(
    "uploads",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("public_id", sa.String(32), unique=True, nullable=False),
    sa.Column("student_id", sa.String(64), nullable=False, index=True),
    sa.Column("aid", sa.String(100), nullable=False),
    sa.Column("filename", sa.String(200), nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("size", sa.Integer, nullable=False),
    sa.Column("received_at", sa.String(32), nullable=False),  # ISO 8601, UTC: sorts as text
    sa.Column("content", sa.LargeBinary, nullable=True),
    sa.Column("status", sa.String(16), nullable=False, index=True),
    sa.Column("reason", sa.Text, nullable=True),  # German, shown to the student
    sa.Column("claim", sa.String(64), nullable=True),
    sa.Column("claimed_at", sa.String(32), nullable=True),
    sa.Column("graded_at", sa.String(32), nullable=True),
    sa.Column("grade_count", sa.Integer, nullable=False, default=0),
    sa.Column("result", sa.Text, nullable=True),  # SubmissionResult as JSON
    sa.Column("practice_nonce", sa.String(64), nullable=True),  # its seed's (serve/practice.py)
)


def now_utc() -> datetime:
    return datetime.now(UTC)


def stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")


def token_hash(token: str) -> str:
    return hashlib.sha256(f"serve-token:{token}".encode()).hexdigest()


@dataclass(frozen=True)
class Upload:
    id: int
    public_id: str
    student_id: str
    aid: str
    filename: str
    sha256: str
    size: int
    received_at: str
    status: str
    reason: str | None
    result: str | None
    grade_count: int
    claim: str | None  # who graded it last: "host:pid:nonce"
    practice_nonce: str | None = None  # the nonce its practice seed was drawn with


@dataclass(frozen=True)
class Claim:
    upload_id: int
    token: str


def _upload(row: Any) -> Upload:
    return Upload(**{name: getattr(row, name) for name in Upload.__dataclass_fields__})


def _claimer() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"


def _alive_here(claim: str | None) -> bool:
    """Whether the claim's process still runs (claims of other hosts: assume so)."""
    if not claim:
        return False
    host, pid, _ = claim.split(":")
    if host != socket.gethostname():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def open_engine(url: str) -> Engine:
    if url.startswith("sqlite:///"):
        Path(url[len("sqlite:///") :]).parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(url, connect_args={"timeout": 30})
        sa.event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = sa.create_engine(url, pool_pre_ping=True)
    metadata.create_all(engine)
    _add_missing_columns(engine)
    return engine


def _add_missing_columns(engine: Engine) -> None:
    """Columns added since a database was created (``create_all`` makes only new tables)."""
    present = {column["name"] for column in sa.inspect(engine).get_columns("uploads")}
    for column in uploads.columns:
        if column.name not in present:
            kind = column.type.compile(engine.dialect)
            try:
                with engine.begin() as db:
                    db.execute(sa.text(f"ALTER TABLE uploads ADD COLUMN {column.name} {kind}"))
            except (sa.exc.OperationalError, sa.exc.ProgrammingError):
                pass  # another process of the service added it just now


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


class Store:
    def __init__(self, url: str) -> None:
        self.engine = open_engine(url)

    # ------------------------------------------------------------ students

    def add_student(self, student_id: str) -> str:
        """A new sign-in token for ``student_id`` (an old one stops working); only its hash is kept."""
        token = secrets.token_urlsafe(18)
        with self.engine.begin() as db:
            db.execute(sa.delete(students).where(students.c.student_id == student_id))
            db.execute(
                sa.insert(students).values(student_id=student_id, token_hash=token_hash(token))
            )
        return token

    def known_students(self) -> set[str]:
        with self.engine.connect() as db:
            return set(db.scalars(sa.select(students.c.student_id)))

    def student_for(self, token: str) -> str | None:
        with self.engine.connect() as db:
            return db.scalar(
                sa.select(students.c.student_id).where(students.c.token_hash == token_hash(token))
            )

    # ------------------------------------------------------------ uploads

    def add_upload(
        self,
        student_id: str,
        aid: str,
        filename: str,
        content: bytes,
        status: str,
        reason: str | None = None,
        received: datetime | None = None,
    ) -> Upload:
        """Store an upload (committed when this returns: only then may the student be told)."""
        values = dict(
            public_id=secrets.token_urlsafe(12),
            student_id=student_id,
            aid=aid[:100],
            filename=filename[:200],
            sha256=hashlib.sha256(content).hexdigest(),
            size=len(content),
            received_at=stamp(received or now_utc()),
            content=content,
            status=status,
            reason=reason,
            grade_count=0,
        )
        with self.engine.begin() as db:
            db.execute(sa.insert(uploads).values(**values))
            row = db.execute(uploads.select().where(uploads.c.public_id == values["public_id"]))
            return _upload(row.one())

    def upload(self, public_id: str, student_id: str) -> Upload | None:
        """The student's own upload; None for anyone else's or an unknown id."""
        with self.engine.connect() as db:
            row = db.execute(
                uploads.select().where(
                    uploads.c.public_id == public_id, uploads.c.student_id == student_id
                )
            ).one_or_none()
        return _upload(row) if row else None

    def by_id(self, upload_id: int) -> Upload:
        with self.engine.connect() as db:
            return _upload(db.execute(uploads.select().where(uploads.c.id == upload_id)).one())

    def content(self, upload_id: int) -> bytes:
        with self.engine.connect() as db:
            data = db.scalar(sa.select(uploads.c.content).where(uploads.c.id == upload_id))
        return bytes(data or b"")

    def history(self, student_id: str) -> list[Upload]:
        with self.engine.connect() as db:
            rows = db.execute(
                uploads.select()
                .where(uploads.c.student_id == student_id)
                .order_by(uploads.c.id.desc())
            )
            return [_upload(row) for row in rows]

    def all_uploads(self) -> list[Upload]:
        with self.engine.connect() as db:
            return [_upload(r) for r in db.execute(uploads.select().order_by(uploads.c.id))]

    def attempts_since(self, student_id: str, aid: str, since: datetime) -> int:
        """Uploads that were taken for feedback (rejected ones do not count)."""
        with self.engine.connect() as db:
            return int(
                db.scalar(
                    sa.select(sa.func.count())
                    .select_from(uploads)
                    .where(
                        uploads.c.student_id == student_id,
                        uploads.c.aid == aid,
                        uploads.c.status != REJECTED,
                        uploads.c.received_at >= stamp(since),
                    )
                )
                or 0
            )

    def queue_position(self, upload: Upload) -> int:
        """1 for the job graded next (or now), 0 once it is done."""
        if upload.status not in (QUEUED, GRADING):
            return 0
        with self.engine.connect() as db:
            ahead = db.scalar(
                sa.select(sa.func.count())
                .select_from(uploads)
                .where(uploads.c.status.in_([QUEUED, GRADING]), uploads.c.id <= upload.id)
            )
        return int(ahead or 0)

    def has_work(self) -> bool:
        """Whether any job is queued or being graded (by any process of the service)."""
        with self.engine.connect() as db:
            busy = uploads.c.status.in_([QUEUED, GRADING])
            return db.scalar(sa.select(uploads.c.id).where(busy).limit(1)) is not None

    def queued_ids(self) -> list[int]:
        with self.engine.connect() as db:
            return list(
                db.scalars(
                    sa.select(uploads.c.id).where(uploads.c.status == QUEUED).order_by(uploads.c.id)
                )
            )

    def last_before(self, aid: str, deadline: datetime) -> list[Upload]:
        """Each student's last upload of ``aid`` received before ``deadline`` (not rejected)."""
        latest: dict[str, Upload] = {}
        with self.engine.connect() as db:
            rows = db.execute(
                uploads.select()
                .where(
                    uploads.c.aid == aid,
                    uploads.c.status != REJECTED,
                    uploads.c.received_at < stamp(deadline),
                )
                .order_by(uploads.c.id)
            )
            for row in rows:
                latest[row.student_id] = _upload(row)
        return list(latest.values())

    # ------------------------------------------------------------ grading

    def requeue_interrupted(self) -> int:
        """Jobs claimed by processes that are gone go back to the queue (after a crash)."""
        with self.engine.begin() as db:
            rows = db.execute(
                sa.select(uploads.c.id, uploads.c.claim).where(uploads.c.status == GRADING)
            ).all()
            dead = [row.id for row in rows if not _alive_here(row.claim)]
            if dead:
                db.execute(
                    sa.update(uploads)
                    .where(uploads.c.id.in_(dead))
                    .values(status=QUEUED, claim=None)
                )
        return len(dead)

    def claim(self, upload_id: int) -> Claim | None:
        """Take the job for grading: a queued one, or one whose grader died or whose lease ran
        out. None when it is done or another live process grades it."""
        token = _claimer()
        moment = now_utc()
        with self.engine.begin() as db:
            row = db.execute(
                sa.select(uploads.c.status, uploads.c.claim, uploads.c.claimed_at).where(
                    uploads.c.id == upload_id
                )
            ).one_or_none()
            if row is None or row.status not in (QUEUED, GRADING):
                return None
            if row.status == GRADING:
                stale = row.claimed_at is None or row.claimed_at < stamp(moment - LEASE)
                if _alive_here(row.claim) and not stale:
                    return None
            taken = db.execute(
                sa.update(uploads)
                .where(
                    uploads.c.id == upload_id,
                    uploads.c.status == row.status,
                    _same(uploads.c.claim, row.claim),
                )
                .values(status=GRADING, claim=token, claimed_at=stamp(moment))
            )
            return Claim(upload_id, token) if taken.rowcount == 1 else None

    def next_claim(self) -> Claim | None:
        for upload_id in self.queued_ids():
            claim = self.claim(upload_id)
            if claim is not None:
                return claim
        return None

    def finish(self, claim: Claim, result_json: str, practice_nonce: str | None = None) -> bool:
        """Record the result (and the nonce of its practice seed), only under the job's
        current claim (so: at most once)."""
        with self.engine.begin() as db:
            done = db.execute(
                sa.update(uploads)
                .where(
                    uploads.c.id == claim.upload_id,
                    uploads.c.claim == claim.token,
                    uploads.c.status == GRADING,
                )
                .values(
                    status=GRADED,
                    result=result_json,
                    practice_nonce=practice_nonce,
                    graded_at=stamp(now_utc()),
                    grade_count=uploads.c.grade_count + 1,
                )
            )
            return done.rowcount == 1


def _same(column: Any, value: str | None) -> Any:
    return column.is_(None) if value is None else column == value
