// Help > Glossary in the window, on the offscreen platform, in English and in Chinese: the menu
// opens the glossary with every row of the page, typing in the search field keeps the rows that
// contain the text (in any column, either language, any case) and hides the others, clearing it
// brings them back, activating a row opens the page that uses the term, and a link between
// explanation pages chooses the variant it names.
#include "gui_fixture.h"

#include "glossary_dialog.h"

#include "widgets/explanation_view.h"

#include <QFile>
#include <QInputMethodEvent>
#include <QLineEdit>
#include <QMenuBar>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTextBrowser>
#include <QUrl>

using atlas::app::GlossaryDialog;
using guitest::kTimeout;

namespace {

bool hasCjk(const QString& s) {
  for (QChar c : s)
    if (c.unicode() >= 0x4E00 && c.unicode() <= 0x9FFF) return true;
  return false;
}

/// Types `text` into `field` as a user does: Latin letters as key clicks, Chinese characters as an
/// input method commits them (QTest's key clicks know ASCII only).
void type(QLineEdit* field, const QString& text) {
  for (QChar c : text) {
    if (c.unicode() < 0x80) {
      QTest::keyClick(field, c.toLatin1());
    } else {
      QInputMethodEvent commit;
      commit.setCommitString(QString(c));
      QApplication::sendEvent(field, &commit);
    }
  }
}

/// The row whose English term (column 0) is `term`, or -1.
int rowOf(const QTableWidget* table, const QString& term) {
  for (int r = 0; r < table->rowCount(); ++r)
    if (table->item(r, 0)->text() == term) return r;
  return -1;
}

}  // namespace

class TestGuiGlossary : public QObject {
  Q_OBJECT
 private:
  guitest::WindowFixture m_gui;

  /// Chooses the language from the View menu, as a user does, and waits for the window to follow.
  void switchLanguage(const QString& menuText, const QString& title) {
    QAction* action = guitest::menuAction(m_gui.window().menuBar()->actions(), menuText);
    QVERIFY2(action, qPrintable("no menu action " + menuText));
    action->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(m_gui.window().windowTitle(), title, kTimeout);
  }

  /// Help > Glossary (its text in the UI language), then the dialog it shows.
  GlossaryDialog* openGlossary(const QString& menuText) {
    QAction* action = guitest::menuAction(m_gui.window().menuBar()->actions(), menuText);
    if (!action) return nullptr;
    action->trigger();
    GlossaryDialog* g = m_gui.window().glossary();
    return g && QTest::qWaitForWindowExposed(g) ? g : nullptr;
  }

 private Q_SLOTS:
  void initTestCase() { QVERIFY(m_gui.setUpSuite()); }
  void init() { QVERIFY(m_gui.openWindow(QSize(1200, 800))); }
  void cleanup() { m_gui.closeWindow(); }

  void searchFiltersTheRows_data() {
    QTest::addColumn<QString>("language");  // the View > Language entry, empty: English
    QTest::addColumn<QString>("title");     // the window's title in that language
    QTest::addColumn<QString>("menuText");  // Help > Glossary
    QTest::addColumn<QString>("search");    // typed in the search field
    QTest::addColumn<QStringList>("kept");  // English terms of rows that must stay
    QTest::addColumn<QStringList>("gone");  // ... and of rows that must be hidden
    QTest::newRow("en") << QString() << "Attention Atlas"
                        << "&Glossary"
                        << "kv CACHE" << QStringList{"KV cache", "paged attention"}
                        << QStringList{"tile", "query", "heatmap"};
    QTest::newRow("zh_CN") << "简体中文"
                           << "注意力图谱"
                           << "术语表(&G)"
                           << "缓存" << QStringList{"KV cache", "grouped-query attention (GQA)"}
                           << QStringList{"tile", "query", "heatmap"};
  }

  void searchFiltersTheRows() {
    QFETCH(QString, language);
    QFETCH(QString, title);
    QFETCH(QString, menuText);
    QFETCH(QString, search);
    QFETCH(QStringList, kept);
    QFETCH(QStringList, gone);
    if (!language.isEmpty()) switchLanguage(language, title);

    GlossaryDialog* g = openGlossary(menuText);
    QVERIFY2(g, qPrintable("Help > Glossary did not show the glossary: " + menuText));
    QTableWidget* table = g->table();
    const int rows = table->rowCount();
    QVERIFY2(rows > 60, qPrintable(QString::number(rows)));
    QCOMPARE(g->visibleRows(), rows);
    // The meanings are in the UI language; the terms in both.
    const int cache = rowOf(table, "KV cache");
    QVERIFY(cache >= 0);
    QCOMPARE(table->item(cache, 1)->text(), QStringLiteral("KV 缓存"));
    QCOMPARE(hasCjk(table->item(cache, 2)->text()), !language.isEmpty());

    type(g->searchField(), search);
    QCOMPARE(g->searchField()->text(), search);
    for (const QString& term : kept) {
      const int r = rowOf(table, term);
      QVERIFY2(r >= 0 && !table->isRowHidden(r), qPrintable("filtered out: " + term));
    }
    for (const QString& term : gone) {
      const int r = rowOf(table, term);
      QVERIFY2(r >= 0 && table->isRowHidden(r), qPrintable("kept: " + term));
    }
    QVERIFY(g->visibleRows() >= kept.size() && g->visibleRows() < rows / 4);

    g->searchField()->clear();
    QCOMPARE(g->visibleRows(), rows);
  }

  void theGlossaryFollowsTheLanguage() {
    GlossaryDialog* g = openGlossary("&Glossary");
    QVERIFY(g);
    const int cache = rowOf(g->table(), "KV cache");
    QVERIFY(!hasCjk(g->table()->item(cache, 2)->text()));
    type(g->searchField(), "softmax");
    const int kept = g->visibleRows();
    switchLanguage("简体中文", "注意力图谱");
    QTRY_VERIFY_WITH_TIMEOUT(hasCjk(g->table()->item(cache, 2)->text()), kTimeout);
    QVERIFY(hasCjk(g->windowTitle()));
    // The search stays, over the Chinese rows ("softmax" stays in Latin letters there).
    QCOMPARE(g->searchField()->text(), QStringLiteral("softmax"));
    QVERIFY(g->visibleRows() > 0 && g->visibleRows() < g->table()->rowCount());
    QVERIFY(kept > 0);
  }

  void aRowOpensItsPage() {
    GlossaryDialog* g = openGlossary("&Glossary");
    QVERIFY(g);
    QTableWidget* table = g->table();
    const int r = rowOf(table, "online softmax");
    QVERIFY(r >= 0);
    // Choose the row with the arrow keys' current cell, then Enter, as a user does.
    table->setFocus();
    table->setCurrentCell(r, 0);
    QSignalSpy requested(g, &GlossaryDialog::pageRequested);
    QTest::keyClick(table, Qt::Key_Return);
    QCOMPARE(requested.count(), 1);
    QCOMPARE(requested.at(0).at(0).toString(), QStringLiteral("flash"));
    QVERIFY(guitest::waitForResult(m_gui.window(), "flash"));
    QCOMPARE(m_gui.window().tabs()->currentWidget(), m_gui.window().view("explanation"));
  }

  void aLinkBetweenPagesChoosesItsVariant() {
    auto* e = qobject_cast<atlas::widgets::ExplanationView*>(m_gui.window().view("explanation"));
    QVERIFY(e);
    QCOMPARE(atlas::widgets::ExplanationView::pageId(QUrl("scaled_dot.html")),
             QStringLiteral("scaled_dot"));
    QVERIFY(
        atlas::widgets::ExplanationView::pageId(QUrl("https://arxiv.org/abs/x.html")).isEmpty());
    m_gui.window().variantBrowser()->selectVariant("flash");
    QVERIFY(guitest::waitForResult(m_gui.window(), "flash"));
    Q_EMIT e->browser()->anchorClicked(QUrl("scaled_dot.html"));
    QVERIFY(guitest::waitForResult(m_gui.window(), "scaled_dot"));
    QCOMPARE(e->shownPage(), QStringLiteral("scaled_dot"));
    // The welcome page is shown without changing the variant; the glossary opens its dialog.
    Q_EMIT e->browser()->anchorClicked(QUrl("index.html"));
    QCOMPARE(e->shownPage(), QStringLiteral("index"));
    QCOMPARE(QString::fromStdString(guitest::result(m_gui.window())->variant),
             QStringLiteral("scaled_dot"));
    Q_EMIT e->browser()->anchorClicked(QUrl("glossary.html"));
    QVERIFY(m_gui.window().glossary() && m_gui.window().glossary()->isVisible());
  }

  void theHelpMenuOpensTheOperatorPage() {
    // Help > From formula to operator shows the ATB page in the explanation panel; the page
    // names the operator's fields in both languages, each beside the variant it maps to.
    auto* e = qobject_cast<atlas::widgets::ExplanationView*>(m_gui.window().view("explanation"));
    QVERIFY(e);
    QAction* found = nullptr;
    for (QAction* a : m_gui.window().findChildren<QAction*>())
      if (a->text().contains(QLatin1String("operator"))) found = a;
    QVERIFY(found);
    found->trigger();
    QCOMPARE(e->shownPage(), QStringLiteral("ascend_atb"));
    QCOMPARE(m_gui.window().tabs()->currentWidget(), m_gui.window().view("explanation"));
    QVERIFY(e->browser()->toPlainText().contains(QLatin1String("kvHeadNum")));
    for (const char* lang : {"en", "zh_CN"}) {
      QFile f(atlas::widgets::ExplanationView::pagePath(lang, "ascend_atb"));
      QVERIFY(f.open(QIODevice::ReadOnly));
      const QString html = QString::fromUtf8(f.readAll());
      for (const char* field :
           {"headNum", "kvHeadNum", "qkScale", "maskType", "MASK_TYPE_ALIBI", "windowSize",
            "calcType", "PA_ENCODER", "kernelType", "inputLayout", "TYPE_BSND"})
        QVERIFY2(html.contains(QLatin1String(field)), qPrintable(QString(lang) + ": " + field));
      for (const char* page : {"grouped_query.html", "scaled_dot.html", "local_window.html",
                               "paged.html", "flash.html"})
        QVERIFY2(html.contains(QLatin1String(page)), qPrintable(QString(lang) + ": " + page));
    }
  }
};

QTEST_MAIN(TestGuiGlossary)
#include "test_gui_glossary.moc"
