// The window's inputs beyond the parameter panel: Q, K, V from files opened or dropped on the
// window, and typed by hand in the matrix editor. Both reach the computation the same way, as
// the panel's "files" source (useLoadedInputs).
#include "compute_session.h"
#include "input_files.h"
#include "main_window.h"
#include "matrix_editor.h"
#include "message_bar.h"
#include "settings.h"

#include "widgets/parameter_panel.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QMimeData>

#include <algorithm>

namespace atlas::app {

bool MainWindow::loadInputFiles(const QStringList& paths) {
  std::function<QString()> error;
  auto inputs = readInputFiles(paths, &error);
  if (!inputs) {
    showError(error);
    return false;
  }
  Settings::setLastDirectory(QFileInfo(paths[0]).absolutePath());
  const QString description = describeInputFiles(paths, *inputs);
  useLoadedInputs(std::move(inputs), description);
  return true;
}

void MainWindow::useLoadedInputs(std::shared_ptr<const core::Inputs> inputs,
                                 const QString& description,
                                 const std::optional<std::pair<QString, QString>>& labels) {
  m_loadedDescription = description;
  m_session->setLoaded(std::move(inputs));
  m_errorBar->clearMessage();
  m_restoring = true;  // the labels and the "files" source recompute once, below
  if (labels) m_panel->setLabels(labels->first, labels->second);
  m_panel->setFilesLoaded(m_loadedDescription);
  m_restoring = false;
  recompute();
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

void MainWindow::typeInputs() {
  if (auto* open = findChild<MatrixEditor*>()) {
    open->raise();
    open->activateWindow();
    return;
  }
  MatrixEditor::Current current;
  current.inputs = shown().inputs ? shown().inputs : m_session->loaded();
  // The matrices the result on screen used (seeded ones too), and the ones given by hand.
  const core::Variant* variant = m_session->variant();
  if (shown().result && variant && shown().result->variant == variant->id())
    current.matrices = shown().result->params.matrices;
  for (const auto& [name, matrix] : m_session->fixedMatrices()) {
    current.matrices[name] = matrix;
    current.fixed.insert(name);
  }
  const bool onLoaded = m_panel->usesFiles() && m_session->loaded();
  auto* editor = new MatrixEditor(variant, m_panel->variantParams(), std::move(current), this);
  // On loaded (or typed) Q, K, V the editor starts from them: a number or two to change.
  if (onLoaded) editor->startFromCurrent();
  connect(editor, &QDialog::finished, editor, &QObject::deleteLater);
  connect(editor, &QDialog::accepted, this, [this, editor] {
    std::shared_ptr<const core::Inputs> inputs = editor->inputs();
    m_session->setFixedMatrices(editor->matrices());
    const QString description = MatrixEditor::describe(*inputs);
    useLoadedInputs(std::move(inputs), description,
                    std::pair(editor->queryLabels(), editor->keyLabels()));
  });
  editor->open();
}

}  // namespace atlas::app
