import Domain
import Localization
import TerminalCore
import Widgets

/// A screen whose view a user can save and recall (issue 12): its filter, sort, facets and archived
/// toggle (a kit list), or its period, breakdown and trend length (a board). The settings are text
/// the screen writes and reads back itself; a setting it no longer knows is skipped, so a view
/// saved by an older build still recalls what it can.
protocol ViewKeeping {
  /// The screen's view now, as settings to save.
  func viewSettings(context: ScreenContext) -> [ViewSetting]
  /// Shows the screen as a saved view has it.
  mutating func recall(_ settings: [ViewSetting], context: ScreenContext)
}

extension Array where Element == ViewSetting {
  /// The value of a setting, if present.
  func value(_ key: String) -> String? { first { $0.key == key }?.value }
}

// MARK: The kit's record lists

extension RecordListScreen: ViewKeeping {
  func viewSettings(context: ScreenContext) -> [ViewSetting] {
    var screen = self
    screen.rebuildIfStale(context)
    var settings = [ViewSetting("filter", screen.table.filter)]
    if let sort = screen.table.sort {
      settings.append(ViewSetting("sort", "\(sort.column)\(sort.ascending ? "+" : "-")"))
    }
    settings.append(ViewSetting("archived", screen.filter.showArchived ? "1" : "0"))
    let facets = Spec.facets(context: context)
    for (index, option) in screen.filter.facets.sorted(by: { $0.key < $1.key }) where index < facets.count {
      // The option's name too: options are made from the data and may move when it changes.
      let label = option < facets[index].options.count ? facets[index].options[option] : ""
      settings.append(ViewSetting("facet.\(index)", "\(option)|\(label)"))
    }
    return settings
  }

  mutating func recall(_ settings: [ViewSetting], context: ScreenContext) {
    rebuildIfStale(context)
    openRecord = nil
    var chosen = RecordFilter()
    chosen.showArchived = settings.value("archived") == "1"
    let facets = Spec.facets(context: context)
    for setting in settings where setting.key.hasPrefix("facet.") {
      guard let index = Int(setting.key.dropFirst("facet.".count)), index < facets.count else { continue }
      let parts = setting.value.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
      let label = parts.count > 1 ? String(parts[1]) : ""
      if let byName = facets[index].options.firstIndex(of: label) {
        chosen.facets[index] = byName
      } else if let number = parts.first.flatMap({ Int($0) }), facets[index].options.indices.contains(number)
      {
        chosen.facets[index] = number
      }
    }
    filter = chosen
    refilter(context: context, keeping: selectedRef)
    var sort: TableSort?
    if let text = settings.value("sort"), let last = text.last, let column = Int(text.dropLast()),
      column >= 0, column < Spec.columns(context: context).count
    {
      sort = TableSort(column: column, ascending: last != "-")
    }
    sortChosen = true
    guard let view else {
      // The rows are still being made: they are sorted and filtered so when they come (`rebuild`).
      recalledWhileLoading = RecalledView(sort: sort, filter: settings.value("filter") ?? "")
      return
    }
    recalledWhileLoading = nil
    let widget = tableWidget(context)
    widget.setSort(sort, state: &table, source: view)
    widget.setFilter(settings.value("filter") ?? "", state: &table, source: view)
  }
}

extension FieldworkScreen: ViewKeeping {
  func viewSettings(context: ScreenContext) -> [ViewSetting] { list.viewSettings(context: context) }
  mutating func recall(_ settings: [ViewSetting], context: ScreenContext) {
    list.recall(settings, context: context)
  }
}

extension SupervisionScreen: ViewKeeping {
  func viewSettings(context: ScreenContext) -> [ViewSetting] { list.viewSettings(context: context) }
  mutating func recall(_ settings: [ViewSetting], context: ScreenContext) {
    list.recall(settings, context: context)
  }
}

/// A register's view says which register it is, then what its list shows.
extension RegistersScreen: ViewKeeping {
  func viewSettings(context: ScreenContext) -> [ViewSetting] {
    var list = self.list
    list.prepare(context: context)
    return [ViewSetting("register", "\(kind)")] + list.viewSettings(context: context)
  }
  mutating func recall(_ settings: [ViewSetting], context: ScreenContext) {
    if let name = settings.value("register"),
      let register = RegisterKind.allCases.first(where: { "\($0)" == name })
    {
      kind = register
    }
    lists.update(kind) { list in
      list.prepare(context: context)
      list.recall(settings, context: context)
    }
  }
}

extension SectorsScreen: ViewKeeping {
  func viewSettings(context: ScreenContext) -> [ViewSetting] {
    SectorHomesList.$chosenQuarter.withValue(chosenQuarter) { list.viewSettings(context: context) }
  }
  mutating func recall(_ settings: [ViewSetting], context: ScreenContext) {
    var list = self.list
    SectorHomesList.$chosenQuarter.withValue(chosenQuarter) { list.recall(settings, context: context) }
    self.list = list
  }
}

// MARK: The boards

extension BoardControls {
  /// The period as a setting: "thisYear" follows the calendar, anything else is a fixed period.
  var periodSetting: ViewSetting { ViewSetting("period", period?.description ?? "thisYear") }

  /// The period of a saved view (this year when it says so, or when it cannot be read).
  static func period(of settings: [ViewSetting]) -> Period? {
    guard let text = settings.value("period"), text != "thisYear" else { return nil }
    return Period(parsing: text)
  }
}

extension BoardsScreen: ViewKeeping {
  func viewSettings(context: ScreenContext) -> [ViewSetting] {
    [
      controls.periodSetting, ViewSetting("breakdown", "\(breakdown)"),
      ViewSetting("trend", String(trendMonths)),
    ]
  }

  mutating func recall(_ settings: [ViewSetting], context: ScreenContext) {
    controls.period = BoardControls.period(of: settings)
    if let name = settings.value("breakdown"),
      let kind = BreakdownKind.allCases.first(where: { "\($0)" == name })
    {
      breakdown = kind
    }
    if let months = settings.value("trend").flatMap(Int.init), [12, 24].contains(months) {
      trendMonths = months
    }
    drill = nil
    showDefinitions = false
    selection = 0
    refreshModel(context)
  }
}

extension OverviewScreen: ViewKeeping {
  func viewSettings(context: ScreenContext) -> [ViewSetting] { [controls.periodSetting] }

  mutating func recall(_ settings: [ViewSetting], context: ScreenContext) {
    controls.period = BoardControls.period(of: settings)
    showDefinitions = false
    selection = 0
    rebuild(context: context)
  }
}

extension AppState {
  /// The shown screen's view, if it keeps views.
  func viewSettings() -> [ViewSetting]? {
    (activeScreen as? any ViewKeeping)?.viewSettings(context: context)
  }

  /// Shows the active screen as a saved view has it; false when the screen keeps no views.
  mutating func recall(_ settings: [ViewSetting]) -> Bool {
    let context = self.context
    return withScreen(section) { screen in
      guard var keeping = screen as? any SectionScreen & ViewKeeping else { return false }
      keeping.recall(settings, context: context)
      screen = keeping
      return true
    }
  }
}

// MARK: The problems list

/// The problems list keeps its views as every kit list does, and reads the views the problems
/// board saved before it was a kit list (its own filters by name) into the kit's shape.
extension ProblemsScreen: ViewKeeping {
  func viewSettings(context: ScreenContext) -> [ViewSetting] { list.viewSettings(context: context) }

  mutating func recall(_ settings: [ViewSetting], context: ScreenContext) {
    list.rebuildIfStale(context)
    if fromRecord != nil { showOnly(from: nil, context: context) }
    list.recall(Self.kitShape(settings, context: context), context: context)
  }

  /// The board's sort columns (status, title, source, department, due, overdue, redo, raised by)
  /// as the list's.
  static let boardColumns: [ProblemRows.Column] = [
    .status, .title, .source, .department, .due, .overdue, .redo, .raisedBy,
  ]

  /// A view in the kit's shape: as it is when saved by the list, translated when the board saved
  /// it (it names `openOnly` and `overdueOnly`, which the board always wrote). What no longer
  /// exists (a department without problems now) is left out, so the view shows more, not nothing.
  static func kitShape(_ settings: [ViewSetting], context: ScreenContext) -> [ViewSetting] {
    guard settings.value("openOnly") != nil || settings.value("overdueOnly") != nil else { return settings }
    let facets = ProblemsList.facets(context: context)
    func facet(_ which: ProblemFacet, _ option: Int?) -> ViewSetting? {
      let options = facets[which.rawValue].options
      guard let option, options.indices.contains(option) else { return nil }
      return ViewSetting("facet.\(which.rawValue)", "\(option)|\(options[option])")
    }
    var kit = [ViewSetting("filter", settings.value("filter") ?? ""), ViewSetting("archived", "0")]
    let status = settings.value("status").flatMap { UInt8($0) }.flatMap { ProblemStatus(rawValue: $0) }
    let statusOption =
      settings.value("openOnly") == "1" ? ProblemFacet.openOption : status.map { Int($0.rawValue) }
    let department = settings.value("department").flatMap { UInt64($0) }.map { DepartmentID(raw: $0) }
    let kind = settings.value("sourceKind").flatMap { UInt8($0) }.flatMap { RecordKind(rawValue: $0) }
    kit += [
      facet(.status, statusOption),
      facet(
        .department, department.flatMap { ProblemIndex.departments(in: context.data).firstIndex(of: $0) }),
      facet(.sourceKind, kind.flatMap { ProblemFacet.sourceKinds.firstIndex(of: $0) }),
      facet(.overdue, settings.value("overdueOnly") == "1" ? 0 : nil),
    ].compactMap { $0 }
    // The board always had a sort (by due day when the view says none).
    var sort = "\(ProblemRows.Column.due.rawValue)+"
    if let text = settings.value("sort"), let last = text.last, let column = Int(text.dropLast()),
      boardColumns.indices.contains(column)
    {
      sort = "\(boardColumns[column].rawValue)\(last == "-" ? "-" : "+")"
    }
    kit.append(ViewSetting("sort", sort))
    return kit
  }
}
