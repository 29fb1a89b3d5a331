// The main window: the variant browser and the parameter panel in docks, the views as tabs (one
// per entry of the view table), the menus, the toolbar, the error bar and the status bar. Each
// feature is its own controller (the compute session, the gallery, the low-rank analysis, the
// benchmark sweep, the streaming status); the window wires them to its widgets.
#pragma once

#include "window_state.h"

#include "widgets/color_maps.h"
#include "widgets/result_view.h"

#include <QMainWindow>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

class QDockWidget;
class QLabel;
class QProgressBar;
class QTabWidget;
class QToolButton;

namespace atlas::widgets {
class ParameterPanel;
class VariantBrowser;
struct FigureOptions;
}  // namespace atlas::widgets

namespace atlas::app {

class BenchController;
class CaptionBar;
class GlossaryDialog;
class LessonController;
class LessonRecovery;
class Presentation;
class LessonUi;
class ComputeController;
class ComputeSession;
class DeviceConnection;
class DeviceUi;
class GalleryController;
class Language;
class LowRankController;
class MessageBar;
class StreamStatus;
class WindowMenus;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(Language* language, QWidget* parent = nullptr);

  /// Loads Q, K, V from files: one file is used as Q, K and V; three files are told apart by
  /// their names (q, k, v). On any error the message is shown and the current data stays.
  bool loadInputFiles(const QStringList& paths);
  /// File > Type Q, K, V: opens the matrix editor (window-modal) on the window's inputs; its OK
  /// computes on the typed Q, K, V as on loaded files, with the variant's matrices typed there
  /// (main_window_inputs.cpp).
  void typeInputs();
  /// Writes the current view's figure. Returns an empty string or the error sentence.
  QString exportCurrentView(const QString& path, const widgets::FigureOptions& options);
  /// The view File > Export draws: the current one, or the heatmap for a tab without a figure;
  /// handed the shown result. Null before a result.
  widgets::ResultView* exportedView();
  /// Recomputes now with the current parameters.
  void recompute();
  /// Shows `state` (a lesson's scene): variant, parameters, inputs, view and page, then computes
  /// once. The caller checked the variant and the view exist.
  void applyState(const WindowState& state);
  /// What the window shows now, as applyState takes it.
  WindowState captureState() const;

  /// The UI language's code ("en", "zh_CN").
  QString languageCode() const;
  widgets::VariantBrowser* variantBrowser() const { return m_browser; }
  widgets::ParameterPanel* parameterPanel() const { return m_panel; }
  widgets::ResultView* view(const QString& id) const;
  QTabWidget* tabs() const { return m_tabs; }
  ComputeSession* session() const { return m_session; }
  ComputeController* controller() const;
  /// Where the window computes: this computer or a remote device (Compute > Remote device…).
  DeviceConnection* deviceConnection() const { return m_device; }
  /// The remote device's menu entries, toolbar choice and status (main_window_device.cpp).
  DeviceUi* deviceUi() const { return m_deviceUi; }
  LessonController* lessons() const { return m_lessons; }
  LessonUi* lessonUi() const { return m_lessonUi; }
  LessonRecovery* lessonRecovery() const { return m_recovery; }
  CaptionBar* captionBar() const { return m_caption; }
  Presentation* presentation() const { return m_presentation; }
  /// Presentation mode (F11) on or off.
  void setPresentation(bool on);
  /// Help > Glossary: shows the glossary dialog (made on first use), its search field focused.
  void showGlossary();
  /// The glossary dialog; null until first shown.
  GlossaryDialog* glossary() const { return m_glossary; }
  /// Opens the page "ID.html" a link asked for: a variant's (that variant is chosen), another
  /// page ("index") on the Explanation tab, or the glossary's dialog. Unknown ids are ignored.
  void openPage(const QString& id);
  /// The message of the error bar (empty when hidden).
  QString errorMessage() const;
  /// The message of the information bar (empty when hidden): says when the weights shown are
  /// pooled into blocks because the matrix is larger than the display budget.
  QString infoMessage() const;
  /// Progress and Cancel of a long (pooled) computation, in the status bar; hidden otherwise.
  QProgressBar* progressBar() const;
  QToolButton* cancelButton() const;
  /// The data shown now (result of the latest successful computation).
  const widgets::ViewData& shown() const;

 Q_SIGNALS:
  /// A result reached the views (for tests and --screenshot).
  void resultShown();

 protected:
  void changeEvent(QEvent* event) override;
  void closeEvent(QCloseEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  void createViews();
  void createControllers();
  void createMenus();
  /// The lesson's controller, its menus and dock, the caption bar and presentation mode
  /// (main_window_scenes.cpp).
  void createClassroom();
  /// Where the window computes: the device connection applied to the main computation and
  /// the gallery, its dialog, toolbar choice and status (main_window_device.cpp).
  void createDevice();
  /// Presentation mode's look (a high-contrast map, values in cells) or the user's own.
  void showProjectorLook(bool on);
  void retranslate();
  void restoreSession();
  void saveSession();
  void chooseVariant(const QString& id);
  void onSubmitted();
  void onResultShown();
  /// Shows the error bar with `text()`, asked again when the language changes.
  void showError(std::function<QString()> text);
  void showError(const core::Error& error);
  /// The status bar's message `text()` (for `timeout` ms, 0: until replaced), asked again when
  /// the language changes while it is shown.
  void showStatus(std::function<QString()> text, int timeout = 0);
  void openFilesDialog();
  /// Computes on `inputs` (Q, K, V without labels) as the panel's "files" source described by
  /// `description`; `labels` (query, key), when given, fill the panel's label fields. Once.
  void useLoadedInputs(std::shared_ptr<const core::Inputs> inputs, const QString& description,
                       const std::optional<std::pair<QString, QString>>& labels = std::nullopt);
  void exportDialog();
  void setColorMap(widgets::ColorMap map);
  void setLanguage(const QString& code);
  /// Hands the shown result to a view unless it already has it.
  void showResultIn(widgets::ResultView* view);
  /// The tab on screen changed: it gets the shown result, and the gallery and the low-rank
  /// analysis run if they are out of date.
  void onTabChanged();

  Language* m_language;
  ComputeSession* m_session = nullptr;
  GalleryController* m_gallery = nullptr;
  LowRankController* m_lowRank = nullptr;
  BenchController* m_bench = nullptr;
  StreamStatus* m_stream = nullptr;
  DeviceConnection* m_device = nullptr;
  DeviceUi* m_deviceUi = nullptr;
  widgets::VariantBrowser* m_browser;
  widgets::ParameterPanel* m_panel;
  QTabWidget* m_tabs = nullptr;
  std::vector<std::pair<QString, widgets::ResultView*>> m_views;
  QDockWidget* m_variantsDock;
  QDockWidget* m_paramsDock;
  MessageBar* m_errorBar = nullptr;
  MessageBar* m_infoBar = nullptr;
  std::function<QString()> m_statusText;  ///< the last status bar message, in the UI language
  int m_statusTimeout = 0;
  QLabel* m_statusLabel;
  QString m_loadedDescription;
  quint64 m_shownSerial = 0;                          ///< counts results put on screen
  std::map<widgets::ResultView*, quint64> m_viewHas;  ///< the serial each view shows
  bool m_restoring = false;

  WindowMenus* m_menus = nullptr;
  LessonController* m_lessons = nullptr;
  LessonUi* m_lessonUi = nullptr;
  LessonRecovery* m_recovery = nullptr;
  CaptionBar* m_caption = nullptr;
  Presentation* m_presentation = nullptr;
  GlossaryDialog* m_glossary = nullptr;
};

}  // namespace atlas::app
