// The gallery: every chosen variant computed on the window's current inputs, with its own engine
// so that it never cancels the main computation, and only while the gallery is on screen. The
// export command fills a gallery the same way, at once (fill).
#pragma once

#include "core/device/device.h"
#include "core/request_builder.h"

#include <QObject>

#include <functional>
#include <vector>

namespace atlas::widgets {
class GalleryView;
}

namespace atlas::app {

class ComputeController;
class ComputeSession;

class GalleryController : public QObject {
  Q_OBJECT
 public:
  /// `onScreen` says whether the gallery is the view shown now.
  GalleryController(widgets::GalleryView* view, const ComputeSession* session,
                    std::function<bool()> onScreen, QObject* parent = nullptr);

  /// The inputs or parameters changed: the gallery is out of date.
  void invalidate() { m_stale = true; }
  /// Computes the gallery if it is out of date and on screen.
  void update();

  /// The choices of the gallery's variants: the session's own parameters for its variant, the
  /// last used ones (the settings) for the others.
  static std::vector<core::VariantChoice> choices(const QStringList& ids,
                                                  const core::VariantChoice& current);
  /// Starts a round of `view` for `gallery`: the variants not computed say why.
  static void begin(widgets::GalleryView* view, const core::GalleryRequest& gallery);
  /// Computes `gallery` now (blocking) into `view`, on `device` (null: this computer); returns
  /// the outcomes in job order.
  static std::vector<core::JobOutcome> fill(widgets::GalleryView* view,
                                            const core::GalleryRequest& gallery,
                                            core::Device* device = nullptr);

 private:
  widgets::GalleryView* m_view;
  const ComputeSession* m_session;
  std::function<bool()> m_onScreen;
  ComputeController* m_controller;
  QStringList m_jobs;  ///< the variant of each job of the request running
  bool m_stale = true;
};

}  // namespace atlas::app
