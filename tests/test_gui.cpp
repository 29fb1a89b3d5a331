// The window, driven like a user would: typing into spin boxes, clicking check boxes, menu
// actions, dropping files. Checks that what the heatmap shows follows the parameters, that the
// language switches at run time and persists, that figures export at the requested sizes, and
// that a bad file leaves the previous result on screen.
#include "gui_fixture.h"
#include "main_window.h"
#include "settings.h"

#include "core/io/npy.h"
#include "widgets/explanation_view.h"
#include "widgets/figure_export.h"
#include "widgets/heatmap_view.h"
#include "widgets/parameter_panel.h"
#include "widgets/variant_browser.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QImage>
#include <QMenu>
#include <QMenuBar>
#include <QMimeData>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QToolTip>
#include <QUrl>
#include <QXmlStreamReader>

#include <algorithm>
#include <cmath>
#include <functional>

using namespace atlas;
using atlas::app::MainWindow;
using guitest::heatmap;
using guitest::kTimeout;
using guitest::menuAction;
using guitest::result;
using guitest::setSpin;
using guitest::waitFor;
using guitest::waitForResult;

namespace {

bool hasCjk(const QString& s) {
  return std::any_of(s.begin(), s.end(),
                     [](QChar c) { return c.unicode() >= 0x4E00 && c.unicode() <= 0x9FFF; });
}

/// A real drag-enter + drop of local files on `target`. Returns whether the drag was accepted.
bool dropFiles(QWidget* target, const QStringList& paths) {
  QMimeData mime;
  QList<QUrl> urls;
  for (const QString& p : paths) urls << QUrl::fromLocalFile(p);
  mime.setUrls(urls);
  const QPoint pos = target->rect().center();
  QDragEnterEvent enter(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
  QApplication::sendEvent(target, &enter);
  if (!enter.isAccepted()) return false;
  QDropEvent drop(QPointF(pos), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
  QApplication::sendEvent(target, &drop);
  return true;
}

QString writeGarbage(const QTemporaryDir& dir, const QString& name) {
  const QString path = dir.filePath(name);
  QFile f(path);
  if (f.open(QIODevice::WriteOnly))
    f.write("this is not a numpy file at all \x01\x02\x03\xff garbage");
  return path;
}

/// True when the colour map shows exactly `m`: every cell, cell(col, row) == m(row, col).
/// Every cell of `map` is the entry of `m`, or, for a pair never `computed`, NaN (drawn as not
/// computed).
bool mapShows(QCPColorMap* map, const core::Matrix& m,
              const std::function<bool(int, int)>& computed = {}) {
  const int rows = int(m.rows()), cols = int(m.cols());
  if (map->data()->keySize() != cols || map->data()->valueSize() != rows) return false;
  for (int i = 0; i < rows; ++i)
    for (int j = 0; j < cols; ++j) {
      const double cell = map->data()->cell(j, i);
      if (computed && !computed(i, j) ? !std::isnan(cell) : cell != double(m(i, j))) return false;
    }
  return true;
}

}  // namespace

class TestGui : public QObject {
  Q_OBJECT

  guitest::WindowFixture m_gui;

  /// Triggers View > Language > `text` and waits until the window title is `title`.
  void switchLanguage(const QString& text, const QString& title) {
    QAction* action = menuAction(m_gui.window().menuBar()->actions(), text);
    QVERIFY2(action, qPrintable("no menu action " + text));
    action->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(m_gui.window().windowTitle(), title, kTimeout);
  }

 private Q_SLOTS:
  void initTestCase() { QVERIFY(m_gui.setUpSuite()); }

  void init() {
    QVERIFY(m_gui.openWindow());
    QVERIFY(waitForResult(m_gui.window(), "scaled_dot"));
  }

  void cleanup() { m_gui.closeWindow(); }

  void changingNUpdatesTheHeatmap() {
    MainWindow& w = m_gui.window();
    QComboBox* source = w.parameterPanel()->sourceBox();
    QCOMPARE(source->findData("random"), 0);
    QTest::keyClick(source, Qt::Key_Home);  // the first entry: "random"
    QCOMPARE(source->currentData().toString(), QString("random"));
    QSpinBox* n = w.parameterPanel()->spinBox("n");
    QVERIFY(n && n->isEnabled());
    for (int value : {40, 17}) {
      setSpin(n, value);
      QCOMPARE(n->value(), value);
      QVERIFY2(waitForResult(w, "scaled_dot",
                             [&](const core::VariantResult& r) { return r.dims.n == value; }),
               qPrintable(QString("no result with N = %1").arg(value)));
      const core::Matrix& weights = result(w)->weights(0);
      QCOMPARE(weights.rows(), core::Index(value));
      QCOMPARE(weights.cols(), core::Index(value));  // M = N
      widgets::MatrixPlot* plot = heatmap(w)->plot();
      QCOMPARE(plot->panelCount(), 1);
      QCOMPARE(plot->panelMap(0)->data()->keySize(), value);
      QCOMPARE(plot->panelMap(0)->data()->valueSize(), value);
      QVERIFY(mapShows(plot->panelMap(0), weights));
    }
  }

  void changingAVariantParameterUpdatesTheHeatmap() {
    MainWindow& w = m_gui.window();
    QVERIFY(w.variantBrowser()->selectVariant("multi_head"));
    // The window starts from the command line's defaults (core::InputSpec), d = 16.
    QCOMPARE(w.parameterPanel()->spinBox("d")->value(), 16);
    QCOMPARE(core::InputSpec{}.d, core::Index(16));
    QVERIFY(waitForResult(w, "multi_head"));
    QWidget* editor = w.parameterPanel()->editor("heads");
    QVERIFY(editor);
    QSpinBox* heads = editor->findChild<QSpinBox*>();
    QVERIFY(heads);
    widgets::HeatmapView* view = heatmap(w);
    for (int h : {2, 8}) {
      setSpin(heads, h);
      QVERIFY2(waitForResult(w, "multi_head",
                             [&](const core::VariantResult& r) { return r.heads() == h; }),
               qPrintable(QString("no result with %1 heads").arg(h)));
      QCOMPARE(view->headBox()->currentText(), QString("All heads"));
      QCOMPARE(view->plot()->panelCount(), h);
      for (int a = 0; a < h; ++a)
        QVERIFY(mapShows(view->plot()->panelMap(a), result(w)->weights(a)));
    }

    auto upperTriangleIsZero = [](const core::VariantResult& r) {
      for (core::Index h = 0; h < r.heads(); ++h)
        for (core::Index i = 0; i < r.weightRows(); ++i)
          for (core::Index j = i + 1; j < r.weightCols(); ++j)
            if (r.weight(h, i, j) != 0.0f) return false;
      return true;
    };
    QVERIFY(!upperTriangleIsZero(*result(w)));  // not causal yet: keys after the query count
    auto* causal = qobject_cast<QCheckBox*>(w.parameterPanel()->editor("causal"));
    QVERIFY(causal);
    QVERIFY(!causal->isChecked());
    QTest::mouseClick(causal, Qt::LeftButton, Qt::NoModifier, QPoint(6, causal->height() / 2));
    QVERIFY(causal->isChecked());
    QVERIFY(waitForResult(w, "multi_head",
                          [](const core::VariantResult& r) { return r.params.flag("causal"); }));
    QCOMPARE(result(w)->heads(), core::Index(8));
    QVERIFY(upperTriangleIsZero(*result(w)));
    // The masked pairs are drawn as not computed, never as weights of 0.
    const core::VariantResult& masked = *result(w);
    QVERIFY(mapShows(view->plot()->panelMap(0), masked.weights(0),
                     [&](int i, int j) { return j <= i && masked.computed(0, i, j); }));
    QVERIFY(view->plot()->showsUncomputed());
  }

  void languageSwitchesAtRunTime() {
    MainWindow& w = m_gui.window();
    widgets::MatrixPlot* plot = heatmap(w)->plot();
    auto* explanation = qobject_cast<widgets::ExplanationView*>(w.view("explanation"));
    QVERIFY(explanation);
    QCOMPARE(w.menuBar()->actions().at(0)->text(), QString("&File"));
    QVERIFY(!hasCjk(explanation->browser()->toPlainText()));
    const auto shown = w.shown().result;

    switchLanguage(QStringLiteral("简体中文"), QStringLiteral("注意力图谱"));
    QTRY_COMPARE_WITH_TIMEOUT(w.menuBar()->actions().at(0)->text(), QStringLiteral("文件(&F)"),
                              kTimeout);
    QTRY_COMPARE_WITH_TIMEOUT(plot->xTitle(), QStringLiteral("键"), kTimeout);
    QCOMPARE(plot->yTitle(), QStringLiteral("查询"));
    QTRY_VERIFY_WITH_TIMEOUT(hasCjk(explanation->browser()->toPlainText()), kTimeout);
    // The status line says the same result in Chinese; nothing was computed again for it.
    QTRY_VERIFY_WITH_TIMEOUT(hasCjk(w.statusBar()->currentMessage()), kTimeout);
    QTest::qWait(100);
    QCOMPARE(w.shown().result, shown);

    switchLanguage(QStringLiteral("English"), QStringLiteral("Attention Atlas"));
    QTRY_COMPARE_WITH_TIMEOUT(w.menuBar()->actions().at(0)->text(), QString("&File"), kTimeout);
    QTRY_COMPARE_WITH_TIMEOUT(plot->xTitle(), QString("Key"), kTimeout);
    QCOMPARE(plot->yTitle(), QString("Query"));
    QTRY_VERIFY_WITH_TIMEOUT(!hasCjk(explanation->browser()->toPlainText()), kTimeout);
    QVERIFY(explanation->browser()->toPlainText().contains("attention", Qt::CaseInsensitive));
  }

  void languagePersists() {
    QCOMPARE(app::Settings::language(), QString());
    switchLanguage(QStringLiteral("简体中文"), QStringLiteral("注意力图谱"));
    QCOMPARE(app::Settings::language(), QString("zh_CN"));
    switchLanguage(QStringLiteral("English"), QStringLiteral("Attention Atlas"));
    QCOMPARE(app::Settings::language(), QString("en"));
  }

  void exportWritesTheRequestedFigure() {
    MainWindow& w = m_gui.window();
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    using widgets::FigureFormat;
    struct Png {
      int width, height;
      double dpi;
    };
    for (const Png& p : {Png{800, 600, 96}, Png{1000, 700, 200}}) {
      const QString path = dir.filePath(QString("figure_%1.png").arg(p.width));
      QCOMPARE(w.exportCurrentView(path, {FigureFormat::Png, p.width, p.height, p.dpi, {}, {}, 0}),
               QString());
      const QImage image(path);
      QVERIFY2(!image.isNull(), qPrintable(path));
      QCOMPARE(image.size(), QSize(p.width, p.height));
    }

    const QString svgPath = dir.filePath("figure.svg");
    QCOMPARE(w.exportCurrentView(svgPath, {FigureFormat::Svg, 800, 600, 96, {}, {}}), QString());
    QFile svg(svgPath);
    QVERIFY(svg.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&svg);
    QStringList texts;
    while (!xml.atEnd())
      if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QLatin1String("text"))
        texts << xml.readElementText(QXmlStreamReader::IncludeChildElements).trimmed();
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY2(texts.contains("Key"), qPrintable(texts.join(" | ")));
    QVERIFY2(texts.contains("Query"), qPrintable(texts.join(" | ")));

    const QString pdfPath = dir.filePath("figure.pdf");
    QCOMPARE(w.exportCurrentView(pdfPath, {FigureFormat::Pdf, 800, 600, 96, {}, {}}), QString());
    QFile pdf(pdfPath);
    QVERIFY(pdf.open(QIODevice::ReadOnly));
    QCOMPARE(pdf.read(4), QByteArray("%PDF"));
    QVERIFY(pdf.size() > 1024);

    const QString missing = dir.filePath("no/such/dir/figure");
    for (auto [format, suffix] :
         {std::pair{FigureFormat::Png, ".png"}, std::pair{FigureFormat::Svg, ".svg"},
          std::pair{FigureFormat::Pdf, ".pdf"}}) {
      const QString error = w.exportCurrentView(missing + suffix, {format, 800, 600, 96, {}, {}});
      QVERIFY2(!error.isEmpty(), suffix);
      QVERIFY(!QFile::exists(missing + suffix));
    }
  }

  void droppingABadFileKeepsThePreviousResult() {
    MainWindow& w = m_gui.window();
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto before = w.shown().result;
    const core::Matrix previous = before->weights(0);
    const QString bad = writeGarbage(dir, "garbage.npy");

    QVERIFY2(dropFiles(&w, {bad}), "the drag of a .npy file was refused");
    QVERIFY(!w.errorMessage().isEmpty());
    QVERIFY2(w.errorMessage().contains("garbage.npy"), qPrintable(w.errorMessage()));
    QTest::qWait(300);  // nothing may replace the result later either
    QCOMPARE(w.shown().result.get(), before.get());
    QVERIFY(w.parameterPanel()->sourceBox()->currentData().toString() != "files");
    QCOMPARE(heatmap(w)->plot()->panelCount(), 1);
    QVERIFY(mapShows(heatmap(w)->plot()->panelMap(0), previous));

    // A valid file: 10 x 8 float32 used as Q, K and V.
    core::Matrix x(10, 8);
    for (core::Index i = 0; i < x.size(); ++i) x.data()[i] = float(std::sin(0.37 * double(i)));
    const QString good = dir.filePath("tokens.npy");
    core::io::writeNpy(good.toStdString(), x.data(), {10, 8});
    QSignalSpy shown(&w, &MainWindow::resultShown);
    QVERIFY(dropFiles(&w, {good}));
    QCOMPARE(w.parameterPanel()->sourceBox()->currentData().toString(), QString("files"));
    QVERIFY(waitForResult(w, "scaled_dot",
                          [](const core::VariantResult& r) { return r.dims.n == 10; }));
    QVERIFY(shown.count() >= 1);
    QCOMPARE(result(w)->dims.m, core::Index(10));
    QCOMPARE(result(w)->dims.dk, core::Index(8));
    QCOMPARE(heatmap(w)->plot()->panelMap(0)->data()->keySize(), 10);
    QCOMPARE(heatmap(w)->plot()->panelMap(0)->data()->valueSize(), 10);
    QVERIFY(mapShows(heatmap(w)->plot()->panelMap(0), result(w)->weights(0)));
    QCOMPARE(w.errorMessage(), QString());

    // Files of another type are refused at the drag already.
    QVERIFY(!dropFiles(&w, {dir.filePath("picture.png")}));
  }

  void badFileErrorIsTranslated() {
    MainWindow& w = m_gui.window();
    switchLanguage(QStringLiteral("简体中文"), QStringLiteral("注意力图谱"));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString bad = writeGarbage(dir, "garbage.npy");
    QVERIFY(dropFiles(&w, {bad}));
    const QString message = w.errorMessage();
    QVERIFY2(hasCjk(message), qPrintable(message));
    QVERIFY2(message.contains("garbage.npy"), qPrintable(message));
    // The error bar follows a language switch: the same error, now in English.
    switchLanguage(QStringLiteral("English"), QStringLiteral("Attention Atlas"));
    QVERIFY(waitFor([&] { return !hasCjk(w.errorMessage()); }));
    QVERIFY2(w.errorMessage().contains("garbage.npy"), qPrintable(w.errorMessage()));
  }

  void hoverTooltipShowsTheCell() {
    MainWindow& w = m_gui.window();
    widgets::MatrixPlot* plot = heatmap(w)->plot();
    QCOMPARE(plot->panelCount(), 1);
    QCPColorMap* map = plot->panelMap(0);
    QPoint centre;
    // The axis rect gets its place when the (queued) replot has laid the plot out.
    QVERIFY(waitFor([&] {
      centre = map->keyAxis()->axisRect()->rect().center();
      return !plot->tooltipAt(centre).isEmpty();
    }));
    const int col = int(std::lround(map->keyAxis()->pixelToCoord(centre.x())));
    const int row = int(std::lround(map->valueAxis()->pixelToCoord(centre.y())));
    const core::Matrix& weights = result(w)->weights(0);
    QVERIFY(row >= 0 && row < weights.rows() && col >= 0 && col < weights.cols());
    const QString text = plot->tooltipAt(centre);
    QVERIFY2(text.contains(QString("Query %1").arg(row)), qPrintable(text));
    QVERIFY2(text.contains(QString("Key %1").arg(col)), qPrintable(text));
    QVERIFY2(text.contains("Weight " + QString::number(weights(row, col), 'g', 4)),
             qPrintable(text));

    // A real mouse move shows the same text as a tooltip; outside the cells, none.
    QTest::mouseMove(plot, centre);
    QTRY_COMPARE_WITH_TIMEOUT(QToolTip::text(), text, kTimeout);
    QCOMPARE(plot->tooltipAt(QPointF(1, 1)), QString());
  }

  void geometryAndLastVariantPersist() {
    MainWindow& first = m_gui.window();
    QVERIFY(first.variantBrowser()->selectVariant("distance"));
    QVERIFY(waitForResult(first, "distance"));
    first.resize(1100, 700);  // not the default 1400 x 860
    QTRY_COMPARE_WITH_TIMEOUT(first.size(), QSize(1100, 700), kTimeout);
    const QRect geometry = first.geometry();
    QVERIFY(first.close());
    MainWindow& w = m_gui.makeWindow();
    QCOMPARE(w.variantBrowser()->currentVariant(), QString("distance"));
    QVERIFY(m_gui.showWindow());
    // The size comes back; the offscreen platform's fake frame shifts the position.
    QCOMPARE(w.geometry().size(), geometry.size());
    QVERIFY(waitForResult(w, "distance"));
  }
};

QTEST_MAIN(TestGui)
#include "test_gui.moc"
