#include "result_view.h"

#include <QCoreApplication>
#include <QEvent>

namespace atlas::widgets {

void ResultView::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) {
    retranslate();
    // Views replot through queued calls, and one queued while the language change is being
    // delivered (itself a posted event) can wait for the next input event: the window would show
    // the old language until the mouse moves. Draw the new texts now.
    if (QCustomPlot* plot = figure()) plot->replot(QCustomPlot::rpQueuedRefresh);
  }
  QWidget::changeEvent(event);
}

QString percentText(double fraction) {
  const double p = fraction * 100;
  if (p <= 0) return QStringLiteral("0%");
  if (p >= 99.95 && p < 100) return QStringLiteral("99.9%");  // never "100%" for a gap
  if (p >= 1) return QString::number(p, 'f', 1) + QLatin1Char('%');
  return QString::number(p, 'g', 2) + QLatin1Char('%');
}

QString millisecondsText(double seconds) {
  const double ms = seconds * 1e3;
  const QString number = ms >= 1  ? QString::number(ms, 'f', 1)
                         : ms > 0 ? QString::number(ms, 'g', 2)
                                  : QStringLiteral("0");
  return QCoreApplication::translate("Units", "%1 ms").arg(number);
}

QStringList tokenLabels(const std::vector<std::string>& tokens) {
  QStringList out;
  out.reserve(static_cast<qsizetype>(tokens.size()));
  for (const auto& t : tokens) out << QString::fromStdString(t);
  return out;
}

QString pooledSentence(const core::VariantResult& r) {
  return pooledSentence(r.dims.n, r.dims.m, r.weightRows(), r.weightCols(), r.pooledMax());
}

QString pooledSentence(core::Index n, core::Index m, core::Index cellRows, core::Index cellCols,
                       bool max) {
  const core::Index rows = std::max<core::Index>(1, cellRows),
                    cols = std::max<core::Index>(1, cellCols);
  // Blocks of the integer partition: all equal, or differing by one (then "up to").
  const core::Index a = (n + rows - 1) / rows, b = (m + cols - 1) / cols;
  const bool even = n % rows == 0 && m % cols == 0;
  // [maximum or mean][blocks all equal or not]
  static const char* const kTexts[2][2] = {
      {QT_TRANSLATE_NOOP("Streaming",
                         "%1 x %2 is larger than the display budget: showing each cell as the "
                         "mean over a block of up to %3 x %4 weights (streamed)."),
       QT_TRANSLATE_NOOP("Streaming",
                         "%1 x %2 is larger than the display budget: showing each cell as the "
                         "mean over a block of %3 x %4 weights (streamed).")},
      {QT_TRANSLATE_NOOP("Streaming",
                         "%1 x %2 is larger than the display budget: showing each cell as the "
                         "maximum over a block of up to %3 x %4 weights (streamed)."),
       QT_TRANSLATE_NOOP("Streaming",
                         "%1 x %2 is larger than the display budget: showing each cell as the "
                         "maximum over a block of %3 x %4 weights (streamed).")}};
  const char* text = kTexts[max ? 1 : 0][even ? 1 : 0];
  return QCoreApplication::translate("Streaming", text).arg(n).arg(m).arg(a).arg(b);
}

QString needsFullWeightsSentence(core::Index n, core::Index m) {
  return QCoreApplication::translate(
             "Streaming",
             "This view needs every weight, but the %1 x %2 matrix is larger than the display "
             "budget: see the heatmap for its streamed blocks.")
      .arg(n)
      .arg(m);
}

}  // namespace atlas::widgets
