import TerminalCore

extension Action {
  /// Saves the screen's filter, sort, period… under a name and a number key (a small form).
  public static let saveView = Action("views.save")
  /// Alt-1 … Alt-9: shows the screen as the view saved under that number key.
  public static let recallView = Action("views.recall")
  /// The user's saved views of this screen: recall, rename, delete.
  public static let showViews = Action("views.show")
  /// In the list of views: a new name or number key for the selected one.
  public static let renameView = Action("views.rename")
  /// In the list of views: deletes the selected one (u undoes).
  public static let deleteView = Action("views.delete")
}

extension KeyContext {
  /// Screens whose view can be saved: the kit's record lists, the boards and the Overview.
  public static let views = KeyContext("views")
  /// The list of one's saved views of a screen.
  public static let viewsList = KeyContext("viewsList")
}

extension Keymap {
  /// The number keys of saved views: Alt with a digit, since the digits alone choose sections.
  static let viewDigits: [Character] = ["1", "2", "3", "4", "5", "6", "7", "8", "9"]

  /// Saved views' keys (issue 12). `V` and `'` are taken by no screen; the digits 1–9 recall
  /// with Alt, or after `'` in the list (for terminals that do not send Alt).
  static let savedViews: [Binding] = [
    Binding([.character("V")], .saveView, .views),
    Binding(viewDigits.map { .alt($0) }, .recallView, .views, shownAs: "Alt-1 … Alt-9"),
    Binding([.character("'")], .showViews, .views),
    Binding([.character("j"), .down], .moveDown, .viewsList),
    Binding([.character("k"), .up], .moveUp, .viewsList),
    Binding([.enter], .open, .viewsList, help: "action.views.open"),
    Binding(viewDigits.map { .character($0) }, .recallView, .viewsList, shownAs: "1 … 9"),
    Binding([.character("r")], .renameView, .viewsList),
    Binding([.character("D"), .delete], .deleteView, .viewsList),
    Binding([.escape, .character("'")], .back, .viewsList),
  ]
}
