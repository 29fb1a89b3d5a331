// The window's inputs beyond one sentence or plain files: a key sentence (cross-attention, N !=
// M) and labels for the rows of loaded Q and K, as the axes show them.
#include "gui_fixture.h"
#include "main_window.h"

#include "core/io/npy.h"
#include "widgets/heatmap_view.h"
#include "widgets/parameter_panel.h"
#include "widgets/variant_browser.h"

#include <QComboBox>
#include <QLineEdit>
#include <QTemporaryDir>
#include <QTest>

#include <vector>

using namespace atlas;
using atlas::app::MainWindow;
using guitest::waitForResult;

namespace {

/// The labels of an axis of the heatmap's first panel, in order (empty for number ticks).
QStringList axisLabels(QCPAxis* axis) {
  auto text = axis->ticker().dynamicCast<QCPAxisTickerText>();
  return text ? QStringList(text->ticks().values()) : QStringList();
}

/// Sets a field as a user finishing an edit does (QTest types ASCII only): the text, then
/// Return, which ends the edit.
void typeInto(QLineEdit* field, const QString& text) {
  field->setFocus();
  field->setText(text);
  QTest::keyClick(field, Qt::Key_Return);
}

}  // namespace

class TestGuiInputs : public QObject {
  Q_OBJECT
  guitest::WindowFixture m_gui;

 private Q_SLOTS:
  void initTestCase() { QVERIFY(m_gui.setUpSuite()); }
  void init() { QVERIFY(m_gui.openWindow(QSize(1400, 900))); }
  void cleanup() { m_gui.closeWindow(); }

  void aKeySentenceMakesCrossAttention() {
    MainWindow& w = m_gui.window();
    widgets::ParameterPanel* panel = w.parameterPanel();
    QVERIFY(w.variantBrowser()->selectVariant("scaled_dot"));
    panel->sourceBox()->setCurrentIndex(panel->sourceBox()->findData("sentence"));
    QVERIFY(!panel->keySentenceField()->text().size());
    QVERIFY(panel->keySentenceField()->isEnabled());
    typeInto(panel->sentenceField(), "Good morning !");
    typeInto(panel->keySentenceField(), "早上好！");
    QVERIFY(waitForResult(w, "scaled_dot", [](const core::VariantResult& r) {
      return r.dims.n == 3 && r.dims.m == 4;
    }));
    QCOMPARE(w.shown().inputs->queryTokens, (std::vector<std::string>{"Good", "morning", "!"}));
    QCOMPARE(w.shown().inputs->keyTokens, (std::vector<std::string>{"早", "上", "好", "！"}));
    widgets::MatrixPlot* plot = guitest::heatmap(w)->plot();
    QVERIFY(guitest::waitFor([&] { return plot->panelCount() == 1; }));
    QCOMPARE(axisLabels(plot->panelMap(0)->valueAxis()), (QStringList{"Good", "morning", "!"}));
    QCOMPARE(axisLabels(plot->panelMap(0)->keyAxis()), (QStringList{"早", "上", "好", "！"}));
    // Emptied again: the sentence attends to itself.
    typeInto(panel->keySentenceField(), "");
    QVERIFY(waitForResult(w, "scaled_dot", [](const core::VariantResult& r) {
      return r.dims.n == 3 && r.dims.m == 3;
    }));
  }

  void labelsNameTheRowsOfLoadedFiles() {
    MainWindow& w = m_gui.window();
    QTemporaryDir dir;
    const std::vector<float> q = {1, 0, 0, 1}, kv = {1, 0, 0, 1, 1, 1};
    core::io::writeNpy(dir.filePath("q.npy").toStdString(), q.data(), {2, 2});
    core::io::writeNpy(dir.filePath("k.npy").toStdString(), kv.data(), {3, 2});
    core::io::writeNpy(dir.filePath("v.npy").toStdString(), kv.data(), {3, 2});
    QVERIFY(w.variantBrowser()->selectVariant("scaled_dot"));
    QVERIFY(
        w.loadInputFiles({dir.filePath("q.npy"), dir.filePath("k.npy"), dir.filePath("v.npy")}));
    QVERIFY(waitForResult(w, "scaled_dot", [](const core::VariantResult& r) {
      return r.dims.n == 2 && r.dims.m == 3;
    }));
    widgets::ParameterPanel* panel = w.parameterPanel();
    QVERIFY(panel->findChild<QLineEdit*>("queryLabels")->isEnabled());
    typeInto(panel->findChild<QLineEdit*>("queryLabels"), "四不像, 骡子");
    typeInto(panel->findChild<QLineEdit*>("keyLabels"), "鹿, 牛, 羊");
    QVERIFY(guitest::waitFor([&] { return w.shown().inputs->keyTokens.size() == 3; }));
    QCOMPARE(w.shown().inputs->queryTokens, (std::vector<std::string>{"四不像", "骡子"}));
    QCOMPARE(w.shown().inputs->keyTokens, (std::vector<std::string>{"鹿", "牛", "羊"}));
    widgets::MatrixPlot* plot = guitest::heatmap(w)->plot();
    QVERIFY(guitest::waitFor([&] {
      return axisLabels(plot->panelMap(0)->keyAxis()) == QStringList{"鹿", "牛", "羊"};
    }));
    // Labels that do not count the rows: one sentence in the error bar, the result stays.
    const auto before = w.shown().result;
    typeInto(panel->findChild<QLineEdit*>("keyLabels"), "鹿, 牛");
    QVERIFY(guitest::waitFor([&] { return !w.errorMessage().isEmpty(); }));
    QVERIFY2(w.errorMessage().contains("2 key labels"), qPrintable(w.errorMessage()));
    QCOMPARE(w.shown().result, before);
  }
};

QTEST_MAIN(TestGuiInputs)
#include "test_gui_inputs.moc"
