// Figures a journal accepts: lengths with units and the presets, a single-column export whose
// type is the size asked for in points (read from the SVG), the same layout in PNG and SVG (the
// SVG rendered beside the PNG, against an export that differs), a PDF page of exactly the
// column, an outer margin, and pairs never computed drawn hatched exactly where BigBird's
// pattern has none; signed outputs diverging.
#include "cli_run.h"

#include "core/engine.h"
#include "core/variant_registry.h"
#include "widgets/figure_size.h"
#include "widgets/heatmap_view.h"
#include "widgets/matrix_plot.h"

#include <QApplication>
#include <QImage>
#include <QPainter>
#include <QRegularExpression>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <map>

using namespace atlas;
using clirun::Run;
using clirun::run;
using widgets::FigureFormat;

namespace {

QByteArray readAll(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// Mean absolute difference of two images of the same size, each first averaged down to
/// w x h (so antialiasing and hinting do not count, the layout does), in 0..255.
double layoutDifference(const QImage& a, const QImage& b, int w, int h) {
  const QImage sa = a.convertToFormat(QImage::Format_RGB32)
                        .scaled(w, h, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
  const QImage sb = b.convertToFormat(QImage::Format_RGB32)
                        .scaled(w, h, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
  double sum = 0;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const QColor p = sa.pixelColor(x, y), q = sb.pixelColor(x, y);
      sum += std::abs(p.red() - q.red()) + std::abs(p.green() - q.green()) +
             std::abs(p.blue() - q.blue());
    }
  return sum / (3.0 * w * h);
}

QImage renderSvg(const QString& path, QSize size) {
  QSvgRenderer svg(path);
  QImage image(size, QImage::Format_ARGB32_Premultiplied);
  image.fill(Qt::white);
  QPainter p(&image);
  svg.render(&p);
  return image;
}

bool neutralGrey(const QColor& c) {
  return std::abs(c.red() - c.green()) <= 3 && std::abs(c.green() - c.blue()) <= 3 &&
         c.red() > 100 && c.red() < 245;
}

}  // namespace

class TestFigureExport : public QObject {
  Q_OBJECT
  QTemporaryDir m_dir;
  QStringList heatmap(const QStringList& more) const {
    return QStringList{
               "export", "--variant", "scaled_dot", "--input", "sentence:the cat sat on the mat",
               "--view", "heatmap"} +
           more;
  }

 private Q_SLOTS:
  void lengthsAndPresets() {
    double in = 0;
    QVERIFY(widgets::parseLength("3.5in", FigureFormat::Pdf, 300, &in) && in == 3.5);
    QVERIFY(widgets::parseLength("88.9mm", FigureFormat::Png, 300, &in));
    QVERIFY(std::abs(in - 3.5) < 1e-12);
    QVERIFY(widgets::parseLength("8.89 cm", FigureFormat::Svg, 300, &in));
    QVERIFY(std::abs(in - 3.5) < 1e-12);
    QVERIFY(widgets::parseLength("252pt", FigureFormat::Png, 300, &in) && in == 3.5);
    QVERIFY(widgets::parseLength("1050px", FigureFormat::Pdf, 300, &in) && in == 3.5);
    // A bare number: the file's own units, pixels for PNG and points for SVG and PDF.
    QVERIFY(widgets::parseLength("1050", FigureFormat::Png, 300, &in) && in == 3.5);
    QVERIFY(widgets::parseLength("252", FigureFormat::Pdf, 300, &in) && in == 3.5);
    for (const char* bad : {"", "3.5 inches", "-1in", "0mm", "in", "3,5in", "1e3px"})
      QVERIFY2(!widgets::parseLength(bad, FigureFormat::Png, 300, &in), bad);
    QCOMPARE(widgets::fileUnits(3.5, FigureFormat::Png, 300), 1050);
    QCOMPARE(widgets::fileUnits(3.5, FigureFormat::Pdf, 300), 252);
    const widgets::FigurePreset* column = widgets::findFigurePreset("column");
    QVERIFY(column && column->widthInches == 3.5 && column->fontPoints == 8);
    QVERIFY(widgets::findFigurePreset("slide") && !widgets::findFigurePreset("poster"));
  }

  void aColumnFigureHasTypeOfThePointSizeAsked() {
    const QString svg = m_dir.filePath("column.svg");
    const Run r = run(heatmap({"--preset", "column", "--out", svg}));
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QString text = QString::fromUtf8(readAll(svg));
    QVERIFY2(text.contains("width=\"88.9mm\""), qPrintable(text.left(300)));
    // One SVG unit is 1/96 in: 8 pt is 8 * 96 / 72 units. The tick labels, the most frequent
    // size, are that; nothing is smaller.
    std::map<double, int> sizes;  // of the texts only
    static const QRegularExpression kSize("<text [^>]*font-size=\"([0-9.]+)\"");
    for (auto it = kSize.globalMatch(text); it.hasNext();)
      ++sizes[it.next().captured(1).toDouble()];
    QVERIFY(!sizes.empty());
    const auto common = std::max_element(sizes.begin(), sizes.end(),
                                         [](auto& a, auto& b) { return a.second < b.second; });
    QVERIFY2(std::abs(common->first - 8 * 96.0 / 72) < 0.1,
             qPrintable(QString::number(common->first)));
    QVERIFY(sizes.begin()->first >= 8 * 96.0 / 72 - 0.1);
    // Named fonts with fallbacks (Chinese included), never only the generic family.
    QVERIFY2(text.contains("font-family=\"DejaVu Sans, "),
             qPrintable(text.mid(text.indexOf("font-family"), 120)));
    QVERIFY(text.contains("Noto Sans CJK SC"));
    QVERIFY(!text.contains("font-family=\"Sans Serif\""));

    // A larger --font-size is larger type in the same figure.
    const QString big = m_dir.filePath("big.svg");
    QCOMPARE(run(heatmap({"--preset", "column", "--font-size", "11", "--out", big})).code, 0);
    QVERIFY(QString::fromUtf8(readAll(big)).contains("font-size=\"14.6"));
  }

  void pngSvgAndPdfAgree() {
    const QString png = m_dir.filePath("column.png"), svg = m_dir.filePath("same.svg"),
                  pdf = m_dir.filePath("column.pdf"), other = m_dir.filePath("other.png");
    QCOMPARE(run(heatmap({"--preset", "column", "--out", png})).code, 0);
    QCOMPARE(run(heatmap({"--preset", "column", "--out", svg})).code, 0);
    QCOMPARE(run(heatmap({"--preset", "column", "--out", pdf})).code, 0);
    QCOMPARE(run(heatmap({"--preset", "column", "--font-size", "12", "--out", other})).code, 0);
    const QImage image(png);
    QCOMPARE(image.size(), QSize(1050, 788));  // 3.5 x 2.625 in at 300 dpi
    QCOMPARE(image.dotsPerMeterX(), int(std::lround(300 / 0.0254)));
    // The outer margin: nothing drawn on the outermost rows and columns.
    for (int x = 0; x < image.width(); ++x)
      for (int y : {0, 1, 2, image.height() - 3, image.height() - 2, image.height() - 1})
        QVERIFY2(image.pixelColor(x, y) == QColor(Qt::white), qPrintable(QString::number(x)));
    for (int y = 0; y < image.height(); ++y)
      for (int x : {0, 1, 2, image.width() - 3, image.width() - 2, image.width() - 1})
        QVERIFY(image.pixelColor(x, y) == QColor(Qt::white));
    // The SVG drawn at the PNG's size shows the same picture; an export with larger type does
    // not, by far.
    const double same = layoutDifference(image, renderSvg(svg, image.size()), 105, 79);
    const double different = layoutDifference(image, QImage(other), 105, 79);
    QVERIFY2(same < different / 3, qPrintable(QString("%1 vs %2").arg(same).arg(different)));
    // The PDF: one page of exactly the column, titled.
    const QByteArray bytes = readAll(pdf);
    QVERIFY(bytes.startsWith("%PDF-"));
    QVERIFY(QRegularExpression("/MediaBox \\[0 0 252(\\.0+)? 189(\\.0+)?\\]")
                .match(QString::fromLatin1(bytes))
                .hasMatch());
    // Its title field (UTF-16, as PDF strings with non-ASCII may be) names the app.
    QByteArray title("\xfe\xff", 2);
    for (QChar c : QStringLiteral("Attention Atlas")) title += char(0), title += char(c.unicode());
    QVERIFY(bytes.contains("/Title (" + title + ")"));
  }

  void sizesThatAreNotLengthsAreRefused() {
    const QString out = m_dir.filePath("x.png");
    Run r = run(heatmap({"--width", "3.5 inches", "--out", out}));
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("--width must be a length such as 3.5in"), qPrintable(r.err));
    r = run(heatmap({"--width", "100in", "--dpi", "300", "--out", out}));
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("30000 pixels"), qPrintable(r.err));
    r = run(heatmap({"--preset", "poster", "--out", out}));
    QCOMPARE(r.code, 2);
    QVERIFY(r.err.contains("column, double or slide"));
  }

  void tokenLabelsAppearWhereverTheyFit() {
    // 15 words at 1600 x 1200: every word on both axes of the exported figure; the same words
    // in a 1 in figure: numbers, which fit.
    core::Engine engine;
    core::EngineRequest request;
    request.spec.source = core::InputSource::Sentence;
    request.spec.text =
        "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen";
    const core::Variant& dot = core::requireVariant("scaled_dot");
    request.jobs.push_back({&dot, core::defaultParams(dot.params())});
    const std::vector<core::JobOutcome> out = engine.run(request);
    QVERIFY(out.size() == 1 && out[0].ok());
    widgets::HeatmapView view;
    view.resize(1024, 768);
    view.setResult({out[0].result, out[0].inputs});
    widgets::MatrixPlot* plot = view.plot();
    const auto labels = [&](QCPAxis* a) {
      auto t = a->ticker().dynamicCast<QCPAxisTickerText>();
      return t ? QStringList(t->ticks().values()) : QStringList();
    };
    widgets::FigureOptions o;
    o.width = 1600;
    o.height = 1200;
    o.dpi = 150;
    QCOMPARE(widgets::exportFigure(plot, m_dir.filePath("words.png"), o), QString());
    const QStringList words = QString::fromStdString(request.spec.text).split(' ');
    QCOMPARE(labels(plot->panelMap(0)->keyAxis()), words);
    QCOMPARE(labels(plot->panelMap(0)->valueAxis()), words);
    o.width = o.height = 150;  // 1 x 1 in
    QCOMPARE(widgets::exportFigure(plot, m_dir.filePath("small.png"), o), QString());
    QVERIFY(labels(plot->panelMap(0)->keyAxis()).isEmpty());
  }

  void pairsNeverComputedAreHatchedWhereThePatternHasNone() {
    // BigBird on 32 tokens: every cell's colour read back from the drawn heatmap.
    core::Engine engine;
    core::EngineRequest request;
    request.spec.n = 32;
    request.spec.m = 32;
    const core::Variant& bigbird = core::requireVariant("bigbird");
    request.jobs.push_back({&bigbird, core::defaultParams(bigbird.params())});
    const std::vector<core::JobOutcome> out = engine.run(request);
    QVERIFY(out.size() == 1 && out[0].ok());
    const core::VariantResult& r = *out[0].result;
    widgets::HeatmapView view;
    view.resize(900, 800);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setResult({out[0].result, out[0].inputs});
    widgets::MatrixPlot* plot = view.plot();
    plot->replot(QCustomPlot::rpImmediateRefresh);
    const QImage image = plot->grab().toImage();
    QVERIFY(plot->showsUncomputed());
    QCPAxis* x = plot->panelMap(0)->keyAxis();
    QCPAxis* y = plot->panelMap(0)->valueAxis();
    int hatched = 0, coloured = 0;
    for (int i = 0; i < 32; ++i)
      for (int j = 0; j < 32; ++j) {
        const QColor c = image.pixelColor(int(x->coordToPixel(j)), int(y->coordToPixel(i)));
        if (r.computed(0, i, j)) {
          QVERIFY2(!neutralGrey(c), qPrintable(QString("(%1, %2) %3").arg(i).arg(j).arg(c.name())));
          ++coloured;
        } else {
          QVERIFY2(neutralGrey(c), qPrintable(QString("(%1, %2) %3").arg(i).arg(j).arg(c.name())));
          ++hatched;
        }
      }
    QVERIFY(hatched > 0 && coloured > 0);
  }
};

QTEST_MAIN(TestFigureExport)
#include "test_figure_export.moc"
