"""What a channel adapter raises when a message did not go out."""


class DeliveryFailed(Exception):
    """`permanent`: no retry can help (e.g. the provider refuses the number); otherwise retry later."""

    def __init__(self, message: str, *, permanent: bool, retry_after_s: float | None = None) -> None:
        super().__init__(message)
        self.permanent = permanent
        self.retry_after_s = retry_after_s
