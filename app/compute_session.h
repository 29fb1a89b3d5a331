// The window's computation: the chosen variant, the parameter panel's typed parameters and
// inputs (or Q, K, V loaded from files), one request at a time to the engine (latest wins), and
// the result on screen, which every view is handed.
#pragma once

#include "widgets/result_view.h"

#include "core/request_builder.h"

#include <QObject>

#include <map>
#include <memory>
#include <string>

namespace atlas::widgets {
class ParameterPanel;
}

namespace atlas::app {

class ComputeController;

class ComputeSession : public QObject {
  Q_OBJECT
 public:
  explicit ComputeSession(widgets::ParameterPanel* panel, QObject* parent = nullptr);

  ComputeController* controller() const { return m_controller; }
  /// The variant computed; nullptr before one is chosen.
  const core::Variant* variant() const { return m_variant; }
  /// Chooses the variant (the panel shows its parameters); does not recompute.
  void setVariant(const core::Variant& variant) { m_variant = &variant; }
  /// Q, K, V from files: what the panel's "files" source computes on, with the labels the panel
  /// has for their rows.
  void setLoaded(std::shared_ptr<const core::Inputs> inputs);
  /// The Q, K, V loaded (without the panel's labels); nullptr when none.
  const std::shared_ptr<const core::Inputs>& loaded() const { return m_loaded; }
  /// Matrix parameters given by hand (a lesson's scene), used instead of the seeded ones for
  /// the variant's parameters of those names; cleared by an empty map.
  void setFixedMatrices(std::map<std::string, core::Matrix> matrices) {
    m_fixed = std::move(matrices);
  }
  const std::map<std::string, core::Matrix>& fixedMatrices() const { return m_fixed; }

  /// The inputs and limits of the window's requests now (the gallery computes on the same).
  /// Throws core::Error when the panel's labels do not fit the loaded files.
  core::RequestBuilder requests() const;
  /// The variant's parameters as the panel has them.
  core::VariantChoice choice() const;

  /// Computes the variant on the panel's inputs now; a newer request cancels this one.
  void recompute();
  /// The latest result that reached the views (empty before the first).
  const widgets::ViewData& shown() const { return m_shown; }

 Q_SIGNALS:
  /// A request went out.
  void submitted();
  /// A new result is in shown().
  void resultShown();
  /// A request could not be made, or its job failed; the previous result stays on screen.
  void failed(const core::Error& error);

 private:
  void onResult(std::shared_ptr<const core::JobOutcome> outcome);
  /// The loaded inputs with the panel's labels (made again only when the labels change).
  std::shared_ptr<const core::Inputs> labelled() const;

  widgets::ParameterPanel* m_panel;
  ComputeController* m_controller;
  const core::Variant* m_variant = nullptr;
  std::shared_ptr<const core::Inputs> m_loaded;
  std::map<std::string, core::Matrix> m_fixed;
  mutable std::shared_ptr<const core::Inputs> m_labelled;
  mutable QString m_labelsOf;  ///< the label texts m_labelled was made with
  widgets::ViewData m_shown;
};

}  // namespace atlas::app
