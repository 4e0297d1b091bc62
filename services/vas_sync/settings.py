"""VAS sync settings (environment prefix ``VAS_SYNC_``)."""

from typing import ClassVar, Literal

from pydantic_settings import SettingsConfigDict

from shared.settings import ApiSettings


class VasSyncSettings(ApiSettings):
    model_config = SettingsConfigDict(env_prefix="VAS_SYNC_", extra="ignore", populate_by_name=True)
    service: ClassVar[str] = "vas_sync"

    port: int = 8003
    # How VAS is spoken to: the simulator's JSON API (with its change feed), or the national
    # scheduling contract crm:scheduling 1.1 (SOAP, RIV-TA basic profile 2.1) that real journal
    # systems offer.
    vas_protocol: Literal["simulator-api", "crm-scheduling"] = "simulator-api"
    vas_url: str = "http://127.0.0.1:8010"
    # crm:scheduling: each responder's URL, `{operation}` replaced by e.g. MakeBooking (on the
    # national platform one address per service contract; the logical address, the unit's HSA-id,
    # travels in the header). `vas_crm_endpoints` overrides it per unit (a producer reached directly).
    vas_crm_endpoint: str = "http://127.0.0.1:8010/crm-scheduling/{operation}"
    vas_crm_endpoints: dict[str, str] = {}
    # Mutual TLS towards the platform: our client certificate and key, and the CA to trust.
    vas_crm_cert_file: str | None = None
    vas_crm_key_file: str | None = None
    vas_crm_ca_file: str | None = None
    # The actor on calls VAS sync makes for the clinic (duplicates, reconciliation, polling).
    vas_crm_actor_hsa_id: str = "SE2321000115-TIDBOKVS"
    # GetAvailableTimeslots 1.1 requires a subject of care; polling asks as this one (a test
    # identity agreed with the producer; Skatteverket's Tolvan Tolvansson by default).
    vas_crm_poll_subject: str = "191212121212"
    # The units polled for free times (HSA-ids); when none are set, those GetAllHealthcareFacilities
    # answers at the care giver's logical address.
    vas_crm_units: list[str] = []
    vas_crm_care_giver: str = "SE2321000115-0000"
    poll_near_days: int = 2
    poll_near_interval_s: float = 15.0
    poll_far_days: int = 28
    poll_far_interval_s: float = 60.0
    # A cap for safety, above what the intervals ask (4-5 near + 1-1.25 later a minute, jittered).
    poll_calls_per_unit_per_minute: int = 10
    # A VAS call that has not answered by then counts as "may have been applied".
    vas_timeout_s: float = 2.0
    vas_max_connections: int = 64
    # Tries per delivery before the message goes to the delayed-retry tiers.
    vas_attempts: int = 3
    breaker_failure_threshold: int = 5
    breaker_probe_interval_s: float = 2.0
    feed_poll_interval_s: float = 0.5
    feed_page_size: int = 500
    # Periodic reconciliation: every N seconds, today and the coming days.
    reconcile_interval_s: float = 900.0
    reconcile_days: int = 14
    db_pool_size: int = 24

    def production_problems(self) -> list[str]:
        problems = super().production_problems()
        if self.vas_protocol == "simulator-api":
            problems.append("VAS_SYNC_VAS_PROTOCOL=simulator-api speaks to the simulator; use crm-scheduling")
        urls = [self.vas_crm_endpoint, *self.vas_crm_endpoints.values()]
        if not all(url.startswith("https://") for url in urls):
            problems.append("VAS_SYNC_VAS_CRM_ENDPOINT(S) must use https (the national platform, not the simulator)")
        if not (self.vas_crm_cert_file and self.vas_crm_key_file):
            problems.append("VAS_SYNC_VAS_CRM_CERT_FILE and _KEY_FILE are required (mutual TLS, RIV-TA)")
        if "vas_crm_poll_subject" not in self.model_fields_set:
            problems.append("VAS_SYNC_VAS_CRM_POLL_SUBJECT: set the identity agreed with the producer for polling")
        if not self.vas_crm_units and "vas_crm_care_giver" not in self.model_fields_set:
            problems.append("VAS_SYNC_VAS_CRM_UNITS or VAS_SYNC_VAS_CRM_CARE_GIVER: say which units to poll")
        if "vas_crm_actor_hsa_id" not in self.model_fields_set:
            problems.append("VAS_SYNC_VAS_CRM_ACTOR_HSA_ID: VAS sync's own HSA-id, as the producer knows it")
        return problems
