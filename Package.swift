// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "shangliang",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "shangliang", targets: ["shangliang"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
    .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    .package(url: "https://github.com/vapor/postgres-nio", from: "1.21.0"),
  ],
  targets: [
    // The only C: ncursesw with wide characters, plus wrappers for macros Swift cannot import.
    .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
    // User-facing text in Chinese and English, loaded from Resources/strings/*.tsv.
    .target(name: "Localization", resources: [.process("Resources")]),
    // Cells, styles, canvas, display width, wrapping, keys. Pure Swift.
    .target(name: "TerminalCore"),
    // The only code that talks to the terminal.
    .target(name: "CursesBackend", dependencies: ["CNcursesw", "TerminalCore", "Localization"]),
    // Lists, tabs, forms, text area, dialogs. Pure: they draw into a Canvas.
    .target(name: "Widgets", dependencies: ["TerminalCore"]),
    // Entities, workflows, rules, permissions, Change. Pure.
    .target(
      name: "Domain",
      dependencies: ["Localization", .product(name: "Collections", package: "swift-collections")]
    ),
    // State, undo, journal and snapshot files, and the hash-chained audit log (SHA-256 from swift-crypto).
    .target(
      name: "Store",
      dependencies: [
        "Domain", "Localization", .product(name: "Collections", package: "swift-collections"),
        .product(name: "Crypto", package: "swift-crypto"),
      ]
    ),
    // The shared store: the same Change stream as rows in PostgreSQL, for many terminals at once.
    .target(
      name: "SharedStore",
      dependencies: ["Store", "Domain", .product(name: "PostgresNIO", package: "postgres-nio")]
    ),
    // Demo data from the article, and a synthetic archive for benchmarks.
    .target(name: "Seed", dependencies: ["Domain"]),
    // Export (JSON, CSV, Markdown) and import (CSV, UTF-8 or GB18030).
    .target(name: "Exchange", dependencies: ["Domain", "Localization"]),
    // Screens, navigation, keymap, i18n.
    .target(
      name: "App",
      dependencies: ["Widgets", "Store", "Domain", "TerminalCore", "Localization", "Seed", "Exchange"]
    ),
    // The benchmarks behind `shangliang bench`: the real layers driven through scripted work, timed.
    // Only the executable links them; no library carries benchmark code.
    .target(
      name: "Benchmarks",
      dependencies: ["App", "Store", "SharedStore", "Domain", "Widgets", "TerminalCore", "Localization"]
    ),
    // A file system that fails on purpose (short writes, a full disk, a crash): for the store's tests only.
    .target(name: "StoreFaults", dependencies: ["Store"]),
    .executableTarget(
      name: "shangliang",
      dependencies: [
        "App", "Benchmarks", "CursesBackend", "Store", "SharedStore", "Domain", "Seed", "Exchange", "Widgets",
        "TerminalCore", "Localization",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    // A manual demo of the terminal backend, also driven by the tmux tests.
    .executableTarget(
      name: "shangliang-termdemo",
      dependencies: ["CursesBackend", "TerminalCore", "Localization"],
      path: "Sources/backend-demo"
    ),
    // Crash drills for the store: applies changes in a loop, printing each acknowledged sequence number.
    .executableTarget(name: "StoreStressWriter", dependencies: ["Store", "Domain"]),
    .testTarget(name: "LocalizationTests", dependencies: ["Localization"]),
    .testTarget(name: "TerminalCoreTests", dependencies: ["TerminalCore"]),
    .testTarget(name: "CursesBackendTests", dependencies: ["CursesBackend", "CNcursesw", "TerminalCore"]),
    .testTarget(name: "WidgetsTests", dependencies: ["Widgets", "TerminalCore"]),
    .testTarget(name: "BenchmarksTests", dependencies: ["Benchmarks"]),
    .testTarget(name: "DomainTests", dependencies: ["Domain", "Localization"]),
    .testTarget(
      name: "StoreTests", dependencies: ["Store", "StoreFaults", "Domain", "Localization"],
      exclude: ["Fixtures"]
    ),
    .testTarget(
      name: "SharedStoreTests",
      dependencies: ["SharedStore", "Store", "Domain", "Seed", "App", "TerminalCore"]
    ),
    .testTarget(name: "SeedTests", dependencies: ["Seed", "Domain"]),
    .testTarget(
      name: "ExchangeTests", dependencies: ["Exchange", "Domain", "Seed"], resources: [.copy("Fixtures")]
    ),
    .testTarget(
      name: "AppTests",
      dependencies: [
        "App", "Widgets", "Store", "StoreFaults", "Domain", "TerminalCore", "Seed", "Exchange",
        "Localization",
      ],
      exclude: ["Golden"]
    ),
    .testTarget(name: "EndToEndTests", dependencies: []),
  ],
  swiftLanguageModes: [.v6]
)
