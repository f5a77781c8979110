"""Core tables of veille (names are a contract: reports, tests and users' SQL rely on them).

Every derived row (articles, mentions, events) points back to its document and to the
character span of `documents.raw_text` it came from, and to the extraction run that made it,
so `veille reprocess` can rebuild everything from the verbatim text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Computed,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Identity,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, TSVECTOR
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Deterministic constraint names, so migrations can refer to them and autogenerate stays quiet.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)

DATE_PRECISIONS = ("day", "month", "year")
ACTOR_KINDS = ("person", "organisation", "country", "place", "group")
ALIAS_ORIGINS = ("gazetteer", "extracted", "curated")
EVENT_ROLES = ("source", "target", "participant")
DOCUMENT_STATUSES = ("imported", "duplicate", "rejected")
BATCH_STATUSES = ("running", "completed", "failed", "interrupted")
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _tsvector(config: str) -> str:
    return (
        f"setweight(to_tsvector('{config}'::regconfig, coalesce(title, '')), 'A') || "
        f"setweight(to_tsvector('{config}'::regconfig, coalesce(lead, '')), 'B') || "
        f"setweight(to_tsvector('{config}'::regconfig, coalesce(body, '')), 'C')"
    )


# French and English configurations with unaccent (created by the first migration).
ARTICLE_SEARCH_EXPRESSION = (
    f"CASE WHEN language = 'en' THEN {_tsvector('veille_en')} ELSE {_tsvector('veille_fr')} END"
)

TZ = DateTime(timezone=True)


class Base(DeclarativeBase):
    metadata = metadata


class ExtractionRun(Base):
    """One version of the extractors applied to some documents."""

    __tablename__ = "extraction_runs"

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    version: Mapped[str] = mapped_column(Text)
    started_at: Mapped[dt.datetime] = mapped_column(TZ, server_default=func.now())
    finished_at: Mapped[dt.datetime | None] = mapped_column(TZ)
    settings: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default="{}")


class ImportBatch(Base):
    """One `veille import` run (a named batch; re-running the same name resumes it)."""

    __tablename__ = "import_batches"
    __table_args__ = (CheckConstraint(_in("status", BATCH_STATUSES), name="status"),)

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    started_at: Mapped[dt.datetime] = mapped_column(TZ, server_default=func.now())
    finished_at: Mapped[dt.datetime | None] = mapped_column(TZ)
    status: Mapped[str] = mapped_column(Text, server_default="running")
    files_seen: Mapped[int] = mapped_column(Integer, server_default="0")
    files_imported: Mapped[int] = mapped_column(Integer, server_default="0")
    files_duplicate: Mapped[int] = mapped_column(Integer, server_default="0")
    files_rejected: Mapped[int] = mapped_column(Integer, server_default="0")
    articles_added: Mapped[int] = mapped_column(Integer, server_default="0")


class Document(Base):
    """One input file, verbatim. `raw_text` is what every span points into."""

    __tablename__ = "documents"
    __table_args__ = (CheckConstraint(_in("status", DOCUMENT_STATUSES), name="status"),)

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batches.id"), index=True)
    path: Mapped[str] = mapped_column(Text)
    # NULL only for a file that could not be read at all (nothing to hash).
    sha256: Mapped[str | None] = mapped_column(Text, unique=True)
    byte_size: Mapped[int | None] = mapped_column(BigInteger)
    media_type: Mapped[str | None] = mapped_column(Text)
    encoding: Mapped[str | None] = mapped_column(Text)
    raw_text: Mapped[str | None] = mapped_column(Text)
    # Kept whenever raw_text cannot give the input bytes back exactly (lossy decoding,
    # HTML and feeds whose raw_text is the extracted text, rejected files).
    raw_bytes: Mapped[bytes | None] = mapped_column(LargeBinary)
    status: Mapped[str] = mapped_column(Text)
    error: Mapped[str | None] = mapped_column(Text)
    meta: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default="{}")
    imported_at: Mapped[dt.datetime] = mapped_column(TZ, server_default=func.now())
    extraction_run_id: Mapped[int | None] = mapped_column(ForeignKey("extraction_runs.id"))


class Source(Base):
    """An outlet or agency."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    domain: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str | None] = mapped_column(Text)


class Article(Base):
    """One article found in a document, at [char_start, char_end) of its raw_text."""

    __tablename__ = "articles"
    __table_args__ = (
        UniqueConstraint("document_id", "segment_index"),
        CheckConstraint(_in("date_precision", DATE_PRECISIONS), name="date_precision"),
        CheckConstraint("char_start >= 0 AND char_end >= char_start", name="span"),
        Index("ix_articles_search", "search", postgresql_using="gin"),
        # Index-only scans for the period and sources reports, and articles' dates by id.
        Index("ix_articles_published_on_id_covering", "published_on", "id",
              postgresql_include=["duplicate_of_id", "source_id", "language"]),
        Index("ix_articles_id_published_on", "id", postgresql_include=["published_on", "duplicate_of_id"]),
        # Near-duplicate candidates: articles whose LSH band keys overlap (`lsh_bands && …`).
        # No pending list (fastupdate): every import probes it once per article, and each probe
        # would read the whole list of recently inserted keys.
        Index("ix_articles_lsh_bands", "lsh_bands", postgresql_using="gin", postgresql_with={"fastupdate": "off"}),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    segment_index: Mapped[int] = mapped_column(Integer)
    char_start: Mapped[int] = mapped_column(Integer)
    char_end: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    lead: Mapped[str | None] = mapped_column(Text)
    body: Mapped[str | None] = mapped_column(Text)
    captions: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(Text)
    published_on: Mapped[dt.date | None] = mapped_column(Date)
    date_precision: Mapped[str | None] = mapped_column(Text)
    date_evidence: Mapped[str | None] = mapped_column(Text)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"), index=True)
    author: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(Text, index=True)
    duplicate_of_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="SET NULL"), index=True
    )
    extraction_run_id: Mapped[int | None] = mapped_column(ForeignKey("extraction_runs.id"))
    search: Mapped[Any] = mapped_column(TSVECTOR, Computed(ARTICLE_SEARCH_EXPRESSION, persisted=True))
    # MinHash LSH band keys of the folded text (importer/neardup.py); NULL for texts too short.
    lsh_bands: Mapped[list[int] | None] = mapped_column(ARRAY(BigInteger))


class Actor(Base):
    """A canonical person / organisation / country / place / group."""

    __tablename__ = "actors"
    __table_args__ = (CheckConstraint(_in("kind", ACTOR_KINDS), name="kind"),)

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    # Stable identity used for race-free upserts: 'country:US', 'person:jens stoltenberg'.
    key: Mapped[str] = mapped_column(Text, unique=True)
    canonical_name: Mapped[str] = mapped_column(Text, index=True)
    kind: Mapped[str] = mapped_column(Text)
    country_code: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(TZ, server_default=func.now())


class ActorAlias(Base):
    """One surface form of an actor."""

    __tablename__ = "actor_aliases"
    __table_args__ = (
        UniqueConstraint("actor_id", "normalized"),
        CheckConstraint(_in("origin", ALIAS_ORIGINS), name="origin"),
        Index("ix_actor_aliases_normalized", "normalized"),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(Text)
    normalized: Mapped[str] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(Text)
    origin: Mapped[str] = mapped_column(Text)


class ActorMention(Base):
    """One occurrence of an actor in an article."""

    __tablename__ = "actor_mentions"
    __table_args__ = (
        CheckConstraint("char_start >= 0 AND char_end > char_start", name="span"),
        # Index-only: the actors of a period's articles, the articles of an actor.
        Index("ix_actor_mentions_article_id_actor_id", "article_id", "actor_id"),
        Index("ix_actor_mentions_actor_id_article_id", "actor_id", "article_id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    # no single-column indexes: the two pairs above serve lookups by either column
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"))
    char_start: Mapped[int] = mapped_column(Integer)
    char_end: Mapped[int] = mapped_column(Integer)
    surface: Mapped[str] = mapped_column(Text)
    sentence_index: Mapped[int] = mapped_column(Integer)
    role: Mapped[str | None] = mapped_column(Text)
    extraction_run_id: Mapped[int | None] = mapped_column(ForeignKey("extraction_runs.id"))


class Event(Base):
    """One real-world event (PLOVER-coded), possibly reported by many articles."""

    __tablename__ = "events"
    __table_args__ = (
        CheckConstraint(_in("event_type", PLOVER_TYPES), name="event_type"),
        CheckConstraint(_in("date_precision", DATE_PRECISIONS), name="date_precision"),
        Index("ix_events_event_date", "event_date"),
        # The event merge: a signature's events dated in a year (schema/store/events.py joinable).
        Index("ix_events_signature_event_date", "signature", "event_date"),
        # An actor's latest events (actor report): ORDER BY event_date DESC NULLS LAST, event_type, id.
        Index("ix_events_event_date_desc", text("event_date DESC NULLS LAST"), "event_type", "id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    event_type: Mapped[str] = mapped_column(Text)
    mode: Mapped[str | None] = mapped_column(Text)
    event_date: Mapped[dt.date | None] = mapped_column(Date)
    date_precision: Mapped[str | None] = mapped_column(Text)
    date_text: Mapped[str | None] = mapped_column(Text)
    location_actor_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id", ondelete="SET NULL"))
    summary: Mapped[str | None] = mapped_column(Text)
    confidence: Mapped[float | None] = mapped_column(Float)
    # Type and actors by role (sorted ids): events with the same signature and compatible dates merge.
    signature: Mapped[str | None] = mapped_column(Text)
    extraction_run_id: Mapped[int | None] = mapped_column(ForeignKey("extraction_runs.id"))


class EventActor(Base):
    """An actor's part in an event."""

    __tablename__ = "event_actors"
    __table_args__ = (CheckConstraint(_in("role", EVENT_ROLES), name="role"),)

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    actor_id: Mapped[int] = mapped_column(
        ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    role: Mapped[str] = mapped_column(Text, primary_key=True)


class EventMention(Base):
    """Evidence for an event in an article."""

    __tablename__ = "event_mentions"

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    char_start: Mapped[int] = mapped_column(Integer)
    char_end: Mapped[int] = mapped_column(Integer)
    sentence: Mapped[str] = mapped_column(Text)
    trigger: Mapped[str | None] = mapped_column(Text)
    extraction_run_id: Mapped[int | None] = mapped_column(ForeignKey("extraction_runs.id"))


class ActorRole(Base):
    """A title seen next to an actor's name in an article (who held which post when)."""

    __tablename__ = "actor_roles"
    __table_args__ = (Index("ix_actor_roles_actor_id_observed_on", "actor_id", "observed_on"),)

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(Text)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    observed_on: Mapped[dt.date | None] = mapped_column(Date)
    extraction_run_id: Mapped[int | None] = mapped_column(ForeignKey("extraction_runs.id"))


class ActorRedirect(Base):
    """A curated merge: mentions resolved to `from_key` go to `actor_id` (survives reprocessing)."""

    __tablename__ = "actor_redirects"

    from_key: Mapped[str] = mapped_column(Text, primary_key=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"), index=True)


class ActorAliasBlock(Base):
    """A curated removal: this surface form must not resolve to this actor again."""

    __tablename__ = "actor_alias_blocks"

    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True)
    normalized: Mapped[str] = mapped_column(Text, primary_key=True)


class ActorCuration(Base):
    """The log of curation commands (merge, rename, alias add/remove, set-kind), for audit."""

    __tablename__ = "actor_curations"

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    action: Mapped[str] = mapped_column(Text)
    details: Mapped[dict[str, Any]] = mapped_column(JSONB)
    created_at: Mapped[dt.datetime] = mapped_column(TZ, server_default=func.now())


# Summary tables: what the period and actor reports read instead of scanning millions of
# mentions. Counted over original articles only (duplicate_of_id IS NULL); kept exact by the
# import in each of its transactions and rebuilt after reprocessing and curation
# (schema/store/summaries.py); `veille db summaries` compares them with a recount.


class ActorDailyCount(Base):
    """How many original articles of one day mention an actor, and how many times."""

    __tablename__ = "actor_daily_counts"
    __table_args__ = (Index("ix_actor_daily_counts_day_actor_id", "day", "actor_id",
                            postgresql_include=["articles", "mentions"]),)

    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    articles: Mapped[int] = mapped_column(Integer)
    mentions: Mapped[int] = mapped_column(Integer)


class ActorTotal(Base):
    """An actor's totals over original articles (dated or not) and its first and last dates."""

    __tablename__ = "actor_totals"

    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True)
    articles: Mapped[int] = mapped_column(Integer)
    mentions: Mapped[int] = mapped_column(Integer)
    first_seen: Mapped[dt.date | None] = mapped_column(Date)
    last_seen: Mapped[dt.date | None] = mapped_column(Date)


@dataclass(frozen=True)
class ActorRef:
    """An actor as commands name it: found by the resolver (reports/params.py), handed to the
    curation store."""

    id: int
    key: str
    canonical_name: str
    kind: str
