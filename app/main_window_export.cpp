// File > Export figure from the window: the view it draws (the current one, or the heatmap for
// a tab without a figure), the dialog with its preview, and the file written.
#include "compute_session.h"
#include "export_dialog.h"
#include "main_window.h"
#include "settings.h"

#include "widgets/figure_export.h"

#include <QDir>
#include <QFileInfo>
#include <QTabWidget>

namespace atlas::app {

widgets::ResultView* MainWindow::exportedView() {
  auto* current = qobject_cast<widgets::ResultView*>(m_tabs->currentWidget());
  if (!current || !current->figure()) current = view("heatmap");  // e.g. the explanation tab
  if (shown().result) showResultIn(current);
  return current && current->figure() ? current : nullptr;
}

QString MainWindow::exportCurrentView(const QString& path, const widgets::FigureOptions& options) {
  if (!shown().result) return tr("Nothing to export yet: wait for a result.");
  widgets::ResultView* current = exportedView();
  if (!current) return tr("Nothing to export yet: wait for a result.");
  return widgets::exportFigure(current->figure(), path, options);
}

void MainWindow::exportDialog() {
  const QString dir =
      Settings::lastDirectory().isEmpty() ? QDir::homePath() : Settings::lastDirectory();
  const QString variant =
      m_session->variant() ? QString::fromStdString(m_session->variant()->id()) : "figure";
  const ExportDialog::PreviewFn preview = [this](const widgets::FigureOptions& o, QSize box) {
    widgets::ResultView* v = exportedView();
    return v && shown().result ? widgets::renderFigure(v->figure(), o, box) : QImage();
  };
  ExportDialog dialog(QDir(dir).filePath(variant + ".png"), preview, this);
  if (dialog.exec() != QDialog::Accepted) return;
  const QString error = exportCurrentView(dialog.path(), dialog.options());
  if (!error.isEmpty()) {
    showError([error] { return error; });
    return;
  }
  Settings::setLastDirectory(QFileInfo(dialog.path()).absolutePath());
  showStatus([path = dialog.path()] { return tr("Saved %1").arg(QDir::toNativeSeparators(path)); },
             8000);
}

}  // namespace atlas::app
