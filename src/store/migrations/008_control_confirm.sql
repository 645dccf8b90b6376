-- Confirm rules (issue 13): a session that does not close is confirmed only
-- with a reason, kept here beside who confirmed it. A period already covered
-- by a confirmed session is not confirmed again (checked by the store; a
-- later draft over it is a read-only re-check).
ALTER TABLE reconcile_session ADD COLUMN confirm_reason TEXT;
-- Finding the confirmed sessions a period overlaps.
CREATE INDEX reconcile_session_confirmed ON reconcile_session (customer_id, period_from, period_to)
    WHERE status = 'confirmed';
