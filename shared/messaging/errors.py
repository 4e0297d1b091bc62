"""Errors the messaging toolkit and its handlers raise."""


class PermanentError(Exception):
    """A handler failure that no retry can fix: the message goes straight to parking."""


class TransientError(Exception):
    """A failure worth retrying later (a dependency is down or throttling).

    `retry_after_s` lets a handler say when to come back (e.g. from a 429's Retry-After);
    the consumer never redelivers sooner.
    """

    def __init__(self, message: str, *, retry_after_s: float | None = None) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class PublishFailed(Exception):
    """The broker did not take the message: returned (unroutable), nacked, or not confirmed in time."""
