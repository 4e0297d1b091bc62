"""Unit tests: pure rules and use-case checks on plain values with a fixed clock; no broker, no
database (`make test-unit`, seconds). The integration and end-to-end tests beside them use the real
RabbitMQ and PostgreSQL."""
