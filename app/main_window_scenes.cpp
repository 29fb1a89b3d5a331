// The window's lessons: MainWindow::applyState and captureState (the window's whole state as
// one value, a scene), and the lesson's controller, menus, dock and caption bar.
#include "caption_bar.h"
#include "compute_session.h"
#include "language.h"
#include "lesson_controller.h"
#include "lesson_recovery.h"
#include "lesson_ui.h"
#include "main_window.h"
#include "message_bar.h"
#include "presentation.h"
#include "settings.h"
#include "window_menus.h"

#include "widgets/parameter_panel.h"
#include "widgets/variant_browser.h"

#include "core/variant_registry.h"

#include <QDockWidget>
#include <QSignalBlocker>
#include <QTabWidget>
#include <QVBoxLayout>

namespace atlas::app {

void MainWindow::createClassroom() {
  m_lessons = new LessonController(this);
  m_recovery = new LessonRecovery(m_lessons);
  m_lessonUi = new LessonUi(this, m_lessons, m_menus->fileMenu(), m_menus->exportAction(),
                            m_menus->helpMenu());
  m_caption = new CaptionBar(m_lessons, centralWidget());
  // Above the views, below the error and information bars.
  static_cast<QVBoxLayout*>(centralWidget()->layout())->insertWidget(2, m_caption);
  connect(m_lessons, &LessonController::failed, this,
          [this](const std::function<QString()>& message) { showError(message); });
  connect(m_lessons, &LessonController::opened, this, [this] {
    if (!m_presentation->isActive()) m_lessonUi->dock()->show();  // presenting: panels hidden
  });
  m_presentation = new Presentation(this, m_caption, m_menus->viewMenu());
  connect(m_presentation, &Presentation::lookChanged, this, &MainWindow::showProjectorLook);
  connect(m_presentation, &Presentation::languageToggleRequested, this,
          [this] { setLanguage(m_language->current() == "zh_CN" ? "en" : "zh_CN"); });
  // The scenes' keys work with the menus hidden too.
  addActions({m_lessonUi->nextAction(), m_lessonUi->previousAction()});
}

void MainWindow::setPresentation(bool on) { m_presentation->setActive(on); }

void MainWindow::showProjectorLook(bool on) {
  const widgets::ColorMap map =
      on ? widgets::ColorMap::Hot : widgets::colorMapFromId(Settings::colorMap());
  for (auto& [id, v] : m_views) {
    v->setColorMap(map);
    v->setCellValues(on || m_menus->cellValues());
  }
}

void MainWindow::applyState(const WindowState& state) {
  const core::Variant* v = core::findVariant(state.variant.toStdString());
  if (!v) return;
  if (const core::Variant* old = m_session->variant())
    Settings::setVariantValues(QString::fromStdString(old->id()), m_panel->variantValues());
  m_restoring = true;  // one computation at the end, not one per field
  {
    const QSignalBlocker quiet(m_browser);
    m_browser->selectVariant(state.variant);
  }
  m_session->setVariant(*v);
  m_session->setFixedMatrices(state.matrices);
  m_panel->setVariant(*v, state.values);
  m_panel->setInputValues(state.inputs);
  if (state.loaded) {
    m_session->setLoaded(state.loaded);
    m_loadedDescription = state.loadedDescription;
    m_panel->setLabels(state.queryLabels, state.keyLabels);
    m_panel->setFilesLoaded(state.loadedDescription);
  } else {
    m_panel->setLabels({}, {});
  }
  for (auto& [id, view] : m_views) view->setVariant(state.variant);
  if (widgets::ResultView* target = view(state.view)) {
    if (!state.compare.isEmpty()) target->setChosenVariants(state.compare);
    target->setPage(state.page);
    target->setStep(state.step);
    m_tabs->setCurrentWidget(target);
  }
  m_restoring = false;
  recompute();
}

WindowState MainWindow::captureState() const {
  WindowState s;
  if (const core::Variant* v = m_session->variant()) s.variant = QString::fromStdString(v->id());
  s.inputs = m_panel->inputValues();
  s.values = m_panel->variantValues();
  if (m_panel->usesFiles() && m_session->loaded()) {
    s.loaded = m_session->loaded();
    s.loadedDescription = m_loadedDescription;
    s.queryLabels = m_panel->queryLabels();
    s.keyLabels = m_panel->keyLabels();
  }
  s.matrices = m_session->fixedMatrices();
  for (const auto& [id, v] : m_views)
    if (v == m_tabs->currentWidget()) {
      s.view = id;
      s.page = v->page();
      s.compare = v->chosenVariants();
      s.step = v->step();
    }
  return s;
}

}  // namespace atlas::app
