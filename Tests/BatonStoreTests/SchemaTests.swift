import Foundation
import Testing

@testable import BatonStore

/// The schema of a written file, column by column, against the layout docs/baton-conventions.md describes ("Image and schema").
@Suite struct SchemaTests {
    /// name, declared type, notnull, default, primary key (as PRAGMA table_info reports them).
    struct Column: Equatable, CustomStringConvertible {
        var name: String, type: String, notNull: Bool, defaultValue: String?, primaryKey: Bool
        init(_ name: String, _ type: String, notNull: Bool = true, default defaultValue: String? = nil, pk: Bool = false) {
            self.name = name; self.type = type; self.notNull = notNull; self.defaultValue = defaultValue; self.primaryKey = pk
        }
        var description: String {
            "\(name) \(type)\(notNull ? " not null" : "")\(defaultValue.map { " default \($0)" } ?? "")\(primaryKey ? " pk" : "")"
        }
    }

    static let id = Column("id", "integer", notNull: false, pk: true)
    static let common = [Column("sync_id", "text"), Column("discovered_at", "datetime")]

    static let expectedTables: [(String, [Column])] = [
        ("v1_resource_types", [id, Column("external_id", "text"), Column("data", "blob")] + common),
        (
            "v1_resources",
            [
                id, Column("resource_type_id", "text"), Column("external_id", "text"),
                Column("parent_resource_type_id", "text", notNull: false),
                Column("parent_resource_id", "text", notNull: false), Column("data", "blob"),
            ] + common
        ),
        (
            "v1_entitlements",
            [
                id, Column("resource_type_id", "text"), Column("resource_id", "text"),
                Column("external_id", "text"), Column("data", "blob"),
            ] + common
        ),
        (
            "v1_sync_runs",
            [
                id, Column("sync_id", "text"), Column("started_at", "datetime"),
                Column("ended_at", "datetime", notNull: false), Column("sync_token", "text"),
                Column("sync_type", "text", default: "'full'"), Column("parent_sync_id", "text", default: "''"),
                Column("linked_sync_id", "text", default: "''"), Column("supports_diff", "integer", default: "0"),
            ]
        ),
        (
            "v1_grants",
            [
                id, Column("resource_type_id", "text"), Column("resource_id", "text"), Column("entitlement_id", "text"),
                Column("principal_resource_type_id", "text"), Column("principal_resource_id", "text"),
                Column("external_id", "text"), Column("expansion", "blob", notNull: false),
                Column("needs_expansion", "integer", default: "0"), Column("data", "blob"),
            ] + common
        ),
        ("v1_assets", [id, Column("external_id", "text"), Column("content_type", "text"), Column("data", "blob")] + common),
        ("v1_connector_sessions", [id, Column("sync_id", "text"), Column("key", "text"), Column("value", "blob")]),
    ]

    /// index name → (unique, columns, partial)
    static let expectedIndexes: [String: [String: (Bool, [String], Bool)]] = [
        "v1_resource_types": ["idx_resource_types_external_sync_v1": (true, ["external_id", "sync_id"], false)],
        "v1_resources": [
            "idx_resources_resource_type_id_v1": (false, ["resource_type_id"], false),
            "idx_resources_external_sync_v1": (false, ["parent_resource_type_id", "parent_resource_id"], false),
            "idx_resources_parent_resource_id_v1": (true, ["external_id", "sync_id"], false),
        ],
        "v1_entitlements": [
            "idx_entitlements_resource_id_v1": (false, ["resource_type_id", "resource_id"], false),
            "idx_entitlements_external_sync_v1": (true, ["external_id", "sync_id"], false),
        ],
        "v1_sync_runs": ["idx_sync_runs_sync_id_v1": (true, ["sync_id"], false)],
        "v1_grants": [
            "idx_grants_resource_type_id_resource_id_v1": (false, ["resource_type_id", "resource_id"], false),
            "idx_grants_principal_id_v1": (false, ["principal_resource_type_id", "principal_resource_id"], false),
            "idx_grants_entitlement_id_principal_id_v1": (
                false, ["entitlement_id", "principal_resource_type_id", "principal_resource_id"], false
            ),
            "idx_grants_external_sync_v1": (true, ["external_id", "sync_id"], false),
            "idx_grants_sync_expansion_v1": (false, ["sync_id"], true),
            "idx_grants_sync_needs_expansion_v1": (false, ["sync_id"], true),
        ],
        "v1_assets": ["idx_assets_external_sync_v1": (true, ["external_id", "sync_id"], false)],
        "v1_connector_sessions": ["idx_session_store_sync_key_v1": (true, ["sync_id", "key"], false)],
    ]

    @Test func tablesColumnsAndIndexesMatchTheSpec() async throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let path = dir.file("sync.c1z")
        _ = try await SampleSync.make().write(to: path)
        let reader = try C1ZReader(path: path)
        defer { reader.close() }

        let tables = try reader.rawRows("select name from sqlite_master where type = 'table' order by rowid").map { $0[0]! }
        #expect(tables == Self.expectedTables.map(\.0), "all seven tables, in the readers' creation order")

        for (table, expected) in Self.expectedTables {
            let columns = try reader.rawRows("pragma table_info(\(table))").map { row in
                Column(row[1]!, row[2]!.lowercased(), notNull: row[3] == "1", default: row[4], pk: row[5] == "1")
            }
            #expect(columns == expected, "columns of \(table)")

            let indexes = try reader.rawRows("pragma index_list(\(table))")
                .filter { $0[3] == "c" }  // created by CREATE INDEX (not autoindexes)
            var found: [String: (Bool, [String], Bool)] = [:]
            for index in indexes {
                let name = index[1]!
                let columns = try reader.rawRows("pragma index_info(\(name))")
                    .sorted { Int($0[0]!)! < Int($1[0]!)! }.map { $0[2]! }
                found[name] = (index[2] == "1", columns, index[4] == "1")
            }
            let expectedIndexes = Self.expectedIndexes[table] ?? [:]
            #expect(Set(found.keys) == Set(expectedIndexes.keys), "indexes of \(table)")
            for (name, (unique, columns, partial)) in expectedIndexes {
                #expect(found[name]?.0 == unique, "\(name) unique")
                #expect(found[name]?.1 == columns, "\(name) columns")
                #expect(found[name]?.2 == partial, "\(name) partial")
            }
        }
    }

    @Test func timestampColumnsHoldTextInGoLayout() async throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let path = dir.file("sync.c1z")
        _ = try await SampleSync.make().write(to: path)
        let reader = try C1ZReader(path: path)
        defer { reader.close() }
        let pattern = #/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{0,8}[1-9])?$/#
        for (table, column) in [
            ("v1_resource_types", "discovered_at"), ("v1_resources", "discovered_at"),
            ("v1_entitlements", "discovered_at"), ("v1_grants", "discovered_at"),
            ("v1_sync_runs", "started_at"), ("v1_sync_runs", "ended_at"),
        ] {
            let rows = try reader.rawRows("select typeof(\(column)), \(column) from \(table)")
            #expect(!rows.isEmpty)
            for row in rows {
                #expect(row[0] == "text", "\(table).\(column) stored as TEXT")
                #expect(row[1].map { $0.wholeMatch(of: pattern) != nil } == true, "\(table).\(column) = \(row[1] ?? "nil")")
            }
        }
    }
}
