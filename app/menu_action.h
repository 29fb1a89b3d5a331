// The app's menu actions are made the same way: a QAction owned by `parent`, with its shortcut;
// its text comes from the owner's retranslate().
#pragma once

#include <QAction>
#include <QKeySequence>

namespace atlas::app {

inline QAction* action(QObject* parent, const QKeySequence& keys = {}) {
  auto* a = new QAction(parent);
  a->setShortcut(keys);
  return a;
}

}  // namespace atlas::app
