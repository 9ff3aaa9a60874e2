import Localization
import TerminalCore
import Testing

@testable import App

/// The supervision board's follow-up lines: late and due lists line up whatever the day counts.
@Suite struct SupervisionBoardColumns {
  @Test(arguments: [Language.zh, .en], [Size(width: 80, height: 24), Size(width: 120, height: 40)])
  func theDueDatesOfFollowUpsLateAndDueStartInOneColumn(language: Language, size: Size) throws {
    let world = try DemoWorld(language: language, size: size)
    world.press(.character("3"), .character("b"))
    let marker = language == .zh ? "期限 20" : "due 20"
    let lines = world.backend.screen.text.split(separator: "\n").map(String.init).filter {
      $0.contains(marker)
    }
    // The demo has follow-ups 198 and 14 days late and 6 days left.
    #expect(lines.count >= 3, "\(world.backend.screen.text)")
    let columns = Set(
      lines.map { line in
        let prefix = line[..<line.range(of: marker)!.lowerBound]
        return prefix.displayWidth
      })
    #expect(columns.count == 1, "\(lines.joined(separator: "\n"))")
  }
}
