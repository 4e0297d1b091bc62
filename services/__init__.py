"""Tidbok services: each owns its database and talks to the others only over RabbitMQ."""
