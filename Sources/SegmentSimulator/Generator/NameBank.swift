/// Display names (with non-ASCII characters) and their ASCII e-mail spellings.
enum NameBank {
    static let firstNames: [(display: String, ascii: String)] = [
        ("Zoë", "zoe"), ("José", "jose"), ("Björn", "bjorn"), ("Chloé", "chloe"), ("Łukasz", "lukasz"),
        ("Søren", "soren"), ("Mária", "maria"), ("François", "francois"), ("Aiko", "aiko"), ("Ngozi", "ngozi"),
        ("Priya", "priya"), ("Mateo", "mateo"), ("Émilie", "emilie"), ("Jürgen", "jurgen"), ("Siobhán", "siobhan"),
        ("Ömer", "omer"), ("Ana", "ana"), ("Liam", "liam"), ("Wei", "wei"), ("Fatima", "fatima"),
        ("Kwame", "kwame"), ("Ingrid", "ingrid"), ("Dmitri", "dmitri"), ("Lucía", "lucia"),
    ]
    static let lastNames: [(display: String, ascii: String)] = [
        ("Ångström", "angstrom"), ("Müller", "muller"), ("García", "garcia"), ("Nakamura", "nakamura"),
        ("Okafor", "okafor"), ("Kowalski", "kowalski"), ("Ødegaard", "odegaard"), ("Novák", "novak"),
        ("Dubois", "dubois"), ("Patel", "patel"), ("Schröder", "schroder"), ("O'Brien", "obrien"),
        ("Núñez", "nunez"), ("Yılmaz", "yilmaz"), ("Larsen", "larsen"), ("Chen", "chen"),
        ("Haddad", "haddad"), ("Silva", "silva"), ("Ivanova", "ivanova"), ("Mensah", "mensah"),
    ]
    static let plusTags = ["segment", "ops", "data", "test"]
    static let companies: [(name: String, slug: String)] = [
        ("Acme Analytics", "acme-analytics"), ("Globex Data", "globex-data"), ("Initech Insights", "initech"),
        ("Umbrella Metrics", "umbrella-metrics"), ("Hooli Growth", "hooli-growth"), ("Stark Telemetry", "stark-telemetry"),
    ]
    static let groupNames = [
        "Analysts", "Data Engineering", "Marketing Ops", "Growth", "Support", "Security", "Finance",
        "Product", "Platform", "Privacy Office", "Contractors", "Executives",
    ]
    static let spaceNames = ["Production Space", "Staging Space", "EU Customers", "Loyalty Program", "Experiments"]
    static let sourceCatalog: [(id: String, name: String, slug: String)] = [
        ("IqDTy1TpoU", "JavaScript", "javascript"), ("9TqVWjD7iT", "iOS", "ios"), ("V6ynUvQgbc", "Android", "android"),
        ("xE7rjBJd8T", "HTTP API", "http-api"), ("yMKaGQCSVn", "Node.js", "node-js"), ("8HWbgPTt3k", "Python", "python"),
        ("w7tr0o2Y3C", "Salesforce", "salesforce"), ("CuiG6vRpKa", "Stripe", "stripe"), ("fNZd5sQpLx", "Zendesk", "zendesk"),
    ]
    static let sourcePurposes = ["Website", "Mobile App", "Backend", "CRM", "Billing", "Helpdesk", "Checkout", "Marketing Site"]
    static let warehouseCatalog: [(id: String, name: String, slug: String)] = [
        ("NcnCZf6SZA", "Snowflake", "snowflake"), ("Qa9bBvRkNL", "BigQuery", "bigquery"), ("oW3HyZ0dTs", "Redshift", "redshift"),
        ("gP8mTqJxvE", "Postgres", "postgres"), ("Hk2RfW7sYc", "Databricks", "databricks"),
    ]
    static let functionNouns = ["Enricher", "Router", "Scrubber", "Webhook", "Deduplicator", "Mapper", "Validator", "Forwarder"]
    static let auditTypes = [
        "User Added To User Group", "Policy Created", "User Policy Updated", "Source Created", "Source Modified",
        "User Invite Sent", "User Group Updated", "Warehouses Created", "Source Disabled", "Policy Deleted",
    ]
}
