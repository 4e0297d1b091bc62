"""Initial schema: timeslots, appointments, change feed, faults

Revision ID: 0001
Revises:
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('changes',
    sa.Column('seq', sa.BigInteger(), sa.Identity(always=False), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('kind', sa.Text(), nullable=False),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.PrimaryKeyConstraint('seq')
    )
    op.create_table('faults',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('mode', sa.Text(), server_default='none', nullable=False),
    sa.Column('rate', sa.Float(), server_default='1.0', nullable=False),
    sa.Column('latency_ms', sa.Integer(), server_default='0', nullable=False),
    sa.Column('retry_after_s', sa.Integer(), server_default='5', nullable=False),
    sa.CheckConstraint('id = 1', name='faults_single_row'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('timeslots',
    sa.Column('id', sa.Text(), nullable=False),
    sa.Column('clinic_hsa_id', sa.Text(), nullable=False),
    sa.Column('time_type_code', sa.Text(), nullable=False),
    sa.Column('practitioner_id', sa.Text(), nullable=True),
    sa.Column('start_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('end_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status', sa.Text(), server_default='free', nullable=False),
    sa.CheckConstraint("status IN ('free', 'booked', 'withdrawn')", name='timeslot_status_known'),
    sa.CheckConstraint('end_at > start_at', name='timeslot_ends_after_start'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_timeslots_clinic_start', 'timeslots', ['clinic_hsa_id', 'start_at'], unique=False)
    op.create_table('appointments',
    sa.Column('id', sa.Text(), nullable=False),
    sa.Column('timeslot_id', sa.Text(), nullable=False),
    sa.Column('subject', sa.Text(), nullable=False),
    sa.Column('reference', sa.Text(), nullable=True),
    sa.Column('status', sa.Text(), nullable=False),
    sa.Column('channel', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('cancelled_reason', sa.Text(), nullable=True),
    sa.Column('cancelled_by', sa.Text(), nullable=True),
    sa.CheckConstraint("channel IN ('web', 'phone', 'clinic')", name='appointment_channel_known'),
    sa.CheckConstraint("status IN ('booked', 'cancelled')", name='appointment_status_known'),
    sa.ForeignKeyConstraint(['timeslot_id'], ['timeslots.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_appointments_reference', 'appointments', ['reference'], unique=False)
    op.create_index('ix_appointments_subject', 'appointments', ['subject'], unique=False)
    op.create_index('uq_appointments_booked_reference', 'appointments', ['reference'], unique=True, postgresql_where=sa.text("status = 'booked'"))
    op.create_index('uq_appointments_booked_slot', 'appointments', ['timeslot_id'], unique=True, postgresql_where=sa.text("status = 'booked'"))
    op.execute("INSERT INTO faults (id) VALUES (1)")


def downgrade() -> None:
    op.drop_index('uq_appointments_booked_slot', table_name='appointments', postgresql_where=sa.text("status = 'booked'"))
    op.drop_index('uq_appointments_booked_reference', table_name='appointments', postgresql_where=sa.text("status = 'booked'"))
    op.drop_index('ix_appointments_subject', table_name='appointments')
    op.drop_index('ix_appointments_reference', table_name='appointments')
    op.drop_table('appointments')
    op.drop_index('ix_timeslots_clinic_start', table_name='timeslots')
    op.drop_table('timeslots')
    op.drop_table('faults')
    op.drop_table('changes')
