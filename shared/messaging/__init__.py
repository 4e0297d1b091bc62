"""Messaging toolkit on aio-pika: envelope, topology, publisher, outbox, inbox, consumers."""
