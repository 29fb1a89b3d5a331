#include "result_view.h"

#include <QEvent>

namespace atlas::widgets {

void ResultView::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

QStringList tokenLabels(const std::vector<std::string>& tokens) {
  QStringList out;
  out.reserve(static_cast<qsizetype>(tokens.size()));
  for (const auto& t : tokens) out << QString::fromStdString(t);
  return out;
}

}  // namespace atlas::widgets
