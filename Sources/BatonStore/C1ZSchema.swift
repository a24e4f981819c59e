/// The SQLite schema of a c1z v1 image (docs/baton-conventions.md, "Image and schema"): the CLI reader's tables, columns
/// and indexes, in the order readers create them (sync_runs before grants).
enum C1ZSchema {
    static let resourceTypes = "v1_resource_types"
    static let resources = "v1_resources"
    static let entitlements = "v1_entitlements"
    static let grants = "v1_grants"
    static let syncRuns = "v1_sync_runs"
    static let assets = "v1_assets"
    static let connectorSessions = "v1_connector_sessions"

    /// Table names in creation order.
    static let tableOrder = [resourceTypes, resources, entitlements, syncRuns, grants, assets, connectorSessions]

    /// Indexes no query of the writer uses, built once after the bulk load (`finish`): a sorted
    /// build of millions of rows is far cheaper than keeping two more random-key B-trees up to
    /// date on every insert. The finished file has exactly the schema below plus these.
    static let deferredIndexNames = ["idx_grants_resource_type_id_resource_id_v1", "idx_grants_principal_id_v1"]
    static let deferredIndexes: [String] = [
        "create index if not exists idx_grants_resource_type_id_resource_id_v1 on v1_grants (resource_type_id, resource_id)",
        "create index if not exists idx_grants_principal_id_v1 on v1_grants (principal_resource_type_id, principal_resource_id)",
    ]

    /// Tables and the indexes the writer needs while loading (upserts, read-back), in creation order.
    static let statements: [String] = [
        """
        create table if not exists v1_resource_types (
            id integer primary key,
            external_id text not null,
            data blob not null,
            sync_id text not null,
            discovered_at datetime not null
        )
        """,
        "create unique index if not exists idx_resource_types_external_sync_v1 on v1_resource_types (external_id, sync_id)",
        """
        create table if not exists v1_resources (
            id integer primary key,
            resource_type_id text not null,
            external_id text not null,
            parent_resource_type_id text,
            parent_resource_id text,
            data blob not null,
            sync_id text not null,
            discovered_at datetime not null
        )
        """,
        // Names as the SDK assigns them (it swaps two of them; readers do not care).
        "create index if not exists idx_resources_resource_type_id_v1 on v1_resources (resource_type_id)",
        "create index if not exists idx_resources_external_sync_v1 on v1_resources (parent_resource_type_id, parent_resource_id)",
        "create unique index if not exists idx_resources_parent_resource_id_v1 on v1_resources (external_id, sync_id)",
        """
        create table if not exists v1_entitlements (
            id integer primary key,
            resource_type_id text not null,
            resource_id text not null,
            external_id text not null,
            data blob not null,
            sync_id text not null,
            discovered_at datetime not null
        )
        """,
        "create index if not exists idx_entitlements_resource_id_v1 on v1_entitlements (resource_type_id, resource_id)",
        "create unique index if not exists idx_entitlements_external_sync_v1 on v1_entitlements (external_id, sync_id)",
        """
        create table if not exists v1_sync_runs (
            id integer primary key,
            sync_id text not null,
            started_at datetime not null,
            ended_at datetime,
            sync_token text not null,
            sync_type text not null default 'full',
            parent_sync_id text not null default '',
            linked_sync_id text not null default '',
            supports_diff integer not null default 0
        )
        """,
        "create unique index if not exists idx_sync_runs_sync_id_v1 on v1_sync_runs (sync_id)",
        """
        create table if not exists v1_grants (
            id integer primary key,
            resource_type_id text not null,
            resource_id text not null,
            entitlement_id text not null,
            principal_resource_type_id text not null,
            principal_resource_id text not null,
            external_id text not null,
            expansion blob,
            needs_expansion integer not null default 0,
            data blob not null,
            sync_id text not null,
            discovered_at datetime not null
        )
        """,
        "create index if not exists idx_grants_entitlement_id_principal_id_v1 on v1_grants (entitlement_id, principal_resource_type_id, principal_resource_id)",
        "create unique index if not exists idx_grants_external_sync_v1 on v1_grants (external_id, sync_id)",
        "create index if not exists idx_grants_sync_expansion_v1 on v1_grants (sync_id) where expansion is not null",
        "create index if not exists idx_grants_sync_needs_expansion_v1 on v1_grants (sync_id) where needs_expansion = 1",
        """
        create table if not exists v1_assets (
            id integer primary key,
            external_id text not null,
            content_type text not null,
            data blob not null,
            sync_id text not null,
            discovered_at datetime not null
        )
        """,
        "create unique index if not exists idx_assets_external_sync_v1 on v1_assets (external_id, sync_id)",
        """
        create table if not exists v1_connector_sessions (
            id integer primary key,
            sync_id text not null,
            key text not null,
            value blob not null
        )
        """,
        "create unique index if not exists idx_session_store_sync_key_v1 on v1_connector_sessions (sync_id, key)",
    ]
}
