#include "window_menus.h"
#include "menu_action.h"

#include "settings.h"
#include "shortcuts_dialog.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QDockWidget>
#include <QKeySequence>
#include <QMainWindow>
#include <QMenuBar>
#include <QMessageBox>
#include <QToolBar>

namespace atlas::app {

WindowMenus::WindowMenus(QMainWindow* window, int views, QDockWidget* variantsDock,
                         QDockWidget* paramsDock, const std::vector<QAction*>& extraViewActions)
    : QObject(window), m_window(window) {
  m_open = action(this, QKeySequence::Open);
  m_type = action(this, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));  // E for "edit"
  m_export = action(this, QKeySequence(Qt::CTRL | Qt::Key_E));
  m_quit = action(this, QKeySequence::Quit);
  m_recompute = action(this, QKeySequence::Refresh);
  m_find = action(this, QKeySequence::Find);
  m_log = action(this, QKeySequence(Qt::CTRL | Qt::Key_L));
  m_log->setCheckable(true);
  m_log->setChecked(Settings::logScale());
  // Ctrl+N, for numbers: the window has no documents, so nothing else wants it.
  m_cellValues = action(this, QKeySequence(Qt::CTRL | Qt::Key_N));
  m_cellValues->setCheckable(true);
  m_cellValues->setChecked(Settings::cellValues());
  m_guide = action(this, QKeySequence::HelpContents);  // F1
  m_guide->setObjectName("userGuide");
  m_shortcuts = action(this);
  m_shortcuts->setObjectName("keyboardShortcuts");
  m_glossary = action(this);
  m_welcome = action(this);
  m_operator = action(this);
  m_about = action(this);
  connect(m_open, &QAction::triggered, this, &WindowMenus::openRequested);
  connect(m_type, &QAction::triggered, this, &WindowMenus::typeRequested);
  connect(m_export, &QAction::triggered, this, &WindowMenus::exportRequested);
  connect(m_quit, &QAction::triggered, window, &QWidget::close);
  connect(m_recompute, &QAction::triggered, this, &WindowMenus::recomputeRequested);
  connect(m_find, &QAction::triggered, this, &WindowMenus::findRequested);
  connect(m_log, &QAction::toggled, this, &WindowMenus::logScaleToggled);
  connect(m_cellValues, &QAction::toggled, this, &WindowMenus::cellValuesToggled);
  connect(m_guide, &QAction::triggered, this, [this] { Q_EMIT pageRequested("guide"); });
  connect(m_shortcuts, &QAction::triggered, this, [this] {
    auto* dialog = new ShortcutsDialog(m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
  });
  connect(m_glossary, &QAction::triggered, this, &WindowMenus::glossaryRequested);
  connect(m_welcome, &QAction::triggered, this, [this] { Q_EMIT pageRequested("index"); });
  connect(m_operator, &QAction::triggered, this, [this] { Q_EMIT pageRequested("ascend_atb"); });
  connect(m_about, &QAction::triggered, this, [this] {
    QMessageBox::about(m_window, tr("About Attention Atlas"),
                       tr("<h3>Attention Atlas %1</h3><p>Makes attention mechanisms visible: "
                          "every variant computed on the same inputs, shown as heatmaps, with "
                          "its formula and cost.</p>")
                           .arg(QApplication::applicationVersion()));
  });

  auto* languages = new QActionGroup(this);
  m_english = new QAction(QStringLiteral("English"), languages);
  m_chinese = new QAction(QStringLiteral("简体中文"), languages);
  for (QAction* a : {m_english, m_chinese}) a->setCheckable(true);
  connect(m_english, &QAction::triggered, this, [this] { Q_EMIT languageChosen("en"); });
  connect(m_chinese, &QAction::triggered, this, [this] { Q_EMIT languageChosen("zh_CN"); });
  auto* colors = new QActionGroup(this);
  for (int i = 0; i < widgets::kColorMapCount; ++i) {
    auto* a = new QAction(colors);
    a->setCheckable(true);
    a->setData(i);
    connect(a, &QAction::triggered, this,
            [this, i] { Q_EMIT colorMapChosen(static_cast<widgets::ColorMap>(i)); });
    m_colorActions.push_back(a);
  }
  for (int i = 0; i < views; ++i) {  // Ctrl+1..9 switch to the first nine views
    QAction* a = action(this, i < 9 ? QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i))
                                    : QKeySequence());
    connect(a, &QAction::triggered, this, [this, i] { Q_EMIT viewChosen(i); });
    m_viewActions.push_back(a);
  }

  QMenuBar* bar = window->menuBar();
  m_file = bar->addMenu(QString());
  m_file->addActions({m_open, m_type, m_export});
  m_file->addSeparator();
  m_file->addAction(m_quit);
  m_view = bar->addMenu(QString());
  m_language = m_view->addMenu(QString());
  m_language->addActions({m_english, m_chinese});
  m_colors = m_view->addMenu(QString());
  for (QAction* a : m_colorActions) m_colors->addAction(a);
  m_view->addActions({m_log, m_cellValues});
  for (QAction* a : extraViewActions) m_view->addAction(a);
  m_view->addSeparator();
  for (QAction* a : m_viewActions) m_view->addAction(a);
  m_view->addSeparator();
  m_view->addActions({variantsDock->toggleViewAction(), paramsDock->toggleViewAction()});
  m_compute = bar->addMenu(QString());
  m_compute->addActions({m_recompute, m_find});
  m_help = bar->addMenu(QString());
  m_help->addActions({m_guide, m_shortcuts});
  m_help->addSeparator();
  m_help->addActions({m_welcome, m_glossary, m_operator});
  m_help->addSeparator();
  m_help->addAction(m_about);

  m_toolBar = window->addToolBar(QString());
  m_toolBar->setObjectName("mainToolBar");
  m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
  m_toolBar->addActions({m_open, m_export, m_recompute});
  m_toolBar->addSeparator();
  m_toolBar->addActions({m_english, m_chinese});
}

bool WindowMenus::logScale() const { return m_log->isChecked(); }
bool WindowMenus::cellValues() const { return m_cellValues->isChecked(); }

void WindowMenus::setColorMap(widgets::ColorMap map) {
  for (QAction* a : m_colorActions) a->setChecked(a->data().toInt() == static_cast<int>(map));
}

void WindowMenus::retranslate(const QStringList& viewTitles, const QString& language) {
  m_file->setTitle(tr("&File"));
  m_view->setTitle(tr("&View"));
  m_compute->setTitle(tr("&Compute"));
  m_help->setTitle(tr("&Help"));
  m_language->setTitle(tr("&Language"));
  m_colors->setTitle(tr("&Colour map"));
  m_toolBar->setWindowTitle(tr("Toolbar"));
  m_open->setText(tr("&Open Q, K, V…"));
  m_open->setToolTip(tr("Load queries, keys and values from .npy or .csv files"));
  m_type->setText(tr("&Type Q, K, V…"));
  m_type->setToolTip(
      tr("Type small queries, keys and values (and the variant's matrices) by hand in tables"));
  m_export->setText(tr("&Export figure…"));
  m_export->setToolTip(tr("Save the current view as PNG, SVG or PDF"));
  m_quit->setText(tr("&Quit"));
  m_recompute->setText(tr("&Recompute"));
  m_find->setText(tr("&Find variant"));
  m_log->setText(tr("&Logarithmic colour scale"));
  m_cellValues->setText(tr("Show &values in cells"));
  m_cellValues->setToolTip(
      tr("Write each weight in its cell, two decimals, on heatmaps of up to 16 x 16 cells"));
  m_guide->setText(tr("&User guide"));
  m_guide->setToolTip(tr("What the window's panels, views and menus do"));
  m_shortcuts->setText(tr("&Keyboard shortcuts"));
  m_shortcuts->setToolTip(tr("Every key of the window and what it does"));
  m_glossary->setText(tr("&Glossary"));
  m_glossary->setToolTip(tr("The terms of the explanations in English and Chinese, with a search"));
  m_welcome->setText(tr("&Welcome page"));
  m_welcome->setToolTip(
      tr("Self- and cross-attention, where Q, K and V come from, what costs most"));
  m_operator->setText(tr("From &formula to operator (Ascend)"));
  m_operator->setToolTip(
      tr("The fields of Ascend ATB's fused SelfAttention operator, mapped to the variants here"));
  m_about->setText(tr("&About Attention Atlas"));
  for (QAction* a : m_colorActions)
    a->setText(widgets::colorMapName(static_cast<widgets::ColorMap>(a->data().toInt())));
  for (std::size_t i = 0; i < m_viewActions.size() && int(i) < viewTitles.size(); ++i)
    m_viewActions[i]->setText(tr("Show %1").arg(viewTitles[int(i)]));
  m_english->setChecked(language == "en");
  m_chinese->setChecked(language == "zh_CN");
}

}  // namespace atlas::app
