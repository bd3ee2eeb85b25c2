-- The W3C trace context of the transaction that wrote the row (null outside a trace): the relay sends the
-- record as a child of it, so the trace of a request runs on through Kafka although the send happens later,
-- on another thread (docs/adr/0013-tracing.md).
alter table outbox_event add column traceparent text;
