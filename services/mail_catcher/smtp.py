"""The SMTP side: an aiosmtpd server on the app's own event loop that hands every mail to the store."""

import asyncio

from aiosmtpd.smtp import SMTP, Envelope, Session

from services.mail_catcher.store import MailStore


class CatchingHandler:
    def __init__(self, store: MailStore) -> None:
        self.store = store

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        content = envelope.original_content or b""
        self.store.add(mail_from=str(envelope.mail_from or ""), rcpt_tos=list(envelope.rcpt_tos), content=content)
        return "250 Message accepted for delivery"


async def start_smtp(store: MailStore, *, host: str, port: int) -> asyncio.Server:
    handler = CatchingHandler(store)
    loop = asyncio.get_running_loop()
    return await loop.create_server(lambda: SMTP(handler, hostname="mail-catcher.local"), host=host, port=port)
