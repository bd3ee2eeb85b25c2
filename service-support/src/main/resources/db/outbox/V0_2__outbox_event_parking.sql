-- Per-row outcome of the relay: a row Kafka refuses (for example larger than the broker accepts) counts
-- its attempts, keeps the last error and is parked after comments.outbox.max-attempts, so it no longer
-- holds up the rows behind it. Parked rows stay for an operator to inspect (and to release by setting
-- parked_at back to null).
alter table outbox_event
    add column attempts   integer     not null default 0,
    add column last_error text,
    add column parked_at  timestamptz;

-- The relay only reads unparked rows, in id order.
create index outbox_event_unparked on outbox_event (id) where parked_at is null;
