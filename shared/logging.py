"""JSON-lines logging through structlog, with the correlation id bound per request/message."""

import logging
import sys
from typing import Any

import structlog
from structlog.contextvars import bind_contextvars, clear_contextvars, merge_contextvars

from shared.identity import mask_in_text

__all__ = ["bind_contextvars", "clear_contextvars", "configure_logging", "get_logger"]


def configure_logging(service: str, level: str = "INFO") -> None:
    """Send JSON lines to stdout, stdlib logging (uvicorn, aio-pika) included."""
    shared_processors: list[Any] = [
        merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        _add_service(service),
        _mask_personnummer,
    ]
    structlog.configure(
        processors=[
            *shared_processors,
            structlog.processors.format_exc_info,
            structlog.processors.JSONRenderer(),
        ],
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelName(level)),
        logger_factory=structlog.PrintLoggerFactory(sys.stdout),
        cache_logger_on_first_use=True,
    )
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            foreign_pre_chain=shared_processors,
            processors=[
                structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                structlog.processors.JSONRenderer(),
            ],
        )
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("aiormq").setLevel(max(logging.WARNING, root.level))
    logging.getLogger("aio_pika").setLevel(max(logging.WARNING, root.level))
    # One line per outgoing HTTP call (VAS, SMS gateway) drowns the log; failures are logged by us.
    logging.getLogger("httpx").setLevel(max(logging.WARNING, root.level))


def _add_service(service: str) -> Any:
    def processor(_: Any, __: str, event_dict: dict[str, Any]) -> dict[str, Any]:
        event_dict.setdefault("service", service)
        return event_dict

    return processor


def _mask_personnummer(_: Any, __: str, event_dict: dict[str, Any]) -> dict[str, Any]:
    """Personnummer never in logs: any that a free text carries (an error from VAS, a handler's
    exception) is masked, whatever logged it."""
    for key, value in event_dict.items():
        if isinstance(value, str):
            event_dict[key] = mask_in_text(value)
    return event_dict


def get_logger(name: str | None = None) -> Any:
    return structlog.get_logger(name)


def structlog_correlation_id() -> str | None:
    """The correlation id bound to the current request or message, if any."""
    value = structlog.contextvars.get_contextvars().get("correlation_id")
    return str(value) if value else None
