"""Initial schema: catalogue, slot replica, appointments, audit, idempotency, closures, outbox/inbox.

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
    op.create_table('appointments',
    sa.Column('id', sa.UUID(), nullable=False),
    sa.Column('subject', sa.Text(), nullable=False),
    sa.Column('slot_id', sa.Text(), nullable=False),
    sa.Column('previous_slot_id', sa.Text(), nullable=True),
    sa.Column('previous_start_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('previous_end_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('clinic_hsa_id', sa.Text(), nullable=False),
    sa.Column('time_type_code', sa.Text(), nullable=False),
    sa.Column('start_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('end_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('channel', sa.Text(), nullable=False),
    sa.Column('actor', sa.Text(), nullable=False),
    sa.Column('actor_id', sa.Text(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('invitation_code', sa.Text(), nullable=True),
    sa.Column('vas_appointment_id', sa.Text(), nullable=True),
    sa.Column('rejection_code', sa.Text(), nullable=True),
    sa.Column('cancelled_by', sa.Text(), nullable=True),
    sa.Column('self_declared', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("status IN ('pending', 'booked', 'rejected', 'cancelled')", name='appointment_status_known'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('vas_appointment_id')
    )
    op.create_index('ix_appointments_subject', 'appointments', ['subject', 'start_at'], unique=False)
    op.create_index('uq_appointments_live_slot', 'appointments', ['slot_id'], unique=True, postgresql_where=sa.text("status IN ('pending', 'booked')"))
    op.create_table('audit_log',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('action', sa.Text(), nullable=False),
    sa.Column('actor', sa.Text(), nullable=False),
    sa.Column('actor_id', sa.Text(), nullable=True),
    sa.Column('channel', sa.Text(), nullable=False),
    sa.Column('appointment_id', sa.UUID(), nullable=True),
    sa.Column('subject', sa.Text(), nullable=True),
    sa.Column('details', postgresql.JSONB(astext_type=sa.Text()), server_default='{}', nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_audit_appointment', 'audit_log', ['appointment_id'], unique=False)
    op.create_table('clinics',
    sa.Column('hsa_id', sa.Text(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('municipality', sa.Text(), nullable=False),
    sa.Column('address', sa.Text(), server_default='', nullable=False),
    sa.Column('phone', sa.Text(), server_default='', nullable=False),
    sa.Column('web_booking_enabled', sa.Boolean(), server_default=sa.true(), nullable=False),
    sa.PrimaryKeyConstraint('hsa_id')
    )
    op.create_table('idempotency_keys',
    sa.Column('owner', sa.Text(), nullable=False),
    sa.Column('key', sa.Text(), nullable=False),
    sa.Column('request_hash', sa.Text(), nullable=False),
    sa.Column('status_code', sa.Integer(), nullable=False),
    sa.Column('response', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.PrimaryKeyConstraint('owner', 'key')
    )
    op.create_table('slots',
    sa.Column('id', sa.Text(), nullable=False),
    sa.Column('clinic_hsa_id', sa.Text(), nullable=False),
    sa.Column('time_type_code', sa.Text(), nullable=False),
    sa.Column('practitioner_id', sa.Text(), nullable=True),
    sa.Column('start_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('end_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status', sa.Text(), server_default='free', nullable=False),
    sa.Column('web_bookable', sa.Boolean(), server_default=sa.true(), nullable=False),
    sa.Column('held_by', sa.Text(), nullable=True),
    sa.Column('hold_expires_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("status IN ('free', 'held', 'busy', 'withdrawn')", name='slot_status_known'),
    sa.CheckConstraint('end_at > start_at', name='slot_ends_after_start'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_slots_search', 'slots', ['clinic_hsa_id', 'time_type_code', 'start_at'], unique=False)
    op.create_index('ix_slots_start', 'slots', ['start_at'], unique=False)
    op.create_table('time_types',
    sa.Column('code', sa.Text(), nullable=False),
    sa.Column('name_sv', sa.Text(), nullable=False),
    sa.Column('name_en', sa.Text(), nullable=False),
    sa.Column('role', sa.Text(), nullable=False),
    sa.Column('length_minutes', sa.Integer(), nullable=False),
    sa.Column('mode', sa.Text(), nullable=False),
    sa.Column('web_bookable', sa.Boolean(), nullable=False),
    sa.Column('hidden', sa.Boolean(), nullable=False),
    sa.Column('restricted', sa.Boolean(), nullable=False),
    sa.Column('max_live_per_person', sa.Integer(), nullable=True),
    sa.Column('information_sv', sa.Text(), server_default='', nullable=False),
    sa.Column('information_en', sa.Text(), server_default='', nullable=False),
    sa.Column('rules', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('reminder_offsets_hours', postgresql.JSONB(astext_type=sa.Text()), server_default='[48]', nullable=False),
    sa.PrimaryKeyConstraint('code')
    )
    op.create_table('web_booking_closures',
    sa.Column('id', sa.UUID(), nullable=False),
    sa.Column('clinic_hsa_id', sa.Text(), nullable=True),
    sa.Column('time_type_code', sa.Text(), nullable=True),
    sa.Column('message_sv', sa.Text(), nullable=False),
    sa.Column('message_en', sa.Text(), nullable=False),
    sa.Column('phone', sa.Text(), nullable=False),
    sa.Column('closed_by', sa.Text(), nullable=False),
    sa.Column('closed_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('reopened_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('practitioners',
    sa.Column('id', sa.Text(), nullable=False),
    sa.Column('clinic_hsa_id', sa.Text(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('role', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['clinic_hsa_id'], ['clinics.hsa_id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('time_type_conditions',
    sa.Column('time_type_code', sa.Text(), nullable=False),
    sa.Column('id', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text_sv', sa.Text(), nullable=False),
    sa.Column('text_en', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['time_type_code'], ['time_types.code'], ),
    sa.PrimaryKeyConstraint('time_type_code', 'id')
    )
    # ### end Alembic commands ###
    upgrade_messaging()


def downgrade() -> None:
    downgrade_messaging()
    op.drop_table('time_type_conditions')
    op.drop_table('practitioners')
    op.drop_table('web_booking_closures')
    op.drop_table('time_types')
    op.drop_index('ix_slots_start', table_name='slots')
    op.drop_index('ix_slots_search', table_name='slots')
    op.drop_table('slots')
    op.drop_table('idempotency_keys')
    op.drop_table('clinics')
    op.drop_index('ix_audit_appointment', table_name='audit_log')
    op.drop_table('audit_log')
    op.drop_index('uq_appointments_live_slot', table_name='appointments', postgresql_where=sa.text("status IN ('pending', 'booked')"))
    op.drop_index('ix_appointments_subject', table_name='appointments')
    op.drop_table('appointments')
    # ### end Alembic commands ###
