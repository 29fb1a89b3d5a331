// The main window: variant browser and parameter panel in docks, the views as tabs, menus,
// toolbar and status bar. Wires the widgets to the engine through ComputeController.
#pragma once

#include "widgets/color_maps.h"
#include "widgets/result_view.h"

#include "core/params.h"
#include "core/variant.h"

#include <QMainWindow>

#include <functional>
#include <map>
#include <memory>
#include <vector>

class QAction;
class QActionGroup;
class QDockWidget;
class QLabel;
class QMenu;
class QProgressBar;
class QTabWidget;
class QToolBar;
class QToolButton;

namespace atlas::widgets {
class ComplexityView;
class GalleryView;
class LowRankView;
class ParameterPanel;
class VariantBrowser;
struct FigureOptions;
}  // namespace atlas::widgets

namespace atlas::app {

class BackgroundTask;
class ComputeController;
class Language;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(Language* language, QWidget* parent = nullptr);

  /// Loads Q, K, V from files: one file is used as Q, K and V; three files are told apart by
  /// their names (q, k, v). On any error the message is shown and the current data stays.
  bool loadInputFiles(const QStringList& paths);
  /// Writes the current view's figure. Returns an empty string or the error sentence.
  QString exportCurrentView(const QString& path, const widgets::FigureOptions& options);
  /// Recomputes now with the current parameters.
  void recompute();

  widgets::VariantBrowser* variantBrowser() const { return m_browser; }
  widgets::ParameterPanel* parameterPanel() const { return m_panel; }
  widgets::ResultView* view(const QString& id) const;
  QTabWidget* tabs() const { return m_tabs; }
  ComputeController* controller() const { return m_controller; }
  /// The message of the error bar (empty when hidden).
  QString errorMessage() const;
  /// The message of the information bar (empty when hidden): says when the weights shown are
  /// streamed into blocks because the matrix is larger than the display budget.
  QString infoMessage() const;
  /// Progress and Cancel of a long (streamed) computation, in the status bar; hidden otherwise.
  QProgressBar* progressBar() const { return m_progress; }
  QToolButton* cancelButton() const { return m_cancelButton; }
  /// The data shown now (result of the latest successful computation).
  const widgets::ViewData& shown() const { return m_shown; }

 Q_SIGNALS:
  /// A result reached the views (for tests and --screenshot).
  void resultShown();

 protected:
  void changeEvent(QEvent* event) override;
  void closeEvent(QCloseEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  void createActions();
  void createMenus();
  void retranslate();
  void restoreSession();
  void saveSession();
  void chooseVariant(const QString& id);
  void onResult(quint64 generation, int job, std::shared_ptr<const core::JobOutcome> outcome);
  /// Shows the error bar with `text()`, asked again when the language changes.
  void showError(std::function<QString()> text);
  /// The status bar's message `text()` (for `timeout` ms, 0: until replaced), asked again when
  /// the language changes while it is shown.
  void showStatus(std::function<QString()> text, int timeout = 0);
  /// An error already in words (e.g. from exportFigure): shown as it is.
  void showError(const QString& message) {
    showError([message] { return message; });
  }
  void clearError();
  void openFilesDialog();
  void exportDialog();
  void setColorMap(widgets::ColorMap map);
  void setLanguage(const QString& code);
  /// Hands the shown result to a view unless it already has it.
  void showResultIn(widgets::ResultView* view);
  void setupGallery();
  void recomputeGallery();
  void setupLowRank();
  void analyseLowRank();
  void updateLinformer(int k);
  void setupComplexity();
  /// The information bar, the progress bar and Cancel of streamed computations.
  void setupStreaming();
  void retranslateStreaming();
  void showPooledInfo(const core::VariantResult& result);
  void hideProgress();
  /// The resolution and pooling of streamed heatmaps (1024 x 1024 cells, Settings::poolMode).
  core::PoolSpec displayPool() const;
  void startBench(const QStringList& variants, const QList<qint64>& ns, int repeats, int d);
  void calibrateMachine();
  /// Resolved parameters of a variant: its defaults, then `values` (name -> text).
  /// Throws core::Error for values that are not valid.
  core::ParamSet paramsFor(const core::Variant& variant, const QVariantMap& values) const;

  Language* m_language;
  ComputeController* m_controller;
  widgets::VariantBrowser* m_browser;
  widgets::ParameterPanel* m_panel;
  QTabWidget* m_tabs;
  std::vector<std::pair<QString, widgets::ResultView*>> m_views;
  QDockWidget* m_variantsDock;
  QDockWidget* m_paramsDock;
  QWidget* m_errorBar;
  QLabel* m_errorLabel;
  std::function<QString()> m_errorText;   ///< the error shown, in the current language
  std::function<QString()> m_statusText;  ///< the last status bar message, likewise
  int m_statusTimeout = 0;
  QLabel* m_statusLabel;
  QWidget* m_infoBar = nullptr;
  QLabel* m_infoLabel = nullptr;
  QProgressBar* m_progress = nullptr;
  QToolButton* m_cancelButton = nullptr;
  QToolBar* m_toolBar;
  QString m_variant;
  std::shared_ptr<const core::Inputs> m_loaded;  ///< Q, K, V from files (the "files" source)
  QString m_loadedDescription;
  widgets::ViewData m_shown;
  quint64 m_shownSerial = 0;                          ///< counts results put on screen
  std::map<widgets::ResultView*, quint64> m_viewHas;  ///< the serial each view shows
  quint64 m_generation = 0;
  widgets::GalleryView* m_gallery = nullptr;
  ComputeController* m_galleryController = nullptr;
  QStringList m_galleryIds;  ///< the variant of each job of the gallery's request
  quint64 m_galleryGeneration = 0;
  bool m_galleryStale = true;
  widgets::LowRankView* m_lowRank = nullptr;
  BackgroundTask* m_lowRankTask = nullptr;
  BackgroundTask* m_linformerTask = nullptr;
  bool m_lowRankStale = true;
  widgets::ComplexityView* m_complexity = nullptr;
  BackgroundTask* m_benchTask = nullptr;
  BackgroundTask* m_calibrationTask = nullptr;
  quint64 m_benchGeneration = 0;
  bool m_restoring = false;

  QMenu *m_fileMenu, *m_viewMenu, *m_computeMenu, *m_helpMenu, *m_languageMenu, *m_colorMenu;
  QAction *m_openAction, *m_exportAction, *m_quitAction, *m_recomputeAction, *m_logAction;
  QAction *m_englishAction, *m_chineseAction, *m_aboutAction, *m_searchAction;
  QAction* m_poolMeanAction = nullptr;
  QActionGroup* m_colorGroup;
  std::vector<QAction*> m_colorActions, m_viewActions;
};

}  // namespace atlas::app
