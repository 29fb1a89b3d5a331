// What the GUI test suites share: the window each test opens on fresh settings, waiting for
// asynchronous results, settings kept out of the user's home, and showing one variant on random
// inputs of a given N.
#pragma once

#include "language.h"
#include "main_window.h"
#include "settings.h"

#include "widgets/heatmap_view.h"
#include "widgets/parameter_panel.h"
#include "widgets/variant_browser.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QMenu>
#include <QSettings>

#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include "app/settings_store.h"

#include <functional>
#include <memory>

namespace guitest {

/// Results arrive asynchronously from the engine's threads.
constexpr int kTimeout = 20000;

inline bool waitFor(const std::function<bool()>& condition, int timeout = kTimeout) {
  return QTest::qWaitFor(condition, timeout);
}

/// Settings go to `dir`, never to the user's; application names as main.cpp sets them.
inline void useTemporarySettings(const QTemporaryDir& dir) {
  QStandardPaths::setTestModeEnabled(true);
  QApplication::setOrganizationName("AttentionAtlas");
  QApplication::setApplicationName("attention-atlas");
  atlas::app::keepSettingsIn(dir.path());
}

/// The result the window shows; null before the first one arrives.
inline const atlas::core::VariantResult* result(const atlas::app::MainWindow& w) {
  return w.shown().result.get();
}

inline atlas::widgets::HeatmapView* heatmap(const atlas::app::MainWindow& w) {
  return qobject_cast<atlas::widgets::HeatmapView*>(w.view("heatmap"));
}

/// Waits for a shown result of `variant` that satisfies `condition`.
inline bool waitForResult(
    const atlas::app::MainWindow& w, const QString& variant,
    const std::function<bool(const atlas::core::VariantResult&)>& condition = {}) {
  return waitFor([&] {
    const atlas::core::VariantResult* r = result(w);
    return r && QString::fromStdString(r->variant) == variant && (!condition || condition(*r));
  });
}

/// Chooses the "random" source and N, selects `variant`, and waits for its result at that N.
inline bool showVariant(atlas::app::MainWindow& w, const QString& variant, int n) {
  QComboBox* source = w.parameterPanel()->sourceBox();
  source->setCurrentIndex(source->findData("random"));
  w.parameterPanel()->spinBox("n")->setValue(n);
  w.variantBrowser()->selectVariant(variant);
  return waitForResult(w, variant,
                       [n](const atlas::core::VariantResult& r) { return r.dims.n == n; });
}

/// One window per test, each on cleared settings in English, so that no test sees what another
/// left behind; the settings themselves live in a temporary directory for the whole suite.
class WindowFixture {
 public:
  /// For initTestCase. False when the temporary directory could not be made.
  bool setUpSuite() {
    if (!m_settingsDir.isValid()) return false;
    useTemporarySettings(m_settingsDir);
    return true;
  }

  /// For init: clears the settings, runs `settings` (what a suite sets before every window reads
  /// it), makes an English language and shows a window at `size` (an invalid size keeps the one
  /// the window restores). Null when the window never appeared.
  atlas::app::MainWindow* openWindow(QSize size = {}, const std::function<void()>& settings = {}) {
    atlas::app::Settings::clear();
    if (settings) settings();
    m_language = std::make_unique<atlas::app::Language>();
    if (!m_language->setLanguage("en")) return nullptr;
    makeWindow();
    return showWindow(size);
  }

  /// A new window on the same settings and language, not shown yet: what a restart reads back.
  /// The previous window goes first and saves nothing on the way (only closing saves).
  atlas::app::MainWindow& makeWindow() {
    m_window.reset();
    m_window = std::make_unique<atlas::app::MainWindow>(m_language.get());
    return *m_window;
  }

  /// Resizes the window to `size` when valid, shows it and waits until it is exposed.
  atlas::app::MainWindow* showWindow(QSize size = {}) {
    if (size.isValid()) m_window->resize(size);
    m_window->show();
    return QTest::qWaitForWindowExposed(m_window.get()) ? m_window.get() : nullptr;
  }

  /// For cleanup: the window, then the language (its translators leave the application with it).
  void closeWindow() {
    m_window.reset();
    m_language.reset();
  }

  atlas::app::MainWindow& window() const { return *m_window; }
  atlas::app::Language& language() const { return *m_language; }

 private:
  QTemporaryDir m_settingsDir;
  std::unique_ptr<atlas::app::Language> m_language;
  std::unique_ptr<atlas::app::MainWindow> m_window;
};

/// Select all, type the value, Enter: as a user edits a spin box.
inline void setSpin(QSpinBox* spin, int value) {
  QTest::keyClick(spin, Qt::Key_A, Qt::ControlModifier);
  QTest::keyClicks(spin, QString::number(value));
  QTest::keyClick(spin, Qt::Key_Return);
}

/// The action with this text anywhere in these menus and their submenus.
inline QAction* menuAction(const QList<QAction*>& actions, const QString& text) {
  for (QAction* a : actions) {
    if (a->text() == text) return a;
    if (a->menu())
      if (QAction* found = menuAction(a->menu()->actions(), text)) return found;
  }
  return nullptr;
}

}  // namespace guitest
