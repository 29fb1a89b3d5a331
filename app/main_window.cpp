#include "main_window.h"

#include "bench_controller.h"
#include "compute_controller.h"
#include "compute_session.h"
#include "device_ui.h"
#include "gallery_controller.h"
#include "glossary_dialog.h"
#include "language.h"
#include "lesson_controller.h"
#include "lesson_ui.h"
#include "low_rank_controller.h"
#include "message_bar.h"
#include "presentation.h"
#include "settings.h"
#include "stream_status.h"
#include "window_menus.h"

#include "widgets/complexity_view.h"
#include "widgets/core_text.h"
#include "widgets/explanation_view.h"
#include "widgets/gallery_view.h"
#include "widgets/low_rank_view.h"
#include "widgets/parameter_panel.h"
#include "widgets/variant_browser.h"
#include "widgets/view_table.h"

#include "core/variant_registry.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QScrollArea>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QVBoxLayout>

namespace atlas::app {

MainWindow::MainWindow(Language* language, QWidget* parent)
    : QMainWindow(parent), m_language(language) {
  setObjectName("MainWindow");
  setAcceptDrops(true);

  // Left: the variant browser; right: the parameters. Both are docks the user can move.
  m_browser = new widgets::VariantBrowser(this);
  m_variantsDock = new QDockWidget(this);
  m_variantsDock->setObjectName("variantsDock");
  m_variantsDock->setWidget(m_browser);
  addDockWidget(Qt::LeftDockWidgetArea, m_variantsDock);
  m_panel = new widgets::ParameterPanel(this);
  auto* scroll = new QScrollArea(this);
  scroll->setWidget(m_panel);
  scroll->setWidgetResizable(true);
  m_paramsDock = new QDockWidget(this);
  m_paramsDock->setObjectName("parametersDock");
  m_paramsDock->setWidget(scroll);
  addDockWidget(Qt::RightDockWidgetArea, m_paramsDock);
  m_statusLabel = new QLabel(this);
  statusBar()->addPermanentWidget(m_statusLabel);

  createViews();
  createControllers();
  createMenus();
  createClassroom();
  createDevice();
  resize(1400, 860);
  restoreSession();
  retranslate();
}

void MainWindow::createViews() {
  // Centre: the error bar and the information bar above the views, one tab per entry of the
  // view table.
  auto* centre = new QWidget(this);
  auto* layout = new QVBoxLayout(centre);
  layout->setContentsMargins(0, 0, 0, 0);
  m_errorBar = new MessageBar(MessageBar::Kind::Error, centre);
  m_infoBar = new MessageBar(MessageBar::Kind::Info, centre);
  // A settings file that cannot be written: said once in the window's language, nothing lost.
  Settings::onWriteFailure([bar = QPointer<MessageBar>(m_errorBar)](const QString& file) {
    if (!bar) return;
    bar->showMessage([file] {
      return tr("The settings could not be saved to %1 (is the disk full, or the folder "
                "read-only?): your changes are kept and will be written with the next ones.")
          .arg(file);
    });
  });
  m_tabs = new QTabWidget(centre);
  int count = 0;
  const widgets::ViewEntry* table = widgets::viewTable(&count);
  for (int i = 0; i < count; ++i) {
    widgets::ResultView* v = table[i].make(m_tabs);
    v->setObjectName(QString::fromLatin1(table[i].id) + "View");
    m_views.emplace_back(QString::fromLatin1(table[i].id), v);
    m_tabs->addTab(v, QString());
  }
  layout->addWidget(m_errorBar);
  layout->addWidget(m_infoBar);
  layout->addWidget(m_tabs, 1);  // the lesson's caption bar goes above (createLessons)
  setCentralWidget(centre);
  connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::onTabChanged);
}

void MainWindow::createControllers() {
  m_session = new ComputeSession(m_panel, this);
  connect(m_session, &ComputeSession::submitted, this, &MainWindow::onSubmitted);
  connect(m_session, &ComputeSession::resultShown, this, &MainWindow::onResultShown);
  // The previous result stays on screen; the message keeps the error's format and arguments.
  connect(m_session, &ComputeSession::failed, this,
          qOverload<const core::Error&>(&MainWindow::showError));
  connect(m_browser, &widgets::VariantBrowser::variantChosen, this, &MainWindow::chooseVariant);
  connect(m_panel, &widgets::ParameterPanel::changed, this, [this] {
    if (!m_restoring) recompute();
  });
  connect(controller(), &ComputeController::busyChanged, this,
          [this](bool busy) { m_statusLabel->setText(busy ? tr("Computing…") : QString()); });

  m_stream = new StreamStatus(controller(), m_infoBar, statusBar(), this);
  connect(m_stream, &StreamStatus::cancelled, this, [this] {
    showStatus([] { return tr("Computation cancelled: the previous result stays on screen."); },
               8000);
  });
  connect(m_stream, &StreamStatus::poolModeChanged, this, [this] {
    if (shown().result && shown().result->pooled()) recompute();
  });

  auto onScreen = [this](const char* id) {
    return [this, id] { return m_tabs->currentWidget() == view(id); };
  };
  if (auto* e = qobject_cast<widgets::ExplanationView*>(view("explanation")))
    connect(e, &widgets::ExplanationView::pageRequested, this, &MainWindow::openPage);
  if (auto* g = qobject_cast<widgets::GalleryView*>(view("gallery"))) {
    m_gallery = new GalleryController(g, m_session, onScreen("gallery"), this);
    connect(g, &widgets::GalleryView::variantActivated, this, [this](const QString& id) {
      m_browser->selectVariant(id);
      m_tabs->setCurrentWidget(view("heatmap"));
    });
    connect(g, &widgets::GalleryView::chosenVariantsChanged, this, [this] {
      m_gallery->invalidate();
      m_gallery->update();
    });
  }
  if (auto* l = qobject_cast<widgets::LowRankView*>(view("lowrank"))) {
    m_lowRank = new LowRankController(l, onScreen("lowrank"), this);
    connect(m_lowRank, &LowRankController::failed, this,
            qOverload<const core::Error&>(&MainWindow::showError));
  }
  if (auto* c = qobject_cast<widgets::ComplexityView*>(view("complexity"))) {
    m_bench = new BenchController(
        c, [this] { return m_session->requests(); }, this);
    connect(m_bench, &BenchController::failed, this,
            qOverload<const core::Error&>(&MainWindow::showError));
  }
}

void MainWindow::createMenus() {
  m_menus = new WindowMenus(this, int(m_views.size()), m_variantsDock, m_paramsDock,
                            {m_stream->poolMeanAction()});
  connect(m_menus, &WindowMenus::openRequested, this, &MainWindow::openFilesDialog);
  connect(m_menus, &WindowMenus::typeRequested, this, &MainWindow::typeInputs);
  connect(m_menus, &WindowMenus::exportRequested, this, &MainWindow::exportDialog);
  connect(m_menus, &WindowMenus::recomputeRequested, this, &MainWindow::recompute);
  connect(m_menus, &WindowMenus::glossaryRequested, this, &MainWindow::showGlossary);
  connect(m_menus, &WindowMenus::pageRequested, this, &MainWindow::openPage);
  connect(m_menus, &WindowMenus::findRequested, this, [this] {
    m_variantsDock->show();
    m_browser->searchField()->setFocus();
    m_browser->searchField()->selectAll();
  });
  connect(m_menus, &WindowMenus::logScaleToggled, this, [this](bool on) {
    for (auto& [id, v] : m_views) v->setLogScale(on);
    Settings::setLogScale(on);
  });
  connect(m_menus, &WindowMenus::cellValuesToggled, this, [this](bool on) {
    for (auto& [id, v] : m_views) v->setCellValues(on);
    Settings::setCellValues(on);
  });
  connect(m_menus, &WindowMenus::languageChosen, this, &MainWindow::setLanguage);
  connect(m_menus, &WindowMenus::colorMapChosen, this, &MainWindow::setColorMap);
  connect(m_menus, &WindowMenus::viewChosen, m_tabs, &QTabWidget::setCurrentIndex);
}

void MainWindow::retranslate() {
  setWindowTitle(tr("Attention Atlas"));
  m_variantsDock->setWindowTitle(tr("Variants"));
  m_paramsDock->setWindowTitle(tr("Parameters"));
  QStringList titles;
  int count = 0;
  const widgets::ViewEntry* table = widgets::viewTable(&count);
  for (int i = 0; i < count; ++i) titles << widgets::viewTitle(table[i]);
  for (int i = 0; i < count; ++i) m_tabs->setTabText(i, titles[i]);
  m_menus->retranslate(titles, m_language->current());
  m_stream->retranslate();
  m_deviceUi->retranslate();
  if (m_lessonUi) m_lessonUi->retranslate();
  if (m_presentation) m_presentation->retranslate();
  if (m_lessons) m_lessons->retranslate();  // a scene's labels follow the language
  // The status message, if still shown (it may have timed out), in the new language.
  if (m_statusText && !statusBar()->currentMessage().isEmpty())
    statusBar()->showMessage(m_statusText(), m_statusTimeout);
}

ComputeController* MainWindow::controller() const { return m_session->controller(); }
QString MainWindow::languageCode() const { return m_language->current(); }
const widgets::ViewData& MainWindow::shown() const { return m_session->shown(); }
QString MainWindow::errorMessage() const { return m_errorBar->message(); }
QString MainWindow::infoMessage() const { return m_infoBar->message(); }
QProgressBar* MainWindow::progressBar() const { return m_stream->progressBar(); }
QToolButton* MainWindow::cancelButton() const { return m_stream->cancelButton(); }

widgets::ResultView* MainWindow::view(const QString& id) const {
  for (const auto& [vid, v] : m_views)
    if (vid == id) return v;
  return nullptr;
}

void MainWindow::showResultIn(widgets::ResultView* view) {
  if (!view || !shown().result || m_viewHas[view] == m_shownSerial) return;
  m_viewHas[view] = m_shownSerial;
  view->setResult(shown());
}

void MainWindow::onTabChanged() {
  if (m_tabs->currentWidget() == view("lowrank")) {
    m_lowRank->update();  // hands the view its result itself
  } else {
    showResultIn(qobject_cast<widgets::ResultView*>(m_tabs->currentWidget()));
  }
  if (m_gallery) m_gallery->update();
}

void MainWindow::chooseVariant(const QString& id) {
  const core::Variant* v = core::findVariant(id.toStdString());
  if (!v || v == m_session->variant()) return;
  if (const core::Variant* old = m_session->variant())
    Settings::setVariantValues(QString::fromStdString(old->id()), m_panel->variantValues());
  m_session->setVariant(*v);
  m_session->setFixedMatrices({});  // a scene's hand-set matrices belong to its variant
  Settings::setLastVariant(id);
  m_restoring = true;
  m_panel->setVariant(*v, Settings::variantValues(id));
  m_restoring = false;
  for (auto& [vid, view] : m_views) view->setVariant(id);
  recompute();
}

void MainWindow::recompute() { m_session->recompute(); }

void MainWindow::showGlossary() {
  if (!m_glossary) {
    m_glossary = new GlossaryDialog(this);
    connect(m_glossary, &GlossaryDialog::pageRequested, this, &MainWindow::openPage);
  }
  m_glossary->show();
  m_glossary->raise();
  m_glossary->activateWindow();
  m_glossary->searchField()->setFocus();
}

void MainWindow::openPage(const QString& id) {
  if (id == QLatin1String("glossary")) {
    showGlossary();
    return;
  }
  auto* explanation = qobject_cast<widgets::ExplanationView*>(view("explanation"));
  if (!explanation) return;
  if (core::findVariant(id.toStdString())) {
    m_browser->selectVariant(id);  // the views follow; the page is the variant's own again
    explanation->showPage({});
  } else if (QFile::exists(widgets::ExplanationView::pagePath("en", id))) {
    explanation->showPage(id);  // the welcome page: the variant stays
  } else {
    return;
  }
  m_tabs->setCurrentWidget(explanation);
}

void MainWindow::onSubmitted() {
  m_stream->hideProgress();  // until the new request's own pooled job reports
  Settings::setInputs(m_panel->inputValues());
  if (const core::Variant* v = m_session->variant())
    Settings::setVariantValues(QString::fromStdString(v->id()), m_panel->variantValues());
  if (m_gallery) {
    m_gallery->invalidate();
    m_gallery->update();
  }
}

void MainWindow::onResultShown() {
  m_errorBar->clearMessage();
  const widgets::ViewData& data = shown();
  m_stream->showResult(*data.result);
  ++m_shownSerial;
  // Only the view on screen draws now; the others catch up when they are shown (a hidden
  // view would otherwise cost the slider its share of every step).
  if (m_tabs->currentWidget() != view("lowrank"))
    showResultIn(qobject_cast<widgets::ResultView*>(m_tabs->currentWidget()));
  if (m_lowRank) m_lowRank->setResult(data);
  const auto& r = *data.result;  // the message keeps these values, not the result
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
  m_errorBar->showMessage(text);
  showStatus(std::move(text), 8000);
}

void MainWindow::showError(const core::Error& error) {
  showError([error] { return widgets::errorText(error); });
}

void MainWindow::showStatus(std::function<QString()> text, int timeout) {
  m_statusText = std::move(text);
  m_statusTimeout = timeout;
  statusBar()->showMessage(m_statusText(), timeout);
}

void MainWindow::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QMainWindow::changeEvent(event);
}

void MainWindow::setLanguage(const QString& code) {
  if (!m_language->setLanguage(code)) {
    showError([code] { return tr("The translation for %1 could not be loaded.").arg(code); });
    return;
  }
  // The views, messages and errors follow LanguageChange: nothing is recomputed.
  Settings::setLanguage(code);
}

void MainWindow::setColorMap(widgets::ColorMap map) {
  for (auto& [id, v] : m_views) v->setColorMap(map);
  m_menus->setColorMap(map);
  Settings::setColorMap(widgets::colorMapId(map));
}

void MainWindow::restoreSession() {
  m_restoring = true;
  restoreGeometry(Settings::windowGeometry());
  restoreState(Settings::windowState());
  m_panel->setInputValues(Settings::inputs());
  setColorMap(widgets::colorMapFromId(Settings::colorMap()));
  for (auto& [id, v] : m_views) {
    v->setLogScale(m_menus->logScale());
    v->setCellValues(m_menus->cellValues());
  }
  m_restoring = false;
  if (!m_browser->selectVariant(Settings::lastVariant())) m_browser->selectVariant("scaled_dot");
}

void MainWindow::saveSession() {
  Settings::setWindow(saveGeometry(), saveState());
  Settings::setInputs(m_panel->inputValues());
  if (const core::Variant* v = m_session->variant()) {
    Settings::setLastVariant(QString::fromStdString(v->id()));
    Settings::setVariantValues(QString::fromStdString(v->id()), m_panel->variantValues());
  }
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (!m_lessonUi->confirmDiscard()) {  // unsaved scenes: the user may keep the window open
    event->ignore();
    return;
  }
  saveSession();
  QMainWindow::closeEvent(event);
}

}  // namespace atlas::app
