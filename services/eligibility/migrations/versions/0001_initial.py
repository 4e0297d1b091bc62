"""Initial schema: campaigns and their versions, audit, registers (home care, households, staff
roster), invitations, bookings seen, decisions, follow-ups, outbox/inbox.

Revision ID: 0001
Revises:
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from shared.messaging.tables import downgrade_messaging, upgrade_messaging

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('audit_log',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('action', sa.Text(), nullable=False),
    sa.Column('actor_id', sa.Text(), nullable=False),
    sa.Column('details', postgresql.JSONB(astext_type=sa.Text()), server_default='{}', nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('bookings',
    sa.Column('appointment_id', sa.UUID(), nullable=False),
    sa.Column('subject', sa.Text(), nullable=False),
    sa.Column('time_type_code', sa.Text(), nullable=False),
    sa.Column('clinic_hsa_id', sa.Text(), nullable=False),
    sa.Column('start_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('appointment_id')
    )
    op.create_index('ix_bookings_subject', 'bookings', ['subject'], unique=False)
    op.create_table('campaign_versions',
    sa.Column('code', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('document', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('changed_by', sa.Text(), nullable=False),
    sa.Column('changed_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.PrimaryKeyConstraint('code', 'version')
    )
    op.create_table('campaigns',
    sa.Column('code', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('document', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.PrimaryKeyConstraint('code')
    )
    op.create_table('decisions',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('subject', sa.Text(), nullable=False),
    sa.Column('time_type_code', sa.Text(), nullable=False),
    sa.Column('appointment_id', sa.UUID(), nullable=True),
    sa.Column('channel', sa.Text(), nullable=False),
    sa.Column('actor_id', sa.Text(), nullable=True),
    sa.Column('purpose', sa.Text(), nullable=False),
    sa.Column('eligible', sa.Boolean(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('rule_version', sa.Text(), nullable=True),
    sa.Column('self_declared', sa.Boolean(), nullable=False),
    sa.Column('needs_review', sa.Boolean(), nullable=False),
    sa.Column('invitation_code', sa.Text(), nullable=True),
    sa.Column('evidence', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_decisions_appointment', 'decisions', ['appointment_id'], unique=False)
    op.create_table('follow_ups',
    sa.Column('appointment_id', sa.UUID(), nullable=False),
    sa.Column('subject', sa.Text(), nullable=False),
    sa.Column('time_type_code', sa.Text(), nullable=False),
    sa.Column('clinic_hsa_id', sa.Text(), nullable=False),
    sa.Column('start_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('rule_version', sa.Text(), nullable=True),
    sa.Column('channel', sa.Text(), nullable=False),
    sa.Column('status', sa.Text(), server_default='open', nullable=False),
    sa.Column('decided_by', sa.Text(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.PrimaryKeyConstraint('appointment_id')
    )
    op.create_table('home_care',
    sa.Column('personnummer', sa.Text(), nullable=False),
    sa.Column('kind', sa.Text(), nullable=False),
    sa.Column('municipality', sa.Text(), nullable=False),
    sa.Column('import_id', sa.UUID(), nullable=False),
    sa.PrimaryKeyConstraint('personnummer')
    )
    op.create_table('households',
    sa.Column('personnummer', sa.Text(), nullable=False),
    sa.Column('care_recipient', sa.Text(), nullable=False),
    sa.Column('import_id', sa.UUID(), nullable=False),
    sa.PrimaryKeyConstraint('personnummer')
    )
    op.create_table('invitations',
    sa.Column('code', sa.Text(), nullable=False),
    sa.Column('subject', sa.Text(), nullable=False),
    sa.Column('campaign_code', sa.Text(), nullable=False),
    sa.Column('phase', sa.Text(), nullable=False),
    sa.Column('batch_id', sa.UUID(), nullable=False),
    sa.Column('valid_from', sa.DateTime(timezone=True), nullable=False),
    sa.Column('valid_until', sa.DateTime(timezone=True), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('address', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('redeemed_by', sa.UUID(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.PrimaryKeyConstraint('code'),
    sa.UniqueConstraint('subject', 'campaign_code', 'phase', name='uq_invitation_per_person_phase')
    )
    op.create_index('ix_invitations_batch', 'invitations', ['batch_id'], unique=False)
    op.create_table('staff_roster',
    sa.Column('hsa_id', sa.Text(), nullable=False),
    sa.Column('personnummer', sa.Text(), nullable=False),
    sa.Column('workplace', sa.Text(), nullable=False),
    sa.Column('import_id', sa.UUID(), nullable=False),
    sa.PrimaryKeyConstraint('hsa_id')
    )
    upgrade_messaging()


def downgrade() -> None:
    downgrade_messaging()
    op.drop_table('staff_roster')
    op.drop_index('ix_invitations_batch', table_name='invitations')
    op.drop_table('invitations')
    op.drop_table('households')
    op.drop_table('home_care')
    op.drop_table('follow_ups')
    op.drop_index('ix_decisions_appointment', table_name='decisions')
    op.drop_table('decisions')
    op.drop_table('campaigns')
    op.drop_table('campaign_versions')
    op.drop_index('ix_bookings_subject', table_name='bookings')
    op.drop_table('bookings')
    op.drop_table('audit_log')
