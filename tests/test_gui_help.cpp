// The Help menu in the window, on the offscreen platform, in English and Chinese: its entries
// (user guide, keyboard shortcuts, welcome page, glossary, ...), Help > User guide (F1) opening
// the guide in the explanation panel with every view named in the UI language, and Help >
// Keyboard shortcuts listing every action of the window that has a shortcut, with its menu path.
#include "gui_fixture.h"

#include "shortcuts_dialog.h"

#include "widgets/explanation_view.h"
#include "widgets/view_table.h"

#include <QMenuBar>
#include <QTableWidget>
#include <QTextBrowser>

using atlas::app::ShortcutsDialog;
using guitest::kTimeout;

class TestGuiHelp : public QObject {
  Q_OBJECT
 private:
  guitest::WindowFixture m_gui;

  QMenu* helpMenu() const {
    const QList<QAction*> top = m_gui.window().menuBar()->actions();
    return top.isEmpty() || !top.last()->menu() ? nullptr : top.last()->menu();
  }

  void chooseLanguage(const QString& language) {
    if (language == "en") return;
    QAction* action = guitest::menuAction(m_gui.window().menuBar()->actions(), "简体中文");
    QVERIFY(action);
    action->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(m_gui.window().windowTitle(), QStringLiteral("注意力图谱"), kTimeout);
  }

 private Q_SLOTS:
  void initTestCase() { QVERIFY(m_gui.setUpSuite()); }
  void init() { QVERIFY(m_gui.openWindow(QSize(1200, 800))); }
  void cleanup() { m_gui.closeWindow(); }

  void theHelpMenuHasTheGuideTheShortcutsAndTheGlossary() {
    QMenu* help = helpMenu();
    QVERIFY(help);
    QCOMPARE(help->title(), QStringLiteral("&Help"));
    QStringList texts;
    for (const QAction* a : help->actions())
      if (!a->isSeparator()) texts << a->text();
    for (const char* entry : {"&User guide", "&Keyboard shortcuts", "&Welcome page", "&Glossary",
                              "&About Attention Atlas"})
      QVERIFY2(texts.contains(QLatin1String(entry)), qPrintable(texts.join(" | ")));
    QAction* guide = guitest::menuAction(help->actions(), "&User guide");
    QCOMPARE(guide->shortcut(), QKeySequence(Qt::Key_F1));
  }

  void theUserGuideNamesEveryView_data() {
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("heading");
    QTest::newRow("en") << "en"
                        << "User guide";
    QTest::newRow("zh_CN") << "zh_CN"
                           << "用户指南";
  }

  void theUserGuideNamesEveryView() {
    QFETCH(QString, language);
    QFETCH(QString, heading);
    chooseLanguage(language);
    auto* e = qobject_cast<atlas::widgets::ExplanationView*>(m_gui.window().view("explanation"));
    QVERIFY(e);
    QAction* guide = m_gui.window().findChild<QAction*>("userGuide");
    QVERIFY(guide);
    guide->trigger();
    QCOMPARE(e->shownPage(), QStringLiteral("guide"));
    QCOMPARE(m_gui.window().tabs()->currentWidget(), m_gui.window().view("explanation"));
    const QString text = e->browser()->toPlainText();
    QVERIFY2(text.startsWith(heading), qPrintable(text.left(80)));
    int count = 0;
    const atlas::widgets::ViewEntry* views = atlas::widgets::viewTable(&count);
    for (int i = 0; i < count; ++i) {
      const QString title = atlas::widgets::viewTitle(views[i]);  // in the UI language
      QVERIFY2(text.contains(title), qPrintable(language + ": the guide never names " + title));
    }
  }

  void theShortcutsDialogListsEveryShortcut_data() {
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("exportRow");  // File > Export figure… in that language
    QTest::newRow("en") << "en"
                        << "File > Export figure…";
    QTest::newRow("zh_CN") << "zh_CN"
                           << "文件 > 导出图像…";
  }

  void theShortcutsDialogListsEveryShortcut() {
    QFETCH(QString, language);
    QFETCH(QString, exportRow);
    chooseLanguage(language);
    QAction* open = m_gui.window().findChild<QAction*>("keyboardShortcuts");
    QVERIFY(open);
    open->trigger();
    ShortcutsDialog* dialog = nullptr;
    QVERIFY(
        QTest::qWaitFor([&] { return (dialog = m_gui.window().findChild<ShortcutsDialog*>()); }));
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    const QTableWidget* table = dialog->table();
    QMultiMap<QString, QString> rows;  // keys -> command
    for (int r = 0; r < table->rowCount(); ++r)
      rows.insert(table->item(r, 1)->text(), table->item(r, 0)->text());
    QVERIFY2(rows.size() > 25, qPrintable(QString::number(rows.size())));
    QVERIFY2(rows.values("Ctrl+E").contains(exportRow),
             qPrintable(rows.values("Ctrl+E").join(", ")));
    QVERIFY(!rows.values("F1").isEmpty());
    // Every action with a shortcut is there, under its own keys, with no mnemonic left.
    for (const QAction* a : m_gui.window().findChildren<QAction*>()) {
      if (a->shortcut().isEmpty() || a->text().isEmpty()) continue;
      const QString keys = a->shortcut().toString(QKeySequence::NativeText);
      bool found = false;
      for (auto it = rows.constBegin(); it != rows.constEnd(); ++it)
        if (it.key().split(", ").contains(keys)) found = true;
      QVERIFY2(found, qPrintable(a->text() + " (" + keys + ") is not listed"));
    }
    for (const QString& command : rows.values())
      QVERIFY2(!command.contains('&'), qPrintable(command));
    dialog->close();
  }
};

QTEST_MAIN(TestGuiHelp)
#include "test_gui_help.moc"
