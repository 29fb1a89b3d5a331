// MainWindow: from parameters to a request, from results to the views; files in and out.
#include "compute_controller.h"
#include "export_dialog.h"
#include "main_window.h"
#include "settings.h"

#include "widgets/core_text.h"
#include "widgets/parameter_panel.h"

#include "core/io/matrix_file.h"
#include "core/memory.h"
#include "core/variant_registry.h"

#include <QDir>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMimeData>
#include <QRegularExpression>
#include <QStatusBar>
#include <QTabWidget>

namespace atlas::app {
namespace {

/// 'q', 'k' or 'v' from a file name such as "q.npy", "layer3_keys.csv"; 0 when unclear.
char roleOf(const QString& path) {
  const QStringList parts = QFileInfo(path).completeBaseName().toLower().split(
      QRegularExpression("[^a-z0-9]+"), Qt::SkipEmptyParts);
  char role = 0;
  for (const QString& p : parts) {
    char r = 0;
    if (p == "q" || p == "query" || p == "queries") r = 'q';
    if (p == "k" || p == "key" || p == "keys") r = 'k';
    if (p == "v" || p == "value" || p == "values") r = 'v';
    if (r && role && r != role) return 0;
    if (r) role = r;
  }
  return role;
}

bool isMatrixFile(const QString& path) {
  const QString s = QFileInfo(path).suffix().toLower();
  return s == "npy" || s == "csv" || s == "txt";
}

}  // namespace

void MainWindow::chooseVariant(const QString& id) {
  const core::Variant* v = core::findVariant(id.toStdString());
  if (!v || id == m_variant) return;
  if (!m_variant.isEmpty()) Settings::setVariantParams(m_variant, m_panel->variantValues());
  m_variant = id;
  Settings::setLastVariant(id);
  m_restoring = true;
  m_panel->setVariant(*v, Settings::variantParams(id));
  m_restoring = false;
  for (auto& [vid, view] : m_views) view->setVariant(id);
  recompute();
}

void MainWindow::recompute() {
  const core::Variant* v = core::findVariant(m_variant.toStdString());
  if (!v) return;
  core::EngineRequest request;
  try {
    core::ParamSet params = paramsFor(*v, m_panel->variantValues());
    request.spec = m_panel->inputSpec();
    params.seed = request.spec.seed;
    if (m_panel->usesFiles())
      request.loaded = m_loaded;
    else
      core::baseDims(request.spec);  // an empty sentence is reported now, not by the engine
    const double limit = Settings::memoryLimit();
    request.memoryLimit = limit > 0 ? limit : core::defaultMemoryLimit();
    // Weights over the display budget are streamed into blocks (core/streaming.h).
    request.displayBudget = Settings::displayBudget();
    request.pool = displayPool();
    request.jobs.push_back({v, std::move(params)});
  } catch (const core::Error& e) {
    showError([e] { return widgets::errorText(e); });
    return;
  }
  m_generation = m_controller->submit(std::move(request));
  hideProgress();  // until the new request's own streamed job reports
  Settings::setInputs(m_panel->inputValues());
  Settings::setVariantParams(m_variant, m_panel->variantValues());
  m_galleryStale = true;
  recomputeGallery();
}

core::ParamSet MainWindow::paramsFor(const core::Variant& variant,
                                     const QVariantMap& values) const {
  const auto specs = variant.params();
  core::ParamSet params = core::defaultParams(specs);
  for (auto it = values.cbegin(); it != values.cend(); ++it)
    core::setParam(params, specs, variant.id(), it.key().toStdString(),
                   it.value().toString().toStdString());
  return params;
}

void MainWindow::onResult(quint64 generation, int,
                          std::shared_ptr<const core::JobOutcome> outcome) {
  if (generation != m_generation) return;
  if (!outcome->ok()) {
    // The previous result stays on screen; the message keeps the error's format and arguments.
    showError([format = outcome->error->format(), args = outcome->error->args()] {
      return widgets::errorText(format, args);
    });
    return;
  }
  clearError();
  showPooledInfo(*outcome->result);
  m_shown = {outcome->result, outcome->inputs};
  ++m_shownSerial;
  // Only the view on screen draws now; the others catch up when they are shown (a hidden
  // view would otherwise cost the slider its share of every step).
  if (auto* current = qobject_cast<widgets::ResultView*>(m_tabs->currentWidget()))
    showResultIn(current);
  m_lowRankStale = true;
  analyseLowRank();
  const auto& r = *outcome->result;  // the message keeps these values, not the result
  showStatus([variant = r.variant, n = r.dims.n, m = r.dims.m, heads = int(r.heads()),
              ms = r.seconds * 1e3] {
    return tr("%1: N = %2, M = %3, %n head(s), computed in %4 ms", nullptr, heads)
        .arg(widgets::variantLabel(variant))
        .arg(n)
        .arg(m)
        .arg(ms, 0, 'f', 1);
  });
  Q_EMIT resultShown();
}

void MainWindow::showError(std::function<QString()> text) {
  m_errorText = text;
  m_errorLabel->setText(m_errorText());
  m_errorBar->show();
  showStatus(std::move(text), 8000);
}

void MainWindow::showStatus(std::function<QString()> text, int timeout) {
  m_statusText = std::move(text);
  m_statusTimeout = timeout;
  statusBar()->showMessage(m_statusText(), timeout);
}

void MainWindow::clearError() {
  m_errorText = nullptr;
  m_errorLabel->clear();
  m_errorBar->hide();
}

QString MainWindow::errorMessage() const {
  return m_errorBar->isHidden() ? QString() : m_errorLabel->text();
}

bool MainWindow::loadInputFiles(const QStringList& paths) {
  auto inputs = std::make_shared<core::Inputs>();
  try {
    if (paths.size() == 1) {
      const core::Matrix x = core::io::readMatrixFile(paths[0].toStdString(), "Q, K, V");
      inputs->q = inputs->k = inputs->v = x;
    } else if (paths.size() == 3) {
      QString byRole[3];
      for (const QString& p : paths) {
        const char r = roleOf(p);
        const int slot = r == 'q' ? 0 : r == 'k' ? 1 : r == 'v' ? 2 : -1;
        if (slot < 0 || !byRole[slot].isEmpty()) {
          showError([] {
            return tr(
                "Cannot tell which file is Q, K and V: name them q, k and v (for example q.npy, "
                "k.npy, v.npy).");
          });
          return false;
        }
        byRole[slot] = p;
      }
      inputs->q = core::io::readMatrixFile(byRole[0].toStdString(), "Q");
      inputs->k = core::io::readMatrixFile(byRole[1].toStdString(), "K");
      inputs->v = core::io::readMatrixFile(byRole[2].toStdString(), "V");
    } else {
      showError(
          [] { return tr("Give one file (used as Q, K and V) or three files named q, k and v."); });
      return false;
    }
    core::validateInputs(*inputs);
  } catch (const core::Error& e) {
    showError([e] { return widgets::errorText(e); });
    return false;
  }
  QStringList names;
  for (const QString& p : paths) names << QFileInfo(p).fileName();
  m_loaded = std::move(inputs);
  const auto d = m_loaded->dims();
  m_loadedDescription = tr("Files %1: N = %2, M = %3, dq = %4, dk = %5, dv = %6")
                            .arg(names.join(", "))
                            .arg(d.n)
                            .arg(d.m)
                            .arg(d.dq)
                            .arg(d.dk)
                            .arg(d.dv);
  Settings::setLastDirectory(QFileInfo(paths[0]).absolutePath());
  clearError();
  const bool wasFiles = m_panel->usesFiles();
  m_panel->setFilesLoaded(m_loadedDescription);  // selects the "files" source: recomputes
  if (wasFiles) recompute();
  return true;
}

void MainWindow::openFilesDialog() {
  const QStringList files =
      QFileDialog::getOpenFileNames(this, tr("Open Q, K, V"), Settings::lastDirectory(),
                                    tr("Matrices (*.npy *.csv *.txt);;All files (*)"));
  if (!files.isEmpty()) loadInputFiles(files);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
  const auto urls = event->mimeData()->urls();
  const bool ok = !urls.isEmpty() && std::all_of(urls.begin(), urls.end(), [](const QUrl& u) {
    return u.isLocalFile() && isMatrixFile(u.toLocalFile());
  });
  if (ok) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
  QStringList paths;
  for (const QUrl& u : event->mimeData()->urls()) paths << u.toLocalFile();
  event->acceptProposedAction();
  loadInputFiles(paths);
}

QString MainWindow::exportCurrentView(const QString& path, const widgets::FigureOptions& options) {
  auto* current = qobject_cast<widgets::ResultView*>(m_tabs->currentWidget());
  QCustomPlot* figure = current ? current->figure() : nullptr;
  if (!figure) current = view("heatmap");  // e.g. from the explanation tab
  if (!m_shown.result) return tr("Nothing to export yet: wait for a result.");
  showResultIn(current);
  figure = current->figure();
  return widgets::exportFigure(figure, path, options);
}

void MainWindow::exportDialog() {
  const QString dir =
      Settings::lastDirectory().isEmpty() ? QDir::homePath() : Settings::lastDirectory();
  ExportDialog dialog(QDir(dir).filePath(m_variant + ".png"), this);
  if (dialog.exec() != QDialog::Accepted) return;
  const QString error = exportCurrentView(dialog.path(), dialog.options());
  if (!error.isEmpty()) {
    showError(error);
    return;
  }
  Settings::setLastDirectory(QFileInfo(dialog.path()).absolutePath());
  showStatus([path = dialog.path()] { return tr("Saved %1").arg(QDir::toNativeSeparators(path)); },
             8000);
}

}  // namespace atlas::app
