"""Caught e-mail, in memory (a development stand-in). A Message-ID seen before is not stored twice."""

import itertools
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any


@dataclass(frozen=True)
class Mail:
    id: int
    mail_from: str
    to: list[str]
    subject: str
    text: str
    message_id: str
    received_at: str

    def view(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "from": self.mail_from,
            "to": self.to,
            "subject": self.subject,
            "text": self.text,
            "message_id": self.message_id,
            "received_at": self.received_at,
        }


@dataclass
class MailStore:
    keep: int = 100_000
    mails: "OrderedDict[int, Mail]" = field(default_factory=OrderedDict)
    message_ids: set[str] = field(default_factory=set)
    duplicates: int = 0
    _ids: "itertools.count[int]" = field(default_factory=lambda: itertools.count(1))

    def add(self, *, mail_from: str, rcpt_tos: list[str], content: bytes) -> None:
        parsed = message_from_bytes(content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        message_id = str(parsed.get("Message-ID", "")).strip()
        if message_id and message_id in self.message_ids:
            self.duplicates += 1
            return
        body = parsed.get_body(preferencelist=("plain",))
        mail = Mail(
            id=next(self._ids),
            mail_from=mail_from,
            to=list(rcpt_tos),
            subject=str(parsed.get("Subject", "")),
            text=body.get_content().strip() if body is not None else "",
            message_id=message_id,
            received_at=datetime.now(UTC).isoformat(),
        )
        self.mails[mail.id] = mail
        if message_id:
            self.message_ids.add(message_id)
        while len(self.mails) > self.keep:
            _, old = self.mails.popitem(last=False)
            self.message_ids.discard(old.message_id)

    def clear(self) -> None:
        self.mails.clear()
        self.message_ids.clear()
        self.duplicates = 0
