// What the window shows, as one value: the variant and its parameters, the inputs (generated or
// hand-set with labels), the view and its page. A lesson's scene becomes one (lesson_scenes.h),
// and the author's "add the current state as a scene" reads one back.
#pragma once

#include "core/inputs.h"
#include "core/types.h"

#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <map>
#include <memory>
#include <string>

namespace atlas::app {

struct WindowState {
  QString variant;     ///< the variant's id
  QVariantMap inputs;  ///< the parameter panel's input values (ParameterPanel::inputValues)
  QVariantMap values;  ///< the variant's parameters as text (ParameterPanel::variantValues)
  /// Hand-set Q, K, V (without labels): the panel's "files" source; nullptr: generated inputs.
  std::shared_ptr<const core::Inputs> loaded;
  QString loadedDescription;                     ///< the source's tooltip for `loaded`
  QString queryLabels, keyLabels;                ///< the label fields (comma-separated)
  std::map<std::string, core::Matrix> matrices;  ///< matrix parameters given by hand
  QString view = "heatmap";                      ///< the view's id
  QString page;                                  ///< the view's page ("" its first)
  QStringList compare;  ///< the variants a view of several draws ("" its own)
  int step = 0;         ///< the walkthrough's step
};

}  // namespace atlas::app
