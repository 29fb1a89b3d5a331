// Presentation mode (F11, --present): the window full screen with its panels, toolbar, menu
// and status bar hidden, type and lines scaled for a projector (Ctrl +/- zoom, kept in the
// settings), a high-contrast colour map, every small heatmap's values in its cells, the scene's
// caption large, and the language one key away (F12). Leaving it (F11 or Esc) restores the
// window exactly; nothing of it is saved but the zoom.
#pragma once

#include <QByteArray>
#include <QFont>
#include <QObject>

class QAction;
class QMainWindow;
class QMenu;

namespace atlas::app {

class CaptionBar;

class Presentation : public QObject {
  Q_OBJECT
 public:
  /// Its actions go into `menu` and onto `window` (so that they work with the menu hidden).
  Presentation(QMainWindow* window, CaptionBar* caption, QMenu* menu);

  bool isActive() const { return m_active; }
  void setActive(bool on);
  /// The type's factor while presenting.
  double zoom() const { return m_zoom; }
  void setZoom(double zoom);
  QAction* toggleAction() const { return m_toggle; }

  void retranslate();

 Q_SIGNALS:
  /// Entering (true) or leaving: the window shows its projector look or its own.
  void lookChanged(bool presenting);
  /// F12: the other language.
  void languageToggleRequested();

 private:
  /// Scales the application's type and every plot from the factor applied now to `factor`.
  void applyScale(double factor);

  QMainWindow* m_window;
  CaptionBar* m_caption;
  QAction *m_toggle, *m_zoomIn, *m_zoomOut, *m_zoomReset, *m_language, *m_leave;
  bool m_active = false;
  double m_zoom;
  double m_applied = 1.0;  ///< the factor the type has now
  QFont m_baseFont;
  QByteArray m_state;     ///< the docks' and toolbars' layout before presenting
  QByteArray m_geometry;  ///< the window's place and size before presenting
  bool m_wasMaximized = false;
};

}  // namespace atlas::app
