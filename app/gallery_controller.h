// The gallery: every chosen variant computed on the window's current inputs, with its own engine
// so that it never cancels the main computation, and only while the gallery is on screen. The
// export command fills a gallery the same way, at once (fill).
#pragma once

#include "core/device/device.h"
#include "core/request_builder.h"

#include <QObject>

#include <functional>
#include <optional>
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
  /// Who computes its requests (ComputeController::setRunner).
  ComputeController* controller() const { return m_controller; }

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

 Q_SIGNALS:
  /// A device failed as a whole (Error::Kind::Device) before the round showed anything: the
  /// panels on screen stay, and the gallery is computed again on the next update.
  void failed(const core::Error& error);

 private:
  void onOutcome(int job, const core::JobOutcome& outcome);

  widgets::GalleryView* m_view;
  const ComputeSession* m_session;
  std::function<bool()> m_onScreen;
  ComputeController* m_controller;
  QStringList m_jobs;  ///< the variant of each job of the request running
  /// The round whose panels replace the ones on screen when its first result arrives.
  std::optional<core::GalleryRequest> m_pending;
  std::vector<bool> m_arrived;  ///< per job of the round: its result is shown
  bool m_roundFailed = false;   ///< the round's device failure was reported
  bool m_stale = true;
};

}  // namespace atlas::app
