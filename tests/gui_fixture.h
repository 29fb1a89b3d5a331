// What the GUI test suites share: waiting for asynchronous results, settings kept out of the
// user's home, and showing one variant on random inputs of a given N.
#pragma once

#include "main_window.h"

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

#include <functional>

namespace guitest {

/// Results arrive asynchronously from the engine's threads.
constexpr int kTimeout = 20000;

inline bool waitFor(const std::function<bool()>& condition, int timeout = kTimeout) {
  return QTest::qWaitFor(condition, timeout);
}

/// Settings go to `dir`, never to the user's; application names as main.cpp sets them.
inline void useTemporarySettings(const QTemporaryDir& dir) {
  QStandardPaths::setTestModeEnabled(true);
  QSettings::setDefaultFormat(QSettings::IniFormat);
  QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.path());
  QApplication::setOrganizationName("AttentionAtlas");
  QApplication::setApplicationName("attention-atlas");
}

/// Chooses the "random" source and N, selects `variant`, and waits for its result at that N.
inline bool showVariant(atlas::app::MainWindow& w, const QString& variant, int n) {
  QComboBox* source = w.parameterPanel()->sourceBox();
  source->setCurrentIndex(source->findData("random"));
  w.parameterPanel()->spinBox("n")->setValue(n);
  w.variantBrowser()->selectVariant(variant);
  return waitFor([&] {
    const auto* r = w.shown().result.get();
    return r && QString::fromStdString(r->variant) == variant && r->dims.n == n;
  });
}

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
