"""SOAP 1.1 envelopes as RIV-TA basic profile 2.1 has them: the body holds one operation's element,
the header the logical address (the care unit's HSA-id) and, from crm:scheduling 1.1, the actor.

Both sides use it: VAS sync as a consumer, the VAS simulator as a producer stand-in. XML is parsed
with lxml's hardened parser (no entities, no network, no huge trees): a producer's answer and a
consumer's request are input from outside.
"""

from dataclasses import dataclass
from typing import Literal

from lxml import etree

SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
REGISTRY = "urn:riv:itintegration:registry:1"  # LogicalAddress
HEADERS = "urn:riv:interoperability:headers:1"  # Actor
CONTENT_TYPE = "text/xml; charset=utf-8"
MAX_BYTES = 4 * 1024 * 1024

# The resident (actorId: their personnummer) or staff on their behalf (actorId: their HSA-id).
ActorType = Literal["subject_of_care", "subject_of_care_agent"]

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_blank_text=True
)


class SoapError(Exception):
    """The bytes are not a SOAP 1.1 envelope with one body element (or are too large)."""


@dataclass(frozen=True)
class Actor:
    """Who acts: the resident (their personnummer) or staff on their behalf (their HSA-id)."""

    actor_id: str
    actor_type: ActorType


@dataclass(frozen=True)
class Envelope:
    logical_address: str | None
    actor: Actor | None
    body: etree._Element


@dataclass(frozen=True)
class Fault:
    """A SOAP fault: a technical failure (a logical refusal is a result code in the body instead)."""

    code: str  # soap:Client (the request is wrong) or soap:Server
    message: str


def q(namespace: str, name: str) -> str:
    return f"{{{namespace}}}{name}"


def envelope(body: etree._Element, *, logical_address: str, actor: Actor | None) -> bytes:
    """A request: the operation's element in the body, RIV-TA headers in the header."""
    env = etree.Element(q(SOAP_ENV, "Envelope"), nsmap={"soapenv": SOAP_ENV})
    header = etree.SubElement(env, q(SOAP_ENV, "Header"))
    if actor is not None:
        who = etree.SubElement(header, q(HEADERS, "Actor"), nsmap={"hdr": HEADERS})
        etree.SubElement(who, q(HEADERS, "actorId")).text = actor.actor_id
        etree.SubElement(who, q(HEADERS, "actorType")).text = actor.actor_type
    etree.SubElement(header, q(REGISTRY, "LogicalAddress"), nsmap={"reg": REGISTRY}).text = logical_address
    etree.SubElement(env, q(SOAP_ENV, "Body")).append(body)
    return bytes(etree.tostring(env, xml_declaration=True, encoding="UTF-8"))


def answer(body: etree._Element) -> bytes:
    """A response: the operation's response element in the body, no header."""
    env = etree.Element(q(SOAP_ENV, "Envelope"), nsmap={"soapenv": SOAP_ENV})
    etree.SubElement(env, q(SOAP_ENV, "Body")).append(body)
    return bytes(etree.tostring(env, xml_declaration=True, encoding="UTF-8"))


def fault(code: Literal["soap:Client", "soap:Server"], message: str) -> bytes:
    env = etree.Element(q(SOAP_ENV, "Envelope"), nsmap={"soap": SOAP_ENV})
    body = etree.SubElement(env, q(SOAP_ENV, "Body"))
    element = etree.SubElement(body, q(SOAP_ENV, "Fault"))
    etree.SubElement(element, "faultcode").text = code
    etree.SubElement(element, "faultstring").text = message
    return bytes(etree.tostring(env, xml_declaration=True, encoding="UTF-8"))


def parse(raw: bytes) -> Envelope | Fault:
    """An envelope's headers and its one body element, or the fault it carries."""
    if len(raw) > MAX_BYTES:
        raise SoapError(f"envelope larger than {MAX_BYTES} bytes")
    try:
        root = etree.fromstring(raw, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise SoapError(f"not XML: {exc}") from None
    if root.tag != q(SOAP_ENV, "Envelope"):
        raise SoapError(f"not a SOAP 1.1 envelope: {root.tag}")
    body = root.find(q(SOAP_ENV, "Body"))
    children = [] if body is None else [c for c in body if isinstance(c.tag, str)]
    if len(children) != 1:
        raise SoapError(f"the body holds {len(children)} elements, not one")
    (content,) = children
    if content.tag == q(SOAP_ENV, "Fault"):
        return Fault(code=content.findtext("faultcode") or "", message=content.findtext("faultstring") or "")
    header = root.find(q(SOAP_ENV, "Header"))
    address = None if header is None else header.findtext(q(REGISTRY, "LogicalAddress"))
    actor = None
    if header is not None and (who := header.find(q(HEADERS, "Actor"))) is not None:
        kind = who.findtext(q(HEADERS, "actorType")) or ""
        if kind not in ("subject_of_care", "subject_of_care_agent"):
            raise SoapError(f"unknown actorType {kind[:40]!r}")
        actor = Actor(actor_id=who.findtext(q(HEADERS, "actorId")) or "", actor_type=kind)  # type: ignore[arg-type]
    return Envelope(logical_address=address, actor=actor, body=content)
