// The window's part of the remote device: Compute > Device… (the dialog), Reconnect and Compare
// with this computer; "Compute on:" in the toolbar (this computer or the device, kept in step
// with the dialog); in the status bar, where the result shown was computed and in how long,
// and while the device cannot be reached, when it is asked again.
#pragma once

#include "core/engine.h"

#include <QObject>
#include <QPointer>

#include <functional>

class QAction;
class QComboBox;
class QLabel;
class QMainWindow;
class QMenu;
class QStatusBar;
class QToolBar;

namespace atlas::app {

class ComparisonDialog;
class DeviceCompare;
class DeviceConnection;
class DeviceDialog;
struct DeviceComparison;

class DeviceUi : public QObject {
  Q_OBJECT
 public:
  /// `request` gives the request on screen (what Compare computes); it may throw core::Error.
  DeviceUi(QMainWindow* window, DeviceConnection* connection, QMenu* computeMenu, QToolBar* toolBar,
           std::function<core::EngineRequest()> request);

  void retranslate();
  /// A result reached the views: the status bar says where it was computed.
  void showComputedOn(const core::VariantResult& result);

  /// Compute > Device…: opens the dialog (window-modal, not blocking); OK saves and applies.
  void openDialog();
  /// The dialog while it is open, else null.
  DeviceDialog* dialog() const;
  /// Compute > Compare with this computer.
  void compare();

  QComboBox* deviceBox() const { return m_box; }
  QLabel* computedOnLabel() const { return m_computedOn; }
  QLabel* retryLabel() const { return m_retry; }
  QAction* deviceAction() const { return m_deviceAction; }
  QAction* reconnectAction() const { return m_reconnect; }
  QAction* compareAction() const { return m_compareAction; }
  /// The comparison's answer once shown, else null.
  ComparisonDialog* comparisonDialog() const;

 Q_SIGNALS:
  /// For the window's error bar.
  void failed(const core::Error& error);
  /// For the window's status bar, a few seconds.
  void status(const std::function<QString()>& text);

 private:
  void sync();  ///< the toolbar and the actions follow the connection
  void showComparison(const DeviceComparison& comparison);

  QMainWindow* m_window;
  DeviceConnection* m_connection;
  std::function<core::EngineRequest()> m_request;
  DeviceCompare* m_compare;
  QPointer<DeviceDialog> m_dialog;
  QPointer<ComparisonDialog> m_compareDialog;
  QLabel* m_boxLabel;
  QComboBox* m_box;
  QLabel* m_computedOn;
  QLabel* m_retry;
  QAction *m_deviceAction, *m_reconnect, *m_compareAction;
  std::function<QString()> m_computedText, m_computedTip, m_retryText, m_retryTip;
};

}  // namespace atlas::app
