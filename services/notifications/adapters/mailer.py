"""E-mail over SMTP with aiosmtplib. The Message-ID comes from the notification, so a resend
after a crash carries the same id and a receiving system can recognise it."""

from email.message import EmailMessage

import aiosmtplib

from services.notifications.adapters.delivery import DeliveryFailed


class Mailer:
    def __init__(self, *, host: str, port: int, sender: str, timeout_s: float, start_tls: bool = False) -> None:
        self._start_tls = start_tls
        self._host = host
        self._port = port
        self._sender = sender
        self._timeout_s = timeout_s

    async def send(self, *, to: str, subject: str, text: str, idempotency_key: str) -> str:
        message = EmailMessage()
        message["From"] = self._sender
        message["To"] = to
        message["Subject"] = subject
        message_id = f"<{idempotency_key}@tidbok.local>"
        message["Message-ID"] = message_id
        message.set_content(text)
        try:
            await aiosmtplib.send(
                message, hostname=self._host, port=self._port, timeout=self._timeout_s, start_tls=self._start_tls
            )
        except aiosmtplib.SMTPRecipientsRefused as exc:
            raise DeliveryFailed(f"recipient refused: {type(exc).__name__}", permanent=True) from None
        except aiosmtplib.SMTPResponseException as exc:
            raise DeliveryFailed(f"SMTP {exc.code}", permanent=500 <= exc.code < 600) from None
        except (aiosmtplib.SMTPException, OSError, TimeoutError) as exc:
            raise DeliveryFailed(f"SMTP unreachable: {type(exc).__name__}", permanent=False) from None
        return message_id

    async def close(self) -> None:
        return None
