"""near-duplicate index (placeholder: filled by the near-duplicate work)

Revision ID: b41d7c2e9f10
Revises: aeb33e2d033d
Create Date: 2026-11-22 17:00:00.000000
"""

from collections.abc import Sequence

revision: str = 'b41d7c2e9f10'
down_revision: str | None = 'aeb33e2d033d'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
