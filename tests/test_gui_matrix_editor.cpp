// File > Type Q, K, V on the offscreen platform with the real dialog: sizes set and numbers typed
// cell by cell (Tab moves on, Ctrl+Enter accepts) are computed exactly (the weights are
// softmax(Q Kᵀ / √dk) worked out here from the typed numbers, and the output P V), with the
// typed labels on the axes; a variant's matrix (bilinear W) typed in its tab is the one used; an
// empty or malformed cell and labels that do not fit keep OK disabled with a sentence naming
// the matrix, row and column; Cancel changes nothing; "0.5" is a number in Chinese too; the
// sizes are kept and the editor reopens on what was typed.
//
// ATLAS_EDITOR_SHOTS=DIR saves the dialog in English and Chinese as DIR/editor_en.png and
// DIR/editor_zh_CN.png, to look at.
#include "gui_fixture.h"

#include "compute_session.h"
#include "matrix_editor.h"
#include "matrix_table.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QMenuBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>

#include <cmath>
#include <vector>

using atlas::app::MainWindow;
using atlas::app::MatrixEditor;
using atlas::app::MatrixTable;
using atlas::core::MatrixD;

namespace {

using Rows = std::vector<std::vector<double>>;

QStringList axisLabels(QCPAxis* axis) {
  auto ticker = axis->ticker().dynamicCast<QCPAxisTickerText>();
  return ticker ? QStringList(ticker->ticks().values()) : QStringList();
}

MatrixD toMatrix(const Rows& rows) {
  MatrixD m(Eigen::Index(rows.size()), Eigen::Index(rows[0].size()));
  for (std::size_t r = 0; r < rows.size(); ++r)
    for (std::size_t c = 0; c < rows[r].size(); ++c)
      m(Eigen::Index(r), Eigen::Index(c)) = rows[r][c];
  return m;
}

/// softmax(S / √dk) row by row, in double precision.
MatrixD softmaxRows(const MatrixD& scores, double dk) {
  MatrixD p = scores / std::sqrt(dk);
  for (Eigen::Index i = 0; i < p.rows(); ++i) {
    p.row(i) = (p.row(i).array() - p.row(i).maxCoeff()).exp();
    p.row(i) /= p.row(i).sum();
  }
  return p;
}

/// Keystrokes go where the user's would: to the widget with the focus (a cell's editor).
void typeText(const QString& text) {
  for (QChar c : text) QTest::keyClick(QApplication::focusWidget(), c.toLatin1());
}

/// Brings the tab holding `table` to the front.
void showTab(MatrixTable* table) {
  auto* tabs = table->window()->findChild<QTabWidget*>();
  for (int i = 0; i < tabs->count(); ++i)
    if (tabs->widget(i)->isAncestorOf(table)) tabs->setCurrentIndex(i);
}

/// Types `rows` into the table as a user does: its tab shown, the first cell selected, then each
/// number followed by Tab, which commits it and opens the next cell (row by row).
void typeTable(MatrixTable* table, const Rows& rows) {
  showTab(table);
  table->setFocus();
  table->setCurrentCell(0, 0);
  bool first = true;
  for (const auto& row : rows)
    for (double v : row) {
      const QString text = QString::number(v);
      if (first) {  // typing in a selected cell starts editing it
        QTest::keyClick(table, text[0].toLatin1());
        typeText(text.mid(1));
        first = false;
      } else {
        typeText(text);
      }
      QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    }
}

}  // namespace

class TestGuiMatrixEditor : public QObject {
  Q_OBJECT
  guitest::WindowFixture m_gui;
  QLocale m_locale;  ///< the system's, put back after each test

  QAction* typeAction() {
    return guitest::menuAction(m_gui.window().menuBar()->actions(), "&Type Q, K, V…");
  }

  /// Opens the editor with its shortcut and waits until it is the active window.
  MatrixEditor* openEditor() {
    MainWindow& w = m_gui.window();
    w.activateWindow();
    if (!QTest::qWaitForWindowActive(&w)) return nullptr;
    QTest::keyClick(&w, Qt::Key_E, Qt::ControlModifier | Qt::ShiftModifier);
    MatrixEditor* editor = nullptr;
    if (!guitest::waitFor([&] { return (editor = w.findChild<MatrixEditor*>()); })) return nullptr;
    editor->activateWindow();
    return guitest::waitFor([&] { return QApplication::activeWindow() == editor; }, 5000) ? editor
                                                                                          : nullptr;
  }

  static void setSizes(MatrixEditor* e, int n, int m, int dk, int dv) {
    guitest::setSpin(e->sizeBox("n"), n);
    guitest::setSpin(e->sizeBox("m"), m);
    guitest::setSpin(e->sizeBox("dk"), dk);
    guitest::setSpin(e->sizeBox("dv"), dv);
  }

  static void typeLabels(MatrixEditor* e, const char* field, const QString& text) {
    auto* edit = e->findChild<QLineEdit*>(field);
    edit->setFocus();
    QTest::keyClicks(edit, text);
  }

  /// Saves the dialog, `table`'s tab in front, to $ATLAS_EDITOR_SHOTS/editor_<name>.png when
  /// asked to.
  static void shoot(MatrixEditor* e, const QString& name, MatrixTable* table) {
    const QString dir = qEnvironmentVariable("ATLAS_EDITOR_SHOTS");
    if (dir.isEmpty()) return;
    showTab(table);
    e->grab().save(dir + "/editor_" + name + ".png");
  }

  const Rows q = {{0.5, -1}, {2, 0.25}}, k = {{1, 0}, {0, 1}, {-0.5, 1.5}}, v = {{1}, {-2}, {0.5}};

 private Q_SLOTS:
  void initTestCase() {
    m_locale = QLocale();
    QVERIFY(m_gui.setUpSuite());
  }
  void init() {
    QVERIFY(m_gui.openWindow(QSize(1200, 800)));
    QVERIFY(guitest::waitForResult(m_gui.window(), "scaled_dot"));
  }
  void cleanup() {
    QLocale::setDefault(m_locale);
    m_gui.closeWindow();
  }

  void theMenuOffersIt() {
    QAction* a = typeAction();
    QVERIFY(a);
    QCOMPARE(a->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    QVERIFY(!a->toolTip().isEmpty());
  }

  void typedNumbersAreComputedExactly() {
    MainWindow& w = m_gui.window();
    MatrixEditor* e = openEditor();
    QVERIFY(e);
    setSizes(e, 2, 3, 2, 1);
    QCOMPARE(e->table("Q")->rowCount(), 2);
    QCOMPARE(e->table("Q")->columnCount(), 2);
    QCOMPARE(e->table("K")->rowCount(), 3);
    QCOMPARE(e->table("V")->columnCount(), 1);
    typeLabels(e, "queryLabels", "deer, ox");
    typeLabels(e, "keyLabels", "grass, water, salt");
    QCOMPARE(e->findChild<QLineEdit*>("valueKeyLabels")->text(), QString("grass, water, salt"));
    QCOMPARE(e->table("K")->verticalHeaderItem(1)->text(), QString("water"));
    typeTable(e->table("Q"), q);
    typeTable(e->table("K"), k);
    QVERIFY(!e->okButton()->isEnabled());  // V is still empty
    QVERIFY2(e->problem().startsWith("V, row 0, column 0 is empty"), qPrintable(e->problem()));
    typeTable(e->table("V"), v);
    QVERIFY2(e->problem().isEmpty(), qPrintable(e->problem()));
    QVERIFY(e->okButton()->isEnabled());
    shoot(e, "en", e->table("Q"));

    // Ctrl+Enter accepts, even from a cell being edited.
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return, Qt::ControlModifier);
    QVERIFY(guitest::waitFor([&] { return !w.findChild<MatrixEditor*>(); }));
    QVERIFY(guitest::waitForResult(w, "scaled_dot", [](const atlas::core::VariantResult& r) {
      return r.dims.n == 2 && r.dims.m == 3 && r.dims.dk == 2 && r.dims.dv == 1;
    }));

    const atlas::core::VariantResult& r = *guitest::result(w);
    const MatrixD qd = toMatrix(q), kd = toMatrix(k), vd = toMatrix(v);
    const MatrixD p = softmaxRows(qd * kd.transpose(), 2.0);
    const MatrixD o = p * vd;
    for (int i = 0; i < 2; ++i) {
      for (int j = 0; j < 3; ++j)
        QVERIFY2(std::abs(r.weight(0, i, j) - p(i, j)) < 1e-6,
                 qPrintable(QString("weight (%1, %2): %3, not %4")
                                .arg(i)
                                .arg(j)
                                .arg(r.weight(0, i, j))
                                .arg(p(i, j))));
      QVERIFY(std::abs(r.output(i, 0) - o(i, 0)) < 1e-6);
    }
    QCOMPARE(w.shown().inputs->queryTokens, (std::vector<std::string>{"deer", "ox"}));
    QCOMPARE(w.shown().inputs->keyTokens, (std::vector<std::string>{"grass", "water", "salt"}));
    atlas::widgets::MatrixPlot* plot = guitest::heatmap(w)->plot();
    QVERIFY(guitest::waitFor([&] { return plot->panelCount() == 1; }));
    QVERIFY(guitest::waitFor([&] {
      return axisLabels(plot->panelMap(0)->valueAxis()) == QStringList{"deer", "ox"};
    }));
    QCOMPARE(axisLabels(plot->panelMap(0)->keyAxis()), (QStringList{"grass", "water", "salt"}));

    // The panel shows them as its "files" source, described, with the labels in its fields.
    atlas::widgets::ParameterPanel* panel = w.parameterPanel();
    QVERIFY(panel->usesFiles());
    QCOMPARE(panel->sourceBox()->toolTip(), QString("Typed by hand: N = 2, M = 3, dk = 2, dv = 1"));
    QCOMPARE(panel->queryLabels(), QString("deer, ox"));
    QCOMPARE(panel->keyLabels(), QString("grass, water, salt"));
    QVERIFY(w.session()->fixedMatrices().empty());

    // The sizes are kept, and the editor reopens on what was typed.
    QCOMPARE(atlas::app::Settings::matrixEditorSizes(), (atlas::core::InputDims{2, 3, 2, 2, 1}));
    QVERIFY(!atlas::app::Settings::matrixEditorGeometry().isEmpty());
    e = openEditor();
    QVERIFY(e);
    QCOMPARE(e->sizeBox("m")->value(), 3);
    QCOMPARE(e->table("K")->cellText(2, 1), QString("1.5"));
    QCOMPARE(e->queryLabels(), QString("deer, ox"));
    QVERIFY(e->okButton()->isEnabled());
    e->reject();
  }

  void aBadCellKeepsOkDisabled() {
    MainWindow& w = m_gui.window();
    MatrixEditor* e = openEditor();
    QVERIFY(e);
    setSizes(e, 2, 2, 2, 2);
    for (QPushButton* b : e->findChildren<QPushButton*>())
      if (b->text() == "Fill with &zeros") b->click();
    QVERIFY2(e->okButton()->isEnabled(), qPrintable(e->problem()));

    // Emptied: the sentence names the matrix, row and column.
    MatrixTable* k = e->table("K");
    showTab(k);
    k->setFocus();
    k->setCurrentCell(1, 0);
    QTest::keyClick(k, Qt::Key_F2);  // edit the cell
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Backspace);
    QCOMPARE(e->problem(), QString("K, row 1, column 0 is empty: type a number there."));
    QVERIFY(!e->okButton()->isEnabled());
    typeText("abc");  // letters are not taken
    QCOMPARE(k->cellText(1, 0), QString());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return, Qt::ControlModifier);
    QVERIFY(e->isVisible());  // Ctrl+Enter does not accept either
    QVERIFY(!w.parameterPanel()->usesFiles());

    // Text that is not a number (pasted, say) is named as it is.
    k->item(1, 0)->setText("1..5");
    QCOMPARE(e->problem(), QString("K, row 1, column 0: “1..5” is not a number."));
    QVERIFY(!e->okButton()->isEnabled());
    shoot(e, "en_problem", k);
    k->item(1, 0)->setText("-1e-2");
    QVERIFY(e->okButton()->isEnabled());

    // Labels must be one per row, or none.
    typeLabels(e, "queryLabels", "only one");
    QCOMPARE(e->problem(), QString("Give one query label per row of Q (N = 2), or none: 1 given."));
    QVERIFY(!e->okButton()->isEnabled());
    e->findChild<QLineEdit*>("queryLabels")->clear();
    QVERIFY(e->okButton()->isEnabled());
    e->reject();
    QVERIFY(!w.parameterPanel()->usesFiles());
  }

  void cancelChangesNothing() {
    MainWindow& w = m_gui.window();
    const auto shownBefore = w.shown().result;
    const QVariantMap inputsBefore = w.parameterPanel()->inputValues();
    const auto sizesBefore = atlas::app::Settings::matrixEditorSizes();
    QSignalSpy computed(&w, &MainWindow::resultShown);
    MatrixEditor* e = openEditor();
    QVERIFY(e);
    setSizes(e, 3, 3, 2, 2);
    for (QPushButton* b : e->findChildren<QPushButton*>())
      if (b->text() == "&Random") b->click();
    QVERIFY(e->okButton()->isEnabled());
    QVERIFY(e->inputs());
    QVERIFY(e->inputs()->q.cwiseAbs().maxCoeff() > 0);  // small numbers, one decimal
    QCOMPARE(e->inputs()->q(0, 0), std::round(e->inputs()->q(0, 0) * 10.0f) / 10.0f);
    QTest::mouseClick(e->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Cancel),
                      Qt::LeftButton);
    QVERIFY(guitest::waitFor([&] { return !w.findChild<MatrixEditor*>(); }));
    QTest::qWait(300);
    QCOMPARE(computed.count(), 0);
    QVERIFY(w.shown().result == shownBefore);
    QCOMPARE(w.parameterPanel()->inputValues(), inputsBefore);
    QVERIFY(!w.parameterPanel()->usesFiles());
    QVERIFY(!w.session()->loaded());
    QCOMPARE(atlas::app::Settings::matrixEditorSizes(), sizesBefore);
  }

  void aVariantMatrixIsTypedInItsTab() {
    MainWindow& w = m_gui.window();
    QVERIFY(w.variantBrowser()->selectVariant("bilinear"));
    QVERIFY(guitest::waitForResult(w, "bilinear"));
    MatrixEditor* e = openEditor();
    QVERIFY(e);
    setSizes(e, 2, 3, 2, 1);
    MatrixTable* table = e->table("W");
    QVERIFY(table);
    QCOMPARE(table->rowCount(), 2);  // dq x dk
    QCOMPARE(table->columnCount(), 2);
    QVERIFY(!table->isEnabled());  // drawn from the seed until ticked
    e->useBox("W")->setChecked(true);
    const Rows wm = {{1, 0.5}, {-0.5, 2}};
    typeTable(e->table("Q"), q);
    typeTable(e->table("K"), k);
    typeTable(e->table("V"), v);
    QVERIFY2(e->problem().startsWith("Bilinear matrix W, row 0, column 0 is empty"),
             qPrintable(e->problem()));
    typeTable(table, wm);
    QVERIFY2(e->okButton()->isEnabled(), qPrintable(e->problem()));
    shoot(e, "en_param", table);
    e->okButton()->click();
    QVERIFY(guitest::waitForResult(w, "bilinear", [](const atlas::core::VariantResult& r) {
      return r.dims.n == 2 && r.dims.m == 3;
    }));
    const atlas::core::VariantResult& r = *guitest::result(w);
    QVERIFY(w.session()->fixedMatrices().count("W"));
    const MatrixD p = softmaxRows(toMatrix(q) * toMatrix(wm) * toMatrix(k).transpose(), 2.0);
    for (int i = 0; i < 2; ++i)
      for (int j = 0; j < 3; ++j) QVERIFY(std::abs(r.weight(0, i, j) - p(i, j)) < 1e-6);
  }

  void aDecimalPointInChinese() {
    QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::China));
    QVERIFY(m_gui.language().setLanguage("zh_CN"));
    MatrixEditor* e = openEditor();
    QVERIFY(e);
    QCOMPARE(e->windowTitle(), QString("编辑 Q、K、V"));
    setSizes(e, 1, 1, 1, 1);
    typeTable(e->table("Q"), {{0.5}});
    QCOMPARE(e->table("Q")->cellText(0, 0), QString("0.5"));
    QVERIFY(e->inputs() == nullptr);  // K and V are empty
    QVERIFY2(e->problem().contains("K"), qPrintable(e->problem()));
    shoot(e, "zh_CN_problem", e->table("K"));
    typeTable(e->table("K"), {{1}});
    typeTable(e->table("V"), {{2}});
    QVERIFY(e->inputs());
    QCOMPARE(e->inputs()->q(0, 0), 0.5f);
    shoot(e, "zh_CN", e->table("Q"));
    e->reject();
  }
};

QTEST_MAIN(TestGuiMatrixEditor)
#include "test_gui_matrix_editor.moc"
