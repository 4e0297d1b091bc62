"""crm:scheduling 1.1, the national scheduling contract journal systems speak (RIV-TA, SOAP 1.1):
its schemas (`schemas/`), envelopes (`soap.py`) and validation (`contract.py`). Shared by VAS sync
(a consumer) and the VAS simulator (a producer stand-in)."""
