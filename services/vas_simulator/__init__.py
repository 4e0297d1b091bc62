"""VAS simulator: a stand-in for the region's journal system, shaped after RIV-TA crm:scheduling."""
