// The window's menus, toolbar and shortcuts: File (open, type Q, K, V, export, quit), View
// (language, colour map, logarithmic scale, values in cells, streamed heatmaps, a shortcut per
// view, the docks), Compute (recompute, find a variant), Help (the user guide, the keyboard
// shortcuts, the welcome page, the glossary, Ascend's operator, about). The actions say what the
// user asked for; the window acts on it.
#pragma once

#include "widgets/color_maps.h"

#include <QObject>

#include <vector>

class QAction;
class QActionGroup;
class QDockWidget;
class QMainWindow;
class QMenu;
class QToolBar;

namespace atlas::app {

class WindowMenus : public QObject {
  Q_OBJECT
 public:
  /// Builds the menus and the toolbar of `window`: `views` shortcuts Ctrl+1.., the docks' own
  /// toggles, and `extraViewActions` (e.g. the streamed heatmaps' mode) after the log scale.
  WindowMenus(QMainWindow* window, int views, QDockWidget* variantsDock, QDockWidget* paramsDock,
              const std::vector<QAction*>& extraViewActions);

  void retranslate(const QStringList& viewTitles, const QString& language);
  void setColorMap(widgets::ColorMap map);
  bool logScale() const;
  bool cellValues() const;
  QMenu* fileMenu() const { return m_file; }
  QMenu* viewMenu() const { return m_view; }
  QMenu* computeMenu() const { return m_compute; }
  QMenu* helpMenu() const { return m_help; }
  QAction* exportAction() const { return m_export; }
  QToolBar* toolBar() const { return m_toolBar; }

 Q_SIGNALS:
  void openRequested();
  void typeRequested();
  void exportRequested();
  void recomputeRequested();
  void findRequested();
  void glossaryRequested();
  /// A page of the explanation panel that belongs to no variant ("guide", "index", "ascend_atb").
  void pageRequested(const QString& id);
  void logScaleToggled(bool on);
  void cellValuesToggled(bool on);
  void languageChosen(const QString& code);
  void colorMapChosen(widgets::ColorMap map);
  void viewChosen(int index);

 private:
  QMainWindow* m_window;
  QMenu *m_file, *m_view, *m_compute, *m_help, *m_language, *m_colors;
  QAction *m_open, *m_type, *m_export, *m_quit, *m_recompute, *m_log, *m_cellValues, *m_english,
      *m_chinese, *m_guide, *m_shortcuts, *m_glossary, *m_welcome, *m_operator, *m_about, *m_find;
  std::vector<QAction*> m_colorActions, m_viewActions;
  QToolBar* m_toolBar;
};

}  // namespace atlas::app
