-- Transactional outbox: events written in the same transaction as the state change they describe,
-- sent to Kafka by the relay after commit and deleted once the broker acknowledged them.
create table outbox_event (
    id          bigserial   primary key,
    topic       text        not null,
    record_key  text        not null,
    event_type  text        not null,
    payload     bytea       not null,
    occurred_at timestamptz not null,
    created_at  timestamptz not null default now()
);
