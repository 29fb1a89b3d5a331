// View > Show values in cells, in the real window on the offscreen platform: small heatmaps get
// one number per cell, written out here with printf's "%.2f", inside the cell's pixels and in a
// colour that contrasts with the cell's colour (computed here from the gradient); large, pooled
// and categorical plots get none; a slider step keeps the items and changes their texts; the
// option is remembered; and `export --cell-values` writes the numbers into an SVG as text.
#include "cli_run.h"
#include "gui_fixture.h"

#include "core/io/npy.h"
#include "widgets/color_maps.h"
#include "widgets/gallery_view.h"
#include "widgets/output_view.h"
#include "widgets/sparsity_view.h"
#include "widgets/teaching_view.h"

#include <QMenuBar>
#include <QPointer>
#include <QRegularExpression>
#include <QSlider>
#include <QTabWidget>

#include <algorithm>
#include <cmath>

using namespace atlas;
using app::MainWindow;
using guitest::showVariant;
using guitest::waitFor;
using widgets::MatrixPlot;

namespace {

const QString kShowValues = QStringLiteral("Show &values in cells");

/// The numbers a plot draws: its texts on the numbers' layer that are shown and not empty.
QList<QCPItemText*> shownNumbers(MatrixPlot* plot) {
  plot->replot();  // lay out and fit now rather than at the next paint
  QList<QCPItemText*> out;
  for (int i = 0; i < plot->itemCount(); ++i) {
    auto* t = qobject_cast<QCPItemText*>(plot->item(i));
    if (t && t->layer() && t->layer()->name() == MatrixPlot::kCellValuesLayer && t->visible() &&
        !t->text().isEmpty())
      out << t;
  }
  return out;
}

/// WCAG 2 contrast ratio of two colours (1 to 21).
double contrast(const QColor& a, const QColor& b) {
  const auto lum = [](const QColor& c) {
    const auto lin = [](double u) {
      return u <= 0.04045 ? u / 12.92 : std::pow((u + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * lin(c.redF()) + 0.7152 * lin(c.greenF()) + 0.0722 * lin(c.blueF());
  };
  const double la = lum(a), lb = lum(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

/// Checks that `plot` shows exactly one number per entry of `w` (row-major rows x cols), each
/// "%.2f" of its entry, centred in its cell's pixels and readable on the colour the gradient
/// gives the entry (viridis or `map`; linear, or logarithmic as the window's log scale; signed
/// entries: the diverging map).
void expectNumbers(MatrixPlot* plot, const core::Matrix& w, widgets::ColorMap map, bool log) {
  const int rows = int(w.rows()), cols = int(w.cols());
  const QList<QCPItemText*> numbers = shownNumbers(plot);
  QCOMPARE(numbers.size(), rows * cols);
  // The colour scale, found here from the weights as the plot should: their range (log: from
  // the smallest positive weight).
  const float hi = w.maxCoeff();
  float lo = w.minCoeff(), minPositive = hi;
  for (int i = 0; i < rows; ++i)
    for (int j = 0; j < cols; ++j)
      if (w(i, j) > 0) minPositive = std::min(minPositive, w(i, j));
  // Signed (the output O): the diverging map on a range symmetric about 0, never logarithmic.
  const bool isSigned = lo < 0 && hi > 0;
  if (isSigned) log = false;
  if (log) lo = std::max(double(minPositive), hi * 1e-6);
  const float a = std::max(-lo, hi);
  const QCPRange range = isSigned ? QCPRange(-a, a) : QCPRange(lo, hi);
  QCPColorGradient gradient = isSigned ? widgets::divergingGradient() : widgets::colorGradient(map);
  QCOMPARE(plot->isSigned(), isSigned);
  QCPAxis* x = plot->panelMap(0)->keyAxis();
  QCPAxis* y = plot->panelMap(0)->valueAxis();
  const double tickPoints = x->tickLabelFont().pointSizeF();
  std::vector<int> seen(std::size_t(rows * cols), 0);
  for (QCPItemText* t : numbers) {
    const QPointF c = t->position->coords();
    const int j = int(std::lround(c.x())), i = int(std::lround(c.y()));
    QVERIFY(i >= 0 && i < rows && j >= 0 && j < cols);
    ++seen[std::size_t(i * cols + j)];
    QCOMPARE(t->text(), QString::asprintf("%.2f", double(w(i, j))));
    // The whole text inside its cell's pixel rectangle.
    const QRectF cell = QRectF(QPointF(x->coordToPixel(j - 0.5), y->coordToPixel(i - 0.5)),
                               QPointF(x->coordToPixel(j + 0.5), y->coordToPixel(i + 0.5)))
                            .normalized();
    QVERIFY2(cell.contains(t->topLeft->pixelPosition()) &&
                 cell.contains(t->bottomRight->pixelPosition()),
             qPrintable(QString("%1 at (%2, %3) leaves its cell").arg(t->text()).arg(i).arg(j)));
    // Readable, and no larger than 1.2 x the tick labels.
    QVERIFY(t->font().pointSizeF() >= MatrixPlot::kMinValuePoints);
    QVERIFY(t->font().pointSizeF() <= tickPoints * 1.2 + 1e-9);
    const double v = std::clamp(double(w(i, j)), range.lower, range.upper);
    const QColor cellColour = QColor::fromRgba(gradient.color(v, range, log));
    QVERIFY2(
        contrast(t->color(), cellColour) >= 4.5,
        qPrintable(QString("%1 in %2 on %3").arg(t->text(), t->color().name(), cellColour.name())));
  }
  QVERIFY(std::all_of(seen.begin(), seen.end(), [](int n) { return n == 1; }));
}

QAction* showValuesAction(MainWindow& w) {
  return guitest::menuAction(w.menuBar()->actions(), kShowValues);
}

}  // namespace

class TestGuiCellValues : public QObject {
  Q_OBJECT

  guitest::WindowFixture m_gui;

  MatrixPlot* heatmapPlot() { return guitest::heatmap(m_gui.window())->plot(); }

 private Q_SLOTS:
  void initTestCase() { QVERIFY(m_gui.setUpSuite()); }
  void init() { QVERIFY(m_gui.openWindow(QSize(1400, 900))); }
  void cleanup() { m_gui.closeWindow(); }

  void smallHeatmapsShowEveryWeight_data() {
    QTest::addColumn<int>("n");
    QTest::addColumn<bool>("log");
    QTest::newRow("5 x 5") << 5 << false;
    QTest::newRow("12 x 12") << 12 << false;
    QTest::newRow("12 x 12, magma, log scale") << 12 << true;
  }

  void smallHeatmapsShowEveryWeight() {
    QFETCH(int, n);
    QFETCH(bool, log);
    MainWindow& w = m_gui.window();
    QAction* values = showValuesAction(w);
    QVERIFY(values && values->isCheckable() && !values->isChecked());
    QCOMPARE(values->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_N));
    values->trigger();
    const widgets::ColorMap map = log ? widgets::ColorMap::Magma : widgets::ColorMap::Viridis;
    if (log) {
      guitest::menuAction(w.menuBar()->actions(), "&Logarithmic colour scale")->trigger();
      guitest::menuAction(w.menuBar()->actions(), widgets::colorMapName(map))->trigger();
    }
    QVERIFY(showVariant(w, "scaled_dot", n));
    expectNumbers(heatmapPlot(), w.shown().result->weights(0), map, log);
    // Smaller window, smaller cells: the numbers shrink with them and still fit. The centre
    // shrinks first, down to the least width of its widest page: at 1200 px it is about 600 px
    // (at 900 px it is that least width, and 12 x 12 cells beside a log colour bar are then too
    // small for numbers: rightly none).
    const double before = shownNumbers(heatmapPlot()).front()->font().pointSizeF();
    w.resize(1200, 640);
    QVERIFY(waitFor([&] { return heatmapPlot()->width() < 700; }));
    expectNumbers(heatmapPlot(), w.shown().result->weights(0), map, log);
    if (n == 12) QVERIFY(shownNumbers(heatmapPlot()).front()->font().pointSizeF() < before);
  }

  void largePooledAndCategoricalShowNone() {
    MainWindow& w = m_gui.window();
    showValuesAction(w)->trigger();
    QVERIFY(showVariant(w, "scaled_dot", 16));
    QCOMPARE(shownNumbers(heatmapPlot()).size(), 16 * 16);
    QVERIFY(showVariant(w, "scaled_dot", 17));
    QCOMPARE(shownNumbers(heatmapPlot()).size(), 0);
    QCOMPARE(heatmapPlot()->itemCount(), 0);
    // The sparsity view is categorical (what was computed, not how much): never numbers.
    QVERIFY(showVariant(w, "local_window", 10));
    auto* sparsity = qobject_cast<widgets::SparsityView*>(w.view("sparsity"));
    w.tabs()->setCurrentWidget(sparsity);
    QVERIFY(waitFor([&] { return sparsity->plot()->panelCount() == 1; }));
    QCOMPARE(shownNumbers(sparsity->plot()).size(), 0);
    // Nor do the gallery's and teaching view's plots take the option.
    QVERIFY(!qobject_cast<widgets::GalleryView*>(w.view("gallery"))->plot()->cellValues());
    QVERIFY(!qobject_cast<widgets::TeachingView*>(w.view("teaching"))->tilePlot()->cellValues());
  }

  void categoricalPlotsAndMessagesShowNone() {
    // A plot of its own, the option on: numbers for a continuous map, none for categories (ids,
    // not amounts) nor for a message.
    MatrixPlot plot;
    plot.resize(600, 500);
    plot.setCellValues(true);
    auto m = std::make_shared<core::Matrix>(core::Matrix::Constant(4, 4, 1.0f));
    plot.setPanels(m, {{m.get(), QString()}});
    QCOMPARE(shownNumbers(&plot).size(), 16);
    QCOMPARE(shownNumbers(&plot).front()->text(), QString("1.00"));
    plot.setCategories({"a"}, {Qt::red});
    plot.setPanels(m, {{m.get(), QString()}});
    QVERIFY(plot.categorical());
    QCOMPARE(plot.itemCount(), 0);
    plot.setCategories({}, {});
    plot.setPanels(m, {{m.get(), QString()}});
    QCOMPARE(shownNumbers(&plot).size(), 16);
    plot.showMessage("Nothing computed yet.");
    QCOMPARE(plot.itemCount(), 0);
  }

  void pooledShowsNone() {
    // A display budget of 100 bytes: even 12 x 12 weights are streamed into (1 x 1) blocks.
    m_gui.closeWindow();
    QVERIFY(m_gui.openWindow(QSize(1400, 900), [] {
      app::Settings::setDisplayBudget(100);
      app::Settings::setCellValues(true);
    }));
    MainWindow& w = m_gui.window();
    QVERIFY(showValuesAction(w)->isChecked());
    QVERIFY(showVariant(w, "scaled_dot", 12));
    QVERIFY(w.shown().result->pooled());
    QCOMPARE(shownNumbers(heatmapPlot()).size(), 0);
  }

  void sparsePairsNotComputedStayEmpty() {
    MainWindow& w = m_gui.window();
    showValuesAction(w)->trigger();
    QVERIFY(showVariant(w, "local_window", 10));
    const core::VariantResult& r = *w.shown().result;
    QVERIFY(r.sparse());
    const QList<QCPItemText*> numbers = shownNumbers(heatmapPlot());
    QCOMPARE(std::uint64_t(numbers.size()), r.pairs(0));  // computed pairs only, zeros included
    for (QCPItemText* t : numbers) {
      const int j = int(std::lround(t->position->coords().x()));
      const int i = int(std::lround(t->position->coords().y()));
      QVERIFY(r.computed(0, i, j));
      QCOMPARE(t->text(), QString::asprintf("%.2f", double(r.weight(0, i, j))));
    }
  }

  void outputViewShowsValues() {
    MainWindow& w = m_gui.window();
    showValuesAction(w)->trigger();
    w.parameterPanel()->spinBox("d")->setValue(8);  // O is 6 x 8
    QVERIFY(showVariant(w, "scaled_dot", 6));
    QVERIFY(guitest::waitForResult(w, "scaled_dot",
                                   [](const core::VariantResult& r) { return r.dims.dv == 8; }));
    auto* output = qobject_cast<widgets::OutputView*>(w.view("output"));
    w.tabs()->setCurrentWidget(output);
    QVERIFY(waitFor([&] { return output->plot()->panelCount() == 1; }));
    expectNumbers(output->plot(), w.shown().result->output, widgets::ColorMap::Viridis, false);
  }

  void togglingOffRemovesThem() {
    MainWindow& w = m_gui.window();
    QAction* values = showValuesAction(w);
    values->trigger();
    QVERIFY(showVariant(w, "scaled_dot", 5));
    QCOMPARE(shownNumbers(heatmapPlot()).size(), 25);
    QVERIFY(app::Settings::cellValues());
    values->trigger();
    QVERIFY(!app::Settings::cellValues());
    QCOMPARE(shownNumbers(heatmapPlot()).size(), 0);
    QCOMPARE(heatmapPlot()->itemCount(), 0);
    QVERIFY(!heatmapPlot()->cellValues());
  }

  void theChoiceIsRemembered() {
    MainWindow& w = m_gui.window();
    showValuesAction(w)->trigger();
    MainWindow& again = m_gui.makeWindow();  // a restart on the same settings
    QVERIFY(m_gui.showWindow(QSize(1400, 900)));
    QVERIFY(showValuesAction(again)->isChecked());
    QVERIFY(showVariant(again, "scaled_dot", 5));
    QCOMPARE(shownNumbers(guitest::heatmap(again)->plot()).size(), 25);
  }

  void aSliderStepKeepsTheItems() {
    MainWindow& w = m_gui.window();
    showValuesAction(w)->trigger();
    QVERIFY(showVariant(w, "scaled_dot", 8));
    std::vector<QPointer<QCPItemText>> before;
    for (QCPItemText* t : heatmapPlot()->cellTexts(0)) before.emplace_back(t);
    QCOMPARE(int(before.size()), 64);
    const QStringList oldTexts = [&] {
      QStringList s;
      for (const auto& t : before) s << t->text();
      return s;
    }();
    // One step of the d slider: new weights, the same 8 x 8 layout.
    QSlider* slider = w.parameterPanel()->spinBox("d")->parentWidget()->findChild<QSlider*>();
    QVERIFY(slider);
    const int d = slider->value();
    slider->triggerAction(QAbstractSlider::SliderSingleStepAdd);
    QVERIFY(guitest::waitForResult(
        w, "scaled_dot", [d](const core::VariantResult& r) { return r.dims.dk == d + 1; }));
    const std::vector<QCPItemText*>& after = heatmapPlot()->cellTexts(0);
    QCOMPARE(after.size(), before.size());
    QStringList newTexts;
    for (std::size_t k = 0; k < after.size(); ++k) {
      QVERIFY(before[k]);  // never deleted
      QCOMPARE(after[k], before[k].data());
      newTexts << after[k]->text();
    }
    QVERIFY(newTexts != oldTexts);
    expectNumbers(heatmapPlot(), w.shown().result->weights(0), widgets::ColorMap::Viridis, false);
  }

  void exportWritesTheNumbersAsSvgText() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QStringList input{"--variant", "scaled_dot", "--n", "6", "--seed", "3"};
    const clirun::Run computed =
        clirun::run(QStringList{"compute"} + input + QStringList{"--out", dir.filePath("weights")});
    QVERIFY2(computed.code == 0, qPrintable(computed.err));
    const core::io::NpyArray w =
        core::io::readNpy(dir.filePath("weights/weights.npy").toStdString());
    QCOMPARE(w.data.size(), std::size_t(36));
    QStringList expected;
    for (float v : w.data) expected << QString::asprintf("%.2f", double(v));
    // Two decimals in a <text> element: the numbers, and the colour scale's top, the largest
    // weight in two significant digits (its other ticks have fewer).
    const float top = *std::max_element(w.data.begin(), w.data.end());
    QVERIFY(top >= 0.1f && top < 1.0f);
    const QString topLabel = QString::asprintf("%.2f", double(top));
    const auto numbersIn = [&](const QStringList& extra) {
      const QString svg = dir.filePath("heatmap.svg");
      const clirun::Run r =
          clirun::run(QStringList{"export"} + input +
                      QStringList{"--width", "800", "--height", "600", "--out", svg} + extra);
      if (r.code != 0) qWarning() << r.err;
      QStringList found;
      static const QRegularExpression text("<text[^>]*>([^<]*)</text>");
      static const QRegularExpression twoDecimals("^\\d\\.\\d\\d$");
      for (const auto& m : text.globalMatch(QString::fromUtf8(clirun::fileBytes(svg))))
        if (twoDecimals.match(m.captured(1)).hasMatch()) found << m.captured(1);
      return found;
    };
    QStringList found = numbersIn({"--cell-values"});
    found.sort();
    expected << topLabel;
    expected.sort();
    QCOMPARE(found, expected);
    QCOMPARE(numbersIn({}), QStringList{topLabel});
  }
};

QTEST_MAIN(TestGuiCellValues)
#include "test_gui_cell_values.moc"
