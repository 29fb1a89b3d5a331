// MatrixPlot's layout after each replot: square cells for a square matrix, the panel and its
// colour scale centred together; several panels each square under its title, as many to a row
// as the room suits (a wide room: one row); and a gallery of many panels with long titles
// that never asks its window for more width than a small window has.
#include "widgets/matrix_plot.h"

#include <QTest>

#include <memory>

using namespace atlas;
using widgets::MatrixPanel;
using widgets::MatrixPlot;

namespace {

QRect innerRect(const MatrixPlot& plot, int panel) {
  return plot.panelMap(panel)->keyAxis()->axisRect()->rect();
}

/// Shows the plot and replots until the layout settles (each decision shows at the next).
void settle(MatrixPlot& plot) {
  plot.show();
  QTest::qWait(20);
  for (int i = 0; i < 4; ++i) plot.replot(QCustomPlot::rpImmediateRefresh);
}

}  // namespace

class TestMatrixLayout : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void aSquareMatrixHasSquareCells() {
    auto m = std::make_shared<core::Matrix>(core::Matrix::Random(16, 16).cwiseAbs());
    MatrixPlot plot;
    plot.resize(1000, 500);
    plot.setPanels(m, {MatrixPanel{m.get(), QString(), nullptr, nullptr, nullptr}});
    settle(plot);
    const QRect r = innerRect(plot, 0);
    QVERIFY2(std::abs(r.width() - r.height()) <= 2,
             qPrintable(QString("%1 x %2").arg(r.width()).arg(r.height())));
    QVERIFY(r.height() > 300);  // the height is what limits it: most of 500
    // Centred with its colour scale: as much room left of the panel as right of the scale.
    const QRect scale = plot.colorScale()->outerRect();
    const int leftRoom = plot.panelMap(0)->keyAxis()->axisRect()->outerRect().left();
    const int rightRoom = plot.viewport().right() - scale.right();
    QVERIFY2(std::abs(leftRoom - rightRoom) <= 3,
             qPrintable(QString("%1 vs %2").arg(leftRoom).arg(rightRoom)));
    // A long matrix (16 x 128, more than 4 : 1) fills the room instead.
    auto wide = std::make_shared<core::Matrix>(core::Matrix::Random(16, 128).cwiseAbs());
    plot.setPanels(wide, {MatrixPanel{wide.get(), QString(), nullptr, nullptr, nullptr}});
    settle(plot);
    const QRect w = innerRect(plot, 0);
    QVERIFY(w.width() > 1.5 * w.height());
  }

  void numbersCountTokensWhenCellsAreBlocks() {
    // A 1000 x 1000 matrix drawn in 50 x 50 cells: the numbers on the axes are token indices,
    // at most eight a round step apart (200), never spaced as if there were 50 tokens (a step
    // of 10 put a hundred overlapping numbers under a sparse heatmap at N = 32768).
    auto m = std::make_shared<core::Matrix>(core::Matrix::Random(1000, 1000).cwiseAbs());
    MatrixPlot plot;
    plot.resize(900, 700);
    plot.setDisplayCells(50);
    plot.setPanels(m, {MatrixPanel{m.get(), QString(), nullptr, nullptr, nullptr}});
    settle(plot);
    for (QCPAxis* a : {plot.panelMap(0)->keyAxis(), plot.panelMap(0)->valueAxis()}) {
      const auto fixed = a->ticker().dynamicCast<QCPAxisTickerFixed>();
      QVERIFY(fixed);
      QVERIFY2(fixed->tickStep() >= 999.0 / 7, qPrintable(QString::number(fixed->tickStep())));
    }
  }

  void panelsAreSquareAndUseAWideRoom() {
    auto m = std::make_shared<core::Matrix>(core::Matrix::Random(8, 8).cwiseAbs());
    std::vector<MatrixPanel> panels;
    for (int p = 0; p < 4; ++p)
      panels.push_back(
          MatrixPanel{m.get(), QString("Head %1").arg(p + 1), nullptr, nullptr, nullptr});
    MatrixPlot plot;
    plot.resize(1600, 400);
    plot.setPanels(m, panels);
    settle(plot);
    // Four in one row (2 x 2 would give cells half the size), all square, side by side.
    for (int p = 0; p < 4; ++p) {
      const QRect r = innerRect(plot, p);
      QVERIFY2(std::abs(r.width() - r.height()) <= 2,
               qPrintable(QString("panel %1: %2 x %3").arg(p).arg(r.width()).arg(r.height())));
      if (p > 0)
        QVERIFY2(r.top() == innerRect(plot, 0).top(),
                 qPrintable(QString("panel %1 at %2,%3; first at %4,%5")
                                .arg(p)
                                .arg(r.left())
                                .arg(r.top())
                                .arg(innerRect(plot, 0).left())
                                .arg(innerRect(plot, 0).top())));
    }
  }

  void theColourScaleNamesItsTop() {
    // The largest value gets a tick of its own, in two significant digits; a tick just below
    // it (0.7 under 0.7389) gives way, so the two labels never run together.
    auto m = std::make_shared<core::Matrix>(core::Matrix::Zero(8, 8));
    (*m)(3, 4) = 0.7389f;
    (*m)(1, 2) = 0.25f;
    MatrixPlot plot;
    plot.resize(800, 600);
    plot.setPanels(m, {MatrixPanel{m.get(), QString(), nullptr, nullptr, nullptr}});
    settle(plot);
    const QVector<double> ticks = plot.colorScale()->axis()->tickVector();
    const QVector<QString> labels = plot.colorScale()->axis()->tickVectorLabels();
    QVERIFY(!ticks.isEmpty());
    QCOMPARE(ticks.back(), double(0.7389f));
    QCOMPARE(labels.back(), QString("0.74"));
    QVERIFY(!ticks.contains(0.7));
    QVERIFY(ticks.contains(0.5));
  }

  void chineseAxisTitlesStandUpright() {
    auto m = std::make_shared<core::Matrix>(core::Matrix::Random(16, 16).cwiseAbs());
    MatrixPlot plot;
    plot.resize(1000, 500);
    plot.setAxisTitles(QString::fromUtf8("键"), QString::fromUtf8("查询"),
                       QString::fromUtf8("注意力权重"));
    plot.setPanels(m, {MatrixPanel{m.get(), QString(), nullptr, nullptr, nullptr}});
    settle(plot);
    // One character under the other, beside the panel and the bar; nothing along the axes.
    QCOMPARE(plot.uprightYTitle(), QString::fromUtf8("查\n询"));
    QCOMPARE(plot.uprightScaleTitle(), QString::fromUtf8("注\n意\n力\n权\n重"));
    QVERIFY(plot.panelMap(0)->valueAxis()->label().isEmpty());
    QVERIFY(plot.colorScale()->axis()->label().isEmpty());
    // The titles' height caps nothing: the panel still takes most of the height.
    QVERIFY(innerRect(plot, 0).height() > 300);
    // English titles lie along their axes again.
    plot.setAxisTitles("Key", "Query", "Attention weight");
    settle(plot);
    QVERIFY(plot.uprightYTitle().isEmpty());
    QVERIFY(plot.uprightScaleTitle().isEmpty());
    QCOMPARE(plot.panelMap(0)->valueAxis()->label(), QString("Query"));
    QCOMPARE(plot.colorScale()->axis()->label(), QString("Attention weight"));
    QVERIFY(!MatrixPlot::readsUpright(QString::fromUtf8("注意力权重（每幅图各自从最小到最大）")));
  }

  void aGalleryNeverWidensItsWindow() {
    auto m = std::make_shared<core::Matrix>(core::Matrix::Random(16, 16).cwiseAbs());
    std::vector<MatrixPanel> panels;
    for (int p = 0; p < 26; ++p)
      panels.push_back(MatrixPanel{
          m.get(),
          QString("A rather long variant name number %1\ncomputed 100.0% in 0.01 ms").arg(p),
          nullptr, nullptr, nullptr});
    MatrixPlot plot;
    plot.setCompact(true);
    plot.setIndependentScales(true);
    plot.resize(500, 400);
    plot.setPanels(m, panels);
    settle(plot);
    const int least = static_cast<QWidget&>(plot).minimumSizeHint().width();  // public there
    QVERIFY2(least < 400, qPrintable(QString::number(least)));
    const QRect r = innerRect(plot, 0);
    QVERIFY(std::abs(r.width() - r.height()) <= 2);
  }
};

QTEST_MAIN(TestMatrixLayout)
#include "test_matrix_layout.moc"
