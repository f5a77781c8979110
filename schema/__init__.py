"""SQLAlchemy 2 models of veille: the one source of truth for the database shape.

Alembic migrations are written against these models and `veille db check` fails when the
two differ.
"""

from veille.schema.models import (
    DATE_PRECISIONS,
    PLOVER_TYPES,
    Actor,
    ActorAlias,
    ActorAliasBlock,
    ActorCuration,
    ActorDailyCount,
    ActorMention,
    ActorRedirect,
    ActorRole,
    ActorTotal,
    Article,
    Base,
    Document,
    Event,
    EventActor,
    EventMention,
    ExtractionRun,
    ImportBatch,
    Source,
    metadata,
)

__all__ = [
    "DATE_PRECISIONS",
    "PLOVER_TYPES",
    "Actor",
    "ActorAlias",
    "ActorAliasBlock",
    "ActorCuration",
    "ActorDailyCount",
    "ActorMention",
    "ActorRedirect",
    "ActorRole",
    "ActorTotal",
    "Article",
    "Base",
    "Document",
    "Event",
    "EventActor",
    "EventMention",
    "ExtractionRun",
    "ImportBatch",
    "Source",
    "metadata",
]
